"""A recorded vote is keyed by its roll call and state (migration 0018), and keeps its roll
call's date, which the database holds to the roll call's (migration 0021): the table carries the
two indexes the reads need and no more, and the vote event's admin page still shows the roll
call, which the admin cannot edit row by row under such a key."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from tests.factories import RecordedVoteFactory, VoteEventFactory, state
from unrecord.models import RecordedVote
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
    # cost it a tenth of its time. The key's index serves a roll call's votes, the other a
    # state's in date order.
    indexes = _indexes()
    [key] = [definition for primary, definition in indexes.values() if primary]
    assert key.startswith("CREATE UNIQUE INDEX") and key.endswith("(vote_event_id, state_id)")
    assert indexes["vote_by_state_and_date"][1].endswith("(state_id, date, vote_event_id) INCLUDE (choice)")
    assert len(indexes) == 2


def test_a_vote_takes_its_roll_calls_date_and_follows_it_when_the_roll_call_moves():
    vote_event = VoteEventFactory(date=datetime.date(2014, 12, 18))
    saved = RecordedVoteFactory(vote_event=vote_event, state=state("JPN"))
    RecordedVote.objects.bulk_create([RecordedVote(vote_event=vote_event, state=state("PRK"), choice="N")])
    vote_event.date = datetime.date(2014, 12, 19)
    vote_event.save()
    dates = dict(vote_event.votes.values_list("state__iso3", "date"))
    assert saved.date == datetime.date(2014, 12, 18)
    assert dates == {"JPN": datetime.date(2014, 12, 19), "PRK": datetime.date(2014, 12, 19)}


def test_votes_given_their_roll_calls_id_read_the_dates_in_one_query(django_assert_num_queries):
    days = [datetime.date(2014, 12, day) for day in (16, 17, 18)]
    roll_calls = [VoteEventFactory(date=day).pk for day in days]
    votes = [
        RecordedVote(vote_event_id=pk, state_id=state(code).pk, choice="Y")
        for pk in roll_calls
        for code in ("JPN", "PRK")
    ]
    with django_assert_num_queries(2):  # the dates, then the insert
        RecordedVote.objects.bulk_create(votes)
    assert [vote.date for vote in votes] == [day for day in days for _ in range(2)]


def test_the_database_refuses_a_vote_dated_otherwise_than_its_roll_call():
    vote_event = VoteEventFactory(date=datetime.date(2014, 12, 18))
    day_before = datetime.date(2014, 12, 17)
    wrong = RecordedVote(vote_event=vote_event, state=state("JPN"), choice="Y", date=day_before)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the key is checked at commit otherwise
        with pytest.raises(IntegrityError, match="vote_event_id, date"):
            RecordedVote.objects.bulk_create([wrong])


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
