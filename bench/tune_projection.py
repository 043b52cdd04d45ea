"""Choosing the projection's weights (intelligence.layers.Weights) on the real UN voting record.

    DATABASE_URL=postgres://... python bench/tune_projection.py [--quick] [--no-grid] [--training-only]

Needs a database with the shared file imported (`manage.py import_un_votes`). Every recorded
plenary vote on a draft as a whole, of every resolution series with at least four such sessions,
is projected from the roll calls before it (as `backtest_projection` does), for each weighting
of a grid. The weights are chosen on the TRAINING series only: every such series except the four
human rights series the README reports (DPRK, Iran, Myanmar, Syria), which are HELD OUT and
only scored, with the chosen weights, at the end. Prints the best weightings on the training
series (by mean log loss), the baseline's smoothing that minimises its own log loss there, the
80% interval's coverage there for each shared swing searched, then the figures of the weights in
use on the training series and on the held-out series beside the naive baseline (metrics as
intelligence/backtest.py defines them).
"""

import argparse
import itertools
import os
import sys
import time
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

# 6. Probabilities (issue 14). Each call became a probability per choice (intelligence/layers.py)
# and the search's goal the mean log loss on the training series, accuracy kept in sight: the
# held-out goals are log loss below the baseline's with accuracy not below it. The attendance
# rules stay as step 5 chose them (chronic absence 0.9 of at least 5 roll calls in 90 days, came
# anyway 0.7). SEARCH records the grids run, in order, and what each chose; GRID is the last.
SEARCH = """
6a. decay 0.35/0.5/0.65 x absent weight 0.25/0.5/1 x history prior 0.5/1/2 (staleness 0.8, group
    to uniform 0.3): best decay 0.65, absent weight 0.5, prior 0.5: log loss 0.37037, accuracy
    0.88697 (the most accurate, decay 0.5 and prior 1: 0.89062 at 0.39557; the weights of step 5
    as probabilities, decay 0.5, absent 0.25, prior 1: 0.40363, 0.88445).
6b. decay 0.65/0.8 x history prior 0.15/0.25/0.35 x staleness 0.8/1 (absent weight 0.5): best decay
    0.65, prior 0.35, staleness 0.8: 0.36960, accuracy 0.88666; staleness 1 within 0.001.
    The lowest log loss costs accuracy: 0.88666 against step 5's 0.88874 on the same series, and
    the held-out goals ask for both. The rule chosen then, before any held-out figure was seen:
    the lowest log loss among the weightings at least as accurate on the training series as
    step 5's rules (so that probabilities cost no call the rules made right). Of 6a and 6b: decay
    0.5, absent weight 0.5, prior 0.5: 0.37313, 0.88878.
6c. Around it: absent weight 0.35/0.5 x prior 0.35/0.5 x group to uniform 0.15/0.3 (decay 0.5,
    staleness 0.8): best absent weight 0.5, prior 0.5, group to uniform 0.15: 0.36702, accuracy
    0.88918, within the rule (the lowest log loss of the grid, too).
6d. Group to uniform 0.05/0.1, the rest as 6c chose: 0.37197 and 0.36779, both worse than 0.15.
    Chosen: decay 0.5, absent weight 0.5, history prior 0.5, staleness 0.8, group to uniform 0.15.
6e. Then, with those: the baseline's smoothing (closed form, below) and the shared swing
    (SWINGS), the one whose training coverage is nearest 80% for the projection. Smoothing:
    1 - 0.87615 = 0.124. Coverage, projection and baseline: swing 0: 0.652, 0.181; 0.5: 0.820,
    0.304; 0.75: 0.889, 0.459; 1: 0.927, 0.616; 1.25: 0.951, 0.747; 1.5: 0.966, 0.842. Chosen:
    0.5. (Independent states cover 65%: votes are correlated, as expected.) The baseline's
    interval, from its own probabilities the same way, covers far less: its probabilities put
    0.876 on every state's last vote, so its counts are last year's, give or take little.
    Training figures with all of it (mean over 1,821 roll calls): projection accuracy 0.8892,
    log loss 0.3670, Brier 0.1771, coverage 0.820; baseline 0.8761, 0.5106, 0.2273, 0.299.
    Only then were the held-out series scored, once (51 roll calls): log loss below the
    baseline's on each series (all four: 0.546 against 0.649) and accuracy not below it (DPRK
    0.85572 against 0.85571, a tie in all but the fifth decimal); but the 80% interval covered
    92% of their counts (Myanmar 83%, Iran 92%, DPRK and Syria 96%): wider than it should be on
    these series, whose blocs move less than the training series' do. Not retuned on them.
6f. Each series' own swing (intelligence.projection.series_swing, issue 14): its last 8 roll calls
    before the one projected, each projected from the ones before it (attendance aside), give
    how far its counts fell from independent states' (tally.swing_from_residuals), shrunk toward
    a prior swing as if it were so many (roll call, option) pairs. SERIES_SWINGS on the training
    series, coverage of the projection, the rule set beforehand as in 6e (nearest 80%): prior
    0.3 with 3/6/12/24 pairs: 0.822, 0.815, 0.804, 0.793; 0.5: 0.850, 0.853, 0.851, 0.845; 0.7:
    0.877, 0.882, 0.889, 0.891 (the baseline's 0.27-0.40). Chosen: prior 0.3, 12 pairs (0.804;
    the uniform swing of 6e: 0.820). Accuracy, log loss and Brier do not change. The held-out
    series, scored then: 85.0% (Myanmar 77.8%, DPRK 79.2%, Iran 86.2%, Syria 91.7%).
    A unit test then showed the estimate counting states new to a series as a bloc moving (73
    first-time abstentions gave a synthetic series a swing that put its 80% interval at 1-190
    yes): the residuals now leave out states with no earlier vote on the series. The same grid
    on the training series again: 0.821, 0.813, 0.802, 0.791; 0.849, 0.851, 0.850, 0.844;
    0.875, 0.881, 0.887, 0.891. Same choice, 0.3 and 12 pairs: training 80.2%. Held out,
    scored a second time (51 roll calls): 84.3% of their counts in the interval (Myanmar 77.8%,
    DPRK 79.2%, Iran 85.1%, Syria 91.7%: 22 of 24), against 92.2% with the uniform swing of
    6e; the baseline's interval, with the same swing, 64.1%.
"""

SERIES_SWINGS = {"swing": [0.3, 0.5, 0.7], "swing_prior_pairs": [3.0, 6.0, 12.0, 24.0]}
GRID = {"group_to_uniform": [0.15]}  # the choice, scored again beside the baseline's smoothing and swings
QUICK_GRID = {"decay": [0.5], "absent_weight": [0.25, 1.0], "history_prior": [1.0], "staleness": [0.8]}
SWINGS = [0.0, 0.5]  # step 6e searched 0, 0.5, 0.75, 1, 1.25 and 1.5


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="A small grid, to check the script runs.")
    parser.add_argument("--no-grid", action="store_true", help="Only the figures of the weights in use.")
    parser.add_argument(
        "--grid-only",
        action="store_true",
        help="Only the grid of the record's weights (the search's first part).",
    )
    parser.add_argument(
        "--swings-only",
        action="store_true",
        help="Only the swings' coverage on the training series (step 6f), then the figures in use.",
    )
    parser.add_argument(
        "--training-only",
        action="store_true",
        help="Leave the held-out series unscored: choose the weights first, then score them once.",
    )
    options = parser.parse_args()
    import django

    django.setup()
    from intelligence.layers import DEFAULT_WEIGHTS

    started = time.perf_counter()
    training, held_out = _cases()
    if not training:
        print("No series with recorded votes: import the UN voting file first.")
        return 0
    print(f"training: {len(training)} roll calls; held out: {len(held_out)} roll calls", end=" ")
    _read_states(training + held_out, DEFAULT_WEIGHTS.attendance_days)
    print(f"(read in {time.perf_counter() - started:.0f} s)")
    if not options.no_grid and not options.swings_only:
        _print_grid(_grid_scores(training, _weightings(QUICK_GRID if options.quick else GRID)))
        if options.grid_only:
            return 0
        _print_smoothings(training)
    if not options.no_grid:
        _print_swings(training)
        _print_series_swings(training)
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


# {(day, the series' last roll call before it): the states with a seat on the day, with their
# attendance before it and before the series' last roll call}
_STATES = {}


def _read_states(cases, attendance_days):
    """The voting states of every roll call's day, as `backtest_roll_call` reads them."""
    from intelligence.projection import voting_states

    for day, last in {(event.date, record.last_roll_call_on) for _, event, _, record in cases}:
        _STATES[(day, last)] = voting_states(
            day, roll_calls_before=day, attendance_days=attendance_days, series_last_roll_call_on=last
        )


def _score(cases, weights, *, intervals=True, swing=None):
    """Every case scored; the intervals with `swing` for every series, else each series' own."""
    return [_score_case(case, weights, intervals=intervals, swing=swing) for case in cases]


def _score_case(case, weights, *, intervals=True, swing=None):
    from intelligence.backtest import score_roll_call

    series, event, actual, record = case
    return score_roll_call(
        series=series,
        vote_event=event,
        actual=actual,
        record=record,
        states=_STATES[(event.date, record.last_roll_call_on)],
        weights=weights,
        intervals=intervals,
        swing=swing,
    )


_CASES = []  # the training cases, for the worker processes (forked: nothing is pickled)


def _weightings(grid):
    from dataclasses import replace

    from intelligence.layers import DEFAULT_WEIGHTS

    return [
        replace(DEFAULT_WEIGHTS, **dict(zip(grid, values, strict=True)))
        for values in itertools.product(*grid.values())
    ]


def _grid_scores(cases, weightings):
    """(log loss, accuracy, brier, weights) per weighting, on two processes."""
    from multiprocessing import get_context

    _CASES[:] = cases
    with get_context("fork").Pool(2) as pool:
        return pool.map(_grid_score, weightings)


def _grid_score(weights):
    from intelligence.backtest import SeriesSummary

    summary = SeriesSummary(_score(_CASES, weights, intervals=False))
    return (*(summary.mean("projection", m) for m in ("log_loss", "accuracy", "brier")), weights)


def _print_grid(scores):
    print("\nweightings on the training series, best first (mean log loss, accuracy, brier):")
    for log_loss, accuracy, brier, weights in sorted(scores, key=lambda s: s[0])[:15]:
        searched = {name: getattr(weights, name) for name in GRID}
        print(f"  {log_loss:.5f} {accuracy:.5f} {brier:.5f}  {searched}")


def _print_smoothings(cases):
    """The baseline's smoothing that minimises its mean log loss on the training series: a roll
    call's log loss is -(r ln(1 - e) + (1 - r) ln(e / 3)) with r its accuracy, so the mean over
    roll calls is least at e = 1 - their mean accuracy."""
    from intelligence.backtest import SeriesSummary
    from intelligence.layers import DEFAULT_WEIGHTS

    accuracy = SeriesSummary(_score(cases, DEFAULT_WEIGHTS, intervals=False)).mean("baseline", "accuracy")
    print(f"\nthe baseline's smoothing on the training series: 1 - {accuracy:.5f} = {1 - accuracy:.4f}")


def _print_swings(cases):
    """The 80% interval's coverage on the training series, both methods, for each swing searched."""
    from dataclasses import replace
    from multiprocessing import get_context

    from intelligence.layers import DEFAULT_WEIGHTS

    _CASES[:] = cases
    with get_context("fork").Pool(2) as pool:
        coverages = pool.map(_coverage, [replace(DEFAULT_WEIGHTS, swing=swing) for swing in SWINGS])
    print("\nthe shared swing on the training series (80% interval coverage: projection, baseline):")
    for swing, (projection, baseline) in zip(SWINGS, coverages, strict=True):
        print(f"  {swing:.2f}: {projection:.4f}, {baseline:.4f}")


_RESIDUALS = []  # per training case, its series' residuals (projection.series_residuals)


def _print_series_swings(cases):
    """The 80% interval's coverage on the training series, both methods, with each series' own
    swing (`series_swing`) for each prior swing and prior weight searched."""
    from multiprocessing import get_context

    from intelligence.layers import DEFAULT_WEIGHTS
    from intelligence.projection import series_residuals

    _CASES[:] = cases
    _RESIDUALS[:] = [
        series_residuals(
            record=r,
            states=_STATES[(e.date, r.last_roll_call_on)],
            target_session=e.session.number,
            weights=DEFAULT_WEIGHTS,
        )
        for _, e, _, r in cases
    ]
    weightings = _weightings(SERIES_SWINGS)
    with get_context("fork").Pool(2) as pool:
        coverages = pool.map(_series_swing_coverage, weightings)
    print("\neach series' own swing on the training series (prior, pairs: coverage, projection, baseline):")
    for weights, (projection, baseline) in zip(weightings, coverages, strict=True):
        print(f"  {weights.swing:.2f}, {weights.swing_prior_pairs:g}: {projection:.4f}, {baseline:.4f}")


def _series_swing_coverage(weights):
    from intelligence.backtest import SeriesSummary
    from intelligence.tally import swing_from_residuals

    results = [
        _score_case(
            case,
            weights,
            swing=swing_from_residuals(residuals, prior=weights.swing, prior_pairs=weights.swing_prior_pairs),
        )
        for case, residuals in zip(_CASES, _RESIDUALS, strict=True)
    ]
    summary = SeriesSummary(results)
    return summary.interval_coverage("projection"), summary.interval_coverage("baseline")


def _coverage(weights):
    from intelligence.backtest import SeriesSummary

    summary = SeriesSummary(_score(_CASES, weights, swing=weights.swing))
    return summary.interval_coverage("projection"), summary.interval_coverage("baseline")


def _report(name, cases, weights):
    from collections import defaultdict

    from intelligence.backtest import METHODS, SeriesSummary

    started = time.perf_counter()
    results = _score(cases, weights)
    seconds = time.perf_counter() - started
    by_series = defaultdict(list)
    for result in results:
        by_series[result.series.name].append(result)
    print(f"\n{name}: {len(by_series)} series, {len(results)} roll calls, scored in {seconds:.1f} s")
    rows = [("all", SeriesSummary(results))]
    if len(by_series) <= len(HELD_OUT_TITLES):
        rows = [(series, SeriesSummary(rs)) for series, rs in sorted(by_series.items())] + rows
    print(
        "  series | roll calls | " + " | ".join(f"{m} accuracy, log loss, brier, coverage" for m in METHODS)
    )
    for series, summary in rows:
        figures = " | ".join(
            f"{summary.mean(m, 'accuracy'):.4f} {summary.mean(m, 'log_loss'):.4f} "
            f"{summary.mean(m, 'brier'):.4f} {summary.interval_coverage(m):.3f}"
            for m in METHODS
        )
        print(f"  {series[:40]} | {len(summary.results)} | {figures}")
    wins = sum(r.projection.log_loss < r.baseline.log_loss for r in results)
    print(f"  roll calls where the projection's log loss is lower: {wins} of {len(results)}")


if __name__ == "__main__":
    sys.exit(main())
