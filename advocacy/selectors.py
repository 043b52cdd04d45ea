"""Reads of outreach, scoped to what a user may see, with what each list shows fetched up front."""

from django.db.models import Q, QuerySet

from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from core.access import visible_prefetch


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
    return Stance.objects.visible_to(user).select_related("campaign", "state__regional_group")


def follow_ups_of_campaign(campaign, user) -> QuerySet[FollowUp]:
    """The follow-ups `user` may see that are filed under `campaign`, or under a meeting of it
    that they may see too: a follow-up shared with a partner must not tell of an unshared meeting
    behind it."""
    meetings = Meeting.objects.visible_to(user).filter(campaigns=campaign)
    return FollowUp.objects.visible_to(user).filter(Q(campaign=campaign) | Q(meeting__in=meetings))
