"""Words for the codes the dashboards show: votes, positions, evidence, threshold statuses."""

from django import template

from advocacy.models import Position, Stance
from core.access import policy_for
from dashboards.legend import VOTE_LABELS
from unrecord.titles import repaired

register = template.Library()

POSITIONS = dict(Position.choices)
EVIDENCE = dict(Stance.Evidence.choices)
THRESHOLD_STATUS = {
    "met": "Met across the 80% range",
    "at_risk": "At risk",
    "missed": "Missed across the 80% range",
    "not_projected": "Not projected",
}
BASES = {
    "committee": "its vote in committee",
    "stance": "its stance",
    "cosponsor": "its co-sponsorship",
    "history": "its votes on the series",
    "group": "its group's votes",
    "no_data": "no data",
}


def _labeller(labels: dict, missing: str):
    def label(code: str | None) -> str:
        return labels.get(code, missing) if code else missing

    return label


# {{ vote.choice|vote_label }} and the like: the words for a code, `missing` for none.
for name, labels, missing in [
    ("vote_label", VOTE_LABELS, "—"),
    ("position_label", POSITIONS, "—"),
    ("evidence_label", EVIDENCE, ""),
    ("threshold_status", THRESHOLD_STATUS, "—"),
    ("basis_label", BASES, ""),
]:
    register.filter(name, _labeller(labels, missing))


# {{ event.description|repaired }}: text from the UN's files with its broken characters repaired,
# as the API shows it.
register.filter("repaired", repaired)


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


@register.filter
def probabilities(call) -> str:
    """A projected vote's chances in words: "yes 72%, no 8%, abstain 15%, absent 5%"."""
    return ", ".join(
        f"{VOTE_LABELS[option].lower()} {percent(call.probabilities.get(option, 0))}" for option in "YNAX"
    )


@register.filter
def absolute(value: int) -> int:
    return abs(value)


@register.simple_tag(takes_context=True)
def shown(context, record, field_name: str):
    """`record`'s `field_name`, or None where the reader may not be shown what it links to (a
    partner's view of a shared follow-up: not the owner's staff, nor its unshared meeting)."""
    if field_name in policy_for(record).unseen_links(context["request"].user, record):
        return None
    return getattr(record, field_name)
