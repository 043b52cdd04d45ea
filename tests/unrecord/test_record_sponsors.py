"""Saving a draft's sponsors pasted from the UN's text (unrecord.services.record_sponsors) and the
record_sponsors command: the L-document's sponsors, an addendum's later ones, the earliest day
kept, withdrawals and joining again; problems by line with nothing saved; record keepers only;
the addendum's symbol as a revision; the campaigns' figures refreshed once it commits."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from core.access import Forbidden
from core.models import OutboxMessage
from tests import factories
from unrecord.freshness import EVERY_CAMPAIGN, REFRESH_PROJECTIONS
from unrecord.models import DraftRevision, Sponsorship
from unrecord.services import record_sponsors

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
L_DOCUMENT = FIXTURES / "a_c3_69_l28_sponsors.txt"
ADDENDUM = FIXTURES / "a_c3_69_l28_add1.txt"
MEETING = FIXTURES / "ga_c3_2014_11_18_sponsors_oral.txt"
# Days set for the tests: the draft before the addendum, both before the Committee's vote.
TABLED = datetime.date(2014, 10, 30)
ADDED = datetime.date(2014, 11, 10)
VOTED = datetime.date(2014, 11, 18)


@pytest.fixture
def resolution():
    return factories.ResolutionFactory(draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188")


def paste(author, resolution, source, *, date, kind, document=""):
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return record_sponsors(
        author=author, resolution=resolution, text=text, date=date, kind=kind, document=document
    )


def sponsors(resolution) -> dict[str, tuple]:
    rows = Sponsorship.objects.filter(resolution=resolution).select_related("state")
    return {row.state.iso3: (row.role, row.joined_on, row.withdrew_on) for row in rows}


def refreshes_queued() -> int:
    return OutboxMessage.objects.filter(task_name=REFRESH_PROJECTIONS, coalesce_key=EVERY_CAMPAIGN).count()


def test_the_l_documents_sponsors_become_co_sponsors_from_its_day(record_keeper, resolution):
    result = paste(record_keeper, resolution, L_DOCUMENT, date=TABLED, kind="draft")
    assert result.saved and len(result.changes) == 29
    saved = sponsors(resolution)
    assert len(saved) == 29 and saved["JPN"] == ("co", TABLED, None) and saved["GBR"] == ("co", TABLED, None)


def test_an_addendum_adds_its_states_on_its_later_day_and_keeps_the_earlier_sponsors_day(
    record_keeper, resolution
):
    paste(record_keeper, resolution, L_DOCUMENT, date=TABLED, kind="draft")
    paste(record_keeper, resolution, "Japan and Albania have become sponsors.", date=ADDED, kind="addendum")
    saved = sponsors(resolution)
    assert saved["ALB"] == ("co", ADDED, None)
    assert saved["JPN"] == ("co", TABLED, None)  # a sponsor since the draft, not since the addendum
    assert len(saved) == 30


def test_a_list_dated_earlier_than_a_recorded_sponsorship_moves_its_day_earlier(record_keeper, resolution):
    paste(record_keeper, resolution, ADDENDUM, date=ADDED, kind="addendum")
    result = paste(
        record_keeper, resolution, "Albania and Japan: draft resolution", date=TABLED, kind="draft"
    )
    assert [(c.iso3, c.effect) for c in result.changes] == [
        ("ALB", "joined earlier than recorded"),
        ("JPN", "joins"),
    ]
    assert sponsors(resolution)["ALB"] == ("co", TABLED, None)


def test_a_withdrawal_ends_a_sponsorship_on_its_day(record_keeper, resolution):
    paste(record_keeper, resolution, ADDENDUM, date=ADDED, kind="addendum")
    result = paste(record_keeper, resolution, MEETING, date=VOTED, kind="oral")
    assert [c.iso3 for c in result.withdrawing] == ["AND"]
    saved = sponsors(resolution)
    assert saved["AND"] == ("co", ADDED, VOTED)
    assert saved["MCO"] == ("co", VOTED, None) and saved["AUS"] == ("co", VOTED, None)


def test_a_state_joining_again_after_withdrawing_is_a_sponsor_again_since_it_first_joined(
    record_keeper, resolution
):
    paste(record_keeper, resolution, "Andorra joined the sponsors.", date=ADDED, kind="oral")
    paste(record_keeper, resolution, "Andorra withdrew as a sponsor.", date=VOTED, kind="withdrawal")
    later = VOTED + datetime.timedelta(days=20)
    result = paste(record_keeper, resolution, "Andorra joined the sponsors.", date=later, kind="oral")
    assert [c.effect for c in result.changes] == ["joins again"]
    assert sponsors(resolution)["AND"] == ("co", ADDED, None)


def test_a_main_sponsor_listed_again_stays_a_main_sponsor(record_keeper, resolution):
    Sponsorship.objects.create(resolution=resolution, state=factories.state("JPN"), role="main")
    result = paste(record_keeper, resolution, "Japan and Ghana: draft resolution", date=TABLED, kind="draft")
    assert [(c.iso3, c.effect) for c in result.changes] == [
        ("GHA", "joins"),
        ("JPN", "day of joining recorded"),
    ]
    assert sponsors(resolution)["JPN"] == ("main", TABLED, None)


def test_the_state_a_draft_is_tabled_for_a_group_by_keeps_the_group(record_keeper, resolution):
    text = "Italy (on behalf of the European Union) and Japan: draft resolution"
    paste(record_keeper, resolution, text, date=TABLED, kind="draft")
    assert (
        Sponsorship.objects.get(resolution=resolution, state__iso3="ITA").on_behalf_of == "the European Union"
    )


@pytest.mark.parametrize(
    "text, day, message",
    [
        ("Ghana,\nNarnia: draft resolution", TABLED, f"line 2: 'Narnia' resolves to no state on {TABLED}"),
        (
            "Ghana,\nChina: draft resolution",
            datetime.date(1960, 12, 1),
            "line 2: 'China' resolves to 2 states (CHN, TWN)",
        ),
        ("Ghana, Kenya,\nGhana: draft resolution", TABLED, "line 2: GHA ('Ghana') is listed twice"),
        ("The Committee adopted the draft without a vote.", TABLED, "line 1: no sponsor list found"),
    ],
)
def test_a_list_with_a_problem_is_refused_by_line_and_nothing_is_saved(
    record_keeper, resolution, text, day, message
):
    with pytest.raises(ValidationError) as refused:
        paste(record_keeper, resolution, text, date=day, kind="draft")
    assert any(problem.startswith(message) for problem in refused.value.message_dict["text"])
    assert not Sponsorship.objects.exists() and refreshes_queued() == 0


def test_a_withdrawal_of_a_state_that_is_no_sponsor_is_refused_by_line(record_keeper, resolution):
    paste(record_keeper, resolution, "Ghana joined the sponsors.", date=ADDED, kind="oral")
    text = "Ghana withdrew as a sponsor.\nCuba withdrew as a sponsor."
    with pytest.raises(ValidationError) as refused:
        paste(record_keeper, resolution, text, date=VOTED, kind="withdrawal")
    assert refused.value.message_dict["text"] == [
        "line 2: Cuba (CUB) withdraws, but it is not a sponsor of this draft"
    ]
    assert sponsors(resolution)["GHA"] == ("co", ADDED, None)  # nothing half-saved


def test_a_withdrawal_before_the_state_joined_is_refused(record_keeper, resolution):
    paste(record_keeper, resolution, "Ghana joined the sponsors.", date=VOTED, kind="oral")
    with pytest.raises(ValidationError) as refused:
        paste(record_keeper, resolution, "Ghana withdrew as a sponsor.", date=ADDED, kind="withdrawal")
    assert refused.value.message_dict["text"] == [
        f"line 1: Ghana (GHA) withdraws, but it joined the sponsors on {VOTED}, after this day"
    ]


@pytest.mark.parametrize(
    "text, kind",
    [("Ghana joined the sponsors.", "withdrawal"), ("Ghana withdrew as a sponsor.", "addendum")],
)
def test_a_list_going_the_other_way_than_its_kind_is_refused(record_keeper, resolution, text, kind):
    Sponsorship.objects.create(resolution=resolution, state=factories.state("GHA"), joined_on=TABLED)
    with pytest.raises(ValidationError) as refused:
        paste(record_keeper, resolution, text, date=VOTED, kind=kind)
    assert "choose the kind 'oral'" in refused.value.message_dict["text"][0]
    assert sponsors(resolution)["GHA"] == ("co", TABLED, None)


def test_a_day_still_to_come_and_an_unknown_kind_are_refused(record_keeper, resolution):
    with pytest.raises(ValidationError) as refused:
        paste(
            record_keeper, resolution, "Ghana joined the sponsors.", date=datetime.date(2999, 1, 1), kind="x"
        )
    assert set(refused.value.message_dict) == {"date", "kind"}
    assert not Sponsorship.objects.exists()


def test_only_record_keepers_may_record_sponsors(staff_user, resolution):
    with pytest.raises(Forbidden):
        paste(staff_user, resolution, L_DOCUMENT, date=TABLED, kind="draft")
    assert not Sponsorship.objects.exists()


def test_an_addendums_symbol_is_recorded_as_a_revision_of_the_draft(record_keeper, resolution):
    result = paste(
        record_keeper, resolution, ADDENDUM, date=ADDED, kind="addendum", document="A/C.3/69/L.28/Add.1"
    )
    revision = DraftRevision.objects.get()
    assert result.revision == "A/C.3/69/L.28/Add.1"
    assert (revision.resolution, revision.symbol, revision.issued_on) == (
        resolution,
        "A/C.3/69/L.28/Add.1",
        ADDED,
    )
    paste(record_keeper, resolution, ADDENDUM, date=ADDED, kind="addendum", document="A/C.3/69/L.28/Add.1")
    assert DraftRevision.objects.count() == 1  # not twice


@pytest.mark.parametrize(
    "document", ["A/C.3/69/L.99/Add.1", "A/C.3/69/L.28", "A/C.3/69/L.28/Add.1 and Corr.1"]
)
def test_a_symbol_that_is_not_an_addendum_of_this_draft_is_not_recorded(record_keeper, resolution, document):
    paste(record_keeper, resolution, ADDENDUM, date=ADDED, kind="addendum", document=document)
    assert not DraftRevision.objects.exists() and len(sponsors(resolution)) == 5


def test_the_campaigns_figures_are_refreshed_when_sponsors_change_and_not_otherwise(
    record_keeper, resolution
):
    paste(record_keeper, resolution, "Ghana joined the sponsors.", date=ADDED, kind="oral")
    assert refreshes_queued() == 1
    OutboxMessage.objects.all().delete()
    paste(record_keeper, resolution, "Ghana joined the sponsors.", date=VOTED, kind="oral")  # already one
    assert refreshes_queued() == 0


def run(*args) -> str:
    out = io.StringIO()
    call_command("record_sponsors", *args, stdout=out)
    return out.getvalue()


def test_the_command_saves_the_list_as_the_record_keeper_named(record_keeper, resolution):
    out = run(str(ADDENDUM), "--resolution", "A/RES/69/188", "--date", "2014-11-10", "--kind", "addendum",
              "--document", "A/C.3/69/L.28/Add.1", "--user", record_keeper.username)  # fmt: skip
    assert "USA  joins  (United States, line 21)" in out
    assert "Saved 5 sponsorships of A/RES/69/188; A/C.3/69/L.28/Add.1 recorded" in out
    assert sponsors(resolution)["USA"] == ("co", ADDED, None)


def test_the_commands_dry_run_shows_the_changes_and_saves_nothing(resolution):
    Sponsorship.objects.create(resolution=resolution, state=factories.state("AND"), joined_on=ADDED)
    out = run(
        str(MEETING), "--resolution", "A/C.3/69/L.28", "--date", "2014-11-18", "--kind", "oral", "--dry-run"
    )
    assert "MCO  joins  (Monaco, line 9)" in out and "AND  withdraws  (Andorra, line 11)" in out
    assert "Would change 6 sponsorships of A/RES/69/188." in out
    assert sponsors(resolution) == {"AND": ("co", ADDED, None)}


def test_the_commands_dry_run_lists_the_problems_by_line(resolution):
    with pytest.raises(
        CommandError, match="text: line 11: Andorra \\(AND\\) withdraws, but it is not a sponsor"
    ):
        run(
            str(MEETING),
            "--resolution",
            "A/C.3/69/L.28",
            "--date",
            "2014-11-18",
            "--kind",
            "oral",
            "--dry-run",
        )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--resolution", "A/C.3/69/L.28", "--date", "2014-11-18"], "Name the record keeper"),
        (["--resolution", "A/C.3/69/L.999", "--date", "2014-11-18"], "no draft, resolution or revision"),
        (["--resolution", "A/C.3/69/L.28", "--date", "18/11/2014"], "--date wants a day"),
        (["--resolution", "A/C.3/69/L.28", "--date", "2014-11-18", "--user", "nobody"], "no such user"),
    ],
)
def test_the_command_refuses_what_it_cannot_use_without_a_traceback(resolution, args, message):
    with pytest.raises(CommandError, match=message):
        run(str(MEETING), "--kind", "oral", *args)
    assert not Sponsorship.objects.exists()


def test_the_command_refuses_a_user_who_keeps_no_record(staff_user, resolution):
    with pytest.raises(CommandError, match="nothing saved: You may not change the sponsors"):
        run(str(L_DOCUMENT), "--resolution", "A/C.3/69/L.28", "--date", "2014-10-30", "--kind", "draft",
            "--user", staff_user.username)  # fmt: skip
    assert not Sponsorship.objects.exists()
