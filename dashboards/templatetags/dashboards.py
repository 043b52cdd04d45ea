"""Words for the codes the dashboards show: votes, positions, evidence, threshold statuses."""

from django import template

from advocacy.models import Position, Stance
from dashboards.legend import VOTE_LABELS

register = template.Library()

POSITIONS = dict(Position.choices)
EVIDENCE = dict(Stance.Evidence.choices)
THRESHOLD_STATUS = {
    "met": "Met even if every unsure call goes wrong",
    "at_risk": "At risk",
    "missed": "Missed even if every unsure call goes right",
    "not_projected": "Not projected",
}
BASES = {
    "stance": "its stance",
    "history": "its votes on the series",
    "group": "its group's votes",
    "no_data": "no data",
}


@register.filter
def vote_label(code: str | None) -> str:
    return VOTE_LABELS.get(code, "—") if code else "—"


@register.filter
def position_label(value: str | None) -> str:
    return POSITIONS.get(value, "—") if value else "—"


@register.filter
def evidence_label(value: str | None) -> str:
    return EVIDENCE.get(value, "") if value else ""


@register.filter
def threshold_status(value: str | None) -> str:
    return THRESHOLD_STATUS.get(value, "—") if value else "—"


@register.filter
def basis_label(value: str | None) -> str:
    return BASES.get(value, "") if value else ""


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


@register.filter
def absolute(value: int) -> int:
    return abs(value)
