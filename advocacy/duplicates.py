"""The side events and stances already recorded that one being added looks like
(core/duplicates.py): a side event of a similar title on the same day; a stance of the same state
on the same subject, position and date (a later date is a new stance, not a repeat)."""

from advocacy.models import SideEvent, Stance
from core import duplicates
from core.access import policy_for


def side_events_like(*, user, record: SideEvent, data) -> list[SideEvent]:
    candidates = policy_for(SideEvent).scope(user).filter(date=record.date).exclude(pk=record.pk)
    return duplicates.alike_by_name(candidates.only("title", "date"), record.title, attribute="title")


def stances_like(*, user, record: Stance, data) -> list[Stance]:
    if not record.state_id:
        return []
    same = policy_for(Stance).scope(user).exclude(pk=record.pk)
    same = same.filter(
        state_id=record.state_id,
        resolution_id=record.resolution_id,
        series_id=record.series_id,
        position=record.position,
        as_of=record.as_of,
    )
    return list(same.select_related("state")[: duplicates.SHOWN])


duplicates.declare(SideEvent, side_events_like)
duplicates.declare(Stance, stances_like)
