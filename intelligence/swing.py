"""The swing list: the states a manager should look at first, those whose projected vote moved
lately (fresh evidence disagreeing with their record) and those whose call is least certain, each
with the reason. Pure: it ranks calls already projected, with no queries.

A call's uncertainty is the probability that the state votes otherwise than called (1 - the
probability of the call). Moved states come first, as news; then the least certain. Equally
uncertain states (to the percentage point shown) list the campaign's targets first, then by name.
A call the projection is sure of (`is_confident`) that has not moved is no swing.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intelligence.projection import ProjectedVote

SWING_LIMIT = 10  # as many as a manager reads at a glance


@dataclass(frozen=True)
class Swing:
    call: "ProjectedVote"
    is_target: bool
    uncertainty: float  # 1 - the call's probability: the chance the state votes otherwise

    @property
    def reason(self) -> str:
        """Why it is on the list: why the call moved, if it did, else the call's own reason."""
        return self.call.moved or self.call.reason


def swing_list(
    calls: Iterable["ProjectedVote"], *, targets: Iterable[str] = (), limit: int = SWING_LIMIT
) -> list[Swing]:
    """The `limit` states most worth a look, ranked; `targets` are the ISO3 codes of the
    campaign's targeted states."""
    targeted = frozenset(targets)
    swings = [
        Swing(call, call.iso3 in targeted, round(1 - call.confidence, 3))
        for call in calls
        if call.moved is not None or not call.is_confident
    ]
    swings.sort(key=_rank)
    return swings[:limit]


def _rank(swing: Swing) -> tuple:
    return (swing.call.moved is None, -round(swing.uncertainty, 2), not swing.is_target, swing.call.name)
