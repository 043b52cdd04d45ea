"""The backtest's probabilistic metrics and its JSON, on a series small enough to compute by hand."""

import io
import json
import math
from dataclasses import replace

import pytest
from django.core.management import call_command

from intelligence.backtest import AdoptedWithoutVote, as_json, backtest, backtest_sessions
from intelligence.layers import DEFAULT_WEIGHTS
from tests import factories
from tests.intelligence.builders import plenary_day

pytestmark = pytest.mark.django_db

# Round numbers: the record smoothed toward the group (one pseudo-vote), the group a fifth toward
# even odds, the baseline 0.3 off its call, states independent.
WEIGHTS = replace(DEFAULT_WEIGHTS, history_prior=1.0, group_to_uniform=0.2, baseline_smoothing=0.3, swing=0.0)


@pytest.fixture
def small_series(series, record):
    """Nigeria voted yes and Ghana no in the 66th session; in the 67th Nigeria yes, Ghana abstained."""
    record(66, {"NGA": "Y", "GHA": "N"})
    record(67, {"NGA": "Y", "GHA": "A"})
    return series


def test_the_projections_metrics_by_hand(small_series):
    """The African Group's pattern: half yes, half no; a fifth toward even odds: .45/.45/.05/.05.
    Nigeria's one yes and that prior: Y (1 + .45)/2 = .725, N .225, A and X .025; Ghana the
    mirror. Nigeria votes yes (p .725), Ghana abstains (p .025)."""
    score = backtest(series=small_series, session=67, weights=WEIGHTS).projection

    assert score.accuracy == 0.5
    assert score.log_loss == pytest.approx((-math.log(0.725) - math.log(0.025)) / 2)
    nigeria = 0.275**2 + 0.225**2 + 0.025**2 + 0.025**2
    ghana = 0.225**2 + 0.725**2 + 0.975**2 + 0.025**2
    assert score.brier == pytest.approx((nigeria + ghana) / 2)
    # Yes: P(0) = .275 × .775 = .213, P(≤1) = .837: from 0 to 2. Abstain: P(0) = .975² = .95: 0 to 0.
    assert (score.low, score.high) == ({"Y": 0, "N": 0, "A": 0}, {"Y": 2, "N": 2, "A": 0})
    assert score.covered == {"Y": True, "N": True, "A": False}  # Ghana's abstention was a surprise


def test_the_baselines_metrics_by_hand(small_series):
    """Each state's last vote with 0.7, each other choice 0.1."""
    score = backtest(series=small_series, session=67, weights=WEIGHTS).baseline

    assert score.accuracy == 0.5
    assert score.log_loss == pytest.approx((-math.log(0.7) - math.log(0.1)) / 2)
    assert score.brier == pytest.approx(((0.3**2 + 3 * 0.1**2) + (0.7**2 + 0.9**2 + 2 * 0.1**2)) / 2)
    # Abstain: .1 each: P(0) = .81 < .9, so up to 1.
    assert (score.low, score.high) == ({"Y": 0, "N": 0, "A": 0}, {"Y": 1, "N": 1, "A": 1})
    assert score.covered == {"Y": True, "N": True, "A": True}


def test_a_probability_of_zero_costs_the_floor_not_infinity(small_series):
    sure = replace(WEIGHTS, baseline_smoothing=0.0)

    score = backtest(series=small_series, session=67, weights=sure).baseline

    assert score.log_loss == pytest.approx((0 - math.log(1e-6)) / 2)


def _adopted_without_vote(series, session):
    resolution = factories.ResolutionFactory(series=series, session=factories.SessionFactory(number=session))
    return factories.VoteEventFactory(resolution=resolution, result="without_vote", date=plenary_day(session))


def test_a_session_adopted_without_a_vote_is_listed_as_such_not_scored(small_series, record):
    _adopted_without_vote(small_series, 68)
    record(69, {"NGA": "Y", "GHA": "N"})

    summary = backtest_sessions(series=small_series, weights=WEIGHTS)

    assert [result.session for result in summary.results] == [67, 69]
    assert [(d.session, type(d)) for d in summary.adopted_without_vote] == [(68, AdoptedWithoutVote)]
    assert isinstance(backtest(series=small_series, session=68), AdoptedWithoutVote)
    rows = as_json([*summary.results, *summary.adopted_without_vote], summary)["roll_calls"]
    assert [(row["session"], row["adopted_without_vote"]) for row in rows] == [
        (67, False),
        (68, True),
        (69, False),
    ]
    assert set(rows[1]) == {"session", "body", "date", "adopted_without_vote"}


def _json(*args) -> dict:
    output = io.StringIO()
    call_command("backtest_projection", *args, "--format", "json", stdout=output)
    return json.loads(output.getvalue())


def test_the_command_prints_json_per_roll_call_and_a_summary(small_series, record):
    record(68, {"NGA": "N", "GHA": "A"})
    _adopted_without_vote(small_series, 69)

    data = _json("--series", str(small_series.pk), "--all-sessions")

    assert data["series"] == {"id": small_series.pk, "name": small_series.name}
    assert [row["session"] for row in data["roll_calls"]] == [67, 68, 69]
    first = data["roll_calls"][0]
    assert first["states"] == 2 and first["actual"] == {"Y": 1, "N": 0, "A": 1, "X": 0}
    metrics = {"accuracy", "log_loss", "brier", "interval_coverage"}
    for method in ("projection", "baseline"):
        assert metrics <= set(first[method])
        assert set(first[method]["interval"]) == {"Y", "N", "A"}
        assert set(data["summary"][method]) == metrics
    summary = data["summary"]
    assert (summary["roll_calls"], summary["adopted_without_vote"]) == (2, 1)
    # The summary's means are over roll calls; coverage pools the (roll call, option) pairs.
    scored = data["roll_calls"][:2]
    for method in ("projection", "baseline"):
        for metric in ("accuracy", "log_loss", "brier"):
            mean = sum(row[method][metric] for row in scored) / 2
            assert summary[method][metric] == pytest.approx(mean, abs=1e-6)
        pooled = sum(row[method]["interval_coverage"] * 3 for row in scored) / 6
        assert summary[method]["interval_coverage"] == pytest.approx(pooled, abs=1e-6)


def test_the_command_prints_one_session_as_json_without_a_summary(small_series):
    data = _json("--series", str(small_series.pk), "--session", "67")

    assert [row["session"] for row in data["roll_calls"]] == [67]
    assert "summary" not in data
