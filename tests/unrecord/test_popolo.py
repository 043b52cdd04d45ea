"""The Popolo export of vote events: what it says about a vote, that it is valid Popolo, that its
query count stays flat, and the export_popolo command."""

import datetime
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import RecordedVoteFactory, ResolutionFactory, VoteEventFactory, body, state
from unrecord.models import Amendment, VoteEvent
from unrecord.popolo import export_popolo, iter_vote_events_popolo, vote_event_to_popolo

pytestmark = pytest.mark.django_db

POPOLO_SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "popolo"

# Four regional groups and a tie: Asia-Pacific 2-1-1-1, WEOG 2-0, GRULAC 0-1, EEG 0-1, African 0-0-1.
ROLL_CALL = {
    "JPN": "Y",
    "KOR": "Y",
    "AUS": "Y",
    "FRA": "Y",
    "CHN": "N",
    "CUB": "N",
    "RUS": "N",
    "BWA": "A",
    "IND": "A",
    "MNG": "X",
}
TALLY = {"yes": 4, "no": 3, "abstain": 2, "not voting": 1}


def _record(vote_event, choices: dict[str, str]):
    for iso3, choice in choices.items():
        RecordedVoteFactory(vote_event=vote_event, state=state(iso3), choice=choice)
    return vote_event


def _roll_call(**fields):
    totals = {"yes_count": 4, "no_count": 3, "abstain_count": 2, "non_voting_count": 1}
    return _record(VoteEventFactory(**(totals | fields)), ROLL_CALL)


def _popolo(vote_event) -> dict:
    return export_popolo(VoteEvent.objects.filter(pk=vote_event.pk))["vote_events"][0]


def _totals(popolo: dict) -> dict[str, int]:
    return {count["option"]: count["value"] for count in popolo.get("counts", []) if "group_id" not in count}


class TestCounts:
    def test_counts_are_the_roll_calls_tally_when_no_totals_were_published(self):
        vote_event = _roll_call(yes_count=None, no_count=None, abstain_count=None, non_voting_count=None)
        assert _totals(_popolo(vote_event)) == TALLY

    def test_published_totals_win_over_an_incomplete_roll_call(self):
        vote_event = _roll_call(yes_count=116, no_count=20, abstain_count=53, non_voting_count=None)
        assert _totals(_popolo(vote_event)) == {"yes": 116, "no": 20, "abstain": 53, "not voting": 1}

    def test_only_the_published_totals_are_counted_without_a_roll_call(self):
        vote_event = VoteEventFactory(yes_count=111, no_count=19, abstain_count=55)
        assert _popolo(vote_event)["counts"] == [
            {"option": "yes", "value": 111},
            {"option": "no", "value": 19},
            {"option": "abstain", "value": 55},
        ]

    def test_group_counts_add_up_to_the_roll_call(self):
        counts = _popolo(_roll_call())["counts"]
        by_group = Counter()
        for count in (count for count in counts if "group_id" in count):
            by_group[count["option"]] += count["value"]
        assert dict(by_group) == TALLY
        weog = {count["option"]: count["value"] for count in counts if count.get("group_id") == "group/WEOG"}
        assert weog == {"yes": 2, "no": 0, "abstain": 0, "not voting": 0}


def test_recorded_votes_map_to_popolo_options_and_regional_groups():
    votes = {vote["voter_id"]: vote for vote in _popolo(_roll_call())["votes"]}
    assert len(votes) == len(ROLL_CALL)
    assert votes["state/JPN"] == {"voter_id": "state/JPN", "option": "yes", "group_id": "group/ASIA_PACIFIC"}
    assert votes["state/CUB"] == {"voter_id": "state/CUB", "option": "no", "group_id": "group/GRULAC"}
    assert votes["state/BWA"] == {"voter_id": "state/BWA", "option": "abstain", "group_id": "group/AFRICAN"}
    assert votes["state/MNG"] == {
        "voter_id": "state/MNG",
        "option": "not voting",
        "group_id": "group/ASIA_PACIFIC",
    }


def test_a_group_adopts_when_more_of_its_states_vote_yes_than_no():
    group_results = _popolo(_roll_call())["group_results"]
    assert {result["group_id"]: result["result"] for result in group_results} == {
        "group/AFRICAN": "rejected",  # 0-0 with one abstention: equally divided, so lost
        "group/ASIA_PACIFIC": "adopted",
        "group/EEG": "rejected",
        "group/GRULAC": "rejected",
        "group/WEOG": "adopted",
    }


def test_a_state_in_no_regional_group_votes_without_a_group():
    vote_event = _record(VoteEventFactory(), {"VAT": "Y", "JPN": "N"})
    popolo = _popolo(vote_event)
    assert {"voter_id": "state/VAT", "option": "yes"} in popolo["votes"]
    assert [result["group_id"] for result in popolo["group_results"]] == ["group/ASIA_PACIFIC"]


def test_an_adoption_without_a_vote_has_its_result_and_no_counts_or_votes():
    vote_event = VoteEventFactory(result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE)
    popolo = _popolo(vote_event)
    assert popolo["result"] == "without_vote"
    assert popolo["motion"]["result"] == "without_vote"
    assert not {"counts", "votes", "group_results"} & popolo.keys()


def test_a_vote_event_names_its_body_session_date_and_the_resolution_voted_on():
    resolution = ResolutionFactory(
        draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188", tabled_on=datetime.date(2014, 10, 30)
    )
    vote_event = VoteEventFactory(
        resolution=resolution, body=body("GA-C3"), description="Draft resolution A/C.3/69/L.28 as a whole."
    )
    popolo = _popolo(vote_event)
    assert (popolo["organization_id"], popolo["legislative_session_id"], popolo["start_date"]) == (
        "body/GA-C3",
        "session/GA/69",
        "2014-12-18",
    )
    assert popolo["motion"] == {
        "id": f"motion/{vote_event.pk}",
        "organization_id": "body/GA-C3",
        "legislative_session_id": "session/GA/69",
        "text": "Draft resolution A/C.3/69/L.28 as a whole.",
        "identifier": "A/RES/69/188",
        "classification": "draft",
        "date": "2014-10-30",
        "result": "adopted",
    }


def test_an_amendment_vote_is_a_motion_on_the_amendment_of_the_resolution():
    resolution = ResolutionFactory(draft_symbol="A/C.3/69/L.28")
    amendment = Amendment.objects.create(
        resolution=resolution,
        symbol="A/C.3/69/L.65",
        summary="Delete paragraphs 7 and 8",
        submitted_on=datetime.date(2014, 11, 14),
    )
    vote_event = VoteEventFactory(
        resolution=resolution, amendment=amendment, kind="amendment", result=VoteEvent.Result.REJECTED
    )
    motion = _popolo(vote_event)["motion"]
    assert (motion["classification"], motion["identifier"], motion["text"], motion["date"]) == (
        "amendment",
        "A/C.3/69/L.28",
        "Delete paragraphs 7 and 8",
        "2014-11-14",
    )
    assert motion["result"] == "rejected"


@pytest.mark.parametrize("recorded_as", ["title", "description", "amendment"])
def test_the_motions_text_shows_the_uns_broken_characters_repaired(recorded_as):
    broken = "Situation of human rights in CÃ´te dâ€™Ivoire<d3>"
    resolution = ResolutionFactory(title=broken if recorded_as == "title" else "A title")
    amendment = None
    if recorded_as == "amendment":
        amendment = Amendment.objects.create(resolution=resolution, symbol="A/C.3/69/L.65", summary=broken)
    vote_event = VoteEventFactory(
        resolution=resolution, amendment=amendment, description=broken if recorded_as == "description" else ""
    )
    assert _popolo(vote_event)["motion"]["text"] == "Situation of human rights in Côte d'Ivoire\""


def test_a_separate_paragraph_vote_is_not_dated_by_the_day_of_the_vote():
    vote_event = VoteEventFactory(
        kind="paragraph", description="Operative paragraph 8", resolution__tabled_on=None
    )
    motion = _popolo(vote_event)["motion"]
    assert (motion["classification"], motion["text"]) == ("paragraph", "Operative paragraph 8")
    assert "date" not in motion


def test_an_imported_vote_event_is_known_by_its_source_id_and_others_by_their_key():
    imported = VoteEventFactory(source_id="5377", source_url="https://digitallibrary.un.org/record/789562")
    by_hand = VoteEventFactory()
    assert _popolo(imported)["id"] == "vote-event/source/5377"
    assert _popolo(imported)["identifier"] == "5377"
    assert _popolo(imported)["sources"] == [{"url": "https://digitallibrary.un.org/record/789562"}]
    assert _popolo(by_hand)["id"] == f"vote-event/{by_hand.pk}"
    assert "identifier" not in _popolo(by_hand)


def test_organizations_are_the_bodies_groups_and_states_the_export_refers_to():
    _record(VoteEventFactory(body=body("GA-C3")), {"GBR": "Y", "JPN": "N"})
    organizations = {org["id"]: org for org in export_popolo(VoteEvent.objects.all())["organizations"]}
    assert set(organizations) == {
        "body/GA",
        "body/GA-C3",
        "group/ASIA_PACIFIC",
        "group/WEOG",
        "state/GBR",
        "state/JPN",
    }
    assert organizations["body/GA-C3"]["parent_id"] == "body/GA"
    assert organizations["group/WEOG"]["classification"] == "regional group"
    assert organizations["state/GBR"] == {
        "id": "state/GBR",
        "name": "United Kingdom of Great Britain and Northern Ireland",
        "other_names": [
            {"name": "United Kingdom", "note": "short name"},
            {"name": "the United Kingdom of Great Britain and Northern Ireland", "note": "formal name"},
        ],
        "identifiers": [{"identifier": "GBR", "scheme": "ISO 3166-1 alpha-3"}],
        "classification": "member state",
    }


def test_the_document_holds_vote_events_and_organizations_only():
    document = export_popolo(VoteEvent.objects.filter(pk=_roll_call().pk))
    assert set(document) == {"vote_events", "organizations"}


def _vote_events_on_two_bodies(number: int):
    for index in range(number):
        vote_event = VoteEventFactory(body=body("GA-C3" if index % 2 else "GA"))
        _record(vote_event, {"JPN": "Y", "GBR": "N", "BWA": "A"})


@pytest.mark.parametrize("number", [2, 10])
def test_the_export_takes_two_queries_however_many_vote_events(number, django_assert_num_queries):
    _vote_events_on_two_bodies(number)
    with django_assert_num_queries(2):
        document = export_popolo(VoteEvent.objects.all())
    assert len(document["vote_events"]) == number
    assert all(len(vote_event["votes"]) == 3 for vote_event in document["vote_events"])


def test_streamed_vote_events_are_those_of_the_export_in_the_same_order():
    _vote_events_on_two_bodies(5)
    vote_events = VoteEvent.objects.order_by("id")
    streamed = list(iter_vote_events_popolo(vote_events, chunk_size=2))
    assert streamed == export_popolo(vote_events)["vote_events"]
    assert len(streamed) == 5


def test_vote_event_to_popolo_uses_the_votes_it_is_given():
    vote_event = _roll_call()
    votes = vote_event.votes.filter(state__iso3="JPN").select_related("state__regional_group")
    assert [vote["voter_id"] for vote in vote_event_to_popolo(vote_event, votes=votes)["votes"]] == [
        "state/JPN"
    ]


class TestCommand:
    def _export(self, *args) -> tuple[str, str]:
        stdout, stderr = io.StringIO(), io.StringIO()
        call_command("export_popolo", *args, stdout=stdout, stderr=stderr)
        return stdout.getvalue(), stderr.getvalue()

    def test_writes_a_popolo_document_to_a_file_and_says_how_many_vote_events(self, tmp_path):
        _roll_call(source_id="5377")
        VoteEventFactory(result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE)
        path = tmp_path / "votes.json"
        _, stderr = self._export("--output", str(path))
        document = json.loads(path.read_text(encoding="utf-8"))
        assert [vote_event["id"] for vote_event in document["vote_events"]][0] == "vote-event/source/5377"
        assert len(document["vote_events"]) == 2
        assert "state/JPN" in {org["id"] for org in document["organizations"]}
        assert stderr.strip() == f"Wrote 2 vote events to {path}."
        assert list(tmp_path.iterdir()) == [path]

    def test_writes_to_stdout_by_default(self):
        _roll_call()
        stdout, stderr = self._export()
        assert len(json.loads(stdout)["vote_events"]) == 1
        assert stderr.strip() == "Wrote 1 vote event to stdout."

    def test_writes_an_empty_export_as_valid_json(self):
        stdout, _ = self._export()
        assert json.loads(stdout) == {"vote_events": [], "organizations": []}

    def test_selects_the_votes_on_a_resolution_and_its_amendments(self):
        resolution = ResolutionFactory(draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188")
        amendment = Amendment.objects.create(resolution=resolution, summary="Delete paragraph 8")
        on_draft = VoteEventFactory(resolution=resolution)
        on_amendment = VoteEventFactory(
            resolution=None, amendment=amendment, kind="amendment", session=resolution.session
        )
        VoteEventFactory()
        stdout, _ = self._export("--resolution", "a/c.3/69/l.28")
        ids = {vote_event["id"] for vote_event in json.loads(stdout)["vote_events"]}
        assert ids == {f"vote-event/{on_draft.pk}", f"vote-event/{on_amendment.pk}"}

    def test_selects_by_source_id_and_session(self):
        VoteEventFactory(source_id="5377")
        VoteEventFactory(source_id="5378")
        VoteEventFactory(source_id="9001", resolution__session__number=70)
        stdout, _ = self._export("--session", "69", "--source-id", "5378", "9001")
        assert [vote_event["id"] for vote_event in json.loads(stdout)["vote_events"]] == [
            "vote-event/source/5378"
        ]

    def test_refuses_an_unknown_resolution_symbol(self):
        with pytest.raises(CommandError, match='No resolution has the symbol "A/RES/99/999"'):
            self._export("--resolution", "A/RES/99/999")

    def test_refuses_unknown_source_ids_and_names_them(self):
        VoteEventFactory(source_id="5377")
        with pytest.raises(CommandError, match="No vote event has the source id 4242, 4343"):
            self._export("--source-id", "5377", "4242", "4343")

    def test_a_failed_export_leaves_no_file_behind(self, tmp_path, monkeypatch):
        def fail_halfway(write, vote_events, **options):
            write('{"vote_events": [')
            raise RuntimeError("connection lost")

        monkeypatch.setattr("unrecord.management.commands.export_popolo.write_popolo", fail_halfway)
        with pytest.raises(RuntimeError):
            self._export("--output", str(tmp_path / "votes.json"))
        assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def popolo_errors():
    """A function listing how a document breaks a Popolo schema, with every $ref resolved to
    the shared schema files so that validation never touches the network."""
    if not POPOLO_SCHEMAS.is_dir():
        pytest.skip(f"No Popolo schemas at {POPOLO_SCHEMAS} (the shared standards folder is absent).")
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = {path.stem: json.loads(path.read_text()) for path in POPOLO_SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT3))
        for schema in schemas.values()
    )

    def errors(instance: dict, schema_name: str) -> list[str]:
        validator = Draft3Validator(schemas[schema_name], registry=registry)
        return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)]

    return errors


@pytest.mark.shared_data
class TestSchemaValidity:
    def test_the_schemas_refuse_a_count_without_a_value(self, popolo_errors):
        broken = {"id": "vote-event/1", "counts": [{"option": "yes"}], "motion": {"text": 7}}
        assert sorted(popolo_errors(broken, "vote_event")) == [
            "['counts', 0, 'value']: 'value' is a required property",
            "['motion', 'text']: 7 is not of type 'string', 'null'",
        ]

    def test_an_exported_roll_call_is_a_valid_vote_event(self, popolo_errors):
        vote_event = _roll_call(source_id="5377", source_url="https://digitallibrary.un.org/record/789562")
        _record(vote_event, {"VAT": "X"})
        assert popolo_errors(_popolo(vote_event), "vote_event") == []

    def test_an_adoption_without_a_vote_and_an_amendment_vote_are_valid_vote_events(self, popolo_errors):
        amendment = Amendment.objects.create(
            resolution=ResolutionFactory(),
            summary="Delete paragraph 8",
            submitted_on=datetime.date(2014, 11, 14),
        )
        without_vote = VoteEventFactory(result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE, session=None)
        on_amendment = VoteEventFactory(
            resolution=amendment.resolution, amendment=amendment, kind="amendment"
        )
        assert popolo_errors(_popolo(without_vote), "vote_event") == []
        assert popolo_errors(_popolo(on_amendment), "vote_event") == []

    def test_every_exported_organization_is_valid(self, popolo_errors):
        _record(VoteEventFactory(body=body("GA-C3")), ROLL_CALL | {"VAT": "X", "TUR": "Y"})
        organizations = export_popolo(VoteEvent.objects.all())["organizations"]
        assert len(organizations) == 2 + 5 + len(ROLL_CALL) + 2
        assert {org["id"]: popolo_errors(org, "organization") for org in organizations} == {
            org["id"]: [] for org in organizations
        }
