"""A campaign's thresholds of success against projected totals: met even if every unsure call
goes the wrong way, missed even if every one goes the right way, or at risk in between."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from campaigns.models import Threshold

if TYPE_CHECKING:
    from intelligence.projection import Totals

MET, AT_RISK, MISSED, NOT_PROJECTED = "met", "at_risk", "missed", "not_projected"

_OPTION = {Threshold.Kind.MIN_YES: "Y", Threshold.Kind.MAX_NO: "N", Threshold.Kind.MAX_ABSTAIN: "A"}
_OPTION_NAME = {"Y": "yes", "N": "no", "A": "abstentions"}


@dataclass(frozen=True)
class ThresholdCall:
    threshold_id: int
    label: str
    kind: str
    value: int | None
    body: str | None  # the code of the body whose vote counts; None: any
    status: str  # met, at_risk, missed, or not_projected
    expected_met: bool | None  # whether the expected totals meet it
    explanation: str


def evaluate_threshold(threshold: Threshold, totals: "Totals") -> ThresholdCall:
    if threshold.kind == Threshold.Kind.ADOPTED:
        status, expected_met, explanation = _adoption(totals)
    elif threshold.kind in _OPTION:
        status, expected_met, explanation = _count(threshold, totals)
    else:
        # The projection is of the draft as a whole; how states vote on an amendment is not
        # simply the reverse, so it is not guessed.
        status, expected_met, explanation = NOT_PROJECTED, None, "Amendment votes are not projected."
    return ThresholdCall(
        threshold_id=threshold.pk,
        label=str(threshold),
        kind=threshold.kind,
        value=threshold.value,
        body=threshold.body.code if threshold.body_id else None,
        status=status,
        expected_met=expected_met,
        explanation=explanation,
    )


def _count(threshold: Threshold, totals: "Totals") -> tuple[str, bool, str]:
    option, value = _OPTION[threshold.kind], threshold.value
    low, expected, high = totals.low[option], totals.expected[option], totals.high[option]
    if threshold.kind == Threshold.Kind.MIN_YES:
        met, missed, expected_met = low >= value, high < value, expected >= value
        wanted = f"at least {value}"
    else:
        met, missed, expected_met = high <= value, low > value, expected <= value
        wanted = f"at most {value}"
    status = MET if met else MISSED if missed else AT_RISK
    name = _OPTION_NAME[option]
    return status, expected_met, f"{expected} {name} projected (range {low}-{high}); {wanted} wanted."


def _adoption(totals: "Totals") -> tuple[str, bool, str]:
    low, expected, high = totals.low, totals.expected, totals.high
    # A simple majority of those voting yes or no, as for human rights resolutions in the GA.
    if low["Y"] > high["N"]:
        status = MET
    elif high["Y"] <= low["N"]:
        status = MISSED
    else:
        status = AT_RISK
    return (
        status,
        expected["Y"] > expected["N"],
        f"{expected['Y']} yes against {expected['N']} no projected "
        f"(yes {low['Y']}-{high['Y']}, no {low['N']}-{high['N']}).",
    )
