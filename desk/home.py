"""The reads of a user's home (the admin's index): their follow-ups due, their organization's next
meetings and side events, what changed in their campaigns since their last visit, and the next
votes. Every read starts from the access policy's scope; each costs a fixed number of queries,
however many rows there are."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from advocacy.models import FollowUp, Meeting, SideEvent, Stance
from campaigns.models import Campaign, TargetEvent
from campaigns.schedule import Schedule, campaigns_with_resolutions, vote_schedules
from core.access import policy_for
from directory.access import organization_of
from unrecord.models import VoteEventEvent

ROWS = 8  # per list: the home is a glance, each list links to the whole of it
WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class CampaignNews:
    """What was recorded for one campaign since the user's last visit, by kind."""

    campaign: Campaign
    meetings: int
    side_events: int
    stances: int
    targets: int
    votes: int

    @property
    def total(self) -> int:
        return self.meetings + self.side_events + self.stances + self.targets + self.votes


@dataclass(frozen=True)
class NextVote:
    campaign: Campaign
    schedule: Schedule


def follow_ups_due(user, *, today: datetime.date) -> tuple[list[FollowUp], list[FollowUp]]:
    """(overdue, due within the week): the open follow-ups assigned to `user`. Two queries."""
    mine = policy_for(FollowUp).scope(user).open().filter(assignee=user).select_related("state")
    overdue = list(mine.filter(due_on__lt=today).order_by("due_on", "id")[:ROWS])
    this_week = list(mine.filter(due_on__gte=today, due_on__lte=today + WEEK).order_by("due_on", "id")[:ROWS])
    return overdue, this_week


def organization_records(user, model) -> QuerySet:
    """What `user` may see of `model` that is their organization's own (a superuser without one:
    all they may see)."""
    records = policy_for(model).scope(user)
    organization = organization_of(user)
    return records if organization is None else records.filter(owner_id=organization)


def next_meetings(user, *, today: datetime.date) -> list[Meeting]:
    """The organization's coming meetings, with the states met. Two queries."""
    meetings = organization_records(user, Meeting).filter(date__gte=today).prefetch_related("states")
    return list(meetings.order_by("date", "id")[:ROWS])


def next_side_events(user, *, today: datetime.date) -> list[SideEvent]:
    """The organization's coming side events. One query."""
    events = organization_records(user, SideEvent).filter(date__gte=today)
    return list(events.order_by("date", F("starts_at").asc(nulls_last=True), "id")[:ROWS])


def campaigns_of(user) -> QuerySet[Campaign]:
    """The campaigns `user` may see that are not closed, with their resolutions (for the vote
    schedule)."""
    campaigns = policy_for(Campaign).scope(user).exclude(status=Campaign.Status.CLOSED)
    return campaigns_with_resolutions(campaigns.order_by("name", "id"))


def with_news_since(campaigns: QuerySet[Campaign], user, since: datetime.datetime) -> QuerySet[Campaign]:
    """`campaigns`, each counting what was recorded for it after `since` that `user` may see:
    meetings and side events filed under it, stances that serve it, targets added, votes recorded
    on its resolutions. One subquery per kind, in the campaigns' one query."""
    return campaigns.annotate(
        new_meetings=_count(_records_since(user, Meeting, since).filter(campaigns=OuterRef("pk"))),
        new_side_events=_count(_records_since(user, SideEvent, since).filter(campaigns=OuterRef("pk"))),
        new_stances=_count(_records_since(user, Stance, since).filter(_serves_campaign())),
        new_targets=_count(_inserted_since(user, TargetEvent, since).filter(campaign_id=OuterRef("pk"))),
        new_votes=_count(_inserted_since(user, VoteEventEvent, since).filter(_on_campaign_subject())),
    )


def _records_since(user, model, since) -> QuerySet:
    return policy_for(model).scope(user).filter(created_at__gt=since)


def _inserted_since(user, event_model, since) -> QuerySet:
    """Rows of a tracked model recorded after `since`, from their history (core/history.py):
    the model has no creation time of its own. Its policy scopes the history as the rows."""
    events = event_model.objects.filter(pgh_label="insert", pgh_created_at__gt=since)
    return policy_for(event_model).scope(user, events)


def _serves_campaign() -> Q:
    """As StanceQuerySet.seen_by_campaign, for the campaign of the outer query."""
    subject = (
        Q(resolution__campaigns=OuterRef("pk"))
        | Q(series__resolutions__campaigns=OuterRef("pk"))
        | Q(series_id=OuterRef("series_id"))
        | Q(resolution__series_id=OuterRef("series_id"))
    )
    return subject & Q(owner_id=OuterRef("owner_id"))


def _on_campaign_subject() -> Q:
    """A vote on one of the outer campaign's resolutions, or on a resolution of its series."""
    return Q(resolution__campaigns=OuterRef("pk")) | Q(resolution__series_id=OuterRef("series_id"))


def _count(queryset: QuerySet) -> Coalesce:
    # COUNT(DISTINCT id) as a subquery: the joins to many-to-many tables may repeat a row.
    counted = queryset.order_by().annotate(
        n=Func(F("pk"), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    )
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def campaign_news(campaigns: list[Campaign]) -> list[CampaignNews]:
    """The campaigns (annotated by `with_news_since`) where anything changed."""
    news = [
        CampaignNews(c, c.new_meetings, c.new_side_events, c.new_stances, c.new_targets, c.new_votes)
        for c in campaigns
    ]
    return [item for item in news if item.total]


def upcoming_votes(
    campaigns: list[Campaign], *, today: datetime.date, rows: int | None = ROWS
) -> list[NextVote]:
    """The campaigns' coming votes (from `campaigns_of`), soonest first; the first `rows` of
    them, or all. Two queries (campaigns.schedule)."""
    schedules = vote_schedules(campaigns, today=today)
    coming = [NextVote(c, schedules[c.pk]) for c in campaigns if schedules[c.pk].next_vote]
    return sorted(coming, key=lambda vote: (vote.schedule.next_vote.date, vote.campaign.name))[:rows]
