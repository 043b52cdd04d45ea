"""The totals' 80% interval: the exact distribution of each option's count from the states'
probabilities, widened by a swing that moves states together."""

import datetime
import time
from dataclasses import dataclass, replace

import pytest

from intelligence import tally
from intelligence.layers import DEFAULT_WEIGHTS
from intelligence.projection import Totals, project_vote
from unrecord.models import MemberState

INDEPENDENT = replace(DEFAULT_WEIGHTS, swing=0.0)


@dataclass(frozen=True)
class _Call:
    probabilities: dict


def _calls(*yes: float) -> list[_Call]:
    return [_Call({"Y": p, "N": 1 - p, "A": 0.0, "X": 0.0}) for p in yes]


def test_the_count_of_independent_states_is_poisson_binomial():
    """Three states voting yes with 0.9, 0.5 and 0.2: P(0) = .1 × .5 × .8 = .04; P(3) = .09;
    P(1) = .9 × .5 × .8 + .1 × .5 × .8 + .1 × .5 × .2 = .41; P(2) = 1 - the rest = .46."""
    offset, masses = tally.poisson_binomial([0.9, 0.5, 0.2])

    assert offset == 0
    assert masses == pytest.approx([0.04, 0.41, 0.46, 0.09])


def test_a_state_sure_either_way_shifts_the_count_or_leaves_it():
    assert tally.poisson_binomial([1.0, 1.0, 0.0, 0.5]) == (2, [0.5, 0.5])


def test_the_interval_is_the_10th_and_90th_percentiles_of_the_count():
    """Cumulative: P(≤0) = .04, P(≤1) = .45, P(≤2) = .91: the 10th percentile is 1, the 90th 2."""
    assert tally.count_interval([0.9, 0.5, 0.2]) == (1, 2)


def test_totals_expect_the_sum_of_the_probabilities_with_the_interval_per_option():
    """Three states, yes with 0.9 each: P(3) = .729, P(2) = .243, P(≤1) = .028: from 2 to 3 yes,
    0 to 1 no; 2.7 expected yes."""
    totals = Totals.of(_calls(0.9, 0.9, 0.9), weights=INDEPENDENT)

    assert totals.expected == {"Y": 2.7, "N": 0.3, "A": 0.0, "X": 0.0}
    assert (totals.low, totals.high) == ({"Y": 2, "N": 0, "A": 0, "X": 0}, {"Y": 3, "N": 1, "A": 0, "X": 0})


def test_a_shared_swing_widens_the_interval_of_many_states():
    calls = _calls(*[0.6] * 150)

    independent = Totals.of(calls, weights=INDEPENDENT)
    swinging = Totals.of(calls, weights=replace(DEFAULT_WEIGHTS, swing=1.0))

    assert independent.expected == swinging.expected
    assert swinging.low["Y"] < independent.low["Y"] < 90 < independent.high["Y"] < swinging.high["Y"]


def test_a_swing_moves_no_state_that_is_sure():
    calls = _calls(1.0, 1.0, 0.0)

    assert Totals.of(calls, weights=replace(DEFAULT_WEIGHTS, swing=2.0)).low["Y"] == 2
    assert Totals.of(calls, weights=replace(DEFAULT_WEIGHTS, swing=2.0)).high["Y"] == 2


def test_the_totals_of_193_states_take_milliseconds():
    calls = _calls(*[0.05 + 0.9 * (i % 10) / 9 for i in range(193)])
    started = time.perf_counter()
    Totals.of(calls)
    assert time.perf_counter() - started < 1.0  # measured: ~12 ms; the bound leaves room for load


def test_a_series_without_earlier_roll_calls_takes_the_prior_swing():
    assert tally.swing_from_residuals([], prior=0.5, prior_pairs=6) == pytest.approx(0.5)


def test_counts_that_fell_as_independent_states_would_narrow_the_swing_toward_none():
    """Residuals exactly as large as independent states' spread: no excess, the estimate is 0,
    and 30 such pairs outweigh the prior's 6: swing² = 6 × 0.25 / 36."""
    residuals = [(6.0, 36.0), (-6.0, 36.0)] * 15

    assert tally.swing_from_residuals(residuals, prior=0.5, prior_pairs=6) == pytest.approx((1.5 / 36) ** 0.5)


def test_counts_that_moved_together_widen_the_swing_beyond_the_prior():
    """Variance 36, residual 20: excess 400 - 36 = 364 over 36² gives swing² 0.281 from 30 pairs."""
    residuals = [(20.0, 36.0), (-20.0, 36.0)] * 15
    swing = tally.swing_from_residuals(residuals, prior=0.5, prior_pairs=6)

    assert swing == pytest.approx(((30 * 364 / 1296 + 6 * 0.25) / 36) ** 0.5)
    assert swing > 0.5


def test_the_series_swing_estimate_recovers_the_swing_that_moved_the_counts():
    """Counts drawn from the swing mixture itself (150 states at 0.6, log-odds moved together by
    0.4 × t): their residuals give back about 0.4."""
    import random

    generator = random.Random(14)
    p = 0.6
    variance = 150 * p * (1 - p)
    residuals = []
    for _ in range(400):
        shifted = tally._shifted(p, 0.4 * generator.gauss(0, 1))
        count = sum(generator.random() < shifted for _ in range(150))
        residuals.append((count - 150 * p, variance))

    assert tally.swing_from_residuals(residuals, prior=1.0, prior_pairs=0) == pytest.approx(0.4, abs=0.08)


EVE = datetime.date(2014, 12, 1)  # before the 69th session's plenary vote


def _bloc(record, choices: str):
    """Forty states voting together, session by session from the 61st: `choices` ("YYNY...")."""
    bloc = list(MemberState.objects.order_by("iso3").values_list("iso3", flat=True)[:40])
    for session, choice in enumerate(choices, start=61):
        record(session, dict.fromkeys(bloc, choice))


@pytest.mark.django_db
def test_a_series_whose_bloc_never_moves_gets_a_narrower_swing_than_the_prior(campaign, record):
    _bloc(record, "YYYYYYYY")

    projection = project_vote(campaign=campaign, as_of=EVE)

    assert projection.swing < DEFAULT_WEIGHTS.swing
    assert projection.totals.low == Totals.of(projection.calls, swing=projection.swing).low
    assert projection.totals.low != Totals.of(projection.calls).low  # the prior's is wider


@pytest.mark.django_db
def test_a_series_whose_bloc_moves_as_one_gets_a_wider_swing_than_the_prior(campaign, record):
    _bloc(record, "YYNNYYNN")

    assert project_vote(campaign=campaign, as_of=EVE).swing > DEFAULT_WEIGHTS.swing
