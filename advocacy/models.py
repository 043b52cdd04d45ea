"""Outreach and what it learns: meetings with missions, side events, follow-ups, stances."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import track_many_to_many, tracked
from directory.ownership import OwnedQuerySet, OwnedRecord


class Position(models.TextChoices):
    """A state's position on a resolution, from most to least supportive."""

    SUPPORTS = "supports", "Supports"
    LEANING_YES = "leaning_yes", "Leaning yes"
    UNDECIDED = "undecided", "Undecided"
    # Abstention is the commonest result of lobbying against a bloc: it deserves its own value.
    ABSTAINS = "abstains", "Will abstain"
    LEANING_NO = "leaning_no", "Leaning no"
    OPPOSES = "opposes", "Opposes"
    NO_POSITION = "no_position", "No position stated"


@tracked()
class Meeting(OwnedRecord):
    date = models.DateField(default=timezone.localdate)
    place = models.CharField(max_length=200, blank=True, help_text="e.g. Mission of Botswana, New York.")
    states = models.ManyToManyField(
        "unrecord.MemberState",
        blank=True,
        related_name="meetings",
        help_text="States met (none for a meeting with a UN office).",
    )
    representatives = models.ManyToManyField(
        "directory.Person",
        blank=True,
        related_name="meetings_as_representative",
        help_text="The states' representatives present.",
    )
    attendees = models.ManyToManyField(
        "directory.Person",
        blank=True,
        related_name="meetings_attended",
        help_text="Our side: our staff, partner NGOs' staff, witnesses.",
    )
    partner_organizations = models.ManyToManyField(
        "directory.Organization",
        blank=True,
        related_name="meetings_joined",
        help_text="Partner organizations that took part with us.",
    )
    campaigns = models.ManyToManyField("campaigns.Campaign", blank=True, related_name="meetings")
    resolutions = models.ManyToManyField("unrecord.Resolution", blank=True, related_name="meetings")
    ask = models.TextField(blank=True, help_text="What we asked for.")
    commitments = models.TextField(blank=True, help_text="What they committed to.")
    summary = models.TextField(blank=True)
    confidential_notes = models.TextField(
        blank=True, help_text="Never shown to partner organizations, even when shared."
    )

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Meeting of {self.date:%d %b %Y}" + (f", {self.place}" if self.place else "")


@tracked()
class SideEvent(OwnedRecord):
    class Location(models.TextChoices):
        UN_HEADQUARTERS = "unhq", "UN Headquarters, New York"
        PALAIS_DES_NATIONS = "geneva", "Palais des Nations, Geneva"
        ELSEWHERE = "elsewhere", "Elsewhere"

    title = models.CharField(max_length=300)
    date = models.DateField(default=timezone.localdate)
    starts_at = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=10, choices=Location.choices, default=Location.UN_HEADQUARTERS)
    venue = models.CharField(max_length=200, blank=True, help_text="e.g. ECOSOC Chamber.")
    body = models.ForeignKey(
        "unrecord.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="side_events"
    )
    session = models.ForeignKey(
        "unrecord.Session", on_delete=models.PROTECT, null=True, blank=True, related_name="side_events"
    )
    organizers = models.ManyToManyField("directory.Organization", related_name="side_events_organized")
    cosponsors = models.ManyToManyField(
        "unrecord.MemberState",
        blank=True,
        related_name="side_events_cosponsored",
        help_text="Required at UN Headquarters, where an NGO event needs a state's sponsorship.",
    )
    speakers = models.ManyToManyField("directory.Person", blank=True, related_name="side_events_spoken")
    delegations_present = models.ManyToManyField(
        "unrecord.MemberState", blank=True, related_name="side_events_attended"
    )
    campaigns = models.ManyToManyField("campaigns.Campaign", blank=True, related_name="side_events")
    description = models.TextField(blank=True)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y})"

    @property
    def needs_state_cosponsor(self) -> bool:
        return self.location == self.Location.UN_HEADQUARTERS


@tracked()
class Incident(models.Model):
    """Something that happened at a side event that must be on record, e.g. intimidation."""

    class Kind(models.TextChoices):
        INTIMIDATION = "intimidation", "Intimidation of speakers or witnesses"
        PHOTOGRAPHING = "photographing", "Photographing of witnesses"
        RECORDING = "recording", "Recording of the meeting"
        DISRUPTION = "disruption", "Disruption"
        VERBAL_ATTACK = "verbal_attack", "Verbal attack"
        OTHER = "other", "Other"

    side_event = models.ForeignKey(SideEvent, on_delete=models.CASCADE, related_name="incidents")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    state = models.ForeignKey(
        "unrecord.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The delegation responsible, if any.",
    )
    description = models.TextField()

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["side_event", "id"]

    def __str__(self):
        return self.get_kind_display()


class FollowUpQuerySet(OwnedQuerySet):
    def open(self):
        return self.filter(status=FollowUp.Status.OPEN)

    def overdue(self, *, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


@tracked()
class FollowUp(OwnedRecord):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    description = models.CharField(max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name="owner",
        help_text="Who is responsible.",
    )
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups"
    )
    side_event = models.ForeignKey(
        SideEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups"
    )
    state = models.ForeignKey(
        "unrecord.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "follow-up"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", completed_on__isnull=False) | ~Q(status="done"),
                name="done_follow_up_has_completion_date",
                violation_error_message="A follow-up marked done needs the date it was done.",
            ),
        ]

    def __str__(self):
        return self.description


class ReminderSent(models.Model):
    """The day's follow-up reminder has gone to this user: at most one per user and day, however
    often the reminder task runs (advocacy/reminders.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    follow_ups = models.PositiveIntegerField(help_text="How many follow-ups it listed.")

    class Meta:
        ordering = ["-date", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "date"],
                name="one_reminder_per_user_and_day",
                violation_error_message="This user has had today's reminder already.",
            )
        ]

    def __str__(self):
        return f"Reminder to {self.user} on {self.date}"


class StanceQuerySet(OwnedQuerySet):
    def current(self):
        """The latest stance of each state on each subject, per organization: the one that counts
        now."""
        keys = ("owner_id", "state_id", "resolution_id", "series_id")
        return self.order_by(*keys, "-as_of", "-id").distinct(*keys)

    def latest_per_state(self):
        """The latest of these stances for each state, whatever its subject."""
        return self.order_by("state_id", "-as_of", "-id").distinct("state_id")

    def seen_by_campaign(self, campaign):
        """The stances its organization recorded on what `campaign` works on: one of its
        resolutions, or its series (a stance on the series, or on a resolution of it). One stance
        serves every campaign of the organization on that resolution. No query of its own: the
        campaign's resolutions are a subquery."""
        resolutions = campaign.resolutions.values("pk")
        subject = Q(resolution__in=resolutions) | Q(series__in=campaign.resolutions.values("series_id"))
        if campaign.series_id is not None:
            subject |= Q(series_id=campaign.series_id) | Q(resolution__series_id=campaign.series_id)
        return self.filter(subject, owner_id=campaign.owner_id)

    def this_session_of(self, campaign):
        """Those that count as current for `campaign`: for one rolled over from last session's,
        those recorded since it started; the earlier ones are last session's, history only."""
        since = campaign.stances_current_from
        return self if since is None else self.filter(as_of__gte=since)

    def on_vote(self, resolution, *, series_id=None):
        """Those that speak to the vote on `resolution`: on it, or on its series (or `series_id`,
        the campaign's); a stance on last year's text of the series does not."""
        series_ids = {series_id, resolution.series_id} - {None}
        return self.filter(Q(resolution=resolution) | Q(series_id__in=series_ids))


@tracked()
class Stance(OwnedRecord):
    """A state's position on a resolution, or on a recurring series of them, as an organization
    knows it on a date. One stance serves every campaign of that organization on that resolution
    (StanceQuerySet.seen_by_campaign). History is kept: a new stance is a new row, and the latest
    per organization, state and subject is the current one."""

    class Evidence(models.TextChoices):
        MEETING = "meeting", "Said in a meeting"
        STATEMENT = "statement", "Public statement"
        VOTE = "vote", "Vote"
        JUDGEMENT = "judgement", "Analyst's judgement"

    class Confidence(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    state = models.ForeignKey("unrecord.MemberState", on_delete=models.PROTECT, related_name="stances")
    resolution = models.ForeignKey(
        "unrecord.Resolution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stances",
        help_text="The resolution it is about; or name its series instead.",
    )
    series = models.ForeignKey(
        "unrecord.ResolutionSeries",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stances",
        help_text="The recurring resolution it is about, whichever year's text is voted on.",
    )
    position = models.CharField(max_length=12, choices=Position.choices)
    as_of = models.DateField(default=timezone.localdate)
    evidence = models.CharField(max_length=10, choices=Evidence.choices)
    # PROTECT: a stance said in a meeting or shown by a vote must keep naming it (check
    # constraints say so), so the meeting or vote cannot be deleted from under it.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="stances"
    )
    vote_event = models.ForeignKey(
        "unrecord.VoteEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_url = models.URLField(blank=True, help_text="Where the statement can be read.")
    note = models.TextField(blank=True)
    confidence = models.CharField(max_length=6, choices=Confidence.choices, default=Confidence.MEDIUM)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = StanceQuerySet.as_manager()

    class Meta:
        ordering = ["state__common_name", "-as_of", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(evidence="meeting") | Q(meeting__isnull=False),
                name="meeting_evidence_names_the_meeting",
                violation_error_message="A stance said at a meeting names the meeting: choose it.",
            ),
            models.CheckConstraint(
                condition=~Q(evidence="vote") | Q(vote_event__isnull=False),
                name="vote_evidence_names_the_vote",
                violation_error_message="A stance shown by a vote names the roll call: choose it.",
            ),
            models.CheckConstraint(
                condition=Q(resolution__isnull=False) | Q(series__isnull=False),
                name="stance_names_a_resolution_or_series",
                violation_error_message="Name the resolution or the series this stance is about.",
            ),
        ]

    def __str__(self):
        return f"{self.state}: {self.get_position_display()} ({self.as_of:%d %b %Y})"


for _field, _name in [
    (Meeting.states, "MeetingStateEvent"),
    (Meeting.representatives, "MeetingRepresentativeEvent"),
    (Meeting.attendees, "MeetingAttendeeEvent"),
    (Meeting.partner_organizations, "MeetingPartnerEvent"),
    (Meeting.campaigns, "MeetingCampaignEvent"),
    (Meeting.resolutions, "MeetingResolutionEvent"),
    (SideEvent.organizers, "SideEventOrganizerEvent"),
    (SideEvent.cosponsors, "SideEventCosponsorEvent"),
    (SideEvent.speakers, "SideEventSpeakerEvent"),
    (SideEvent.delegations_present, "SideEventDelegationEvent"),
    (SideEvent.campaigns, "SideEventCampaignEvent"),
]:
    track_many_to_many(_field, app_label="advocacy", model_name=_name)
