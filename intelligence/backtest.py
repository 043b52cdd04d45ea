"""How well the projection would have called a recorded vote, from the record before it alone,
beside a naive baseline: each state votes as it did last time in the series.

The backtest uses the record's layers (no stances, no co-sponsors: the public record has none):
a state's votes on the series in earlier sessions, its vote in committee on the same draft that
session when the record has one, its attendance at the Assembly's roll calls of late, its regional
group's pattern, or nothing. It projects for the states with a seat on the day of the roll call
from the roll calls held before that day, and scores the states recorded on it.

The metrics, for both methods, per roll call (over the states recorded on it):
- accuracy: the share of states whose most probable choice is the one they made;
- log loss: the mean of -ln p(the choice made), natural log, each probability first raised to
  at least `PROBABILITY_FLOOR` (1e-6; not renormalised), so that one sure miss costs 13.8, not
  infinity;
- Brier score: the mean over states of the sum over the four choices (Y, N, A, X) of
  (p(choice) - 1 if it was made, else 0)²: 0 is perfect, 2 a sure miss;
- the 80% interval of each option's count (intelligence/tally.py), widened by the series' own
  swing read from its roll calls before this one (`projection.series_swing`), and whether the recorded
  count of yes, no and abstentions falls inside it (absences are not scored: the UN prints no
  count of them). `interval_coverage` is the share of (roll call, option) pairs covered.
Series summaries average the first three over roll calls (each roll call weighs the same) and
pool the interval's pairs.

The baseline's probabilities: its choice (the state's last vote on the series; a state with none
takes its group's majority in the latest session on record, else abstains) gets 1 - ε and each
other choice ε/3, ε being `Weights.baseline_smoothing`, chosen on the training series by
minimising the baseline's own log loss (bench/tune_projection.py).

Sessions whose draft was adopted without a vote (a decision recorded without a roll call) are
listed as such and not scored.
"""

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field, replace

from django.db.models import Exists, F, OuterRef

from intelligence import tally
from intelligence.layers import CHOICES, DEFAULT_WEIGHTS, Weights, most_probable
from intelligence.projection import project_states, series_swing, voting_states
from intelligence.record import SeriesRecord, series_record
from unrecord.models import RecordedVote, ResolutionSeries, VoteChoice, VoteEvent
from unrecord.series import title_key

TALLIED = [VoteChoice.YES.value, VoteChoice.NO.value, VoteChoice.ABSTAIN.value]
PROBABILITY_FLOOR = 1e-6  # log loss: no probability counts as less than this
METHODS = ("projection", "baseline")


class SeriesNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Score:
    """How one method's probabilities compare with the recorded votes."""

    correct: int
    compared: int
    predicted: dict[str, int]  # how many states each choice is the most probable for
    actual: dict[str, int]
    log_loss: float
    brier: float
    expected: dict[str, float]  # the sum of the probabilities per choice
    low: dict[str, int] = field(default_factory=dict)  # the 80% interval, for Y, N and A
    high: dict[str, int] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.compared if self.compared else 0.0

    @property
    def tally_error(self) -> dict[str, int]:
        """|count of calls - recorded count| for yes, no and abstain."""
        return {choice: abs(self.predicted.get(choice, 0) - self.actual.get(choice, 0)) for choice in TALLIED}

    @property
    def covered(self) -> dict[str, bool]:
        """Whether each recorded count (Y, N, A) is inside its 80% interval; {} if not computed."""
        return {c: self.low[c] <= self.actual.get(c, 0) <= self.high[c] for c in TALLIED if c in self.low}

    @classmethod
    def of(
        cls, probabilities: dict[int, dict[str, float]], actual: dict[int, str], *, swing: float | None = 0.0
    ) -> "Score":
        """`probabilities`: {state id: {choice: p}}; `actual`: {state id: choice}. The interval
        with the shared `swing`; None: no interval (the tuning's grid spares the time)."""
        compared = [state_id for state_id in actual if state_id in probabilities]
        calls = {state_id: most_probable(probabilities[state_id]) for state_id in compared}
        n = len(compared) or 1
        score = cls(
            correct=sum(1 for state_id in compared if calls[state_id] == actual[state_id]),
            compared=len(compared),
            predicted=dict(Counter(calls.values())),
            actual=dict(Counter(actual[state_id] for state_id in compared)),
            log_loss=sum(log_loss(probabilities[s], actual[s]) for s in compared) / n,
            brier=sum(brier(probabilities[s], actual[s]) for s in compared) / n,
            expected={c: round(sum(probabilities[s].get(c, 0.0) for s in compared), 1) for c in CHOICES},
        )
        if swing is None:
            return score
        intervals = {
            c: tally.count_interval([probabilities[s].get(c, 0.0) for s in compared], swing=swing)
            for c in TALLIED
        }
        low, high = ({c: interval[end] for c, interval in intervals.items()} for end in (0, 1))
        return replace(score, low=low, high=high)


def log_loss(probabilities: dict[str, float], choice: str) -> float:
    return -math.log(max(probabilities.get(choice, 0.0), PROBABILITY_FLOOR))


def brier(probabilities: dict[str, float], choice: str) -> float:
    return sum((probabilities.get(c, 0.0) - (c == choice)) ** 2 for c in CHOICES)


@dataclass(frozen=True)
class BacktestResult:
    series: ResolutionSeries
    session: int
    vote_event: VoteEvent
    projection: Score
    baseline: Score
    projection_bases: dict[str, int]  # how many calls each layer made
    baseline_fallbacks: dict[str, int] = field(default_factory=dict)  # "group", "abstain"


@dataclass(frozen=True)
class AdoptedWithoutVote:
    """A session whose draft was adopted without a vote: nothing to score."""

    session: int
    vote_event: VoteEvent


def find_series(value: str) -> ResolutionSeries:
    """A series by id, by name (any case), by title key, or by a unique part of its name."""
    series = ResolutionSeries.objects.all()
    if value.isdigit() and (found := series.filter(pk=int(value)).first()):
        return found
    found = series.filter(name__iexact=value).first() or series.filter(title_key=title_key(value)).first()
    if found:
        return found
    candidates = list(series.filter(name__icontains=value.strip())[:6])
    if len(candidates) == 1:
        return candidates[0]
    names = "; ".join(f"{c.pk}: {c.name}" for c in candidates[:5]) or "none"
    raise SeriesNotFound(f"No single series matches {value!r} (candidates: {names}).")


def roll_calls(series: ResolutionSeries, *, body: str | None = None):
    """The series' recorded votes on drafts as a whole, one per session: the plenary's unless
    `body` names another, the latest if a body voted twice; oldest session first."""
    events = _decisions(series, body).filter(Exists(RecordedVote.objects.filter(vote_event=OuterRef("pk"))))
    return list(events.distinct("session__number"))


def adopted_without_vote(series: ResolutionSeries, *, body: str | None = None) -> list[AdoptedWithoutVote]:
    """The sessions whose draft of the series was adopted without a vote (in plenary unless `body`
    names another body) and that have no roll call on it: oldest first."""
    voted = {event.session.number for event in roll_calls(series, body=body)}
    events = _decisions(series, body).filter(result=VoteEvent.Result.ADOPTED_WITHOUT_VOTE)
    return [
        AdoptedWithoutVote(event.session.number, event)
        for event in events.distinct("session__number")
        if event.session.number not in voted
    ]


def _decisions(series: ResolutionSeries, body: str | None):
    events = VoteEvent.objects.filter(
        resolution__series=series, kind=VoteEvent.Kind.WHOLE_DRAFT, session__isnull=False
    )
    events = events.filter(body__code=body) if body else events
    return events.select_related("session", "body").order_by(
        "session__number", F("body__parent_id").asc(nulls_first=True), "-date", "-id"
    )


def backtest(
    *, series: ResolutionSeries, session: int, body: str | None = None, weights: Weights = DEFAULT_WEIGHTS
) -> BacktestResult | AdoptedWithoutVote | None:
    """Project session `session`'s roll call from the roll calls before it; the decision, when
    the draft was adopted without a vote; None when the series has neither in that session."""
    event = next((e for e in roll_calls(series, body=body) if e.session.number == session), None)
    if event is None:
        return next((d for d in adopted_without_vote(series, body=body) if d.session == session), None)
    return backtest_roll_call(series=series, vote_event=event, weights=weights)


def backtest_roll_call(
    *, series: ResolutionSeries, vote_event: VoteEvent, weights: Weights
) -> BacktestResult:
    actual = dict(vote_event.votes.values_list("state_id", "choice"))
    record = series_record(series_id=series.pk, before=vote_event.date)
    # Attendance, like the record, from the roll calls before the day: not the day's own.
    states = voting_states(
        vote_event.date,
        roll_calls_before=vote_event.date,
        attendance_days=weights.attendance_days,
        series_last_roll_call_on=record.last_roll_call_on,
    )
    return score_roll_call(
        series=series, vote_event=vote_event, actual=actual, record=record, states=states, weights=weights
    )


def score_roll_call(
    *,
    series,
    vote_event,
    actual,
    record: SeriesRecord,
    states,
    weights,
    intervals: bool = True,
    swing: float | None = None,
) -> BacktestResult:
    """Both methods' probabilities against `actual`; no queries (the tuning script calls it
    often, without the `intervals` when it searches the record's weights). The intervals' `swing`
    is by default the series' own, read from its roll calls before this one (`series_swing`)."""
    calls = project_states(
        states=states,
        stances={},
        record=record,
        target_session=vote_event.session.number,
        as_of=vote_event.date - datetime.timedelta(days=1),
        weights=weights,
        vote_on=vote_event.resolution if record.committee else None,
    )
    baseline, fallbacks = naive_calls(states, record)
    if not intervals:
        swing = None
    elif swing is None:
        target = vote_event.session.number
        swing = series_swing(record=record, states=states, target_session=target, weights=weights)
    return BacktestResult(
        series=series,
        session=vote_event.session.number,
        vote_event=vote_event,
        projection=Score.of({call.state_id: call.probabilities for call in calls}, actual, swing=swing),
        baseline=Score.of(baseline_probabilities(baseline, weights), actual, swing=swing),
        projection_bases=dict(Counter(call.basis for call in calls if call.state_id in actual)),
        baseline_fallbacks=dict(Counter(kind for state_id, kind in fallbacks.items() if state_id in actual)),
    )


def naive_calls(states, record: SeriesRecord) -> tuple[dict[int, str], dict[int, str]]:
    """Each state votes as it did last time in the series; a state with no vote on record takes
    its group's majority in the latest session on record, else abstains. Returns the calls and,
    for the states that fell back, how: {state id: "group" or "abstain"}."""
    majority = _group_majorities(record)
    calls, fallbacks = {}, {}
    for state in states:
        votes = record.votes.get(state.pk)
        if votes:
            calls[state.pk] = votes[-1].choice
        elif (vote := majority.get(state.regional_group_id)) is not None:
            calls[state.pk], fallbacks[state.pk] = vote, "group"
        else:
            calls[state.pk], fallbacks[state.pk] = VoteChoice.ABSTAIN.value, "abstain"
    return calls, fallbacks


def baseline_probabilities(calls: dict[int, str], weights: Weights) -> dict[int, dict[str, float]]:
    """The baseline's calls as probabilities: 1 - ε on the call, ε/3 on each other choice."""
    smoothing = weights.baseline_smoothing
    return {
        state_id: {c: 1 - smoothing if c == call else smoothing / 3 for c in CHOICES}
        for state_id, call in calls.items()
    }


def _group_majorities(record: SeriesRecord) -> dict[int, str]:
    latest = record.latest_session()
    counts: dict[int, Counter] = {}
    for state_id, votes in record.votes.items():
        group_id = record.group_of.get(state_id)
        if group_id is not None and votes[-1].session == latest and votes[-1].choice in TALLIED:
            counts.setdefault(group_id, Counter())[votes[-1].choice] += 1
    return {group_id: group_counts.most_common(1)[0][0] for group_id, group_counts in counts.items()}


@dataclass(frozen=True)
class SeriesSummary:
    results: list[BacktestResult]
    adopted_without_vote: list[AdoptedWithoutVote] = field(default_factory=list)

    def mean_accuracy(self, method: str) -> float:
        return self.mean(method, "accuracy")

    def mean(self, method: str, metric: str) -> float:
        """The mean of a per-roll-call metric ("accuracy", "log_loss", "brier") over roll calls."""
        scores = [getattr(getattr(r, method), metric) for r in self.results]
        return sum(scores) / len(scores) if scores else 0.0

    def interval_coverage(self, method: str) -> float:
        """The share of (roll call, option) pairs whose recorded count is in the 80% interval."""
        pairs = [hit for r in self.results for hit in getattr(r, method).covered.values()]
        return sum(pairs) / len(pairs) if pairs else 0.0

    def mean_tally_error(self, method: str) -> dict[str, float]:
        n = len(self.results) or 1
        return {c: sum(getattr(r, method).tally_error[c] for r in self.results) / n for c in TALLIED}


def backtest_sessions(
    *,
    series: ResolutionSeries,
    body: str | None = None,
    first: int | None = None,
    last: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> SeriesSummary:
    """Every session of the series with a roll call and one before it (between `first` and `last`),
    and the sessions in that range whose draft was adopted without a vote."""
    events = roll_calls(series, body=body)[1:]  # the first has nothing before it to learn from
    in_range = range(first or 0, (last or 10**6) + 1)
    return SeriesSummary(
        [
            backtest_roll_call(series=series, vote_event=e, weights=weights)
            for e in events
            if e.session.number in in_range
        ],
        [d for d in adopted_without_vote(series, body=body) if d.session in in_range],
    )


# JSON -----------------------------------------------------------------------------------------


def as_json(results: list[BacktestResult | AdoptedWithoutVote], summary: SeriesSummary | None) -> dict:
    """The backtest's figures as `backtest_projection --format json` prints them."""
    data = {"roll_calls": [_roll_call_json(r) for r in sorted(results, key=lambda r: r.session)]}
    if summary is not None:
        data["summary"] = {
            "roll_calls": len(summary.results),
            "adopted_without_vote": len(summary.adopted_without_vote),
            **{
                method: {
                    "accuracy": _figure(summary.mean(method, "accuracy")),
                    "log_loss": _figure(summary.mean(method, "log_loss")),
                    "brier": _figure(summary.mean(method, "brier")),
                    "interval_coverage": _figure(summary.interval_coverage(method)),
                }
                for method in METHODS
            },
        }
    return data


def _roll_call_json(result: BacktestResult | AdoptedWithoutVote) -> dict:
    event = result.vote_event
    head = {"session": result.session, "body": event.body.code, "date": event.date.isoformat()}
    if isinstance(result, AdoptedWithoutVote):
        return head | {"adopted_without_vote": True}
    return head | {
        "adopted_without_vote": False,
        "states": result.projection.compared,
        "actual": {c: result.projection.actual.get(c, 0) for c in CHOICES},
        **{method: _score_json(getattr(result, method)) for method in METHODS},
    }


def _score_json(score: Score) -> dict:
    covered = score.covered
    return {
        "accuracy": _figure(score.accuracy),
        "log_loss": _figure(score.log_loss),
        "brier": _figure(score.brier),
        "interval_coverage": _figure(sum(covered.values()) / len(covered)) if covered else None,
        "expected": score.expected,
        "interval": {c: [score.low[c], score.high[c]] for c in score.low},
    }


def _figure(value: float) -> float:
    return round(value, 6)
