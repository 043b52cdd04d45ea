"""The layers of a projected vote, from the strongest evidence to none: the state's vote in committee
on the same draft this session, what it told us (its stance), its co-sponsorship of the draft, how
it voted on the series before, how its regional group voted, and nothing.

Each layer gives a probability for each choice (Y, N, A, and X for absent or not voting) and a
reason. The record's layers (history, group, no data) give the base; the season's evidence
(committee, stance, co-sponsorship) is folded over it, weakest first: with the evidence's strength
s, p = s × (its choice) + (1 - s) × (what the layers below say). A stronger layer dominates, but
is a probability, not a certainty.

Pure functions over data already read, so that a whole projection costs a fixed number of queries
and the backtest can run thousands of them. Every tuned number is in `Weights`; how they were
chosen is in bench/tune_projection.py.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from advocacy.models import Position, Stance
from intelligence.record import Attendance, CommitteeVote, SessionVote
from unrecord.models import VoteChoice

Y, N, A, X = (choice.value for choice in VoteChoice)
CHOICES = (Y, N, A, X)
UNIFORM = dict.fromkeys(CHOICES, 0.25)


@dataclass(frozen=True)
class Weights:
    """Every tuned number of the projection. The record's were chosen by bench/tune_projection.py
    on the 215 training series (1,821 roll calls): the lowest mean log loss among the weightings
    at least as accurate there as the rules they replace (0.3670, accuracy 0.8892); the swing's
    prior for an 80% interval covering 80% there (80.2%, each series with its own swing). Not
    on the four human rights series reported in the README, which were then scored once (see
    the script's notes). The season's (committee, co-sponsorship, stances) cannot be measured on
    the imported record, which has none of them: their values are stated assumptions, each with
    why."""

    decay: float = 0.5  # weight of a vote for each session it is older than the state's latest
    absent_weight: float = 0.5  # an absence counts for this much of a vote: most are one-offs
    # Fewer sessions on record than this: the group decides.
    min_sessions: int = 1
    # The state's record is smoothed toward its group's pattern as if the group had cast this many
    # votes of the state's latest weight (a Dirichlet prior): a long record speaks for itself, a
    # single vote less so.
    history_prior: float = 0.5
    # Each session between the state's latest vote on the series and the projected one multiplies
    # the weight of its record by this: an old record says less about this year.
    staleness: float = 0.8
    # A group's pattern is weaker evidence than the state's own: mixed with even odds by this much.
    group_to_uniform: float = 0.15
    # A state absent from at least `chronic_absence` of the Assembly's roll calls (on anything) in
    # the `attendance_days` days before the projection, `min_roll_calls` of them at least, is
    # likely absent whatever its record on the series says: it has stopped voting for now (a
    # delegation away, a vote lost to arrears), where an absence on the series alone is most
    # often a one-off. None: attendance is not looked at.
    chronic_absence: float | None = 0.9
    attendance_days: int = 90
    min_roll_calls: int = 5
    # ... unless it voted on the series' last roll call while absent, in the `attendance_days`
    # before it, from at least this share of the Assembly's roll calls (`min_roll_calls` of them):
    # a delegation that comes for this resolution when it comes for little else. None: never.
    came_anyway: float | None = 0.7
    # A chronic absentee's chance of absence beyond what its record says: how often such a state
    # with a record on the series was absent from the vote projected (2,149 of 3,255 calls on the
    # training series, 0.66).
    chronic_absent: float = 0.65
    # The strength of a vote in committee on the same draft, weeks before the plenary: the chance
    # the state votes the same in plenary beyond what its record says. Not measurable here (the
    # imported record has plenary roll calls only); assumed from the DPRK resolution of 2014
    # (issue 14): 111-19-55 in committee, 116-20-53 in plenary, a handful of states moving.
    committee_follows: float = 0.93
    # An absence from the committee's vote says less: missions skip committee votes they attend
    # in plenary. Assumed, as above.
    committee_absence_follows: float = 0.4
    # A co-sponsor votes yes unless it says otherwise; a sponsor that ends up abstaining is rare,
    # absence less so. Assumed: the record has no co-sponsorship to measure it on.
    cosponsor_yes: float = 0.9
    # A state that told us it is undecided may not vote as it used to: its record is mixed with
    # even odds by this much.
    undecided_blur: float = 0.2
    # How far states swing together, in log-odds (intelligence/tally.py): widens the totals'
    # 80% interval beyond what independent states would give. A series' own swing is read from
    # its last `swing_sessions` roll calls (each projected from the ones before it: how far its
    # counts fell from what independent states would give), shrunk toward `swing` as if it were
    # `swing_prior_pairs` (roll call, option) pairs of evidence.
    swing: float = 0.3
    swing_sessions: int = 8
    swing_prior_pairs: float = 12.0
    # The naive baseline's smoothing (intelligence/backtest.py): its last vote gets 1 - this, each
    # other choice a third of it.
    baseline_smoothing: float = 0.124


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Call:
    """What the layers say of one state: a probability per choice, the layer it comes from, why,
    and why it moved lately if it did."""

    probabilities: dict[str, float]
    basis: str  # "committee", "stance", "cosponsor", "history", "group" or "no_data"
    reason: str
    moved: str | None = None

    @property
    def vote(self) -> str:
        return most_probable(self.probabilities)

    @property
    def confidence(self) -> float:
        return self.probabilities[self.vote]


@dataclass(frozen=True)
class Evidence:
    """A piece of the season's evidence: the choice it points to, how strongly, and why."""

    vote: str
    strength: float  # 0..1: the chance the state does as it says beyond what the layers below say
    basis: str  # "committee", "stance" or "cosponsor"
    reason: str  # e.g. "Voted no in the Third Committee on 18 Nov 2014"


_MILDEST_FIRST = (A, Y, N, X)  # ties go to the milder call


def most_probable(probabilities: dict[str, float]) -> str:
    """The most probable choice; ties (to 9 places) go to the milder call: abstain, yes, no, then
    absent."""
    best, best_p = A, -1.0
    for choice in _MILDEST_FIRST:
        p = round(probabilities.get(choice, 0.0), 9)
        if p > best_p:
            best, best_p = choice, p
    return best


def mix(weight: float, first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    """`weight` × first + (1 - `weight`) × second, choice by choice."""
    return {c: weight * first.get(c, 0.0) + (1 - weight) * second.get(c, 0.0) for c in CHOICES}


def certain(choice: str) -> dict[str, float]:
    return {c: 1.0 if c == choice else 0.0 for c in CHOICES}


def with_evidence(base: Call, evidence: list[Evidence], latest: SessionVote | None) -> Call:
    """`base` (the record's call) with the season's `evidence` (strongest first) folded over it.
    The strongest names the basis and the reason; `moved` says so when it disagrees with the
    state's latest vote on the series (`latest`)."""
    if not evidence:
        return base
    probabilities = base.probabilities
    for item in reversed(evidence):
        probabilities = mix(item.strength, certain(item.vote), probabilities)
    top = evidence[0]
    moved = None
    if latest is not None and latest.choice != top.vote:
        moved = f"{_VOTED[latest.choice].capitalize()} in {_when(latest)}; {lower_first(top.reason)}"
    return Call(_rounded(probabilities), top.basis, top.reason, moved)


# Committee layer ------------------------------------------------------------------------------


def committee_evidence(vote: CommitteeVote, weights: Weights) -> Evidence:
    """e.g. "Voted no in the Third Committee on 18 Nov 2014"."""
    strength = weights.committee_absence_follows if vote.choice == X else weights.committee_follows
    reason = (
        f"Absent from the {vote.body}'s vote on {_day(vote.on)}"
        if vote.choice == X
        else f"{_VOTED[vote.choice].capitalize()} in the {vote.body} on {_day(vote.on)}"
    )
    return Evidence(vote.choice, strength, "committee", reason)


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


def stance_is_recent(stance: Stance, as_of: datetime.date) -> bool:
    return (as_of - stance.as_of).days <= STANCE_RECENT_DAYS


def describe_stance(stance: Stance) -> str:
    """e.g. "Stance 'leaning yes' said in a meeting on 3 Oct 2014"."""
    position = Position(stance.position).label.lower()
    return f"Stance '{position}' {_EVIDENCE_PHRASE[stance.evidence]} on {_day(stance.as_of)}"


def stance_evidence(stance: Stance, as_of: datetime.date) -> Evidence | None:
    """The vote a recent stance points to, as strong as its confidence and evidence say, fading
    over the year it stays recent; None when it points to none (undecided, no position).

    What a state told us outweighs its record, however weakly it was said: the strength is at
    least one half, so the stance's vote is the call's; how sure the call is shows the rest
    (from 0.95 for a firm, fresh, highly confident statement down to about 0.62 for a low
    confidence judgement that a state leans, eleven months old). Not measured: no record of
    stances and votes exists to measure it on."""
    vote = VOTE_FOR_POSITION.get(stance.position)
    if vote is None:
        return None
    weight = _STANCE_CONFIDENCE[stance.confidence] * _EVIDENCE_WEIGHT.get(stance.evidence, 1.0)
    if stance.position in _LEANING:
        weight *= 0.8
    # Fades to 70% of itself over the year a stance stays recent.
    weight *= 1 - 0.3 * (as_of - stance.as_of).days / STANCE_RECENT_DAYS
    return Evidence(vote, round(0.5 + 0.5 * weight, 3), "stance", describe_stance(stance))


def undecided(base: Call, stance: Stance, weights: Weights) -> Call:
    """A recent stance that names no vote (undecided): the record still guides, less surely."""
    return Call(
        _rounded(mix(weights.undecided_blur, UNIFORM, base.probabilities)),
        base.basis,
        f"{describe_stance(stance)}; {lower_first(base.reason)}",
    )


# Co-sponsor layer -----------------------------------------------------------------------------


def cosponsor_evidence(joined_on: datetime.date | None, symbol: str, weights: Weights) -> Evidence:
    """e.g. "Co-sponsor of A/C.3/69/L.28 since 2 Nov 2014"."""
    since = f" since {_day(joined_on)}" if joined_on else ""
    return Evidence(Y, weights.cosponsor_yes, "cosponsor", f"Co-sponsor of {symbol or 'the draft'}{since}")


# History layer --------------------------------------------------------------------------------

_VOTED = {Y: "voted yes", N: "voted no", A: "abstained", X: "was absent"}


def weighted_votes(votes: list[SessionVote], *, target_session: int, weights: Weights) -> Counter:
    """{choice: weight}: the state's latest vote weighs 1 and each earlier session `decay` less;
    an absence `absent_weight` of a vote; the whole `staleness` less for each session between its
    latest and the projected one."""
    counts: Counter = Counter()
    if not votes:
        return counts
    latest = votes[-1].session
    stale = weights.staleness ** max(target_session - latest - 1, 0)
    for vote in votes:
        weight = stale * weights.decay ** (latest - vote.session)
        counts[vote.choice] += weight * (weights.absent_weight if vote.choice == X else 1.0)
    return counts


def shares(counts: Counter) -> dict[str, float]:
    total = sum(counts.values())
    return {choice: weight / total for choice, weight in counts.items()} if total else {}


def call_from_history(
    votes: list[SessionVote],
    counts: Counter,
    *,
    prior: dict[str, float],
    weights: Weights,
    attendance: Attendance | None = None,
    attendance_then: Attendance | None = None,
) -> Call | None:
    """The state's record on the series (`counts`: its `weighted_votes`) smoothed toward `prior`
    (its group's call, or even odds) with `Weights.history_prior`; likelier absent if it is a
    chronic absentee of late (`attendance`) that did not come for the series' last roll call as
    absent as it is now (`attendance_then`; see `Weights`). None when its record is too thin."""
    if len(votes) < max(weights.min_sessions, 1):
        return None
    total = sum(counts.values())
    probabilities = {
        c: (counts.get(c, 0.0) + weights.history_prior * prior.get(c, 0.0)) / (total + weights.history_prior)
        for c in CHOICES
    }
    chronic = attendance is not None and is_chronic_absentee(attendance, weights)
    if chronic and not came_anyway(votes, attendance_then, weights):
        return _chronic_absence_call(votes, counts, probabilities, attendance, weights)
    reason = _history_reason(votes, most_probable(probabilities))
    if chronic:
        reason = f"{_came_anyway_reason(attendance, attendance_then, weights)}; {lower_first(reason)}"
    return Call(_rounded(probabilities), "history", reason)


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


def _chronic_absence_call(
    votes: list[SessionVote], counts: Counter, probabilities: dict, attendance: Attendance, weights: Weights
) -> Call:
    """e.g. "Absent from 40 of its 44 roll calls in the past 60 days; voted yes in ..."."""
    cast = {choice: weight for choice, weight in counts.items() if choice != X}
    history = _history_reason(votes, _plurality(cast or counts)[0])
    reason = f"{_absences_lately(attendance, weights)}; {lower_first(history)}"
    return Call(_rounded(mix(weights.chronic_absent, certain(X), probabilities)), "history", reason)


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
    mixed with even odds (`Weights.group_to_uniform`), for a state with no record of its own."""
    if not pattern:
        return None
    probabilities = _rounded(mix(weights.group_to_uniform, UNIFORM, pattern))
    # The reason names the group's plurality among votes cast: a group is rarely "absent".
    voting = {choice: share for choice, share in pattern.items() if choice != X} or pattern
    vote = max(voting, key=lambda choice: (round(voting[choice], 9), choice == A))
    reason = (
        f"No record of its own on the series; the {group_name} {_VOTED[vote]} "
        f"in {pattern[vote]:.0%} of its recent votes"
    )
    return Call(probabilities, "group", reason)


NO_DATA = Call(dict(UNIFORM), "no_data", "No data: no stance, no vote on the series, no group pattern")


def _rounded(probabilities: dict[str, float]) -> dict[str, float]:
    """To six places, as a reader needs them; still summing to 1 within rounding."""
    return {choice: round(probabilities[choice], 6) for choice in CHOICES}


def _when(vote: SessionVote) -> str:
    """The year of the vote, else its session: "2013" or "the 68th session"."""
    return str(vote.on.year) if vote.on else f"the {_ordinal(vote.session)} session"


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
