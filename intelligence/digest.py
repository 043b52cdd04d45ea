"""The weekly campaign digest: to each campaign's managers, what moved in the last seven days
(stance changes, new meetings), what is late (overdue follow-ups) and where the vote stands
(the projected tally against the campaign's thresholds). At most one per manager, campaign and
week, however often the task runs (README, "Background work")."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from advocacy.models import FollowUp, Meeting, Stance
from campaigns.models import Campaign
from core.access import policy_for
from directory.models import User
from intelligence.cache import campaign_projection
from intelligence.models import DigestSent
from intelligence.projection import Projection
from unrecord.models import Resolution

WINDOW = datetime.timedelta(days=7)
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstentions", "X": "likely absent"}


@dataclass(frozen=True)
class StanceChange:
    state: str
    before: str | None  # the position before, None for a state's first stance
    after: str
    as_of: datetime.date
    evidence: str


@dataclass(frozen=True)
class CampaignDigest:
    campaign: Campaign
    since: datetime.date  # exclusive
    until: datetime.date  # inclusive
    stance_changes: list[StanceChange]
    meetings: list[Meeting]
    overdue: list[FollowUp]
    projection: Projection
    resolution: Resolution | None


def campaigns_with_digests() -> QuerySet[Campaign]:
    return Campaign.objects.filter(status=Campaign.Status.ACTIVE).order_by("pk")


def digest_recipients(campaign: Campaign) -> QuerySet[User]:
    """The campaign's organization's managers who can receive email."""
    return User.objects.filter(
        organization_id=campaign.owner_id, role=User.Role.MANAGER, is_active=True
    ).exclude(email="")


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def campaign_digest(*, campaign: Campaign, day: datetime.date) -> CampaignDigest:
    """What the digest says on `day`, covering the seven days up to it; what the campaign's
    organization may see (its own records and what partners share)."""
    since = day - WINDOW
    projection = campaign_projection(campaign)
    return CampaignDigest(
        campaign=campaign,
        since=since,
        until=day,
        stance_changes=stance_changes(campaign=campaign, since=since, until=day),
        meetings=list(
            policy_for(Meeting)
            .seen_by_organization(campaign.owner_id)
            .filter(campaigns=campaign, date__gt=since, date__lte=day)
            .prefetch_related("states", _stances_said(campaign))
            .order_by("date", "id")
        ),
        overdue=list(
            policy_for(FollowUp)
            .seen_by_organization(campaign.owner_id)
            .filter(campaign=campaign)
            .overdue(today=day)
            .select_related("assignee", "state")
            .order_by("due_on", "id")
        ),
        projection=projection,
        resolution=Resolution.objects.filter(pk=projection.resolution_id).first(),
    )


def _stances_said(campaign: Campaign) -> Prefetch:
    seen = policy_for(Stance).seen_by_organization(campaign.owner_id)
    return Prefetch("stances", queryset=seen.select_related("state").order_by("state__common_name", "id"))


def stance_changes(*, campaign: Campaign, since: datetime.date, until: datetime.date) -> list[StanceChange]:
    """Stances the campaign sees (its organization's, on its resolutions or series) recorded in
    (since, until] whose position differs from the state's one before."""
    seen = Stance.objects.seen_by_campaign(campaign)
    recent = seen.filter(as_of__gt=since, as_of__lte=until)
    history = (
        seen.filter(as_of__lte=until, state__in=recent.values("state_id"))
        .select_related("state")
        .order_by("state__common_name", "state_id", "as_of", "id")
    )
    changes, previous = [], {}
    for stance in history:
        before = previous.get(stance.state_id)
        previous[stance.state_id] = stance
        if stance.as_of <= since or (before is not None and before.position == stance.position):
            continue
        changes.append(
            StanceChange(
                state=stance.state.common_name,
                before=before.get_position_display() if before else None,
                after=stance.get_position_display(),
                as_of=stance.as_of,
                evidence=stance.get_evidence_display(),
            )
        )
    return changes


def send_digests(*, day: datetime.date | None = None) -> int:
    """Send this week's digests that have not gone yet; returns how many went now."""
    day = day or timezone.localdate()
    sent = 0
    for campaign in campaigns_with_digests():
        recipients = list(digest_recipients(campaign))
        if not recipients:
            continue
        digest = campaign_digest(campaign=campaign, day=day)
        sent += sum(send_digest(digest=digest, user=user) for user in recipients)
    return sent


def send_digest(*, digest: CampaignDigest, user: User) -> bool:
    """Send `digest` to `user` unless this week's has gone; True if it went now. The record and
    the send share a transaction, as the reminders' do (advocacy/reminders.py says why)."""
    with transaction.atomic():
        _, created = DigestSent.objects.get_or_create(
            campaign=digest.campaign, user=user, week=week_of(digest.until)
        )
        if not created:
            return False
        digest_email(digest=digest, user=user).send()
    return True


def digest_email(*, digest: CampaignDigest, user: User) -> EmailMessage:
    campaign = digest.campaign
    counts = [
        _count(len(digest.stance_changes), "stance change"),
        _count(len(digest.meetings), "meeting"),
        _count(len(digest.overdue), "overdue follow-up"),
    ]
    lines = [
        f"{campaign.name}: the week of {digest.since + datetime.timedelta(days=1):%d %b} to "
        f"{digest.until:%d %b %Y}.",
        "",
        *_projection_lines(digest),
        "",
        f"Stance changes ({len(digest.stance_changes)}):",
        *(_stance_line(change) for change in digest.stance_changes),
        *(["  none"] if not digest.stance_changes else []),
        "",
        f"New meetings ({len(digest.meetings)}):",
        *(_meeting_line(meeting) for meeting in digest.meetings),
        *(["  none"] if not digest.meetings else []),
        "",
        f"Overdue follow-ups ({len(digest.overdue)}):",
        *(_follow_up_line(follow_up, digest.until) for follow_up in digest.overdue),
        *(["  none"] if not digest.overdue else []),
        "",
        "The campaign: "
        f"{settings.PLENARY_BASE_URL}{reverse('admin:campaigns_campaign_change', args=[campaign.pk])}",
        "",
        "— Plenary (every Monday, to the campaign's managers)",
    ]
    return EmailMessage(
        subject=f"Plenary weekly: {campaign.name}: {', '.join(counts)}",
        body="\n".join(lines),
        to=[user.email],
    )


def _projection_lines(digest: CampaignDigest) -> list[str]:
    projection = digest.projection
    totals = projection.totals
    on = f" on {digest.resolution}" if digest.resolution else ""
    tally = ", ".join(
        f"{totals.expected[vote]} {word}"
        + (f" ({totals.low[vote]}–{totals.high[vote]})" if totals.low[vote] != totals.high[vote] else "")
        for vote, word in VOTE_WORDS.items()
    )
    lines = [f"Projected vote{on} as of {projection.as_of:%d %b}: {tally}."]
    if projection.thresholds:
        lines.append("Against the thresholds:")
        lines += [
            f"  - {threshold.label}: {threshold.status.replace('_', ' ')}. {threshold.explanation}"
            for threshold in projection.thresholds
        ]
    else:
        lines.append("The campaign has no thresholds to measure it against.")
    return lines


def _stance_line(change: StanceChange) -> str:
    move = f"{change.before} → {change.after}" if change.before else f"first stance: {change.after}"
    return f"  - {change.state}: {move} ({change.as_of:%d %b}, {change.evidence.lower()})"


def _meeting_line(meeting: Meeting) -> str:
    states = ", ".join(state.common_name for state in meeting.states.all()) or "no state"
    stances = [f"{s.state.common_name} {s.get_position_display().lower()}" for s in meeting.stances.all()]
    said = f"; said: {', '.join(stances)}" if stances else ""
    place = f", {meeting.place}" if meeting.place else ""
    return f"  - {meeting.date:%d %b}: {states}{place}{said}"


def _follow_up_line(follow_up: FollowUp, day: datetime.date) -> str:
    late = (day - follow_up.due_on).days
    state = f", {follow_up.state}" if follow_up.state_id else ""
    return (
        f"  - {follow_up.description} ({follow_up.assignee}{state}; due {follow_up.due_on:%d %b}, "
        f"{late} day{'s' if late != 1 else ''} late)"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
