"""Reads of campaigns and their parts, scoped to what a user may see."""

from django.db.models import F, Q, QuerySet

from campaigns.models import Campaign, Target, Threshold
from unrecord.models import Resolution


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


def latest_resolution(campaign: Campaign):
    """The resolution a campaign works on now: its latest (a campaign may list last year's too)."""
    return (
        campaign.resolutions.select_related("session")
        .order_by(F("session__number").desc(nulls_last=True), F("adopted_on").desc(nulls_last=True), "-id")
        .first()
    )


def campaigns_on(*, owner_id: int, resolution_id: int | None = None, series_id: int | None = None):
    """The organization's campaigns that work on the resolution `resolution_id` (listed among
    their resolutions, or their series is its series) or on the series `series_id` (their series,
    or one of their resolutions is of it): every campaign a stance on that subject serves."""
    subject = Q(pk__in=[])
    if resolution_id is not None:
        its_series = Resolution.objects.filter(pk=resolution_id, series__isnull=False).values("series_id")
        subject |= Q(resolutions=resolution_id) | Q(series_id__in=its_series)
    if series_id is not None:
        subject |= Q(series_id=series_id) | Q(resolutions__series_id=series_id)
    return Campaign.objects.filter(subject, owner_id=owner_id).distinct()


def campaigns_on_the_same_subject(campaign: Campaign) -> QuerySet[Campaign]:
    """`campaign` and its organization's other campaigns on one of its resolutions or its series
    (theirs, or one of their resolutions is of it): outreach filed under any of them is outreach
    on this one's vote. No query of its own: a subquery."""
    resolutions = campaign.resolutions.values("pk")
    subject = (
        Q(pk=campaign.pk)
        | Q(resolutions__in=resolutions)
        | Q(series__in=campaign.resolutions.filter(series__isnull=False).values("series_id"))
    )
    if campaign.series_id is not None:
        subject |= Q(series_id=campaign.series_id) | Q(resolutions__series_id=campaign.series_id)
    return Campaign.objects.filter(subject, owner_id=campaign.owner_id)
