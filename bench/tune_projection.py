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

HELD_OUT_TITLES = [
    "Situation of human rights in the Democratic People's Republic of Korea",
    "Situation of human rights in the Islamic Republic of Iran",
    "Situation of human rights in Myanmar",
    "Situation of human rights in the Syrian Arab Republic",
]
MIN_SESSIONS = 4
# The search ran in steps. 1. A coarse grid (decay 0.2, 0.35, 0.5, 0.65, 0.8, 1; absent weight 0.25,
# 0.5, 0.75, 1, 1.25; and the group's pattern added to each state's record as 0, 0.25 or 0.75
# pseudo-votes: best decay 0.5, absent weight 0.25, no pseudo-votes, 0.8824). 2. A finer one around
# its best (decay 0.4, 0.5, 0.6; absent weight 0.1, 0.25, 0.35; min sessions 1, 2; pseudo-votes 0
# or 0.1, never better: dropped): decay 0.5, absent weight 0.25, min sessions 1.
# 3. Absences (issue 5: the held-out Myanmar series lost to the baseline, on absences). Features of
# a state's own record on the series, tried on the training series with decay 0.5 and absent
# weight 0.25 (0.8826): an absence right after an absence weighing 0.5, 0.75, 1 or 1.5 of a vote
# (0.8820, 0.8823, 0.8823, 0.8818); the absent weight raised with the state's share of absences on
# the series (0.8815 down to 0.8757). Neither helps: a state absent two sessions running came back
# and voted as before more often than not, and no rule calling absent from the counts of a
# record's absences (latest streak, earlier absences, votes) would have gained more than 54 of
# the ~270,000 calls. Dropped. What does help is the state's attendance at all of the Assembly's
# roll calls of late (`Weights.chronic_absence`), searched here with the absent weight; decay and
# min sessions stay at step 2's choice. Best: absent weight 0.25, absent from 90% of at least 5 roll
# calls in 90 days, 0.88403 (the next three, 60 days or 10 roll calls, within 0.0001; 0.8826
# without attendance; absent weight 0.1 or 0.35 worse with any attendance rule). Only then were
# the held-out series scored, once: 0.7820 against the baseline's 0.7780 (0.7842 without the
# rule); it changed no Myanmar call and cost DPRK its lead (states absent from nearly every roll
# call of late turned up for the human rights votes). The training series of that kind (Cuba,
# Iraq, Kosovo, DR Congo, Sudan: 27 roll calls) said as much: 0.8284 with it, 0.8324 without,
# baseline 0.8292. The choice stands on the training series as a whole, as the search set out.
# 4. The importer then learned to tell a motion on a resolution ("that no action be taken on
# draft resolution IV") from the vote on it (38 roll calls, unrecord/importer/merge.py): a motion
# had stood for the vote, and its title for the resolution's, so that three Iran resolutions fell
# out of the series. On a fresh import of the corrected record (199 training series, 1,559 roll
# calls) this grid was run again on the training series alone and chose the same weights: 0.88429
# (0.88284 without attendance). Held out (40 roll calls), scored once: 0.8244 against the
# baseline's 0.8206, 17 roll calls better, 15 worse; DPRK 85.4% against 85.6%, Iran (24 roll
# calls) 82.2% against 81.9%, Myanmar 75.9% against 76.4%, Syria 82.8% against 80.4%.
# 5. The record, then the rules. The importer now reads the titles of sessions 71-73 from the
# agenda-title column (REPORT_HEADING in unrecord/importer/merge.py) and series keys ignore
# function words and word order (unrecord.series.title_key): 215 training series, 1,821 roll
# calls; the held-out series gained Iran's 1997, 1999 and 2016-2018 votes, Syria's 2016-2018 and
# Myanmar's 2006, 2017 and 2018 (51 roll calls). Outside this script, on the training series,
# features that might call a move between yes, abstain and no were looked at and dropped, none
# tipping any call over the state's latest vote: its closeness, in the current session's earlier
# roll calls, to the states that voted yes on the series last time (and its change since the
# session before); its votes on the other country resolutions; the day of the vote. A
# gradient-boosted model on all of them (scikit-learn, outside the project) fitted the training
# series better but did not carry over: on the held-out series, on the record as it was then, it
# scored 0.825 against these rules' 0.824 and lost Iran, for a model no reader could check. What did help
# is `Weights.came_anyway`: a chronic absentee that came to the series' last roll call when it
# was about as absent from the rest is not called absent. This grid, on the training series
# alone: 0.88874 with came_anyway 0.7 (0.88847 without; 0.5 and 0.9 in between; 60 days within
# 0.0001 of 90). Held out, scored once: 0.8333 against the baseline's 0.8307, 22 roll calls
# better, 15 worse; DPRK 85.77% against 85.57%, Iran (29) 83.78% against 83.55%, Myanmar (6)
# 74.98% against 74.90%, Syria (8) 85.49% against 84.97%. On the record as imported before, the
# same rules lose Myanmar (75.9% against 76.4%). The tally: the calls overcount yes (returning
# absentees, a third of whom stay away); a tally summing each kind of call's outcome shares on
# the training series has no bias there, but a larger error than the baseline's (yes 8.4
# against 7.3) and a bias on the held-out series: not adopted.

GRID = {
    "decay": [0.5],
    "absent_weight": [0.1, 0.25, 0.35],
    "min_sessions": [1],
    "chronic_absence": [None, 0.8, 0.9],
    "attendance_days": [60, 90],
    "min_roll_calls": [5],
    "came_anyway": [None, 0.5, 0.7, 0.9],
}
QUICK_GRID = {
    "decay": [0.35, 0.65],
    "absent_weight": [0.25],
    "min_sessions": [1],
    "chronic_absence": [None, 0.9],
    "attendance_days": [60],
    "min_roll_calls": [10],
    "came_anyway": [0.7],
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="A four-point grid, to check the script runs.")
    parser.add_argument("--no-grid", action="store_true", help="Only the figures of the weights in use.")
    parser.add_argument(
        "--training-only",
        action="store_true",
        help="Leave the held-out series unscored: choose the weights first, then score them once.",
    )
    options = parser.parse_args()
    import django

    django.setup()
    from intelligence.layers import DEFAULT_WEIGHTS

    training, held_out = _cases()
    if not training:
        print("No series with recorded votes: import the UN voting file first.")
        return 0
    print(f"training: {len(training)} roll calls; held out: {len(held_out)} roll calls")
    weightings = [] if options.no_grid else _weightings(QUICK_GRID if options.quick else GRID)
    _read_states(training + held_out, {w.attendance_days for w in [*weightings, DEFAULT_WEIGHTS]})
    if weightings:
        _print_grid(_grid_scores(training, weightings))
    print(f"\nin use (intelligence.layers.DEFAULT_WEIGHTS): {DEFAULT_WEIGHTS}")
    _report("training", training, DEFAULT_WEIGHTS)
    if not options.training_only:
        _report("held out", held_out, DEFAULT_WEIGHTS)
    return 0


def _cases():
    """(series, vote event, recorded votes, record before it) per roll call."""
    from django.db.models import Count

    from intelligence.backtest import roll_calls
    from intelligence.record import series_record
    from unrecord.models import ResolutionSeries
    from unrecord.series import title_key

    held_out_keys = {title_key(title) for title in HELD_OUT_TITLES}
    training, held_out = [], []
    series_list = ResolutionSeries.objects.annotate(n=Count("resolutions")).filter(n__gte=MIN_SESSIONS)
    for series in series_list.order_by("pk"):
        events = roll_calls(series, body="GA")
        if len(events) < MIN_SESSIONS:
            continue
        for event in events[1:]:
            actual = dict(event.votes.values_list("state_id", "choice"))
            record = series_record(series_id=series.pk, before=event.date)
            case = (series, event, actual, record)
            (held_out if series.title_key in held_out_keys else training).append(case)
    return training, held_out


# {(day, attendance days, the series' last roll call before it): the states with a seat on the
# day, with their attendance before it and before the series' last roll call}
_STATES = {}


def _read_states(cases, attendance_days):
    """The voting states of every roll call's day, as `backtest_roll_call` reads them, once for
    each attendance window searched."""
    from intelligence.projection import voting_states

    for day, last in {(event.date, record.last_roll_call_on) for _, event, _, record in cases}:
        for days in attendance_days:
            _STATES[(day, days, last)] = voting_states(
                day, roll_calls_before=day, attendance_days=days, series_last_roll_call_on=last
            )


def _score(cases, weights):
    from intelligence.backtest import score_roll_call

    return [
        score_roll_call(
            series=s,
            vote_event=e,
            actual=a,
            record=r,
            states=_STATES[(e.date, weights.attendance_days, r.last_roll_call_on)],
            weights=weights,
        )
        for s, e, a, r in cases
    ]


def _print_grid(scores):
    print(
        "\nweightings on the training series, best first (mean accuracy and Y+N+A tally error; baseline's):"
    )
    for accuracy, error, baseline, baseline_error, weights in sorted(scores, key=lambda s: (-s[0], s[1])):
        print(f"  {accuracy:.5f} {error:5.2f}  ({baseline:.4f} {baseline_error:5.2f})  {weights}")


_CASES = []  # the training cases, for the worker processes (forked: nothing is pickled)


def _weightings(grid):
    """Every weighting of the grid; the attendance window only once when attendance is off."""
    from dataclasses import replace

    from intelligence.layers import Weights

    weightings = [
        Weights(**dict(zip(grid, values, strict=True))) for values in itertools.product(*grid.values())
    ]
    unused = {
        "attendance_days": grid["attendance_days"][0],
        "min_roll_calls": grid["min_roll_calls"][0],
        "came_anyway": grid["came_anyway"][0],
    }
    return list(
        dict.fromkeys(w if w.chronic_absence is not None else replace(w, **unused) for w in weightings)
    )


def _grid_scores(cases, weightings):
    """(accuracy, tally error, the baseline's two, weights) per weighting, on two processes."""
    from multiprocessing import get_context

    _CASES[:] = cases
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
