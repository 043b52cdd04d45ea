"""Saving a recorded vote pasted from the UN's text (unrecord.services.record_pasted_vote): the roll
call, its session and result, the declared intentions beside the recorded votes, refusals that save
nothing, a second paste of the same roll call, and the campaign figures that follow it."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from core.access import Forbidden
from core.models import OutboxMessage
from intelligence import cache as projections
from tests import factories
from unrecord.models import DeclaredIntention, RecordedVote, Session, VoteEvent, VoteImport
from unrecord.pasted_votes import general_assembly_session_on, resolution_by_symbol
from unrecord.services import record_pasted_vote

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLENARY_2014 = (FIXTURES / "ga_2014_12_18_dprk_plenary.txt").read_text(encoding="utf-8")
FOOTNOTED = (FIXTURES / "footnoted_vote.txt").read_text(encoding="utf-8")
PLENARY_DAY = datetime.date(2014, 12, 18)
COMMITTEE_DAY = datetime.date(2014, 11, 18)
SMALL_COMMITTEE_VOTE = "In favour: Ghana, Kenya\nAgainst: Gambia\nAbstaining: Chad\n"


@pytest.fixture
def resolution():
    return factories.ResolutionFactory(draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188")


def paste(author, text=PLENARY_2014, *, body="GA", date=PLENARY_DAY, **options) -> VoteEvent:
    return record_pasted_vote(author=author, text=text, body=factories.body(body), date=date, **options)


def choices_of(event: VoteEvent) -> dict[str, str]:
    return dict(event.votes.values_list("state__iso3", "choice"))


def test_the_2014_plenary_text_saves_a_roll_call_of_116_20_53_with_4_absent(record_keeper, resolution):
    event = paste(record_keeper, resolution=resolution)
    event.refresh_from_db()
    assert (event.yes_count, event.no_count, event.abstain_count, event.non_voting_count) == (116, 20, 53, 4)
    assert event.result == VoteEvent.Result.ADOPTED and event.kind == VoteEvent.Kind.WHOLE_DRAFT
    assert (event.body.code, event.date, event.resolution, event.session.number) == (
        "GA",
        PLENARY_DAY,
        resolution,
        69,
    )
    assert RecordedVote.objects.filter(vote_event=event, vote_import__isnull=True).count() == 193
    assert event.totals_mismatch() == []
    assert (choices_of(event)["GMB"], choices_of(event)["SWZ"], choices_of(event)["TUR"]) == ("N", "X", "Y")


def test_a_committee_vote_without_a_resolution_falls_in_the_assemblys_session_of_its_day(record_keeper):
    assert not Session.objects.filter(body__code="GA", number=69).exists()
    event = paste(record_keeper, SMALL_COMMITTEE_VOTE, body="GA-C3", date=COMMITTEE_DAY)
    assert (event.session.body.code, event.session.number, event.resolution) == ("GA", 69, None)
    assert choices_of(event) == {"GHA": "Y", "KEN": "Y", "GMB": "N", "TCD": "A"}


def test_the_resolutions_session_is_the_votes_when_it_met_in_the_same_organ(record_keeper):
    resolution = factories.ResolutionFactory(session=factories.SessionFactory(number=70))
    event = paste(
        record_keeper, SMALL_COMMITTEE_VOTE, body="GA-C3", date=COMMITTEE_DAY, resolution=resolution
    )
    assert event.session.number == 70


@pytest.mark.parametrize(
    ("day", "session"),
    [
        ("2014-09-15", 68),
        ("2014-09-16", 69),  # the 69th opened on Tuesday 16 September 2014
        ("2015-06-30", 69),
        ("2019-09-16", 73),
        ("2019-09-17", 74),  # 1 September 2019 was a Sunday: the third week began on the 16th
        ("2023-09-04", 77),
        ("2023-09-05", 78),  # a week earlier from the 78th session
        ("2024-09-10", 79),
    ],
)
def test_the_assemblys_session_opens_on_the_tuesday_its_rules_name(day, session):
    assert general_assembly_session_on(datetime.date.fromisoformat(day)) == session


def test_more_no_than_yes_or_a_tie_rejects_the_proposal(record_keeper):
    rejected = paste(
        record_keeper, "In favour: Ghana\nAgainst: Chad, Kenya", body="GA-C3", date=COMMITTEE_DAY
    )
    tie = paste(
        record_keeper, "In favour: Ghana\nAgainst: Chad", body="GA-C3", date=COMMITTEE_DAY, kind="amendment"
    )
    assert rejected.result == tie.result == VoteEvent.Result.REJECTED


def test_text_with_problems_is_refused_with_every_problem_by_line_and_nothing_is_saved(record_keeper):
    with pytest.raises(ValidationError) as refused:
        paste(record_keeper, "Adopted 3-1-0.\nIn favour: Ghana, Narnia\nAgainst: Ghana\n")
    problems = refused.value.message_dict["text"]
    assert "line 2: 'Narnia' resolves to no state on 2014-12-18" in problems
    assert "line 3: GHA ('Ghana') is listed twice: already under In favour on line 2" in problems
    assert any(problem.startswith("line 1: the text states 3 in favour") for problem in problems)
    assert not VoteEvent.objects.exists() and not RecordedVote.objects.exists()
    assert not Session.objects.filter(number=69).exists()


def test_lists_that_name_no_state_are_refused(record_keeper):
    with pytest.raises(ValidationError, match="name no state"):
        paste(record_keeper, "In favour: None\nAgainst: None")


def test_a_day_still_to_come_and_an_unknown_kind_are_refused(record_keeper):
    with pytest.raises(ValidationError) as refused:
        paste(record_keeper, SMALL_COMMITTEE_VOTE, date=datetime.date(2999, 1, 1), kind="acclamation")
    assert set(refused.value.message_dict) == {"date", "kind"}
    assert not VoteEvent.objects.exists()


def test_footnoted_intentions_are_kept_beside_the_votes_as_recorded(record_keeper):
    event = paste(record_keeper, FOOTNOTED, body="GA-C3", date=COMMITTEE_DAY)
    assert (choices_of(event)["GMB"], choices_of(event)["CIV"]) == ("N", "Y")
    intentions = {i.state.iso3: (i.choice, i.note) for i in event.declared_intentions.select_related("state")}
    assert intentions == {
        "GMB": ("Y", "¹ Gambia subsequently advised the Secretariat that it had intended to vote in favour."),
        "CIV": (
            "A",
            "* The delegation of Côte d'Ivoire subsequently advised the Secretariat that it had intended "
            "to abstain.",
        ),
    }


def test_a_second_paste_of_the_same_roll_call_is_refused_unless_replacing(record_keeper, resolution):
    first = paste(record_keeper, FOOTNOTED, body="GA-C3", date=COMMITTEE_DAY, resolution=resolution)
    with pytest.raises(ValidationError) as refused:
        paste(record_keeper, SMALL_COMMITTEE_VOTE, body="GA-C3", date=COMMITTEE_DAY, resolution=resolution)
    assert f"(vote event {first.pk})" in refused.value.message_dict["replace"][0]
    assert choices_of(first)["GMB"] == "N" and VoteEvent.objects.count() == 1

    replaced = paste(
        record_keeper,
        SMALL_COMMITTEE_VOTE,
        body="GA-C3",
        date=COMMITTEE_DAY,
        resolution=resolution,
        replace=True,
    )
    replaced.refresh_from_db()
    assert replaced.pk == first.pk and VoteEvent.objects.count() == 1
    assert choices_of(replaced) == {"GHA": "Y", "KEN": "Y", "GMB": "N", "TCD": "A"}
    assert (replaced.yes_count, replaced.no_count, replaced.abstain_count) == (2, 1, 1)
    assert not DeclaredIntention.objects.exists()


def test_replacing_an_imported_roll_call_leaves_it_to_the_next_import_to_write_again(
    record_keeper, resolution
):
    vote_import = VoteImport.objects.create(source="undl_votes.csv")
    imported = factories.VoteEventFactory(
        resolution=resolution, source_id="5377", source_digest="d" * 32, vote_import=vote_import
    )
    event = paste(record_keeper, resolution=resolution, replace=True)
    event.refresh_from_db()
    assert event.pk == imported.pk and event.source_id == "5377"
    assert (event.source_digest, event.vote_import) == ("", None)


def test_a_different_kind_or_day_is_another_roll_call(record_keeper, resolution):
    paste(record_keeper, SMALL_COMMITTEE_VOTE, body="GA-C3", date=COMMITTEE_DAY, resolution=resolution)
    paste(
        record_keeper,
        SMALL_COMMITTEE_VOTE,
        body="GA-C3",
        date=COMMITTEE_DAY,
        resolution=resolution,
        kind="amendment",
    )
    paste(record_keeper, SMALL_COMMITTEE_VOTE, body="GA", date=PLENARY_DAY, resolution=resolution)
    assert VoteEvent.objects.count() == 3


@pytest.mark.parametrize("who", ["staff_user", "manager_user"])
def test_only_record_keepers_may_save_a_pasted_vote(request, who):
    with pytest.raises(Forbidden):
        paste(request.getfixturevalue(who), SMALL_COMMITTEE_VOTE, body="GA-C3", date=COMMITTEE_DAY)
    assert not VoteEvent.objects.exists() and not Session.objects.filter(number=69).exists()


def test_a_non_keeper_cannot_replace_a_roll_call_either(record_keeper, manager_user, resolution):
    first = paste(record_keeper, FOOTNOTED, body="GA-C3", date=COMMITTEE_DAY, resolution=resolution)
    with pytest.raises(Forbidden):
        paste(
            manager_user,
            SMALL_COMMITTEE_VOTE,
            body="GA-C3",
            date=COMMITTEE_DAY,
            resolution=resolution,
            replace=True,
        )
    assert choices_of(first)["TUR"] == "Y" and first.declared_intentions.count() == 2


def test_a_saved_vote_queues_one_coalesced_refresh_of_every_campaigns_figures(record_keeper):
    paste(record_keeper, SMALL_COMMITTEE_VOTE, body="GA-C3", date=COMMITTEE_DAY)
    queued = OutboxMessage.objects.get()
    assert (queued.task_name, queued.coalesce_key) == ("intelligence.refresh_projections", "projections:all")


def test_a_resolution_is_found_by_its_draft_adopted_or_revision_symbol(resolution):
    resolution.revisions.create(symbol="A/C.3/69/L.28/Rev.1")
    for symbol in ("A/C.3/69/L.28", "a/res/69/188", " A/C.3/69/L.28/Rev.1 "):
        assert resolution_by_symbol(symbol) == resolution
    assert resolution_by_symbol("A/RES/69/999") is None and resolution_by_symbol("") is None


def test_the_campaign_projection_sees_the_committee_vote_once_the_refresh_has_run(
    record_keeper, organization, resolution, django_capture_on_commit_callbacks
):
    resolution.series = factories.ResolutionSeriesFactory()
    resolution.save()
    campaign = factories.CampaignFactory(owner=organization, status="active", series=resolution.series)
    campaign.resolutions.add(resolution)
    before = projections.campaign_projection(campaign)  # cached now
    assert before.call_for("GMB").vote != "N"

    with django_capture_on_commit_callbacks(execute=True):  # the commit: the refresh runs (eagerly)
        paste(record_keeper, SMALL_COMMITTEE_VOTE, body="GA-C3", date=COMMITTEE_DAY, resolution=resolution)

    after = projections.campaign_projection(campaign)
    assert (after.call_for("GMB").vote, after.call_for("GHA").vote, after.call_for("TCD").vote) == (
        "N",
        "Y",
        "A",
    )


# -- the record_vote command -----------------------------------------------------------------------------
PLENARY_FILE = str(FIXTURES / "ga_2014_12_18_dprk_plenary.txt")


def record_vote(*args, **options) -> str:
    out = io.StringIO()
    call_command("record_vote", *args, stdout=out, **options)
    return out.getvalue()


def test_record_vote_saves_the_roll_call_for_the_resolution_named_by_symbol(record_keeper, resolution):
    out = record_vote(PLENARY_FILE, date="2014-12-18", resolution="A/RES/69/188", user=record_keeper.username)
    event = VoteEvent.objects.get()
    assert (event.resolution, event.body.code, event.totals_label) == (resolution, "GA", "116-20-53")
    assert f"vote event {event.pk}" in out and "116-20-53" in out
    assert event.votes.count() == 193


def test_record_vote_in_committee_with_kind_and_replace(record_keeper, resolution, tmp_path):
    committee = tmp_path / "committee.txt"
    committee.write_text(SMALL_COMMITTEE_VOTE, encoding="utf-8")
    options = {"date": "2014-11-18", "body": "GA-C3", "resolution": "A/C.3/69/L.28", "user": "keeper"}
    record_vote(str(committee), kind="amendment", **options)
    with pytest.raises(CommandError, match="nothing saved.*\n  replace: .* is recorded already"):
        record_vote(str(committee), kind="amendment", **options)
    record_vote(str(committee), kind="amendment", replace=True, **options)
    event = VoteEvent.objects.get()
    assert (event.body.code, event.kind, event.session.number) == ("GA-C3", "amendment", 69)


def test_record_vote_dry_run_saves_nothing_even_with_a_user(record_keeper):
    out = record_vote(PLENARY_FILE, date="2014-12-18", dry_run=True, user=record_keeper.username)
    assert len(out.splitlines()) == 193
    assert not VoteEvent.objects.exists() and not Session.objects.filter(number=69).exists()


def test_record_vote_refuses_a_user_who_does_not_keep_the_record(manager_user):
    with pytest.raises(CommandError, match="nothing saved: You may not add vote events"):
        record_vote(PLENARY_FILE, date="2014-12-18", user=manager_user.username)
    with pytest.raises(CommandError, match="no such user"):
        record_vote(PLENARY_FILE, date="2014-12-18", user="nobody")
    assert not VoteEvent.objects.exists()


def test_record_vote_names_an_unknown_resolution_or_body(record_keeper):
    with pytest.raises(CommandError, match="--resolution 'A/RES/69/999': no draft, resolution or revision"):
        record_vote(PLENARY_FILE, date="2014-12-18", resolution="A/RES/69/999", user="keeper")
    with pytest.raises(CommandError, match="--body 'GA-C9' is no body of the record: one of .*GA-C3"):
        record_vote(PLENARY_FILE, date="2014-12-18", body="GA-C9", user="keeper")


def test_record_vote_lists_every_problem_and_saves_nothing(record_keeper, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("In favour: Ghana, Narnia\nAgainst: Ghana\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        record_vote(str(bad), date="2014-12-18", user="keeper")
    assert "text: line 1: 'Narnia' resolves to no state" in str(raised.value)
    assert "text: line 2: GHA ('Ghana') is listed twice" in str(raised.value)
    assert not VoteEvent.objects.exists()
