"""Analysts' questions about the record: tallies, a state's voting history, voting coincidence
between states, the states most and least aligned, and how a state's vote on a series changed."""

import datetime

import pytest

from tests.factories import ResolutionFactory, SessionFactory, VoteEventFactory, state
from unrecord.models import RecordedVote, ResolutionSeries, VoteEvent
from unrecord.selectors import (
    COINCIDENCE_METHOD,
    least_aligned,
    most_aligned,
    series_vote_changes,
    state_voting_history,
    tally,
    tally_by_group,
    voting_coincidence,
)

pytestmark = pytest.mark.django_db


def roll_call(votes: str, *, date=datetime.date(2014, 12, 18), **fields) -> VoteEvent:
    """A roll call with recorded votes given as "USA:Y ISR:N ..."."""
    vote_event = VoteEventFactory(date=date, **fields)
    RecordedVote.objects.bulk_create(
        RecordedVote(vote_event=vote_event, state=state(code), choice=choice)
        for code, choice in (pair.split(":") for pair in votes.split())
    )
    return vote_event


# Tallies


def test_tally_counts_each_choice_in_one_query(django_assert_num_queries):
    vote_event = roll_call("USA:Y ISR:Y CUB:N FRA:A PRK:X")

    with django_assert_num_queries(1):
        counts = tally(vote_event=vote_event)

    assert counts == {"Y": 2, "N": 1, "A": 1, "X": 1}


def test_tally_of_a_roll_call_without_recorded_votes_is_all_zeros():
    assert tally(vote_event=VoteEventFactory()) == {"Y": 0, "N": 0, "A": 0, "X": 0}


def test_tally_by_group_counts_per_regional_group_with_groupless_states_last(django_assert_num_queries):
    vote_event = roll_call("USA:Y ISR:N FRA:A CUB:N JPN:Y PRK:N VAT:X")

    with django_assert_num_queries(1):
        groups = tally_by_group(vote_event=vote_event)

    assert groups == [
        {"code": "ASIA_PACIFIC", "name": "Asia-Pacific Group", "Y": 1, "N": 1, "A": 0, "X": 0, "total": 2},
        {
            "code": "GRULAC",
            "name": "Latin American and Caribbean Group",
            "Y": 0,
            "N": 1,
            "A": 0,
            "X": 0,
            "total": 1,
        },
        {
            "code": "WEOG",
            "name": "Western European and Others Group",
            "Y": 1,
            "N": 1,
            "A": 1,
            "X": 0,
            "total": 3,
        },
        {"code": "none", "name": "No regional group", "Y": 0, "N": 0, "A": 0, "X": 1, "total": 1},
    ]


# A state's voting history


@pytest.fixture
def dprk_series():
    return ResolutionSeries.objects.create(
        name="Situation of human rights in the DPRK",
        title_key="democratic human korea people republic rights situation",
    )


def test_voting_history_lists_a_states_votes_oldest_first_in_one_query(django_assert_num_queries):
    later = roll_call("JPN:Y CUB:N", date=datetime.date(2015, 12, 17))
    earlier = roll_call("JPN:A CUB:N", date=datetime.date(2014, 12, 18))
    japan = state("JPN")

    with django_assert_num_queries(1):
        history = [
            (vote.vote_event, vote.choice, vote.vote_event.resolution.symbol, str(vote.vote_event.session))
            for vote in state_voting_history(state=japan)
        ]

    assert [(event, choice) for event, choice, _, _ in history] == [(earlier, "A"), (later, "Y")]
    assert history[0][3] == "GA 69th session"


def test_voting_history_keeps_only_the_series_and_dates_asked_for(dprk_series):
    in_series = ResolutionFactory(series=dprk_series)
    wanted = roll_call("JPN:Y", resolution=in_series, date=datetime.date(2014, 12, 18))
    roll_call("JPN:Y", resolution=in_series, date=datetime.date(2010, 12, 21))
    roll_call("JPN:N", date=datetime.date(2014, 12, 18))

    history = state_voting_history(
        state=state("JPN"),
        series=dprk_series,
        start=datetime.date(2014, 1, 1),
        end=datetime.date(2014, 12, 18),
    )

    assert [vote.vote_event for vote in history] == [wanted]


# Voting coincidence of two states


def test_coincidence_counts_same_as_one_abstention_as_half_and_opposite_as_zero(django_assert_num_queries):
    roll_call("USA:Y ISR:Y")
    roll_call("USA:N ISR:N")
    roll_call("USA:Y ISR:A")
    roll_call("USA:Y ISR:N")
    usa, isr = state("USA"), state("ISR")

    with django_assert_num_queries(1):
        coincidence = voting_coincidence(state_a=usa, state_b=isr)

    assert coincidence.score == (1 + 1 + 0.5 + 0) / 4 == 0.625
    assert (coincidence.votes_compared, coincidence.agree, coincidence.half, coincidence.disagree) == (
        4,
        2,
        1,
        1,
    )
    assert coincidence.state_department_score == 2 / 3
    assert coincidence.method == COINCIDENCE_METHOD


def test_coincidence_counts_both_abstaining_as_same_and_a_non_voter_against_a_vote_as_half():
    roll_call("USA:A ISR:A")
    roll_call("USA:Y ISR:X")
    roll_call("USA:A ISR:X")

    coincidence = voting_coincidence(state_a=state("USA"), state_b=state("ISR"))

    assert (coincidence.agree, coincidence.half, coincidence.disagree) == (1, 2, 0)
    assert coincidence.score == 2 / 3
    assert coincidence.state_department_score is None


def test_coincidence_leaves_out_roll_calls_where_neither_state_voted():
    roll_call("USA:X ISR:X")
    roll_call("USA:Y ISR:Y")

    coincidence = voting_coincidence(state_a=state("USA"), state_b=state("ISR"))

    assert (coincidence.votes_compared, coincidence.score) == (1, 1.0)


def test_coincidence_is_none_without_common_roll_calls():
    roll_call("USA:Y")
    roll_call("ISR:Y")

    coincidence = voting_coincidence(state_a=state("USA"), state_b=state("ISR"))

    assert (coincidence.score, coincidence.votes_compared) == (None, 0)


def test_coincidence_is_symmetric():
    roll_call("USA:Y ISR:A")
    roll_call("USA:Y ISR:N")

    usa_isr = voting_coincidence(state_a=state("USA"), state_b=state("ISR"))
    isr_usa = voting_coincidence(state_a=state("ISR"), state_b=state("USA"))

    assert usa_isr.score == isr_usa.score == 0.25


def test_coincidence_keeps_only_the_dates_series_and_kinds_asked_for(dprk_series):
    in_series = ResolutionFactory(series=dprk_series)
    roll_call("USA:Y ISR:Y", resolution=in_series, date=datetime.date(2014, 12, 18))
    roll_call("USA:Y ISR:N", resolution=in_series, date=datetime.date(2014, 12, 18), kind="amendment")
    roll_call("USA:Y ISR:N", resolution=in_series, date=datetime.date(1999, 12, 1))
    roll_call("USA:N ISR:Y", date=datetime.date(2014, 12, 18))
    usa, isr = state("USA"), state("ISR")

    def score(**criteria):
        return voting_coincidence(state_a=usa, state_b=isr, **criteria).score

    assert score() == 0.25
    assert score(start=datetime.date(2000, 1, 1)) == 1 / 3
    assert score(end=datetime.date(1999, 12, 31)) == 0
    assert score(series=dprk_series) == 1 / 3
    assert score(series=dprk_series, start=datetime.date(2000, 1, 1), kinds=["draft"]) == 1


# Most and least aligned states


@pytest.fixture
def usa_roll_calls():
    """Four roll calls: ISR votes with the USA on all, FRA on three, CUB against on all, and
    JPN takes part in one only."""
    roll_call("USA:Y ISR:Y FRA:Y CUB:N JPN:Y")
    roll_call("USA:Y ISR:Y FRA:Y CUB:N")
    roll_call("USA:N ISR:N FRA:A CUB:Y")
    roll_call("USA:N ISR:N FRA:N CUB:Y")


def test_most_aligned_ranks_every_other_state_in_one_query(usa_roll_calls, django_assert_num_queries):
    usa = state("USA")

    with django_assert_num_queries(1):
        ranked = [
            (a.state.iso3, a.coincidence.score, a.coincidence.votes_compared)
            for a in most_aligned(state=usa, min_votes=2)
        ]

    assert ranked == [("ISR", 1.0, 4), ("FRA", 0.875, 4), ("CUB", 0.0, 4)]


def test_least_aligned_puts_the_most_opposed_first(usa_roll_calls, django_assert_num_queries):
    usa = state("USA")

    with django_assert_num_queries(1):
        ranked = [a.state.iso3 for a in least_aligned(state=usa, min_votes=2, limit=2)]

    assert ranked == ["CUB", "FRA"]


def test_alignment_leaves_out_states_with_too_few_common_votes(usa_roll_calls):
    assert "JPN" in [a.state.iso3 for a in most_aligned(state=state("USA"), min_votes=1)]
    assert most_aligned(state=state("USA")) == []  # the default minimum is 20 roll calls


def test_alignment_agrees_with_pairwise_coincidence(usa_roll_calls):
    usa, fra = state("USA"), state("FRA")
    by_state = {a.state.iso3: a.coincidence for a in most_aligned(state=usa, min_votes=1)}

    assert by_state["FRA"] == voting_coincidence(state_a=usa, state_b=fra)


def test_alignment_keeps_only_the_dates_asked_for(usa_roll_calls):
    roll_call("USA:Y CUB:Y", date=datetime.date(1990, 1, 1))

    ranked = most_aligned(state=state("USA"), end=datetime.date(1999, 12, 31), min_votes=1)

    assert [(a.state.iso3, a.coincidence.score) for a in ranked] == [("CUB", 1.0)]


# How a state's vote on a series changed


def series_roll_call(series, number: int, votes: str, **fields) -> VoteEvent:
    session = SessionFactory(number=number)
    resolution = ResolutionFactory(series=series, session=session)
    return roll_call(votes, resolution=resolution, session=session, **fields)


def another_roll_call(on: VoteEvent, votes: str, **fields) -> VoteEvent:
    """A further roll call on the same resolution in the same session."""
    return roll_call(votes, resolution=on.resolution, session=on.session, **fields)


def test_series_vote_changes_follow_the_whole_draft_vote_session_by_session(
    dprk_series, django_assert_num_queries
):
    series_roll_call(dprk_series, 68, "BWA:A")
    draft_69 = series_roll_call(dprk_series, 69, "BWA:Y", date=datetime.date(2014, 12, 18))
    # A later amendment vote in the same session does not hide the vote on the draft.
    another_roll_call(draft_69, "BWA:N", kind="amendment", date=datetime.date(2014, 12, 19))
    series_roll_call(dprk_series, 70, "BWA:Y")
    botswana = state("BWA")

    with django_assert_num_queries(1):
        changes = series_vote_changes(state=botswana, series=dprk_series)
        symbols = [str(change["vote_event"].resolution) for change in changes]
        sessions = [str(change["session"]) for change in changes]

    assert [(c["choice"], c["previous_choice"], c["changed"]) for c in changes] == [
        ("A", None, False),
        ("Y", "A", True),
        ("Y", "Y", False),
    ]
    assert sessions == ["GA 68th session", "GA 69th session", "GA 70th session"]
    assert symbols[1] == draft_69.resolution.symbol


def test_series_vote_changes_take_the_latest_roll_call_without_a_whole_draft_vote(dprk_series):
    first = series_roll_call(dprk_series, 69, "BWA:N", kind="paragraph", date=datetime.date(2014, 12, 1))
    another_roll_call(first, "BWA:A", kind="amendment", date=datetime.date(2014, 12, 2))

    (change,) = series_vote_changes(state=state("BWA"), series=dprk_series)

    assert (change["vote_event"].kind, change["choice"]) == ("amendment", "A")


def test_series_vote_changes_show_no_vote_where_the_state_is_not_recorded(dprk_series):
    series_roll_call(dprk_series, 69, "BWA:Y")
    series_roll_call(dprk_series, 70, "JPN:Y")
    series_roll_call(dprk_series, 71, "BWA:N")

    changes = series_vote_changes(state=state("BWA"), series=dprk_series)

    assert [(c["choice"], c["changed"]) for c in changes] == [("Y", False), (None, False), ("N", False)]
