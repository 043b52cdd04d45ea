"""The admin's busiest lists run a fixed number of queries, however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _meetings(organization, count):
    for _ in range(count):
        meeting = factories.MeetingFactory(owner=organization)
        meeting.states.add(factories.state("BWA"), factories.state("PAN"))
        meeting.campaigns.add(factories.CampaignFactory(owner=organization))


def _vote_events(count):
    for _ in range(count):
        vote = factories.VoteEventFactory(yes_count=1, no_count=0, abstain_count=0)
        factories.RecordedVoteFactory(vote_event=vote)


def _follow_ups(organization, count):
    factories.FollowUpFactory.create_batch(count, owner=organization, state=factories.state("BWA"))


@pytest.mark.parametrize(
    ("path", "make_rows", "pinned"),
    [
        # Each with one more: whether any demo record exists, to show the demo-only column or not.
        ("/admin/advocacy/meeting/", _meetings, 17),  # the stances said in one; each filter's choices in one
        ("/admin/advocacy/followup/", _follow_ups, 11),
        ("/admin/unrecord/voteevent/", lambda organization, n: _vote_events(n), 13),
    ],
)
def test_admin_list_query_count_is_pinned_and_flat(
    client, manager_user, organization, path, make_rows, pinned
):
    client.force_login(manager_user)
    make_rows(organization, 3)
    few = _queries(client, path)
    make_rows(organization, 20)
    assert _queries(client, path) == few == pinned
