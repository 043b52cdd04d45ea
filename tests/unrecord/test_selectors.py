"""Voting records' state codes resolve to the state that held the seat on the day of the vote."""

import datetime

import pytest

from unrecord.models import MemberState
from unrecord.selectors import state_for_code, states_by_code

DAY_2014 = datetime.date(2014, 12, 18)
DAY_1980 = datetime.date(1980, 1, 1)


def test_yug_is_serbia_after_2000(db):
    assert state_for_code("YUG", DAY_2014).iso3 == "SRB"


def test_yug_is_yugoslavia_before_its_dissolution(db):
    assert state_for_code("YUG", DAY_1980).iso3 == "YUG"


def test_rus_is_the_soviet_seat_until_1991(db):
    assert state_for_code("RUS", DAY_1980).iso3 == "SUN"
    assert state_for_code("RUS", DAY_2014).iso3 == "RUS"


def test_unknown_code_raises(db):
    with pytest.raises(MemberState.DoesNotExist):
        state_for_code("XXX", DAY_2014)


def test_states_by_code_agrees_with_state_for_code_and_leaves_unknown_codes_out(db):
    found = states_by_code(["YUG", "PRK", "XXX"], DAY_2014)

    assert {code: state.iso3 for code, state in found.items()} == {"YUG": "SRB", "PRK": "PRK"}
