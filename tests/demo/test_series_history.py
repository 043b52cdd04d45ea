"""The series before 2014 in the demo: the GA plenary's seven recorded votes on the DPRK human rights
resolutions of 2005-2011, loaded from the extract the project ships (demo/data/), each adding up
to the totals published for it, every vote under the seat that cast it."""

import copy
import csv
import gzip
from pathlib import Path

import pytest
from django.db.models import F, Q

from campaigns.models import Campaign
from demo.dataset import series
from demo.loader import load_demo
from demo.loader.record import DATA_DIR
from demo.loader.series import read_roll_calls
from unrecord.models import MemberState, RecordedVote, Resolution, VoteEvent

SHARED_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "unga-votes-1946-2019.csv.gz"
EXTRACT = DATA_DIR / series.ROLL_CALL_FILE
ROLL_CALLS = {data["roll_call"]: data for data in series.PLENARY_VOTES}


@pytest.fixture
def demo(db):
    return load_demo()


def _sessions_voted(iso3: str) -> list[int]:
    return list(
        RecordedVote.objects.filter(state__iso3=iso3, vote_event__source_id__in=ROLL_CALLS)
        .order_by("vote_event__date")
        .values_list("vote_event__session__number", flat=True)
    )


@pytest.mark.parametrize("roll_call", list(ROLL_CALLS))
def test_each_earlier_roll_call_adds_up_to_its_published_totals(demo, roll_call):
    data = ROLL_CALLS[roll_call]
    event = VoteEvent.objects.with_recorded_tally().get(source_id=roll_call)

    recorded = {
        "Y": event.recorded_yes,
        "N": event.recorded_no,
        "A": event.recorded_abstain,
        "X": event.recorded_non_voting,
    }
    published = {
        "Y": event.yes_count,
        "N": event.no_count,
        "A": event.abstain_count,
        "X": event.non_voting_count,
    }
    assert recorded == published == data["totals"]
    assert event.totals_label == "{Y}-{N}-{A}".format(**data["totals"])
    assert (event.date, event.body.code, event.kind, event.result) == (data["date"], "GA", "draft", "adopted")


def test_no_vote_event_of_the_demo_disagrees_with_its_roll_call(demo):
    assert VoteEvent.objects.filter(votes__isnull=False).distinct().count() == 1 + len(ROLL_CALLS)
    assert not VoteEvent.objects.with_totals_mismatch().exists()


def test_the_earlier_resolutions_are_in_the_series_of_a_res_69_188(demo):
    series_2014 = Resolution.objects.get(adopted_symbol="A/RES/69/188").series
    resolutions = Resolution.objects.filter(series=series_2014).order_by("session__number")

    assert [(r.session.number, r.adopted_symbol) for r in resolutions] == [
        *((data["session"], data["adopted_symbol"]) for data in series.PLENARY_VOTES),
        (69, "A/RES/69/188"),
    ]
    assert {r.body.code for r in resolutions} == {"GA-C3"}  # all tabled in the Third Committee
    assert Campaign.objects.get().series == series_2014


def test_every_member_on_the_day_and_no_one_else_is_recorded(demo):
    for data in series.PLENARY_VOTES:
        voters = set(
            RecordedVote.objects.filter(vote_event__source_id=data["roll_call"]).values_list(
                "state", flat=True
            )
        )
        members = set(MemberState.objects.members_on(data["date"]).values_list("pk", flat=True))
        assert voters == members, data["roll_call"]


def test_no_state_votes_before_its_admission_or_after_it_left(demo):
    out_of_term = RecordedVote.objects.filter(
        Q(vote_event__date__lt=F("state__admitted_on")) | Q(state__left_on__lte=F("vote_event__date"))
    )

    assert not out_of_term.exists()


def test_states_admitted_later_vote_from_their_admission_on(demo):
    for iso3 in ("MNE", "SSD"):  # Montenegro, 28 June 2006; South Sudan, 14 July 2011
        admitted_on = MemberState.objects.get(iso3=iso3).admitted_on
        expected = [data["session"] for data in series.PLENARY_VOTES if data["date"] >= admitted_on]

        assert _sessions_voted(iso3) == expected, iso3
    assert _sessions_voted("SSD") == [66]


def test_serbia_votes_in_every_session_under_its_yug_code(demo):
    """YUG is the seat of Serbia and Montenegro in 2005 and of Serbia after: never Yugoslavia's."""
    assert _sessions_voted("SRB") == [data["session"] for data in series.PLENARY_VOTES]
    assert not RecordedVote.objects.filter(state__iso3="YUG").exists()


def test_the_earlier_votes_are_traced_to_the_extract(demo):
    events = VoteEvent.objects.filter(source_id__in=ROLL_CALLS).select_related("vote_import")

    (vote_import,) = {event.vote_import for event in events}
    assert len(vote_import.checksum) == 64 and "4604-5133" in vote_import.source
    assert set(RecordedVote.objects.filter(vote_event__in=events).values_list("vote_import", flat=True)) == {
        vote_import.pk
    }


# Refused ---------------------------------------------------------------------------------------


def test_a_roll_call_that_does_not_add_up_to_its_totals_is_refused_and_nothing_is_written(db, monkeypatch):
    wrong = copy.deepcopy(series.PLENARY_VOTES)
    wrong[2]["totals"]["Y"] += 1
    monkeypatch.setattr(series, "PLENARY_VOTES", wrong)

    with pytest.raises(ValueError, match=r"Roll call 4813 \(A/RES/62/167\): the votes add up to"):
        load_demo()

    assert not VoteEvent.objects.exists() and not Campaign.objects.exists()


def test_a_row_of_a_roll_call_the_dataset_does_not_list_is_refused_by_line(tmp_path):
    extract = tmp_path / "extract.csv"
    lines = EXTRACT.read_text(encoding="utf-8").splitlines(keepends=True)
    extract.write_text("".join(lines[:6]) + "5377,2014-12-18,69,A/RES/69/188,AFG,Y\n", encoding="utf-8")

    with pytest.raises(ValueError, match=r"extract.csv, line 7: roll call 5377 of 2014-12-18"):
        read_roll_calls(extract)


# The extract against its source --------------------------------------------------------------


@pytest.mark.shared_data
def test_the_extract_is_the_voting_files_rows_for_those_roll_calls_with_their_totals():
    if not SHARED_FILE.exists():
        pytest.skip(f"{SHARED_FILE} is absent (../shared/ beside the repository)")
    with EXTRACT.open(encoding="utf-8", newline="") as handle:
        shipped = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    columns = list(shipped[0])
    source, totals = [], {}
    with gzip.open(SHARED_FILE, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["undl_id"] in ROLL_CALLS:
                source.append({column: row[column] for column in columns})
                totals[row["undl_id"]] = {
                    "Y": int(row["total_yes"]),
                    "N": int(row["total_no"]),
                    "A": int(row["total_abstentions"]),
                    "X": int(row["total_non_voting"]),
                }

    assert shipped == source
    assert totals == {roll_call: data["totals"] for roll_call, data in ROLL_CALLS.items()}
