"""The layers of a projected vote, from the strongest evidence to none: what the state told us (its
stance), how it voted on the series before, how its regional group voted, and nothing.

Pure functions over data already read, so that a whole projection costs a fixed number of queries
and the backtest can run thousands of them. The numbers that weigh the record are in `Weights`;
how they were chosen is in intelligence/backtest.py.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from advocacy.models import Position, Stance
from intelligence.record import Attendance, SessionVote
from unrecord.models import VoteChoice

Y, N, A, X = (choice.value for choice in VoteChoice)


@dataclass(frozen=True)
class Weights:
    """How the record is weighed. Chosen by bench/tune_projection.py on the 215 training series
    (1,821 roll calls: mean accuracy 0.8887, baseline 0.8761), not on the four human rights series
    reported in the README, which were then scored once (see intelligence/backtest.py)."""

    decay: float = 0.5  # weight of a vote for each session it is older than the projected one
    absent_weight: float = 0.25  # an absence counts for this much of a vote: most are one-offs
    # Fewer sessions on record than this: the group decides. One vote of its own already says
    # more about a state than its group's pattern (two did worse in the backtest).
    min_sessions: int = 1
    # A group's pattern is weaker evidence than the state's own: never a sure call (CONFIDENT).
    group_discount: float = 0.6
    # A state absent from at least `chronic_absence` of the Assembly's roll calls (on anything) in
    # the `attendance_days` days before the projection, `min_roll_calls` of them at least, is
    # called absent whatever its record on the series says: it has stopped voting for now (a
    # delegation away, a vote lost to arrears), where an absence on the series alone is most
    # often a one-off. None: attendance is not looked at (0.8875 on the training series; 0.8 or
    # 1.0 of the roll calls did worse than 0.9, windows of 30 to 90 days and 5 or 10 roll calls
    # all within 0.0004 of the best).
    chronic_absence: float | None = 0.9
    attendance_days: int = 90
    min_roll_calls: int = 5
    # ... unless it voted on the series' last roll call while absent, in the `attendance_days`
    # before it, from at least this share of the Assembly's roll calls (`min_roll_calls` of them):
    # a delegation that comes for this resolution when it comes for little else. None: never.
    came_anyway: float | None = 0.7


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Call:
    """A projected vote and why."""

    vote: str  # Y, N or A, or X for "likely absent"
    confidence: float  # 0..1
    basis: str  # "stance", "history", "group" or "no_data"
    reason: str


# Stance layer ---------------------------------------------------------------------------------

STANCE_RECENT_DAYS = 365  # a stance older than this says little about this year's vote
VOTE_FOR_POSITION = {
    Position.SUPPORTS: Y,
    Position.LEANING_YES: Y,
    Position.ABSTAINS: A,
    Position.LEANING_NO: N,
    Position.OPPOSES: N,
}
_LEANING = {Position.LEANING_YES, Position.LEANING_NO}
_STANCE_CONFIDENCE = {
    Stance.Confidence.HIGH: 0.9,
    Stance.Confidence.MEDIUM: 0.75,
    Stance.Confidence.LOW: 0.55,
}
# An analyst's judgement is a reading, not something the state said.
_EVIDENCE_WEIGHT = {Stance.Evidence.JUDGEMENT: 0.8}
_EVIDENCE_PHRASE = {
    Stance.Evidence.MEETING: "said in a meeting",
    Stance.Evidence.STATEMENT: "in a public statement",
    Stance.Evidence.VOTE: "shown by a recorded vote",
    Stance.Evidence.JUDGEMENT: "by our analysts' judgement",
}
UNDECIDED_PENALTY = 0.8  # a state that told us it is undecided may not vote as it used to


def stance_is_recent(stance: Stance, as_of: datetime.date) -> bool:
    return (as_of - stance.as_of).days <= STANCE_RECENT_DAYS


def describe_stance(stance: Stance) -> str:
    """e.g. "Stance 'leaning yes' said in a meeting on 3 Oct 2014"."""
    position = Position(stance.position).label.lower()
    return f"Stance '{position}' {_EVIDENCE_PHRASE[stance.evidence]} on {_day(stance.as_of)}"


def call_from_stance(stance: Stance, as_of: datetime.date) -> Call | None:
    """The vote a recent stance points to; None when it points to none (undecided, no position)."""
    vote = VOTE_FOR_POSITION.get(stance.position)
    if vote is None:
        return None
    confidence = _STANCE_CONFIDENCE[stance.confidence] * _EVIDENCE_WEIGHT.get(stance.evidence, 1.0)
    if stance.position in _LEANING:
        confidence *= 0.8
    # Fades to 70% of itself over the year a stance stays recent.
    confidence *= 1 - 0.3 * (as_of - stance.as_of).days / STANCE_RECENT_DAYS
    return Call(vote, round(confidence, 3), "stance", describe_stance(stance))


# History layer --------------------------------------------------------------------------------

_VOTED = {Y: "voted yes", N: "voted no", A: "abstained", X: "was absent"}


def weighted_votes(votes: list[SessionVote], *, target_session: int, weights: Weights) -> Counter:
    """{choice: weight}: each session's vote weighs `decay` less per session of age. A vote of the
    projected session itself (the committee's, before the plenary's) weighs most of all."""
    counts: Counter = Counter()
    for vote in votes:
        weight = weights.decay ** max(target_session - vote.session - 1, -1)
        counts[vote.choice] += weight * (weights.absent_weight if vote.choice == X else 1.0)
    return counts


def shares(counts: Counter) -> dict[str, float]:
    total = sum(counts.values())
    return {choice: weight / total for choice, weight in counts.items()} if total else {}


def call_from_history(
    votes: list[SessionVote],
    counts: Counter,
    *,
    target_session: int,
    weights: Weights,
    attendance: Attendance | None = None,
    attendance_then: Attendance | None = None,
) -> Call | None:
    """The state's usual vote on the series, recent sessions first (`counts`: its
    `weighted_votes`), unless it is a chronic absentee of late (`attendance`) that did not come
    for the series' last roll call as absent as it is now (`attendance_then`; see `Weights`);
    None when its record is too thin (a newly admitted state, or one never recorded on the
    series). The group's pattern does not tip a state's own record: as a few pseudo-votes, it
    made the backtest worse."""
    if len(votes) < max(weights.min_sessions, 1):
        return None
    chronic = attendance is not None and is_chronic_absentee(attendance, weights)
    if chronic and not came_anyway(votes, attendance_then, weights):
        return _chronic_absence_call(votes, counts, attendance, weights)
    vote, weight = _plurality(counts)
    confidence = weight / sum(counts.values()) * len(votes) / (len(votes) + 0.5)
    staleness = target_session - votes[-1].session - 1  # sessions since its latest vote, beyond one
    confidence *= max(0.5, 1 - 0.05 * max(staleness, 0))
    reason = _history_reason(votes, vote)
    if chronic:
        reason = f"{_came_anyway_reason(attendance, attendance_then, weights)}; {lower_first(reason)}"
    return Call(vote, round(confidence, 3), "history", reason)


def is_chronic_absentee(attendance: Attendance, weights: Weights) -> bool:
    return _absent_from_most(attendance, weights.chronic_absence, weights)


def came_anyway(votes: list[SessionVote], attendance_then: Attendance | None, weights: Weights) -> bool:
    """Whether the state voted on the series' last roll call although it was then absent from
    most of the Assembly's roll calls: it comes for this resolution."""
    return (
        attendance_then is not None
        and votes[-1].choice != X
        and _absent_from_most(attendance_then, weights.came_anyway, weights)
    )


def _absent_from_most(attendance: Attendance, share: float | None, weights: Weights) -> bool:
    return (
        share is not None
        and attendance.roll_calls >= weights.min_roll_calls
        and attendance.absent_share >= share
    )


# How often a chronic absentee with a record on the series was absent from the vote projected,
# in the backtest of the training series with the weights in use (2,149 of 3,255 calls): a likely
# call, not a sure one (CONFIDENT).
CHRONIC_ABSENCE_CONFIDENCE = 0.65


def _chronic_absence_call(
    votes: list[SessionVote], counts: Counter, attendance: Attendance, weights: Weights
) -> Call:
    """e.g. "Absent from 40 of its 44 roll calls in the past 60 days; voted yes in ..."."""
    cast = {choice: weight for choice, weight in counts.items() if choice != X}
    history = _history_reason(votes, _plurality(cast or counts)[0])
    reason = f"{_absences_lately(attendance, weights)}; {lower_first(history)}"
    return Call(X, CHRONIC_ABSENCE_CONFIDENCE, "history", reason)


def _absences_lately(attendance: Attendance, weights: Weights) -> str:
    return (
        f"Absent from {attendance.absences} of its {attendance.roll_calls} roll calls in the past "
        f"{weights.attendance_days} days"
    )


def _came_anyway_reason(attendance: Attendance, attendance_then: Attendance, weights: Weights) -> str:
    """e.g. "Absent from 40 of its 44 roll calls in the past 90 days, but came to the last vote
    on this resolution when absent from 35 of 41"."""
    return (
        f"{_absences_lately(attendance, weights)}, but came to the last vote on this resolution "
        f"when absent from {attendance_then.absences} of {attendance_then.roll_calls}"
    )


def lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _plurality(counts: Counter) -> tuple[str, float]:
    # Ties go to the milder call: abstain before yes or no, a vote before an absence.
    order = {A: 0, Y: 1, N: 2, X: 3}
    return max(counts.items(), key=lambda item: (round(item[1], 9), -order[item[0]]))


def _history_reason(votes: list[SessionVote], vote: str) -> str:
    """e.g. "Voted yes in 8 of its 9 sessions on record (latest, the 66th: abstained)"."""
    times = sum(1 for session_vote in votes if session_vote.choice == vote)
    latest = votes[-1]
    verb = _VOTED[vote]
    if len(votes) == 1:
        return f"{verb.capitalize()} in its only session on record (the {_ordinal(latest.session)})"
    tail = "" if latest.choice == vote else f": {_VOTED[latest.choice]}"
    return (
        f"{verb.capitalize()} in {times} of its {len(votes)} sessions on record "
        f"(latest, the {_ordinal(latest.session)}{tail})"
    )


# Group layer ----------------------------------------------------------------------------------


def group_shares(
    weighted: dict[int, Counter], group_of: dict[int, int | None]
) -> dict[int, dict[str, float]]:
    """{group id: {choice: share}} of the weighted votes (`weighted_votes` per state id) of every
    state of the group on record."""
    counts: dict[int, Counter] = {}
    for state_id, state_counts in weighted.items():
        group_id = group_of.get(state_id)
        if group_id is not None:
            counts.setdefault(group_id, Counter()).update(state_counts)
    return {group_id: shares(group_counts) for group_id, group_counts in counts.items()}


def call_from_group(pattern: dict[str, float], group_name: str | None, *, weights: Weights) -> Call | None:
    """The regional group's weighted pattern on the series ({choice: share}, from `group_shares`),
    for a state with no record of its own. The group's plurality among votes cast: a group is
    rarely "absent"."""
    if not pattern:
        return None
    voting = {choice: share for choice, share in pattern.items() if choice != X} or pattern
    vote = max(voting, key=lambda choice: (round(voting[choice], 9), choice == A))
    share = pattern[vote]
    reason = (
        f"No record of its own on the series; the {group_name} {_VOTED[vote]} "
        f"in {share:.0%} of its recent votes"
    )
    return Call(vote, round(share * weights.group_discount, 3), "group", reason)


NO_DATA = Call(A, 0.0, "no_data", "No data: no stance, no vote on the series, no group pattern")


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
