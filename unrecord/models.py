"""The public record of the United Nations: states, regional groups, bodies, sessions,
resolutions, their sponsors and amendments, vote events and recorded votes.

Nothing here belongs to an NGO: every organization reads the same record.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Q

from core.history import track_many_to_many, tracked
from unrecord.titles import repaired


class RegionalGroup(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=80, unique=True)
    abbreviation = models.CharField(max_length=16)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class MemberStateQuerySet(models.QuerySet):
    def current_members(self):
        return self.filter(status=MemberState.Status.MEMBER, left_on__isnull=True)

    def members_on(self, day: datetime.date):
        """States that held a seat on `day` (observers excluded)."""
        return self.exclude(status=MemberState.Status.OBSERVER).filter(
            Q(admitted_on__lte=day), Q(left_on__isnull=True) | Q(left_on__gt=day)
        )


@tracked()
class MemberState(models.Model):
    class Status(models.TextChoices):
        MEMBER = "member", "Member state"
        OBSERVER = "observer", "Observer state"
        HISTORIC = "historic", "Former member"

    iso3 = models.CharField(
        "ISO 3166-1 alpha-3",
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Three capital letters, e.g. PRK.")],
    )
    un_name = models.CharField("UN name", max_length=120, help_text="As in UN lists and records.")
    formal_name = models.CharField("UN formal name", max_length=160, blank=True)
    common_name = models.CharField("short name", max_length=80)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MEMBER)
    admitted_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    regional_group = models.ForeignKey(
        RegionalGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="states",
        help_text="The group the state is counted with in tallies and elections.",
    )
    group_status = models.CharField(
        max_length=10,
        choices=[
            ("member", "Member of its group"),
            ("observer", "Attends its group as an observer only"),
            ("none", "In no regional group"),
        ],
        default="member",
    )
    other_groups = models.ManyToManyField(
        RegionalGroup,
        blank=True,
        related_name="also_seated_states",
        help_text="Further groups the state also sits with (e.g. Türkiye in Asia-Pacific).",
    )
    group_note = models.TextField(blank=True)
    successor = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="predecessors"
    )

    objects = MemberStateQuerySet.as_manager()

    class Meta:
        ordering = ["common_name"]
        # Never part of a role: given to the few who keep the record (and the shared directory).
        permissions = [("keep_record", "Can change the public UN record and the shared directory")]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(admitted_on__isnull=True)
                | Q(left_on__gte=models.F("admitted_on")),
                name="state_leaves_after_admission",
                violation_error_message="A state cannot leave before it was admitted: check the two dates.",
            ),
        ]

    def __str__(self):
        return self.common_name


@tracked()
class StateCodeAlias(models.Model):
    """Another code under which voting records list a state for a period.

    The UN voting data lists the USSR's seat as RUS and Serbia as YUG, for instance.
    """

    code = models.CharField(max_length=3)
    state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="code_aliases")
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code", "valid_from"]
        verbose_name_plural = "state code aliases"

    def __str__(self):
        return f"{self.code} → {self.state.iso3}"


@tracked()
class Body(models.Model):
    """A UN organ or committee that votes: the GA plenary, its main committees, the HRC, the SC."""

    code = models.SlugField(max_length=20, unique=True, help_text="e.g. GA, GA-C3, HRC, SC.")
    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=40)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        help_text="The organ a committee belongs to (the Third Committee is of the GA).",
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.short_name

    @property
    def session_body(self) -> "Body":
        """The body whose sessions this one meets in (committees meet in the GA's sessions)."""
        return self.parent or self


@tracked()
class Session(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveIntegerField()
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["body", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"],
                name="unique_session_number",
                violation_error_message="This body has a session with this number already.",
            ),
        ]

    def __str__(self):
        return f"{self.body.code} {_ordinal(self.number)} session"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@tracked()
class ResolutionSeries(models.Model):
    """The same resolution recurring across sessions, e.g. the annual DPRK human rights text."""

    name = models.CharField(max_length=200, unique=True)
    title_key = models.CharField(
        max_length=200,
        unique=True,
        help_text="The words that recognise members of the series: type a title, it is saved as "
        "its key (function words dropped, words in alphabetical order).",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "resolution series"

    def __str__(self):
        return self.name

    def clean(self):
        # A key typed as a title would never match one: keep it in the form imports compute.
        from unrecord.series import title_key

        self.title_key = title_key(self.title_key)


@tracked()
class Resolution(models.Model):
    """A draft resolution and, once adopted, the resolution it became."""

    draft_symbol = models.CharField(
        max_length=60, blank=True, help_text="e.g. A/C.3/69/L.28 (latest revision below)."
    )
    adopted_symbol = models.CharField(max_length=60, blank=True, help_text="e.g. A/RES/69/188.")
    title = models.TextField()
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="resolutions"
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        help_text="Where the draft was tabled (e.g. the Third Committee).",
    )
    series = models.ForeignKey(
        ResolutionSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
    )
    agenda_item = models.TextField(blank=True)
    subjects = models.TextField(blank=True)
    tabled_on = models.DateField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    sponsors = models.ManyToManyField(
        MemberState, through="Sponsorship", related_name="sponsored_resolutions"
    )
    is_placeholder = models.BooleanField(
        default=False,
        db_default=False,  # the importer's SQL inserts resolutions without naming it
        help_text="Not the UN's record: a stand-in for next session's draft of its series, made when a "
        "campaign was rolled over before the draft was published. The draft's import or recording "
        "replaces it (unrecord.placeholders).",
    )

    class Meta:
        ordering = ["-session__number", "draft_symbol", "adopted_symbol"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(draft_symbol="") | ~Q(adopted_symbol=""),
                name="resolution_has_a_symbol",
                violation_error_message="Give the resolution its draft symbol or its adopted symbol.",
            ),
            models.UniqueConstraint(
                fields=["draft_symbol"],
                condition=~Q(draft_symbol=""),
                name="unique_draft_symbol",
                violation_error_message="Another resolution has this draft symbol already.",
            ),
            models.UniqueConstraint(
                fields=["adopted_symbol"],
                condition=~Q(adopted_symbol=""),
                name="unique_adopted_symbol",
                violation_error_message="Another resolution has this adopted symbol already.",
            ),
        ]

    def __str__(self):
        return self.symbol

    @property
    def symbol(self) -> str:
        return self.adopted_symbol or self.draft_symbol


@tracked()
class DraftRevision(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="revisions")
    symbol = models.CharField(max_length=60, unique=True, help_text="e.g. A/C.3/69/L.28/Rev.1")
    issued_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["resolution", "issued_on", "symbol"]

    def __str__(self):
        return self.symbol


@tracked()
class Sponsorship(models.Model):
    class Role(models.TextChoices):
        MAIN = "main", "Main sponsor"
        CO = "co", "Co-sponsor"

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="sponsorships")
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="sponsorships")
    role = models.CharField(max_length=4, choices=Role.choices, default=Role.CO)
    on_behalf_of = models.CharField(
        max_length=120, blank=True, help_text="e.g. the European Union, when tabled for a group."
    )
    joined_on = models.DateField(null=True, blank=True)
    withdrew_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["resolution", "role", "state__common_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "state"],
                name="one_sponsorship_per_state",
                violation_error_message="This state is already listed as a sponsor of this resolution.",
            ),
            models.CheckConstraint(
                condition=Q(withdrew_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(withdrew_on__gte=models.F("joined_on")),
                name="sponsor_withdraws_after_joining",
                violation_error_message="A sponsor cannot withdraw before it joined: check the two dates.",
            ),
        ]

    def __str__(self):
        return f"{self.state} ({self.get_role_display()}) on {self.resolution}"


@tracked()
class Amendment(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="amendments")
    symbol = models.CharField(max_length=60, blank=True, help_text="e.g. A/C.3/69/L.65")
    summary = models.TextField()
    proposed_by = models.ManyToManyField(MemberState, related_name="proposed_amendments")
    submitted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["resolution", "submitted_on", "symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol"],
                condition=~Q(symbol=""),
                name="unique_amendment_symbol",
                violation_error_message="Another amendment has this symbol already.",
            ),
        ]

    def __str__(self):
        return self.symbol or f"Amendment to {self.resolution}"


# Progress is written several times a second while an import runs: not history.
@tracked(exclude=["progress", "phase"])
class VoteImport(models.Model):
    """One bulk load of public voting records. Rows it brought point back here instead of
    carrying row-level history, so that a million-row import stays fast.

    An import uploaded in the admin is also a background job (unrecord/jobs.py): queued, then
    running with its progress, then done or failed with the reason."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=300, help_text="File name or description of the source.")
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the file.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DONE)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    upload = models.FileField(
        "voting file",
        upload_to="imports/%Y/%m/",
        blank=True,
        help_text="A UN Digital Library voting file (.csv or .csv.gz).",
    )
    # Written while the import runs, from a connection of its own (the import is one transaction).
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent, estimated.")
    phase = models.CharField(max_length=20, blank=True)
    error = models.TextField(blank=True, help_text="Why the import failed.")
    task_id = models.CharField(max_length=50, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "vote import"

    def __str__(self):
        return f"{self.source} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class VoteChoice(models.TextChoices):
    YES = "Y", "Yes"
    NO = "N", "No"
    ABSTAIN = "A", "Abstain"
    NON_VOTING = "X", "Non-voting"


class VoteEventQuerySet(models.QuerySet):
    def with_recorded_tally(self):
        """Annotate yes/no/abstain/non-voting counts computed from the recorded votes."""
        return self.annotate(
            recorded_yes=Count("votes", filter=Q(votes__choice=VoteChoice.YES)),
            recorded_no=Count("votes", filter=Q(votes__choice=VoteChoice.NO)),
            recorded_abstain=Count("votes", filter=Q(votes__choice=VoteChoice.ABSTAIN)),
            recorded_non_voting=Count("votes", filter=Q(votes__choice=VoteChoice.NON_VOTING)),
            recorded_total=Count("votes"),
        )

    def with_totals_mismatch(self):
        """Recorded vote events whose published totals differ from their recorded votes."""
        return (
            self.with_recorded_tally()
            .filter(recorded_total__gt=0)
            .filter(
                ~Q(yes_count=models.F("recorded_yes"))
                | ~Q(no_count=models.F("recorded_no"))
                | ~Q(abstain_count=models.F("recorded_abstain"))
            )
        )


@tracked()
class VoteEvent(models.Model):
    """One decision taken on a resolution: the draft as a whole, an amendment, a separate
    paragraph or a procedural motion, by vote or without one."""

    class Kind(models.TextChoices):
        WHOLE_DRAFT = "draft", "Draft as a whole"
        AMENDMENT = "amendment", "Amendment"
        PARAGRAPH = "paragraph", "Separate paragraph"
        MOTION = "motion", "Procedural motion"

    class Result(models.TextChoices):
        ADOPTED = "adopted", "Adopted"
        REJECTED = "rejected", "Rejected"
        ADOPTED_WITHOUT_VOTE = "without_vote", "Adopted without a vote"

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, null=True, blank=True, related_name="vote_events"
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, null=True, blank=True, related_name="vote_events"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="vote_events")
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vote_events",
        db_index=False,  # vote_event_by_session (session, id), below, serves the key's lookups
    )
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WHOLE_DRAFT)
    description = models.TextField(blank=True, help_text="What was put to the vote.")
    meeting_record = models.CharField(max_length=60, blank=True, help_text="e.g. A/C.3/69/SR.47")
    result = models.CharField(max_length=12, choices=Result.choices)
    yes_count = models.PositiveSmallIntegerField("yes", null=True, blank=True)
    no_count = models.PositiveSmallIntegerField("no", null=True, blank=True)
    abstain_count = models.PositiveSmallIntegerField("abstain", null=True, blank=True)
    non_voting_count = models.PositiveSmallIntegerField("non-voting", null=True, blank=True)
    source_id = models.CharField(max_length=40, blank=True, help_text="Roll-call id at the source.")
    source_url = models.URLField(blank=True)
    source_digest = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="MD5 of the source rows this vote event and its votes were imported from: a "
        "re-import skips roll calls whose digest has not changed.",
    )
    vote_import = models.ForeignKey(
        VoteImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="vote_events"
    )

    objects = VoteEventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(result="without_vote")
                | (Q(yes_count__isnull=True) & Q(no_count__isnull=True) & Q(abstain_count__isnull=True)),
                name="adoption_without_vote_has_no_totals",
                violation_error_message="Adopted without a vote: leave the yes, no and abstain totals empty.",
            ),
            # Imported roll calls are known by their source id. (An imported amendment vote
            # names no Amendment row, and 159 old roll calls name no resolution at all.)
            models.UniqueConstraint(
                fields=["source_id"],
                condition=~Q(source_id=""),
                name="unique_vote_event_source_id",
                violation_error_message="A roll call with this source id has been imported already.",
            ),
            # What each recorded vote's key to its roll call points at: the roll call and its
            # date, so that the vote's copy of the date is the roll call's (RecordedVote.date).
            models.UniqueConstraint(
                fields=["id", "date"],
                name="vote_event_with_its_date",
                violation_error_message="This roll call is recorded already.",
            ),
        ]
        indexes = [
            # A session's roll calls in id order, for its votes' pages (recorded votes come by
            # roll call): without it, PostgreSQL walks every roll call in id order to the session's.
            models.Index(fields=["session", "id"], name="vote_event_by_session"),
        ]

    def __str__(self):
        subject = self.amendment or self.resolution or repaired(self.description)[:40]
        return f"{subject}, {self.body.short_name}, {self.date:%d %b %Y}"

    @property
    def totals_label(self) -> str:
        if self.result == self.Result.ADOPTED_WITHOUT_VOTE:
            return "without a vote"
        if self.yes_count is None:
            return "totals unknown"
        abstain = "" if self.abstain_count is None else f"-{self.abstain_count}"
        return f"{self.yes_count}-{self.no_count}{abstain}"

    def recorded_tally(self) -> dict[str, int]:
        """Counts per vote choice from this event's recorded votes ({} when none)."""
        return RecordedVote.objects.tallies_for([self.pk]).get(self.pk, {})

    def totals_mismatch(self) -> list[str]:
        """Where the published totals differ from the recorded votes (empty when they agree
        or when there is no roll call to compare with)."""
        tally = self.recorded_tally()
        if not tally or self.yes_count is None:
            return []
        published = {
            VoteChoice.YES: self.yes_count,
            VoteChoice.NO: self.no_count,
            VoteChoice.ABSTAIN: self.abstain_count,
            VoteChoice.NON_VOTING: self.non_voting_count,
        }
        return [
            f"{choice.label}: published {count}, recorded {tally.get(choice, 0)}"
            for choice, count in published.items()
            if count is not None and count != tally.get(choice, 0)
        ]

    def clean(self):
        if self.pk and (mismatch := self.totals_mismatch()):
            raise ValidationError(
                "The totals must equal the recorded votes of this roll call (" + "; ".join(mismatch) + ")."
            )
        amends_another = self.amendment_id and self.amendment.resolution_id != self.resolution_id
        if amends_another and self.resolution_id:
            raise ValidationError({"amendment": "This amendment was proposed to another draft."})
        if self.result == self.Result.ADOPTED_WITHOUT_VOTE and self.yes_count is not None:
            raise ValidationError("A decision without a vote has no totals.")


class RecordedVoteQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        _dates_from_roll_calls(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def tallies_for(self, vote_event_ids) -> dict[int, dict[str, int]]:
        """{vote event id: {choice: count}} for the given vote events, in one query."""
        tallies: dict[int, dict[str, int]] = {}
        rows = (
            self.filter(vote_event_id__in=vote_event_ids)
            .values_list("vote_event_id", "choice")
            .annotate(n=Count("*"))
            .order_by()
        )
        for vote_event_id, choice, count in rows:
            tallies.setdefault(vote_event_id, {})[choice] = count
        return tallies


def _dates_from_roll_calls(votes: list["RecordedVote"]) -> None:
    """Each vote written without its date takes its roll call's: from the roll call it holds, or,
    for votes given their roll call's id only, from one query for all of them."""
    undated = [vote for vote in votes if vote.date is None]
    roll_call = RecordedVote._meta.get_field("vote_event")
    by_id = {vote.vote_event_id for vote in undated if not roll_call.is_cached(vote)}
    dates = dict(VoteEvent.objects.filter(pk__in=by_id).values_list("pk", "date")) if by_id else {}
    for vote in undated:
        # Not dates.get(id, vote.vote_event.date): the default would fetch the roll call anyway.
        if vote.vote_event_id in dates:
            vote.date = dates[vote.vote_event_id]
        else:
            vote.date = vote.vote_event.date


class RecordedVote(models.Model):
    """How one state voted in a recorded vote. Not row-tracked: traced by its vote import."""

    # A million rows: only the two indexes the queries need, the key and vote_by_state_and_date;
    # a surrogate id would cost the import a sequence call per row and an index of its own.
    # The key's index, roll call first, finds a roll call's votes in a page or two (tallies)
    # and pages the API's lists filtered by roll call (session, series, symbol, dates) in
    # roll-call order. The automatic one-column foreign-key indexes would only slow the import.
    pk = models.CompositePrimaryKey("vote_event", "state")
    # The key to the roll call is (vote_event_id, date) in the database, to the roll call's id
    # and date, with ON UPDATE CASCADE (migration unrecord 0021): Django knows no key of two columns,
    # so its own one-column constraint is left out.
    vote_event = models.ForeignKey(
        VoteEvent, on_delete=models.CASCADE, related_name="votes", db_index=False, db_constraint=False
    )
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="votes", db_index=False)
    # The roll call's date, kept on the vote so that a state's votes come in date order from one
    # index (a state's history pages without joining and sorting its 2,500 votes). The key above
    # keeps it the roll call's: a wrong date is refused, and a roll call's new date is its votes'.
    date = models.DateField(editable=False, help_text="The roll call's date.")
    choice = models.CharField(max_length=1, choices=VoteChoice.choices)
    # Written only by imports, with the id of the VoteImport they have just created; Django's
    # PROTECT keeps imports from being deleted under their votes. A database constraint would
    # add a scan of every vote to every import and guard nothing more.
    vote_import = models.ForeignKey(
        VoteImport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        db_index=False,
        db_constraint=False,
    )

    objects = RecordedVoteQuerySet.as_manager()

    class Meta:
        # By ids, not by state name: a default ordering that joins states would sort a million
        # rows for any query that forgets its own order_by.
        ordering = ["vote_event", "state"]
        indexes = [
            # A state's votes in date order (its history), with the choice: index-only pages.
            # One vote per state per roll call is the key's rule.
            models.Index(
                fields=["state", "date", "vote_event"], include=["choice"], name="vote_by_state_and_date"
            ),
        ]

    def __str__(self):
        return f"{self.state}: {self.get_choice_display()}"

    def save(self, *args, **kwargs):
        # A vote written without its date takes its roll call's (the database's key to the roll
        # call refuses any other). Imports write theirs in SQL, from the roll calls they merge.
        _dates_from_roll_calls([self])
        super().save(*args, **kwargs)


@tracked()
class DeclaredIntention(models.Model):
    """A delegation's word, in a footnote of the record, that it meant to vote otherwise ("subsequently
    advised the Secretariat that it had intended to vote in favour"). Its recorded vote stays as
    recorded: the intention is kept beside it, never in its place."""

    vote_event = models.ForeignKey(VoteEvent, on_delete=models.CASCADE, related_name="declared_intentions")
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="declared_intentions")
    choice = models.CharField("intended vote", max_length=1, choices=VoteChoice.choices)
    note = models.TextField(help_text="The footnote as the record prints it.")

    class Meta:
        ordering = ["vote_event", "state__common_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote_event", "state"],
                name="one_declared_intention_per_state",
                violation_error_message="This state's intention for this roll call is recorded already.",
            ),
        ]

    def __str__(self):
        return f"{self.state} intended: {self.get_choice_display()}"


track_many_to_many(MemberState.other_groups, app_label="unrecord", model_name="MemberStateOtherGroupEvent")
track_many_to_many(Amendment.proposed_by, app_label="unrecord", model_name="AmendmentProposerEvent")
