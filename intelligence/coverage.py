"""Outreach coverage of a campaign's targets: who was never met, met only long ago, or waits on an
overdue follow-up; and whether stances moved toward the vote we want after our meetings. Contact
is any the organization had on the campaign's resolution or series: a meeting filed under any of
its campaigns on it, or a side event of those campaigns that the state co-sponsored or attended."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import CharField, Value
from django.utils import timezone

from advocacy.models import Meeting, Position, SideEvent, Stance
from advocacy.selectors import follow_ups_of_campaign
from campaigns.models import Campaign, Target
from campaigns.selectors import campaigns_on_the_same_subject

NEVER_MET, MET_LONG_AGO, MET_RECENTLY = "never_met", "met_long_ago", "met_recently"
TOWARD, AWAY, UNCHANGED, UNKNOWN = "toward", "away", "unchanged", "unknown"
MEETING, SIDE_EVENT = "meeting", "side_event"

# Positions on one line from opposing to supporting; the vote wanted sits on the same line.
# "Undecided" and "no position stated" are where abstention is: neither for nor against.
_SCALE = {
    Position.OPPOSES: -2,
    Position.LEANING_NO: -1,
    Position.ABSTAINS: 0,
    Position.UNDECIDED: 0,
    Position.NO_POSITION: 0,
    Position.LEANING_YES: 1,
    Position.SUPPORTS: 2,
}
_WANTED = {"Y": 2, "A": 0, "N": -2}


@dataclass(frozen=True)
class TargetCoverage:
    iso3: str
    name: str
    priority: int
    wanted_vote: str
    meetings: int
    side_events: int  # the organization's side events on the subject it co-sponsored or attended
    last_met_on: datetime.date | None  # the last contact, at a meeting or a side event
    overdue_follow_ups: int
    status: str  # never_met, met_long_ago, met_recently


@dataclass(frozen=True)
class StanceMove:
    """A targeted state's stance before a meeting with it and its latest since."""

    iso3: str
    meeting_id: int
    meeting_date: datetime.date
    wanted_vote: str
    before: str | None
    after: str | None
    movement: str  # toward, away, unchanged, unknown (no stance on one side)


@dataclass(frozen=True)
class Coverage:
    as_of: datetime.date
    stale_after_days: int
    targets: list[TargetCoverage]
    moves: list[StanceMove]

    def _with_status(self, status: str) -> list[TargetCoverage]:
        return [target for target in self.targets if target.status == status]

    @property
    def never_met(self) -> list[TargetCoverage]:
        return self._with_status(NEVER_MET)

    @property
    def met_long_ago(self) -> list[TargetCoverage]:
        return self._with_status(MET_LONG_AGO)

    @property
    def with_overdue_follow_ups(self) -> list[TargetCoverage]:
        return [target for target in self.targets if target.overdue_follow_ups]

    @property
    def movement(self) -> dict[str, int]:
        counts = Counter(move.movement for move in self.moves)
        return {kind: counts[kind] for kind in (TOWARD, AWAY, UNCHANGED, UNKNOWN)}


def outreach_coverage(
    *, campaign: Campaign, user, as_of: datetime.date | None = None, stale_after_days: int = 90
) -> Coverage:
    """The campaign's targets by how recently we had contact with them (older than
    `stale_after_days` on `as_of` is long ago) and their overdue follow-ups, and the stance moves
    after each meeting with a target. Contact is through the meetings and side events of any of
    the organization's campaigns on this one's resolution or series; stances are those the
    campaign sees; follow-ups the campaign's own. All up to `as_of` (default today), and only what
    `user` may see: a partner shown a shared campaign learns nothing of the meetings not shared
    with it, not even their dates. Four queries."""
    as_of = as_of or timezone.localdate()
    targets = list(
        Target.objects.filter(campaign=campaign)
        .select_related("state")
        .order_by("priority", "state__common_name")
    )
    contacts = _contacts_by_state(campaign, user, as_of)
    overdue = _overdue_by_state(campaign, user, as_of)
    stale_before = as_of - datetime.timedelta(days=stale_after_days)
    rows = [
        _target_coverage(t, contacts.get(t.state_id, []), overdue[t.state_id], stale_before) for t in targets
    ]
    return Coverage(as_of, stale_after_days, rows, _moves(campaign, user, targets, contacts, as_of))


def _contacts_by_state(
    campaign: Campaign, user, as_of: datetime.date
) -> dict[int, list[tuple[datetime.date, str, int]]]:
    """{state id: [(date, "meeting" or "side_event", its id)], oldest first}: the meetings with it
    and the side events it co-sponsored or attended, under any of the organization's campaigns on
    this one's subject, until `as_of`. One query (a union)."""
    campaigns = campaigns_on_the_same_subject(campaign).values("pk")
    meetings = _tagged(Meeting.objects.visible_to(user), MEETING).filter(
        campaigns__in=campaigns, date__lte=as_of, states__isnull=False
    )
    events = _tagged(SideEvent.objects.visible_to(user), SIDE_EVENT).filter(
        campaigns__in=campaigns, date__lte=as_of
    )
    rows = (
        meetings.values_list("states", "date", "kind", "id")
        .union(
            events.filter(cosponsors__isnull=False).values_list("cosponsors", "date", "kind", "id"),
            events.filter(delegations_present__isnull=False).values_list(
                "delegations_present", "date", "kind", "id"
            ),
        )
        .order_by("date", "kind", "id")
    )
    contacts = defaultdict(list)
    for state_id, date, kind, record_id in rows:
        contacts[state_id].append((date, kind, record_id))
    return contacts


def _tagged(queryset, kind: str):
    return queryset.order_by().annotate(kind=Value(kind, output_field=CharField()))


def _overdue_by_state(campaign: Campaign, user, as_of: datetime.date) -> Counter:
    """Open follow-ups of the campaign (or of its meetings) due before `as_of`, per state: the
    state named on the follow-up, else the states of its meeting."""
    rows = (
        follow_ups_of_campaign(campaign, user)
        .overdue(today=as_of)
        .values_list("id", "state_id", "meeting__states")
        .distinct()
    )
    states_of: dict[int, set[int]] = defaultdict(set)
    for follow_up_id, state_id, meeting_state_id in rows:
        if state_id or meeting_state_id:
            states_of[follow_up_id].add(state_id or meeting_state_id)
    return Counter(state_id for states in states_of.values() for state_id in states)


def _target_coverage(target: Target, contacts, overdue: int, stale_before: datetime.date) -> TargetCoverage:
    last = contacts[-1][0] if contacts else None
    status = NEVER_MET if last is None else MET_LONG_AGO if last < stale_before else MET_RECENTLY
    kinds = Counter(kind for _, kind, _ in contacts)
    return TargetCoverage(
        iso3=target.state.iso3,
        name=target.state.common_name,
        priority=target.priority,
        wanted_vote=target.wanted_vote,
        meetings=kinds[MEETING],
        side_events=kinds[SIDE_EVENT],
        last_met_on=last,
        overdue_follow_ups=overdue,
        status=status,
    )


def _moves(campaign: Campaign, user, targets: list[Target], contacts: dict, as_of: datetime.date):
    """Per meeting with a target: its latest stance before the meeting and its latest since."""
    stances = _stances_by_state(campaign, user, as_of)
    moves = []
    for target in targets:
        history = stances.get(target.state_id, [])
        met = [
            (day, record_id) for day, kind, record_id in contacts.get(target.state_id, []) if kind == MEETING
        ]
        for meeting_date, meeting_id in met:
            before = next((p for day, p in reversed(history) if day < meeting_date), None)
            after = next((p for day, p in reversed(history) if day >= meeting_date), None)
            movement = _movement(before, after, target.wanted_vote)
            moves.append(
                StanceMove(
                    target.state.iso3, meeting_id, meeting_date, target.wanted_vote, before, after, movement
                )
            )
    return moves


def _stances_by_state(
    campaign: Campaign, user, as_of: datetime.date
) -> dict[int, list[tuple[datetime.date, str]]]:
    """{state id: [(as_of, position)], oldest first} of the stances the campaign sees that `user`
    may see too."""
    rows = (
        Stance.objects.visible_to(user)
        .seen_by_campaign(campaign)
        .filter(as_of__lte=as_of)
        .values_list("state_id", "as_of", "position")
        .order_by("as_of", "id")
    )
    stances = defaultdict(list)
    for state_id, day, position in rows:
        stances[state_id].append((day, position))
    return stances


def _movement(before: str | None, after: str | None, wanted: str) -> str:
    if before is None or after is None:
        return UNKNOWN
    distance_before = abs(_SCALE[before] - _WANTED[wanted])
    distance_after = abs(_SCALE[after] - _WANTED[wanted])
    if distance_after < distance_before:
        return TOWARD
    return AWAY if distance_after > distance_before else UNCHANGED
