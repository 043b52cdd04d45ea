"""A campaign's thresholds of success against the projected tally, with the UN's arithmetic: met when
the whole 80% interval of the projection meets it, missed when none of it does, at risk in between;
and how many more yes votes the expected tally is short of it.

A draft is adopted by a majority of the members present and voting, that is voting yes or no:
abstentions and absences do not count (rule 86 of the General Assembly's rules of procedure). A
simple majority (more yes than no) adopts most resolutions, the human rights resolutions in plenary
and in the Third Committee among them; "important questions" need two-thirds (Article 18 of the UN
Charter), that is at least twice as many yes as no.

"More yes votes needed" counts states turning yes at the expected tally. A state that abstained or
stayed away adds one yes and changes nothing else; a state turning from no to yes also takes one
no away, so it gains two on a simple majority's margin and three on a two-thirds majority's
(yes - 2 × no). Both figures are given for adoption: yes votes from abstainers or absentees, or no
votes turned to yes. Expected counts have a decimal (they sum probabilities); they are compared in
tenths, exactly.
"""

import math
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from campaigns.models import Threshold

if TYPE_CHECKING:
    from intelligence.projection import Totals

MET, AT_RISK, MISSED, NOT_PROJECTED = "met", "at_risk", "missed", "not_projected"
SIMPLE, TWO_THIRDS = Threshold.Majority.SIMPLE.value, Threshold.Majority.TWO_THIRDS.value

_OPTION = {Threshold.Kind.MIN_YES: "Y", Threshold.Kind.MAX_NO: "N", Threshold.Kind.MAX_ABSTAIN: "A"}
_OPTION_NAME = {"Y": "yes", "N": "no", "A": "abstentions"}
_MAJORITY_TEXT = {
    SIMPLE: "a simple majority of those voting yes or no adopts it",
    TWO_THIRDS: "two-thirds of those voting yes or no (twice as many yes as no) adopt it",
}


@dataclass(frozen=True)
class ThresholdCall:
    threshold_id: int
    label: str
    kind: str
    value: int | None
    body: str | None  # the code of the body whose vote counts; None: any
    majority: str | None  # for adoption: simple or two_thirds; None for the other kinds
    status: str  # met, at_risk, missed, or not_projected
    expected_met: bool | None  # whether the expected totals meet it
    # At the expected tally: states turning yes from abstention or absence for it to be met (0 when
    # it is met); None where yes votes are not what it counts (at most N no or abstentions).
    more_yes_needed: int | None
    # For adoption: the same reached by no votes turned to yes instead; None for the other kinds,
    # or when there are too few no votes to turn.
    no_turned_needed: int | None
    explanation: str


@dataclass(frozen=True)
class _Judgement:
    status: str
    expected_met: bool | None
    explanation: str
    more_yes_needed: int | None = None
    no_turned_needed: int | None = None


def evaluate_threshold(threshold: Threshold, totals: "Totals") -> ThresholdCall:
    if threshold.kind == Threshold.Kind.ADOPTED:
        judgement = _adoption(threshold.majority, totals)
    elif threshold.kind in _OPTION:
        judgement = _count(threshold, totals)
    else:
        # The projection is of the draft as a whole; how states vote on an amendment is not
        # simply the reverse, so it is not guessed.
        judgement = _Judgement(NOT_PROJECTED, None, "Amendment votes are not projected.")
    return ThresholdCall(
        threshold_id=threshold.pk,
        label=str(threshold),
        kind=threshold.kind,
        value=threshold.value,
        body=threshold.body.code if threshold.body_id else None,
        majority=threshold.majority if threshold.kind == Threshold.Kind.ADOPTED else None,
        status=judgement.status,
        expected_met=judgement.expected_met,
        more_yes_needed=judgement.more_yes_needed,
        no_turned_needed=judgement.no_turned_needed,
        explanation=judgement.explanation,
    )


# Counts: at least N yes, at most N no or abstentions ----------------------------------------


def _count(threshold: Threshold, totals: "Totals") -> _Judgement:
    option, value = _OPTION[threshold.kind], threshold.value
    low, expected, high = totals.low[option], totals.expected[option], totals.high[option]
    name = _OPTION_NAME[option]
    if threshold.kind == Threshold.Kind.MIN_YES:
        met, missed, expected_met = low >= value, high < value, _tenths(expected) >= 10 * value
        needed = _votes_short(value, expected)
        wanted = f"at least {value} wanted"
        short = f"{_votes(needed, 'more yes vote')} needed"
    else:
        met, missed, expected_met = high <= value, low > value, _tenths(expected) <= 10 * value
        needed = _votes_short(expected, value)
        wanted = f"at most {value} wanted"
        short = f"{_votes(needed, 'fewer ' + ('no vote' if option == 'N' else 'abstention'))} needed"
    status = MET if met else MISSED if missed else AT_RISK
    explanation = f"{_number(expected)} {name} expected (80% range {low}–{high}); {wanted}"
    explanation += "." if expected_met else f": {short}."
    more_yes = needed if threshold.kind == Threshold.Kind.MIN_YES else None
    return _Judgement(status, expected_met, explanation, more_yes_needed=more_yes)


def _votes_short(wanted: float, expected: float) -> int:
    """Whole votes by which `expected` falls short of `wanted`: max(0, wanted - expected), up."""
    return max(0, math.ceil((_tenths(wanted) - _tenths(expected)) / 10))


# Adoption: a simple or two-thirds majority of those voting yes or no ---------------------------


def adopts(yes: float, no: float, majority: str) -> bool:
    """Whether `yes` against `no` adopts a draft needing `majority`. No yes at all never does."""
    yes_tenths, no_tenths = _tenths(yes), _tenths(no)
    if majority == TWO_THIRDS:
        return yes_tenths >= 2 * no_tenths and yes_tenths > 0
    return yes_tenths > no_tenths


def yes_votes_needed(yes: float, no: float, majority: str) -> int:
    """The fewest abstainers or absentees turning yes (one more yes each) for `majority`."""
    return next(turned for turned in count() if adopts(yes + turned, no, majority))


def no_votes_turned_needed(yes: float, no: float, majority: str) -> int | None:
    """The fewest no votes turned to yes (one more yes and one fewer no each) for `majority`;
    None if turning every no would not do."""
    return next(
        (turned for turned in range(math.floor(no) + 1) if adopts(yes + turned, no - turned, majority)),
        None,
    )


def _adoption(majority: str, totals: "Totals") -> _Judgement:
    low, expected, high = totals.low, totals.expected, totals.high
    # The interval's ends of yes and no are taken together: the worst case is few yes and many no.
    if adopts(low["Y"], high["N"], majority):
        status = MET
    elif not adopts(high["Y"], low["N"], majority):
        status = MISSED
    else:
        status = AT_RISK
    yes, no = expected["Y"], expected["N"]
    more_yes = yes_votes_needed(yes, no, majority)
    no_turned = no_votes_turned_needed(yes, no, majority)
    explanation = (
        f"{_number(yes)} yes against {_number(no)} no expected (80% ranges: yes {low['Y']}–{high['Y']}, "
        f"no {low['N']}–{high['N']}); {_MAJORITY_TEXT[majority]}"
    )
    if more_yes:
        explanation += f": {_votes(more_yes, 'more yes vote')} needed"
        if no_turned is not None:
            explanation += f" (or {_votes(no_turned, 'no vote')} turned to yes)"
    return _Judgement(status, more_yes == 0, explanation + ".", more_yes, no_turned)


# Numbers ---------------------------------------------------------------------------------------


def _tenths(count_: float) -> int:
    return round(count_ * 10)


def _number(count_: float) -> str:
    """An expected count as people read it: 116, 115.3."""
    return f"{_tenths(count_) / 10:g}"


def _votes(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
