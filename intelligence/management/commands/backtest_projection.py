"""Project a recorded vote of a resolution series from the record before it, beside the naive
baseline, and print how both did: as text, or as JSON (`--format json`; the metrics are defined in
intelligence/backtest.py)."""

import json

from django.core.management.base import BaseCommand, CommandError

from intelligence.backtest import (
    METHODS,
    TALLIED,
    AdoptedWithoutVote,
    BacktestResult,
    SeriesNotFound,
    SeriesSummary,
    as_json,
    backtest,
    backtest_sessions,
    find_series,
)
from intelligence.layers import DEFAULT_WEIGHTS

BASELINE = (
    "Baseline: each state votes as it did last time in the series; a state with no vote on record "
    "takes its regional group's majority in the latest session on record, else abstains; "
    f"as probabilities, {1 - DEFAULT_WEIGHTS.baseline_smoothing:.2f} on that choice and "
    f"{DEFAULT_WEIGHTS.baseline_smoothing / 3:.2f} on each other."
)


class Command(BaseCommand):
    help = (
        "Backtest the vote projection on a resolution series: project session N's recorded vote "
        "from the roll calls before it (votes on the series and regional groups; no stances) and "
        "compare it, with the naive baseline, to what states did."
    )

    def add_arguments(self, parser):
        parser.add_argument("--series", required=True, help="Series id, name, or a unique part of its name.")
        sessions = parser.add_mutually_exclusive_group(required=True)
        sessions.add_argument("--session", type=int, metavar="N", help="The session whose vote to project.")
        sessions.add_argument(
            "--all-sessions",
            action="store_true",
            help="Every session with a recorded vote and one before it.",
        )
        sessions.add_argument("--sessions", metavar="FIRST-LAST", help="Sessions in a range, e.g. 60-70.")
        parser.add_argument(
            "--body",
            metavar="CODE",
            help="The body whose roll call to project, e.g. GA or GA-C3 (default: the plenary's, "
            "else the committee's).",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text (default), or json: per roll call and a summary, for the projection and the "
            "baseline, accuracy, log loss, Brier score and the 80%% interval's coverage.",
        )

    def handle(self, *args, series, session, all_sessions, sessions, body, format, **options):
        try:
            found = find_series(series)
        except SeriesNotFound as error:
            raise CommandError(str(error)) from error
        if session is not None:
            result = backtest(series=found, session=session, body=body)
            if result is None:
                raise CommandError(
                    f"The series has no recorded vote on a draft as a whole in session {session}."
                )
            results, summary = [result], None
        else:
            first, last = _range(sessions) if sessions else (None, None)
            summary = backtest_sessions(series=found, body=body, first=first, last=last)
            if not summary.results:
                raise CommandError("No session of the series has a recorded vote and one before it.")
            results = [*summary.results, *summary.adopted_without_vote]
        if format == "json":
            data = {"series": {"id": found.pk, "name": found.name}, **as_json(results, summary)}
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"Series {found.pk}: {found.name}")
        if summary is None:
            self._write_one(results[0])
        else:
            self._write_summary(summary)
        self.stdout.write(BASELINE)

    def _write_one(self, result: BacktestResult | AdoptedWithoutVote) -> None:
        event = result.vote_event
        if isinstance(result, AdoptedWithoutVote):
            self.stdout.write(f"Session {result.session}: adopted without a vote on {event.date:%d %b %Y}.")
            return
        self.stdout.write(
            f"Session {result.session}: {event.body.code} roll call of {event.date:%d %b %Y}, "
            f"{result.projection.compared} states scored."
        )
        self.stdout.write(
            f"{'':12}{'accuracy':>10} {'log loss':>8} {'brier':>6}  "
            + "  ".join(f"{c} called/actual/80% interval" for c in TALLIED)
        )
        for method in METHODS:
            score = getattr(result, method)
            tallies = "  ".join(
                f"{score.predicted.get(c, 0):>6}/{score.actual.get(c, 0):>6}/"
                f"{score.low[c]:>3}-{score.high[c]:<3}"
                for c in TALLIED
            )
            self.stdout.write(
                f"{method:12}{score.accuracy:>10.1%} {score.log_loss:>8.3f} {score.brier:>6.3f}  {tallies}"
            )
        self.stdout.write(f"Projection layers: {_counts(result.projection_bases)}.")
        if result.baseline_fallbacks:
            self.stdout.write(f"Baseline fallbacks: {_counts(result.baseline_fallbacks)}.")

    def _write_summary(self, summary: SeriesSummary) -> None:
        self.stdout.write(
            f"{'session':>7} {'body':>6} {'date':>10} {'states':>6}  {'projection':>10} {'baseline':>9}  "
            "log loss: projection | baseline  tally error Y/N/A: projection | baseline"
        )
        rows = sorted([*summary.results, *summary.adopted_without_vote], key=lambda r: r.session)
        for result in rows:
            event = result.vote_event
            head = f"{result.session:>7} {event.body.code:>6} {event.date:%Y-%m-%d}"
            if isinstance(result, AdoptedWithoutVote):
                self.stdout.write(f"{head}  adopted without a vote: not scored")
                continue
            p, b = result.projection, result.baseline
            self.stdout.write(
                f"{head} {p.compared:>6}  {p.accuracy:>10.1%} {b.accuracy:>9.1%}  "
                f"{p.log_loss:>19.3f} | {b.log_loss:<8.3f}  "
                f"{_errors(p.tally_error)} | {_errors(b.tally_error)}"
            )
        p_error, b_error = summary.mean_tally_error("projection"), summary.mean_tally_error("baseline")
        self.stdout.write(
            f"{'mean':>7} {len(summary.results):>6} {'sessions':>10} {'':>6}  "
            f"{summary.mean_accuracy('projection'):>10.1%} {summary.mean_accuracy('baseline'):>9.1%}  "
            f"{summary.mean('projection', 'log_loss'):>19.3f} | "
            f"{summary.mean('baseline', 'log_loss'):<8.3f}  "
            f"{_errors(p_error)} | {_errors(b_error)}"
        )
        self.stdout.write(
            "80% interval coverage (Y, N, A counts): "
            + ", ".join(f"{method} {summary.interval_coverage(method):.0%}" for method in METHODS)
        )


def _range(value: str) -> tuple[int, int]:
    first, _, last = value.partition("-")
    try:
        return int(first), int(last or first)
    except ValueError as error:
        raise CommandError(f"--sessions takes FIRST-LAST, e.g. 60-70, not {value!r}.") from error


def _errors(errors: dict) -> str:
    return "/".join(f"{errors[c]:.1f}" if isinstance(errors[c], float) else str(errors[c]) for c in TALLIED)


def _counts(counts: dict) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
