"""A recorded vote is keyed by its roll call and state (migration 0018): the table carries the
two indexes the reads need and no more, and the vote event's admin page still shows the roll
call, which the admin cannot edit row by row under such a key."""

import pytest
from django.db import connection

from tests.factories import RecordedVoteFactory, VoteEventFactory, state
from unrecord.tables import VOTE_TABLE

pytestmark = pytest.mark.django_db


def _indexes() -> dict[str, tuple[bool, str]]:
    """{index name: (is the primary key, definition)} of the recorded votes' table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT index.relname, pg_index.indisprimary, pg_get_indexdef(index.oid) FROM pg_index "
            "JOIN pg_class index ON index.oid = pg_index.indexrelid WHERE pg_index.indrelid = %s::regclass",
            [VOTE_TABLE],
        )
        return {name: (primary, definition) for name, primary, definition in cursor.fetchall()}


def test_recorded_votes_are_keyed_by_roll_call_and_state_beside_one_other_index():
    # Each index is rebuilt by a full import: a third one (the surrogate id's, the roll call's)
    # cost it a tenth of its time. The key's index serves a roll call's votes.
    indexes = _indexes()
    [key] = [definition for primary, definition in indexes.values() if primary]
    assert key.endswith("(vote_event_id, state_id)")
    assert indexes["one_vote_per_state"][1].endswith("(state_id, vote_event_id) INCLUDE (choice)")
    assert len(indexes) == 2


def test_the_vote_event_page_lists_each_states_vote_read_only(admin_client):
    vote_event = VoteEventFactory(yes_count=1, no_count=1, abstain_count=0)
    for iso3, choice in {"JPN": "Y", "CHN": "N"}.items():
        RecordedVoteFactory(vote_event=vote_event, state=state(iso3), choice=choice)
    page = admin_client.get(f"/admin/unrecord/voteevent/{vote_event.pk}/change/").content.decode()
    assert "<td>China</td><td>CHN</td><td>No</td>" in page
    assert "<td>Japan</td><td>JPN</td><td>Yes</td>" in page
    assert page.index("<td>China</td>") < page.index("<td>Japan</td>")  # by the state's name
    assert 'name="votes-0-choice"' not in page


def test_the_pages_of_a_vote_event_without_votes_and_of_a_new_one_show_no_table(admin_client):
    vote_event = VoteEventFactory()
    for path in (f"{vote_event.pk}/change/", "add/"):
        response = admin_client.get(f"/admin/unrecord/voteevent/{path}")
        assert response.status_code == 200
        assert "<th>state</th>" not in response.content.decode()
