"""Constraints of the UN record that the database or the model's validation enforce."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import RecordedVoteFactory, ResolutionFactory, SessionFactory, VoteEventFactory, state
from unrecord.models import Amendment, Resolution, Sponsorship, VoteEvent

pytestmark = pytest.mark.django_db


def _roll_call(vote_event, choices: dict[str, str]):
    for iso3, choice in choices.items():
        RecordedVoteFactory(vote_event=vote_event, state=state(iso3), choice=choice)


def test_a_resolution_needs_a_draft_or_an_adopted_symbol():
    with pytest.raises(IntegrityError):
        Resolution.objects.create(title="Nameless")


def test_symbols_are_unique():
    ResolutionFactory(draft_symbol="A/C.3/69/L.28")
    with pytest.raises(IntegrityError):
        ResolutionFactory(draft_symbol="A/C.3/69/L.28")


def test_a_state_sponsors_a_draft_once_and_withdraws_after_joining():
    resolution = ResolutionFactory()
    Sponsorship.objects.create(resolution=resolution, state=state("JPN"), role="main")
    with pytest.raises(IntegrityError):
        Sponsorship.objects.create(
            resolution=resolution,
            state=state("AUS"),
            joined_on=datetime.date(2014, 11, 1),
            withdrew_on=datetime.date(2014, 10, 1),
        )


def test_adoption_without_a_vote_has_no_totals():
    with pytest.raises(IntegrityError):
        VoteEventFactory(result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE, yes_count=100)


def test_an_imported_roll_call_is_known_by_its_source_id():
    VoteEventFactory(source_id="5377")
    with pytest.raises(IntegrityError):
        VoteEventFactory(source_id="5377")


def test_an_amendment_vote_must_be_on_the_amendments_own_draft():
    amendment = Amendment.objects.create(resolution=ResolutionFactory(), summary="Delete paragraph 8")
    vote = VoteEventFactory.build(
        kind=VoteEvent.Kind.AMENDMENT, amendment=amendment, resolution=ResolutionFactory()
    )
    with pytest.raises(ValidationError, match="another draft"):
        vote.clean()


class TestTotalsMustEqualRecordedVotes:
    def test_matching_totals_validate(self):
        vote = VoteEventFactory(yes_count=2, no_count=1, abstain_count=0, non_voting_count=1)
        _roll_call(vote, {"JPN": "Y", "AUS": "Y", "CHN": "N", "MNG": "X"})
        vote.full_clean()
        assert vote.totals_label == "2-1-0"

    def test_totals_that_differ_from_the_roll_call_are_refused_with_the_difference(self):
        vote = VoteEventFactory(yes_count=3, no_count=1, abstain_count=0)
        _roll_call(vote, {"JPN": "Y", "AUS": "Y", "CHN": "N"})
        with pytest.raises(ValidationError, match="Yes: published 3, recorded 2"):
            vote.full_clean()

    def test_totals_alone_without_a_roll_call_are_accepted(self):
        VoteEventFactory(yes_count=111, no_count=19, abstain_count=55).full_clean()

    def test_the_admin_refuses_totals_that_contradict_the_roll_call(self, admin_client):
        vote = VoteEventFactory(yes_count=2, no_count=1, abstain_count=0)
        _roll_call(vote, {"JPN": "Y", "AUS": "Y", "CHN": "N"})
        response = admin_client.post(
            f"/admin/unrecord/voteevent/{vote.pk}/change/",
            {
                "resolution": vote.resolution_id,
                "body": vote.body_id,
                "date": "2014-12-18",
                "kind": "draft",
                "result": "adopted",
                "yes_count": 5,
                "no_count": 1,
                "abstain_count": 0,
                "votes-TOTAL_FORMS": 0,
                "votes-INITIAL_FORMS": 3,
                "votes-MIN_NUM_FORMS": 0,
                "votes-MAX_NUM_FORMS": 0,
            },
        )
        assert "must equal the recorded votes" in response.content.decode()
        vote.refresh_from_db()
        assert vote.yes_count == 2

    def test_mismatches_are_listed_by_the_queryset(self):
        good = VoteEventFactory(yes_count=1, no_count=0, abstain_count=0)
        bad = VoteEventFactory(yes_count=9, no_count=0, abstain_count=0)
        _roll_call(good, {"JPN": "Y"})
        _roll_call(bad, {"JPN": "Y"})
        assert list(VoteEvent.objects.with_totals_mismatch()) == [bad]


def test_the_vote_event_page_shows_the_roll_call_read_only_with_its_tally(admin_client):
    vote = VoteEventFactory(yes_count=2, no_count=1, abstain_count=0)
    _roll_call(vote, {"JPN": "Y", "AUS": "Y", "CHN": "N"})
    page = admin_client.get(f"/admin/unrecord/voteevent/{vote.pk}/change/").content.decode()
    assert "2-1-0-0" in page
    assert 'name="votes-0-choice"' not in page  # read-only: no input for a vote


def test_a_vote_event_on_no_resolution_is_named_by_what_was_put_to_the_vote_repaired():
    vote_event = VoteEventFactory(
        resolution=None, session=SessionFactory(), description="Motion on CÃ´te dâ€™Ivoire"
    )
    assert str(vote_event).startswith("Motion on Côte d'Ivoire, ")
