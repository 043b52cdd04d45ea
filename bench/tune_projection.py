"""Choosing the projection's weights (intelligence.layers.Weights) on the real UN voting record.

    DATABASE_URL=postgres://... python bench/tune_projection.py [--quick]

Needs a database with the shared file imported (`manage.py import_un_votes`). Every recorded
plenary vote on a draft as a whole, of every resolution series with at least four such sessions,
is projected from the roll calls before it (as `backtest_projection` does), for each weighting
of a grid. The weights are chosen on the TRAINING series only: every such series except the four
human rights series the README reports (DPRK, Iran, Myanmar, Syria), which are HELD OUT and
only scored, with the chosen weights, at the end. Prints the best weightings on the training
series, then the held-out figures beside the naive baseline.
"""

import argparse
import itertools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

HELD_OUT_KEYS = [
    "situation of human rights in the democratic people s republic of korea",
    "situation of human rights in the islamic republic of iran",
    "situation of human rights in myanmar",
    "situation of human rights in the syrian arab republic",
]
MIN_SESSIONS = 4
# The search ran in two steps: a coarse grid (decay 0.2, 0.35, 0.5, 0.65, 0.8, 1; absent weight 0.25,
# 0.5, 0.75, 1, 1.25; and the group's pattern added to each state's record as 0, 0.25 or 0.75
# pseudo-votes: best decay 0.5, absent weight 0.25, no pseudo-votes, 0.8824), then this finer one
# around its best (pseudo-votes 0 or 0.1, the latter never better: they were dropped), which also
# asks whether one session on record is enough.
GRID = {
    "decay": [0.4, 0.5, 0.6],
    "absent_weight": [0.1, 0.25, 0.35],
    "min_sessions": [1, 2],
}
QUICK_GRID = {
    "decay": [0.35, 0.65],
    "absent_weight": [0.25, 0.75],
    "min_sessions": [1],
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="A four-point grid, to check the script runs.")
    parser.add_argument("--no-grid", action="store_true", help="Only the figures of the weights in use.")
    options = parser.parse_args()
    import django

    django.setup()
    from intelligence.layers import DEFAULT_WEIGHTS

    training, held_out = _cases()
    if not training:
        print("No series with recorded votes: import the UN voting file first.")
        return 0
    print(f"training: {len(training)} roll calls; held out: {len(held_out)} roll calls")
    if not options.no_grid:
        _print_grid(_grid_scores(training, QUICK_GRID if options.quick else GRID))
    print(f"\nin use (intelligence.layers.DEFAULT_WEIGHTS): {DEFAULT_WEIGHTS}")
    for name, cases in (("training", training), ("held out", held_out)):
        _report(name, cases, DEFAULT_WEIGHTS)
    return 0


def _cases():
    """(series, vote event, recorded votes, record before it, states with a seat) per roll call."""
    from django.db.models import Count

    from intelligence.backtest import roll_calls
    from intelligence.projection import voting_states
    from intelligence.record import series_record
    from unrecord.models import ResolutionSeries

    training, held_out, states_on = [], [], {}
    series_list = ResolutionSeries.objects.annotate(n=Count("resolutions")).filter(n__gte=MIN_SESSIONS)
    for series in series_list.order_by("pk"):
        events = roll_calls(series, body="GA")
        if len(events) < MIN_SESSIONS:
            continue
        for event in events[1:]:
            if event.date not in states_on:
                states_on[event.date] = voting_states(event.date)
            actual = dict(event.votes.values_list("state_id", "choice"))
            record = series_record(series_id=series.pk, before=event.date)
            case = (series, event, actual, record, states_on[event.date])
            (held_out if series.title_key in HELD_OUT_KEYS else training).append(case)
    return training, held_out


def _score(cases, weights):
    from intelligence.backtest import score_roll_call

    return [
        score_roll_call(series=s, vote_event=e, actual=a, record=r, states=st, weights=weights)
        for s, e, a, r, st in cases
    ]


def _print_grid(scores):
    print(
        "\nweightings on the training series, best first (mean accuracy and Y+N+A tally error; baseline's):"
    )
    for accuracy, error, baseline, baseline_error, weights in sorted(
        scores, key=lambda s: s[:4], reverse=True
    ):
        print(f"  {accuracy:.4f} {error:5.2f}  ({baseline:.4f} {baseline_error:5.2f})  {weights}")


_CASES = []  # the training cases, for the worker processes (forked: nothing is pickled)


def _grid_scores(cases, grid):
    """(accuracy, tally error, the baseline's two, weights) per weighting, on two processes."""
    from multiprocessing import get_context

    from intelligence.layers import Weights

    _CASES[:] = cases
    weightings = [
        Weights(**dict(zip(grid, values, strict=True))) for values in itertools.product(*grid.values())
    ]
    with get_context("fork").Pool(2) as pool:
        return pool.map(_grid_score, weightings)


def _grid_score(weights):
    results = _score(_CASES, weights)
    return (
        _mean(results, "projection"),
        _mean_error(results, "projection"),
        _mean(results, "baseline"),
        _mean_error(results, "baseline"),
        weights,
    )


def _report(name, cases, weights):
    from collections import defaultdict

    by_series = defaultdict(list)
    for result in _score(cases, weights):
        by_series[result.series.name].append(result)
    results = [r for rs in by_series.values() for r in rs]
    print(f"\n{name}: {len(by_series)} series, {len(results)} roll calls")
    projection, baseline = _mean(results, "projection"), _mean(results, "baseline")
    print(f"  mean accuracy: projection {projection:.4f}, baseline {baseline:.4f}")
    for method in ("projection", "baseline"):
        errors = {c: sum(getattr(r, method).tally_error[c] for r in results) / len(results) for c in "YNA"}
        print(f"  mean tally error {method}: " + ", ".join(f"{c} {e:.2f}" for c, e in errors.items()))
    wins = sum(r.projection.accuracy > r.baseline.accuracy for r in results)
    losses = sum(r.projection.accuracy < r.baseline.accuracy for r in results)
    print(f"  roll calls where the projection is better: {wins}, worse: {losses}")


def _mean(results, method):
    return sum(getattr(r, method).accuracy for r in results) / len(results)


def _mean_error(results, method):
    return sum(sum(getattr(r, method).tally_error.values()) for r in results) / len(results)


if __name__ == "__main__":
    sys.exit(main())
