"""The demo campaign: what the sources say about the 2014 resolution is what load_demo loads, once,
from files the project ships."""

import builtins
import datetime
import io
import pathlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from advocacy.models import FollowUp, Meeting, SideEvent, Stance
from campaigns.models import Campaign, Target, Threshold
from demo.dataset import outreach, series
from demo.loader import DEMO_APPS, load_demo
from directory.models import Person, PersonIdentity
from documents.models import Document
from unrecord.models import Amendment, MemberState, RecordedVote, Resolution, VoteEvent

THIRD_COMMITTEE_DAY = datetime.date(2014, 11, 18)
PLENARY_DAY = datetime.date(2014, 12, 18)
SURVIVORS_REAL_NAMES = ["Hye Sook Kim", "Hyesook Kim", "Hyuk Kim", "Shin Dong-hyuk", "Donghyuk Shin"]


@pytest.fixture
def demo(db):
    return load_demo()


def _rows_in_every_table() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in DEMO_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def _iso3s(states) -> set[str]:
    return {state.iso3 for state in states}


# Loading, once --------------------------------------------------------------------------------


def test_loads_the_campaign_into_an_empty_database(db):
    assert not Campaign.objects.exists()

    report = load_demo()

    assert not report.nothing_changed
    assert report.created["campaigns.Campaign"] == 1
    # 2014's plenary roll call, and each earlier one of the series as many votes as its totals say.
    earlier = sum(sum(roll_call["totals"].values()) for roll_call in series.PLENARY_VOTES)
    assert report.created["unrecord.RecordedVote"] == 193 + earlier
    assert report.created["unrecord.VoteEvent"] == 3 + len(series.PLENARY_VOTES)


def test_second_load_creates_nothing_and_leaves_every_table_as_it_was(demo):
    rows_before = _rows_in_every_table()

    report = load_demo()

    assert report.nothing_changed
    assert report.created == {}
    assert _rows_in_every_table() == rows_before


def test_command_says_so_when_nothing_changed(db):
    call_command("load_demo", stdout=io.StringIO())
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    assert "nothing changed" in output.getvalue()


def test_loader_opens_nothing_under_shared(db, monkeypatch):
    opened = []
    real_open, real_path_open = builtins.open, pathlib.Path.open

    def guard(path):
        opened.append(str(path))
        if "/shared/" in str(path):
            raise AssertionError(f"the demo must ship its data, yet it opened {path}")

    def guarded_open(file, *args, **kwargs):
        guard(file)
        return real_open(file, *args, **kwargs)

    def guarded_path_open(self, *args, **kwargs):
        guard(self)
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(pathlib.Path, "open", guarded_path_open)

    load_demo()

    # The guard saw the loader's own reads, so it would have seen one under ../shared.
    assert any(path.endswith("demo/data/a_res_69_188_roll_call.csv") for path in opened)
    assert any(path.endswith(f"demo/data/{series.ROLL_CALL_FILE}") for path in opened)


# The votes ------------------------------------------------------------------------------------


def test_third_committee_adopted_the_draft_111_19_55(demo):
    vote = VoteEvent.objects.get(body__code="GA-C3", date=THIRD_COMMITTEE_DAY, kind="draft")

    assert (vote.result, vote.yes_count, vote.no_count, vote.abstain_count) == ("adopted", 111, 19, 55)
    assert vote.non_voting_count is None
    assert not vote.votes.exists()


def test_cuban_amendment_was_rejected_40_77_with_abstentions_unknown(demo):
    amendment = Amendment.objects.get(resolution__draft_symbol="A/C.3/69/L.28")
    vote = VoteEvent.objects.get(amendment=amendment)

    assert _iso3s(amendment.proposed_by.all()) == {"CUB"}
    assert amendment.symbol == ""
    assert (vote.body.code, vote.date, vote.kind) == ("GA-C3", THIRD_COMMITTEE_DAY, "amendment")
    assert (vote.result, vote.yes_count, vote.no_count, vote.abstain_count) == ("rejected", 40, 77, None)


def test_plenary_roll_call_adds_up_to_the_published_116_20_53(demo):
    vote = VoteEvent.objects.with_recorded_tally().get(body__code="GA", date=PLENARY_DAY)

    published = (vote.yes_count, vote.no_count, vote.abstain_count, vote.non_voting_count)
    recorded = (vote.recorded_yes, vote.recorded_no, vote.recorded_abstain, vote.recorded_non_voting)
    assert published == recorded == (116, 20, 53, 4)
    assert vote.recorded_total == 193
    assert (vote.result, vote.source_id) == ("adopted", "5377")
    assert not VoteEvent.objects.with_totals_mismatch().exists()


def test_plenary_votes_are_traced_to_their_import(demo):
    vote = VoteEvent.objects.get(body__code="GA", date=PLENARY_DAY)

    assert len(vote.vote_import.checksum) == 64
    assert "roll call 5377" in vote.vote_import.source
    assert set(vote.votes.values_list("vote_import", flat=True)) == {vote.vote_import_id}


def test_serbia_votes_under_its_yug_code_not_as_yugoslavia(demo):
    votes = RecordedVote.objects.filter(vote_event__date=PLENARY_DAY)

    assert votes.filter(state__iso3="SRB").exists()
    assert not votes.filter(state__iso3="YUG").exists()
    assert set(votes.values_list("state", flat=True)) == set(
        MemberState.objects.current_members().values_list("pk", flat=True)
    )


def test_resolution_was_adopted_as_a_res_69_188(demo):
    resolution = Resolution.objects.get(draft_symbol="A/C.3/69/L.28")

    assert resolution.adopted_symbol == "A/RES/69/188"
    assert resolution.adopted_on == PLENARY_DAY
    assert (resolution.body.code, resolution.session.number) == ("GA-C3", 69)
    assert resolution.series.title_key == "democratic human korea people republic rights situation"


def test_sponsors_are_japan_the_eu_members_and_the_united_states_only(demo):
    sponsorships = Resolution.objects.get(adopted_symbol="A/RES/69/188").sponsorships

    assert _iso3s(s.state for s in sponsorships.filter(role="main", on_behalf_of="")) == {"JPN"}
    assert sponsorships.filter(role="main", on_behalf_of="European Union").count() == 28
    assert _iso3s(s.state for s in sponsorships.filter(role="co")) == {"USA"}


# The side meeting and the survivors -----------------------------------------------------------


def test_side_event_in_the_ecosoc_chamber_cosponsored_by_australia_botswana_panama(demo):
    event = SideEvent.objects.get(date=datetime.date(2014, 10, 22))

    assert (event.location, event.venue, event.body.code) == ("unhq", "ECOSOC Chamber", "GA")
    assert _iso3s(event.cosponsors.all()) == {"AUS", "BWA", "PAN"}
    assert {o.acronym for o in event.organizers.all()} == {"NKHR", "HRW"}
    assert event.incidents.filter(state__iso3="PRK").exists()
    assert "Michael Kirby" in {speaker.name for speaker in event.speakers.all()}
    assert not event.is_illustrative
    assert event.campaigns.exists()


def test_survivors_appear_only_under_pseudonyms(demo):
    identities = PersonIdentity.objects.select_related("person")

    assert {identity.real_name for identity in identities} == {"Hye Sook Kim", "Hyuk Kim", "Shin Dong-hyuk"}
    for identity in identities:
        assert identity.person.is_protected
        assert identity.person.name.startswith("Witness ")
    for real_name in ("Hye Sook Kim", "Hyuk Kim"):
        assert not Person.objects.filter(name__icontains=real_name).exists()


def _text_fields(model):
    return [f.name for f in model._meta.get_fields() if isinstance(f, models.CharField | models.TextField)]


@pytest.mark.parametrize("model", [Person, Meeting, SideEvent, Document, FollowUp, Stance, Campaign])
def test_no_demo_text_names_a_survivor(demo, model):
    for real_name in SURVIVORS_REAL_NAMES:
        for field_name in _text_fields(model):
            assert not model.objects.filter(**{f"{field_name}__icontains": real_name}).exists(), (
                f"{model.__name__}.{field_name} names {real_name}"
            )


# Letters --------------------------------------------------------------------------------------


def test_letter_to_secretary_kerry_of_10_september_2014_has_its_14_signatories_in_order(demo):
    letter = Document.objects.get(kind="joint_letter", dated=datetime.date(2014, 9, 10))
    signatories = [s.person.name for s in letter.signatures.select_related("person")]

    assert len(signatories) == 14
    assert signatories[:2] == ["Morton Abramowitz", "Victor Cha"]
    assert signatories[-3:] == ["Kenneth Roth", "Greg Scarlatoiu", "Hannah Song"]
    assert [p.name for p in letter.recipient_people.all()] == ["John F. Kerry"]
    assert [o.name for o in letter.recipient_organizations.all()] == ["U.S. Department of State"]


def test_letter_to_member_states_of_10_november_2014_is_signed_by_the_three_known_organizations(demo):
    letter = Document.objects.get(kind="joint_letter", dated=datetime.date(2014, 11, 10))

    assert {s.organization.name for s in letter.signatures.all()} == {
        "Amnesty International",
        "Human Rights Watch",
        "Jacob Blaustein Institute for the Advancement of Human Rights",
    }
    assert not letter.signatures.filter(person__isnull=False).exists()
    assert letter.recipients_note == "All UN member states"
    assert letter.recipient_states.count() == 193


# What was invented ----------------------------------------------------------------------------


def test_invented_outreach_is_marked_illustrative(demo):
    campaign = Campaign.objects.get()

    assert not campaign.is_illustrative
    assert campaign.meetings.count() == 10
    assert not campaign.meetings.filter(is_illustrative=False).exists()
    assert not Target.objects.filter(is_illustrative=False).exists()
    assert not Stance.objects.exclude(evidence="vote").filter(is_illustrative=False).exists()
    assert not FollowUp.objects.filter(is_illustrative=False).exists()


def test_only_what_the_sources_state_is_loaded_as_fact(demo):
    """The December 2012 meeting is in the sources; a stance read off the roll call is a fact."""
    facts = Meeting.objects.filter(is_illustrative=False)

    assert [m.date for m in facts] == [datetime.date(2012, 12, 1)]
    assert not Stance.objects.filter(evidence="vote", is_illustrative=True).exists()
    assert set(Threshold.objects.filter(is_illustrative=False).values_list("kind", flat=True)) == {
        "amendment_defeated",
        "adopted",
    }


def test_every_target_has_a_stance_before_the_vote_and_one_from_it(demo):
    plenary = VoteEvent.objects.get(body__code="GA", date=PLENARY_DAY)
    for target in Target.objects.all():
        stances = Stance.objects.seen_by_campaign(target.campaign).filter(state=target.state)
        assert stances.filter(as_of__lt=PLENARY_DAY).exists()
        assert stances.get(evidence="vote").vote_event == plenary


def test_stances_said_in_a_meeting_name_the_meeting(demo):
    said = Stance.objects.filter(evidence="meeting")

    assert said.count() == 10
    said_by = {meeting["state"]: meeting["said"] for meeting in outreach.MEETINGS}
    for stance in said:
        assert stance.position == said_by[stance.state.iso3]
        assert stance.meeting.states.filter(pk=stance.state_id).exists()


def test_some_follow_ups_are_done_and_some_overdue_before_the_third_committee_vote(demo):
    assert FollowUp.objects.filter(status="done", completed_on__isnull=False).exists()
    assert FollowUp.objects.overdue(today=THIRD_COMMITTEE_DAY).exists()
    assert set(FollowUp.objects.values_list("assignee__username", flat=True)) == {"demo-staff"}
