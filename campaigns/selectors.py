"""Reads of campaigns and their parts, scoped to what a user may see."""

from django.db.models import QuerySet

from campaigns.models import Campaign, Target, Threshold


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return (
        Campaign.objects.visible_to(user)
        .select_related("owner", "series")
        .prefetch_related("resolutions", "bodies")
    )


def targets_visible_to(user) -> QuerySet[Target]:
    return Target.objects.visible_to(user).select_related("campaign", "state__regional_group")


def thresholds_visible_to(user) -> QuerySet[Threshold]:
    return Threshold.objects.visible_to(user).select_related("campaign", "resolution", "amendment", "body")
