"""How the UN record reads over the API: states by ISO code, groups and bodies by their codes,
sessions by number; recorded votes as flat rows ready for a data frame."""

import orjson
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from core.api import WrittenJSON
from core.record_api import StateCodeField
from unrecord.models import (
    Body,
    MemberState,
    RecordedVote,
    RegionalGroup,
    Resolution,
    Session,
    Sponsorship,
    VoteChoice,
    VoteEvent,
)
from unrecord.state_names import language_names
from unrecord.titles import repaired


def _code(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


def _session_number(source: str = "session.number") -> serializers.IntegerField:
    return serializers.IntegerField(
        source=source, read_only=True, allow_null=True, help_text="Session number."
    )


class RegionalGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionalGroup
        fields = ["code", "name", "abbreviation"]


class MemberStateSerializer(serializers.ModelSerializer):
    regional_group = _code(allow_null=True)
    other_groups = _code(many=True)
    successor = StateCodeField(read_only=True, allow_null=True)

    class Meta:
        model = MemberState
        fields = [
            "iso3",
            "un_name",
            "formal_name",
            "common_name",
            "status",
            "admitted_on",
            "left_on",
            "regional_group",
            "group_status",
            "other_groups",
            "successor",
        ]


class LanguageNamesSerializer(serializers.Serializer):
    """A state's name in the six UN languages, from the Unicode CLDR (the name in common use, not
    the formal one); none for a former member, whose code CLDR withdrew."""

    ar = serializers.CharField(help_text="Arabic.")
    zh = serializers.CharField(help_text="Chinese (simplified).")
    en = serializers.CharField(help_text="English.")
    fr = serializers.CharField(help_text="French.")
    ru = serializers.CharField(help_text="Russian.")
    es = serializers.CharField(help_text="Spanish.")


class MemberStateDetailSerializer(MemberStateSerializer):
    names = serializers.SerializerMethodField()

    class Meta(MemberStateSerializer.Meta):
        fields = [*MemberStateSerializer.Meta.fields, "names"]

    @extend_schema_field(LanguageNamesSerializer(allow_null=True))
    def get_names(self, state) -> dict[str, str] | None:
        return language_names(state.iso3, state.status) or None


class BodySerializer(serializers.ModelSerializer):
    parent = _code(allow_null=True)

    class Meta:
        model = Body
        fields = ["code", "name", "short_name", "parent"]


class SessionSerializer(serializers.ModelSerializer):
    body = _code()

    class Meta:
        model = Session
        fields = ["id", "body", "number", "opened_on", "closed_on"]


class SponsorshipSerializer(serializers.ModelSerializer):
    state = StateCodeField(read_only=True)

    class Meta:
        model = Sponsorship
        fields = ["state", "role", "on_behalf_of", "joined_on", "withdrew_on"]


class RepairedTextField(serializers.CharField):
    """Text from the UN's files as a reader should see it: its broken characters repaired
    (unrecord/titles.py); a field `..._as_recorded` beside it gives the text as recorded."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return repaired(super().to_representation(value))


def _as_recorded(source: str) -> serializers.CharField:
    return serializers.CharField(
        source=source, read_only=True, help_text=f"The {source} as recorded, broken characters and all."
    )


class ResolutionSerializer(serializers.ModelSerializer):
    session = _session_number()
    body = _code(allow_null=True)
    title = RepairedTextField(help_text="Broken characters of the UN's files repaired.")
    title_as_recorded = _as_recorded("title")
    agenda_item = RepairedTextField(
        allow_blank=True, help_text="The agenda item's heading, broken characters of the UN's files repaired."
    )
    sponsors = SponsorshipSerializer(source="sponsorships", many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = [
            "id",
            "symbol",
            "draft_symbol",
            "adopted_symbol",
            "title",
            "title_as_recorded",
            "session",
            "body",
            "series",
            "agenda_item",
            "subjects",
            "tabled_on",
            "adopted_on",
            "sponsors",
        ]
        read_only_fields = fields


class VoteEventSerializer(serializers.ModelSerializer):
    body = _code()
    session = _session_number()
    resolution_symbol = serializers.CharField(source="resolution.symbol", read_only=True, allow_null=True)
    # Declared for the schema: a read-only field built from the model forgets that it may be blank.
    source_url = serializers.URLField(read_only=True, allow_blank=True)
    recorded = serializers.BooleanField(
        read_only=True,
        help_text="Whether the record holds this roll call's recorded votes (its tally/). False when "
        "adopted without a vote, or when its votes were not imported.",
    )
    description = RepairedTextField(
        allow_blank=True, help_text="What was put to the vote, broken characters of the UN's files repaired."
    )
    description_as_recorded = _as_recorded("description")

    class Meta:
        model = VoteEvent
        fields = [
            "id",
            "date",
            "body",
            "session",
            "kind",
            "result",
            "recorded",
            "resolution",
            "resolution_symbol",
            "amendment",
            "description",
            "description_as_recorded",
            "meeting_record",
            "yes_count",
            "no_count",
            "abstain_count",
            "non_voting_count",
            "source_id",
            "source_url",
        ]
        read_only_fields = fields


class _VoteRowSerializer(serializers.ModelSerializer):
    """A recorded vote's columns read from its roll call."""

    date = serializers.DateField(source="vote_event.date", read_only=True)
    resolution_symbol = serializers.CharField(
        source="vote_event.resolution.symbol", read_only=True, allow_null=True
    )


class RecordedVoteSerializer(_VoteRowSerializer):
    """One row per state per roll call, every column a plain value."""

    # The list renders pages with recorded_vote_rows, from plain values: this serializer is what
    # the schema says, and tests pin the two to the same rows.

    body = serializers.CharField(
        source="vote_event.body.code", read_only=True, help_text="The body that voted, e.g. GA, GA-C3."
    )
    # The choice set VoteEvent's `kind` has, so that the schema names it the same (VoteEventKindEnum).
    vote_kind = serializers.ChoiceField(
        source="vote_event.kind",
        choices=VoteEvent.Kind.choices,
        read_only=True,
        help_text="What was voted on: a draft as a whole, an amendment, a paragraph or a motion.",
    )
    state = serializers.CharField(source="state.iso3", read_only=True)
    state_name = serializers.CharField(source="state.common_name", read_only=True)
    regional_group = serializers.CharField(
        source="state.regional_group.code", read_only=True, allow_null=True
    )

    class Meta:
        model = RecordedVote
        fields = [
            "vote_event",
            "date",
            "body",
            "vote_kind",
            "resolution_symbol",
            "state",
            "state_name",
            "regional_group",
            "choice",
        ]
        read_only_fields = fields


def recorded_vote_rows(votes: list[tuple], roll_calls: dict, states: dict) -> list[dict]:
    """RecordedVoteSerializer's rows, without its per-field machinery (a fifth of a page's cost),
    from a page of selectors.recorded_vote_keys and selectors.roll_calls_and_states: each roll
    call's and each state's columns are written once, then shared by their votes' rows."""
    roll_call_columns, state_columns = _roll_call_columns(roll_calls), _state_columns(states)
    return [
        {"vote_event": event, **roll_call_columns[event], **state_columns[state], "choice": choice}
        for event, state, choice in votes
    ]


def recorded_vote_json(votes: list[tuple], roll_calls: dict, states: dict) -> WrittenJSON:
    """recorded_vote_rows as the JSON array the JSON renderer writes as it is: each roll call's
    and each state's columns written once, and each row joined from its roll call's, its
    state's and its choice's. Built as dictionaries and encoded, a page of 500 took 0.65 ms of
    CPU; joined, 0.25 ms."""
    roll_call_json = {
        pk: orjson.dumps({"vote_event": pk, **columns})[:-1]  # open: the state's columns follow
        for pk, columns in _roll_call_columns(roll_calls).items()
    }
    state_json = {pk: b"," + orjson.dumps(columns)[1:-1] for pk, columns in _state_columns(states).items()}
    choices = {choice for _, _, choice in votes}
    choice_json = {choice: b',"choice":' + orjson.dumps(choice) + b"}" for choice in choices}
    rows = [roll_call_json[event] + state_json[state] + choice_json[choice] for event, state, choice in votes]
    return WrittenJSON(b"[" + b",".join(rows) + b"]")


def _roll_call_columns(roll_calls: dict) -> dict[int, dict]:
    return {
        pk: {
            "date": date.isoformat(),  # as the serializer has it, and JSON's encoder in C
            "body": body,
            "vote_kind": kind,
            "resolution_symbol": symbol,
        }
        for pk, (date, body, kind, symbol) in roll_calls.items()
    }


def _state_columns(states: dict) -> dict[int, dict]:
    return {
        pk: {"state": iso3, "state_name": name, "regional_group": group}
        for pk, (iso3, name, group) in states.items()
    }


# Inline in the schema: a second component with a `kind` enum would leave drf-spectacular no
# collision-free name for VoteEvent's.
@extend_schema_field({"type": "string", "enum": VoteEvent.Kind.values})
class VoteKindField(serializers.ChoiceField):
    pass


class SeriesDecisionSerializer(serializers.Serializer):
    """How one resolution of a series was decided, session by session: on its deciding roll call,
    or adopted without a vote (`without_vote`), never a missing year. It reads the SeriesDecision
    (unrecord/series_record.py) under `decision`."""

    session = _session_number("decision.session_number")
    date = serializers.DateField(source="decision.date", read_only=True)
    body = serializers.CharField(
        source="decision.body.code",
        read_only=True,
        allow_null=True,
        help_text="None: adopted, no decision on record.",
    )
    resolution = serializers.IntegerField(source="decision.resolution.pk", read_only=True)
    resolution_symbol = serializers.CharField(source="decision.resolution.symbol", read_only=True)
    vote_event = serializers.IntegerField(source="decision.vote_event.pk", read_only=True, allow_null=True)
    without_vote = serializers.BooleanField(
        source="decision.without_vote", read_only=True, help_text="Adopted without a vote: no roll call."
    )


class StateOnSeriesSerializer(SeriesDecisionSerializer):
    """A state on one resolution of a series, session by session: its vote on the deciding roll
    call, or a session adopted without a vote (`without_vote`), never a missing year."""

    choice = serializers.ChoiceField(
        choices=VoteChoice.choices,
        read_only=True,
        allow_null=True,
        help_text="Its vote; null when adopted without a vote, or the state is not in the roll call.",
    )


class StateVoteSerializer(_VoteRowSerializer):
    """A row of one state's voting history (the state is in the address)."""

    body = serializers.CharField(source="vote_event.body.code", read_only=True)
    session = _session_number("vote_event.session.number")
    kind = VoteKindField(source="vote_event.kind", choices=VoteEvent.Kind.choices, read_only=True)
    resolution = serializers.IntegerField(source="vote_event.resolution_id", read_only=True, allow_null=True)
    resolution_title = RepairedTextField(
        source="vote_event.resolution.title",
        allow_null=True,
        help_text="Broken characters of the UN's files repaired (as recorded: the resolution's page).",
    )
    series = serializers.IntegerField(
        source="vote_event.resolution.series_id", read_only=True, allow_null=True
    )

    class Meta:
        model = RecordedVote
        fields = [
            "vote_event",
            "date",
            "body",
            "session",
            "kind",
            "resolution",
            "resolution_symbol",
            "resolution_title",
            "series",
            "choice",
        ]
        read_only_fields = fields


def state_vote_rows(values: list[dict]) -> list[dict]:
    """StateVoteSerializer's rows from a page of selectors.VotingRecordPages, as recorded_vote_rows."""
    return [
        {
            "vote_event": row["vote_event_id"],
            "date": row["date"].isoformat(),
            "body": row["body"],
            "session": row["session"],
            "kind": row["kind"],
            "resolution": row["resolution"],
            "resolution_symbol": row["resolution_symbol"],
            "resolution_title": repaired(row["resolution_title"]),
            "series": row["series"],
            "choice": row["choice"],
        }
        for row in values
    ]


# Analytics


class _ChoiceCountsSerializer(serializers.Serializer):
    Y = serializers.IntegerField(help_text="Yes")
    N = serializers.IntegerField(help_text="No")
    A = serializers.IntegerField(help_text="Abstain")
    X = serializers.IntegerField(help_text="Non-voting")


class TallySerializer(_ChoiceCountsSerializer):
    """A roll call's recorded votes counted by choice. With no roll call on record (adopted
    without a vote, or its votes not imported) `recorded` is false and every count null: never a
    tally of zeros."""

    recorded = serializers.BooleanField(help_text="Whether the record holds this roll call's votes.")
    Y = serializers.IntegerField(help_text="Yes; null when not recorded.", allow_null=True)
    N = serializers.IntegerField(help_text="No; null when not recorded.", allow_null=True)
    A = serializers.IntegerField(help_text="Abstain; null when not recorded.", allow_null=True)
    X = serializers.IntegerField(help_text="Non-voting; null when not recorded.", allow_null=True)


class GroupTallySerializer(_ChoiceCountsSerializer):
    code = serializers.CharField(help_text='Regional group code; "none" for states in no group.')
    name = serializers.CharField()
    total = serializers.IntegerField()


class CoincidenceSerializer(serializers.Serializer):
    """A `Coincidence` from unrecord.selectors (see its `method`)."""

    score = serializers.FloatField(allow_null=True, help_text="From 0 to 1; null without common votes.")
    state_department_score = serializers.FloatField(
        allow_null=True, help_text="Identical yes/no votes over identical and opposite ones."
    )
    votes_compared = serializers.IntegerField()
    agree = serializers.IntegerField()
    half = serializers.IntegerField()
    disagree = serializers.IntegerField()


@extend_schema_serializer(many=False)  # served at a list route, but one figure
class PairCoincidenceSerializer(CoincidenceSerializer):
    state_a = serializers.CharField(source="state_a.iso3")
    state_b = serializers.CharField(source="state_b.iso3")
    method = serializers.CharField()


class AlignmentSerializer(CoincidenceSerializer):
    """An `Alignment`: another state and its coincidence with the state asked about."""

    state = serializers.CharField(source="state.iso3")
    state_name = serializers.CharField(source="state.common_name")

    def get_fields(self):
        fields = super().get_fields()  # the state first, as the CSV's first columns
        return {"state": fields["state"], "state_name": fields["state_name"]} | fields


class AlignmentListSerializer(serializers.Serializer):
    state = serializers.CharField(source="state.iso3")
    order = serializers.ChoiceField(choices=["most", "least"])
    method = serializers.CharField()
    results = AlignmentSerializer(many=True)


# Popolo (popoloproject.com), as unrecord.popolo writes it: these describe the export for the
# schema only. Keys whose value is unknown are left out, so most are not required.

_POPOLO_OPTIONS = ["yes", "no", "abstain", "not voting"]


class PopoloMotionSerializer(serializers.Serializer):
    id = serializers.CharField()
    organization_id = serializers.CharField()
    legislative_session_id = serializers.CharField(required=False)
    text = serializers.CharField(required=False)
    identifier = serializers.CharField(required=False, help_text="The resolution's symbol.")
    classification = serializers.CharField(
        help_text="The vote event's kind: draft, amendment, paragraph or motion."
    )
    date = serializers.DateField(required=False, help_text="When the motion was proposed.")
    result = serializers.ChoiceField(choices=VoteEvent.Result.choices)


class PopoloCountSerializer(serializers.Serializer):
    option = serializers.ChoiceField(choices=_POPOLO_OPTIONS)
    value = serializers.IntegerField()
    group_id = serializers.CharField(required=False, help_text="Set on a regional group's count.")


class PopoloVoteSerializer(serializers.Serializer):
    voter_id = serializers.CharField()
    option = serializers.ChoiceField(choices=_POPOLO_OPTIONS)
    group_id = serializers.CharField(required=False)


class PopoloGroupResultSerializer(serializers.Serializer):
    group_id = serializers.CharField()
    # Not an enum: its two values would collide with the vote event's `result` enum in the schema.
    result = serializers.CharField(help_text='"adopted" or "rejected": a simple majority of those voting.')


class PopoloSourceSerializer(serializers.Serializer):
    url = serializers.URLField()


class PopoloVoteEventSerializer(serializers.Serializer):
    id = serializers.CharField()
    identifier = serializers.CharField(required=False, help_text="The roll call's id at the source.")
    motion = PopoloMotionSerializer()
    start_date = serializers.DateField()
    result = serializers.ChoiceField(choices=VoteEvent.Result.choices)
    organization_id = serializers.CharField()
    legislative_session_id = serializers.CharField(required=False)
    counts = PopoloCountSerializer(many=True, required=False)
    votes = PopoloVoteSerializer(many=True, required=False)
    group_results = PopoloGroupResultSerializer(many=True, required=False)
    sources = PopoloSourceSerializer(many=True, required=False)
