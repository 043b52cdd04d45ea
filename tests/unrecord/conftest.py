"""What the UN record's API tests share: an analyst's client, throttles that start empty, and
roll calls made from a line of votes."""

import pytest
from django.core.cache import cache

from tests.factories import VoteEventFactory, state
from unrecord.models import RecordedVote, VoteEvent


@pytest.fixture(autouse=True)
def fresh_throttles():
    # Throttles count per minute in the cache: each test starts with none used.
    cache.clear()


@pytest.fixture
def api(client, analyst_user):
    """A signed-in analyst: reads the whole record, writes nothing."""
    client.force_login(analyst_user)
    return client


def _roll_call(votes: str, **fields) -> VoteEvent:
    vote_event = VoteEventFactory(**fields)
    RecordedVote.objects.bulk_create(
        RecordedVote(vote_event=vote_event, state=state(code), choice=choice)
        for code, choice in (pair.split(":") for pair in votes.split())
    )
    return vote_event


@pytest.fixture
def roll_call():
    """Makes a vote event (VoteEventFactory's fields) with recorded votes given as "USA:Y ISR:N ..."."""
    return _roll_call
