"""Campaigns: what an organization wants from a vote, and from which states."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import track_many_to_many, tracked
from directory.ownership import OwnedQuerySet, OwnedRecord
from unrecord.models import VoteChoice


@tracked()
class Campaign(OwnedRecord):
    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200)
    goal = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)
    series = models.ForeignKey(
        "unrecord.ResolutionSeries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        help_text="The recurring resolution this campaign works on, for its voting history.",
    )
    resolutions = models.ManyToManyField("unrecord.Resolution", blank=True, related_name="campaigns")
    bodies = models.ManyToManyField("unrecord.Body", blank=True, related_name="campaigns")
    # One successor per campaign (the unique one-to-one): rolling over twice cannot make two.
    rolled_over_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rolled_over_to",
        help_text="Last session's campaign this one was rolled over from: stances recorded before "
        "this one starts are last session's, shown as history, not counted as current.",
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="unique_campaign_name_per_owner",
                violation_error_message="Your organization has a campaign of this name already: rename it.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
                violation_error_message="A campaign cannot end before it starts: check the two dates.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def stances_current_from(self):
        """The day from which the organization's stances count as current for this campaign: a
        rolled-over campaign's start (earlier ones were said about last session's draft); None,
        all of them, for a campaign that was not rolled over."""
        return self.starts_on if self.rolled_over_from_id else None


@tracked()
class Threshold(models.Model):
    """A condition of success, e.g. at least 100 yes in plenary, or amendment L.65 defeated."""

    class Kind(models.TextChoices):
        MIN_YES = "min_yes", "At least N yes"
        MAX_NO = "max_no", "At most N no"
        MAX_ABSTAIN = "max_abstain", "At most N abstentions"
        ADOPTED = "adopted", "Draft adopted"
        AMENDMENT_DEFEATED = "amendment_defeated", "Amendment defeated"

    class Majority(models.TextChoices):
        # Either is a majority of the members present and voting, i.e. voting yes or no:
        # abstentions and absences do not count (rule 86 of the GA's rules of procedure).
        SIMPLE = "simple", "Simple majority (more yes than no)"
        TWO_THIRDS = "two_thirds", "Two-thirds majority (at least twice as many yes as no)"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="thresholds")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    resolution = models.ForeignKey(
        "unrecord.Resolution", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    amendment = models.ForeignKey(
        "unrecord.Amendment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(
        "unrecord.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The body whose vote counts (e.g. the plenary); any if empty.",
    )
    majority = models.CharField(
        max_length=10,
        choices=Majority.choices,
        default=Majority.SIMPLE,
        help_text="For a draft's adoption: the majority of the members present and voting it needs. "
        "Simple for most resolutions, the Third Committee's included; two-thirds for the Assembly's "
        '"important questions" (Article 18 of the UN Charter).',
    )
    is_illustrative = models.BooleanField(default=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["min_yes", "max_no", "max_abstain"]) | Q(value__isnull=False),
                name="count_threshold_has_a_value",
                violation_error_message="A threshold that counts votes needs its number: enter the value.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="amendment_defeated") | Q(amendment__isnull=False),
                name="amendment_threshold_names_it",
                violation_error_message="A threshold on an amendment names the amendment: choose it.",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.AMENDMENT_DEFEATED:
            label = f"{self._amendment_name()} defeated"
        elif self.kind == self.Kind.ADOPTED:
            label = "Draft adopted" + (" by two-thirds" if self.majority == self.Majority.TWO_THIRDS else "")
        else:
            label = self.get_kind_display().replace(" N ", f" {self.value} ")
        return f"{label} ({self.body})" if self.body_id else label

    def _amendment_name(self) -> str:
        amendment = self.amendment if self.amendment_id else None
        if amendment is None:
            return "Amendment"
        # Without a symbol an amendment already calls itself "Amendment to A/RES/69/188".
        return f"Amendment {amendment.symbol}" if amendment.symbol else str(amendment)

    def clean(self):
        needs_resolution = self.kind != self.Kind.AMENDMENT_DEFEATED
        if needs_resolution and not self.resolution_id:
            raise ValidationError({"resolution": "Name the resolution this threshold is about."})

    def is_met_by(self, vote_event) -> bool | None:
        """Whether `vote_event` meets this threshold; None when its totals are not known."""
        if self.kind == self.Kind.ADOPTED:
            return vote_event.result != vote_event.Result.REJECTED
        if self.kind == self.Kind.AMENDMENT_DEFEATED:
            return vote_event.result == vote_event.Result.REJECTED
        count = {
            self.Kind.MIN_YES: vote_event.yes_count,
            self.Kind.MAX_NO: vote_event.no_count,
            self.Kind.MAX_ABSTAIN: vote_event.abstain_count,
        }[self.kind]
        if count is None:
            return None
        return count >= self.value if self.kind == self.Kind.MIN_YES else count <= self.value


@tracked()
class Target(models.Model):
    class Priority(models.IntegerChoices):
        HIGH = 1, "High"
        MEDIUM = 2, "Medium"
        LOW = 3, "Low"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    state = models.ForeignKey("unrecord.MemberState", on_delete=models.PROTECT, related_name="targets")
    wanted_vote = models.CharField(
        max_length=1,
        choices=[c for c in VoteChoice.choices if c[0] != VoteChoice.NON_VOTING],
        default=VoteChoice.YES,
        help_text="The vote the campaign wants from this state on the draft.",
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.MEDIUM)
    rationale = models.TextField(blank=True)
    is_illustrative = models.BooleanField(default=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "priority", "state__common_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "state"],
                name="one_target_per_state",
                violation_error_message="This state is a target of this campaign already.",
            ),
        ]

    def __str__(self):
        return f"{self.state}: {self.get_wanted_vote_display()} ({self.get_priority_display()})"


track_many_to_many(Campaign.resolutions, app_label="campaigns", model_name="CampaignResolutionEvent")
track_many_to_many(Campaign.bodies, app_label="campaigns", model_name="CampaignBodyEvent")
