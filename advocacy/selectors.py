"""Reads of outreach, scoped to what a user may see, with what each list shows fetched up front."""

from django.db.models import Prefetch, Q, QuerySet

from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from campaigns.selectors import campaigns_on
from core.access import policy_for, visible_prefetch


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return (
        Meeting.objects.visible_to(user)
        .select_related("owner")
        .prefetch_related(
            "states",
            "representatives",
            "attendees",
            "partner_organizations",
            "resolutions",
            visible_prefetch(user, Meeting, "campaigns"),
            Prefetch("stances", queryset=policy_for(Stance).scope(user).select_related("state")),
        )
    )


def side_events_visible_to(user) -> QuerySet[SideEvent]:
    return (
        SideEvent.objects.visible_to(user)
        .select_related("owner", "body", "session")
        .prefetch_related(
            "organizers",
            "cosponsors",
            "speakers",
            "delegations_present",
            visible_prefetch(user, SideEvent, "campaigns"),
        )
    )


def incidents_visible_to(user) -> QuerySet[Incident]:
    return Incident.objects.visible_to(user).select_related("side_event", "state")


def follow_ups_visible_to(user) -> QuerySet[FollowUp]:
    return FollowUp.objects.visible_to(user).select_related("owner", "assignee", "state")


def stances_visible_to(user) -> QuerySet[Stance]:
    return Stance.objects.visible_to(user).select_related("owner", "state__regional_group")


def campaigns_concerned_by(stance: Stance) -> list[int]:
    """The ids of the campaigns a stance serves: those of its organization on its resolution or
    series (whose cached figures it changes). One query."""
    return list(
        campaigns_on(
            owner_id=stance.owner_id, resolution_id=stance.resolution_id, series_id=stance.series_id
        ).values_list("pk", flat=True)
    )


def follow_ups_of_campaign(campaign, user) -> QuerySet[FollowUp]:
    """The follow-ups `user` may see that are filed under `campaign`, or under a meeting of it
    that they may see too: a follow-up shared with a partner must not tell of an unshared meeting
    behind it."""
    meetings = Meeting.objects.visible_to(user).filter(campaigns=campaign)
    return FollowUp.objects.visible_to(user).filter(Q(campaign=campaign) | Q(meeting__in=meetings))
