"""How well the projection would have called a recorded vote, from the record before it alone,
beside a naive baseline: each state votes as it did last time in the series.

The backtest uses the record's layers only (no stances: the public record has none): a state's
votes on the series in earlier sessions and its attendance at the Assembly's roll calls of late,
its regional group's pattern, or nothing. It projects for the states with a seat on the day of
the roll call from the roll calls held before that day, and scores the states recorded on it.

How the weights (intelligence.layers.Weights) were chosen: by a grid search maximising the mean
per-state accuracy over every plenary roll call (but each series' first) of the 215 other series
with at least four recorded sessions (1,821 roll calls), none of the four human rights series
reported in the README (DPRK, Iran, Myanmar, Syria: 51 roll calls), which were held out and only
scored with the weights chosen (bench/tune_projection.py, which records the search).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef

from intelligence.layers import DEFAULT_WEIGHTS, Weights
from intelligence.projection import project_states, voting_states
from intelligence.record import SeriesRecord, series_record
from unrecord.models import RecordedVote, ResolutionSeries, VoteChoice, VoteEvent
from unrecord.series import title_key

TALLIED = [VoteChoice.YES.value, VoteChoice.NO.value, VoteChoice.ABSTAIN.value]


class SeriesNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Score:
    """How one method's calls compare with the recorded votes."""

    correct: int
    compared: int
    predicted: dict[str, int]
    actual: dict[str, int]

    @property
    def accuracy(self) -> float:
        return self.correct / self.compared if self.compared else 0.0

    @property
    def tally_error(self) -> dict[str, int]:
        """|projected count - recorded count| for yes, no and abstain."""
        return {choice: abs(self.predicted.get(choice, 0) - self.actual.get(choice, 0)) for choice in TALLIED}

    @classmethod
    def of(cls, calls: dict[int, str], actual: dict[int, str]) -> "Score":
        compared = [state_id for state_id in actual if state_id in calls]
        return cls(
            correct=sum(1 for state_id in compared if calls[state_id] == actual[state_id]),
            compared=len(compared),
            predicted=dict(Counter(calls[state_id] for state_id in compared)),
            actual=dict(Counter(actual[state_id] for state_id in compared)),
        )


@dataclass(frozen=True)
class BacktestResult:
    series: ResolutionSeries
    session: int
    vote_event: VoteEvent
    projection: Score
    baseline: Score
    projection_bases: dict[str, int]  # how many calls each layer made
    baseline_fallbacks: dict[str, int] = field(default_factory=dict)  # "group", "abstain"


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
    events = VoteEvent.objects.filter(
        resolution__series=series,
        kind=VoteEvent.Kind.WHOLE_DRAFT,
        session__isnull=False,
    ).filter(Exists(RecordedVote.objects.filter(vote_event=OuterRef("pk"))))
    events = events.filter(body__code=body) if body else events
    ordered = events.select_related("session", "body").order_by(
        "session__number", F("body__parent_id").asc(nulls_first=True), "-date", "-id"
    )
    return list(ordered.distinct("session__number"))


def backtest(
    *, series: ResolutionSeries, session: int, body: str | None = None, weights: Weights = DEFAULT_WEIGHTS
) -> BacktestResult | None:
    """Project session `session`'s roll call from the roll calls before it; None when the
    series has no recorded vote in that session."""
    event = next((e for e in roll_calls(series, body=body) if e.session.number == session), None)
    if event is None:
        return None
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


def score_roll_call(*, series, vote_event, actual, record: SeriesRecord, states, weights) -> BacktestResult:
    """Both methods' calls against `actual`; no queries (the tuning script calls it often)."""
    calls = project_states(
        states=states,
        stances={},
        record=record,
        target_session=vote_event.session.number,
        as_of=vote_event.date - datetime.timedelta(days=1),
        weights=weights,
    )
    baseline, fallbacks = naive_calls(states, record)
    return BacktestResult(
        series=series,
        session=vote_event.session.number,
        vote_event=vote_event,
        projection=Score.of({call.state_id: call.vote for call in calls}, actual),
        baseline=Score.of(baseline, actual),
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

    def mean_accuracy(self, method: str) -> float:
        return (
            sum(getattr(r, method).accuracy for r in self.results) / len(self.results) if self.results else 0
        )

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
    """Every session of the series with a roll call and one before it (between `first` and `last`)."""
    events = roll_calls(series, body=body)[1:]  # the first has nothing before it to learn from
    events = [e for e in events if (first or 0) <= e.session.number <= (last or 10**6)]
    return SeriesSummary([backtest_roll_call(series=series, vote_event=e, weights=weights) for e in events])
