"""The analytics on the real UN voting record, 1946-2019, imported once for the module.

Expected figures were computed from the raw file by a separate script (pairs of states' votes
per roll call, same rules as COINCIDENCE_METHOD): USA-ISR 2000-2019 0.859 over 1,859 roll
calls, USA-CUB 0.234 over 1,858. The DPRK human rights resolutions have recorded votes in
sessions 60-66, 69 and 70 only: the others were adopted without a vote.
"""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.factories import state
from unrecord.models import ResolutionSeries, VoteEvent
from unrecord.selectors import least_aligned, most_aligned, series_vote_changes, tally, voting_coincidence
from unrecord.series import assign_series, title_key

DATA_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "unga-votes-1946-2019.csv.gz"

if not DATA_FILE.exists():
    pytest.skip(f"the UN voting file is not at {DATA_FILE}", allow_module_level=True)
try:
    from unrecord.importer import import_file
except ImportError:
    pytest.skip("importer not available", allow_module_level=True)

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

FROM_2000 = {"start": datetime.date(2000, 1, 1), "end": datetime.date(2019, 12, 31)}
DPRK_TITLE = "Situation of human rights in the Democratic People's Republic of Korea"


@pytest.fixture(scope="module", autouse=True)
def record(django_db_setup, django_db_blocker):
    """The whole file, imported once and rolled back after the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        # A test on a real transaction may have run first on this worker and emptied the tables.
        call_command("load_reference_data", verbosity=0)
        import_file(str(DATA_FILE))
        assign_series()  # the importer does it too; a second run links nothing more
        yield
        transaction.set_rollback(True)


@pytest.fixture
def dprk_series():
    return ResolutionSeries.objects.get(title_key=title_key(DPRK_TITLE))


def test_the_dprk_human_rights_resolutions_form_one_series(dprk_series):
    sessions = set(dprk_series.resolutions.values_list("session__number", flat=True))

    assert dprk_series.name == DPRK_TITLE
    assert sessions == {60, 61, 62, 63, 64, 65, 66, 69, 70}


def test_the_dprk_voted_against_every_resolution_on_its_human_rights(dprk_series):
    changes = series_vote_changes(state=state("PRK"), series=dprk_series)

    assert [change["choice"] for change in changes] == ["N"] * 9
    assert not any(change["changed"] for change in changes)


def test_the_tally_of_69_188_matches_its_published_totals():
    vote_event = VoteEvent.objects.get(resolution__adopted_symbol="A/RES/69/188", kind="draft")

    assert tally(vote_event=vote_event) == {"Y": 116, "N": 20, "A": 53, "X": 4}


def test_the_usa_and_israel_voted_alike_since_2000():
    coincidence = voting_coincidence(state_a=state("USA"), state_b=state("ISR"), **FROM_2000)

    assert coincidence.score > 0.8
    assert coincidence.score == pytest.approx(0.859, abs=0.01)
    assert coincidence.votes_compared == pytest.approx(1859, abs=20)


def test_the_usa_and_cuba_voted_apart_since_2000():
    coincidence = voting_coincidence(state_a=state("USA"), state_b=state("CUB"), **FROM_2000)

    assert coincidence.score < 0.3
    assert coincidence.score == pytest.approx(0.234, abs=0.01)


def test_israel_is_the_state_most_aligned_with_the_usa_and_cuba_among_the_least():
    usa = state("USA")

    assert most_aligned(state=usa, **FROM_2000)[0].state.iso3 == "ISR"
    assert "CUB" in {a.state.iso3 for a in least_aligned(state=usa, limit=5, **FROM_2000)}
