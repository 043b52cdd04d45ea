"""Documents: reports, letters, joint letters and their signatories, statements, coverage."""

from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from core.history import track_many_to_many, tracked
from directory.ownership import OwnedQuerySet, OwnedRecord


class DownloadedFile(FieldFile):
    """A document's file, whose address is its download (documents/downloads.py), which asks the
    access policy: where it is stored has no address. Every link to it (the admin's file input
    and read-only page, the API's `file`) takes this one."""

    @property
    def url(self):
        self._require_file()
        return reverse("document-file", kwargs={"pk": self.instance.pk})


class DownloadedFileField(models.FileField):
    attr_class = DownloadedFile

    def deconstruct(self):
        # Only the address differs, nothing stored: migrations, and the history's copy of the
        # field (whose rows are events, not documents), see a plain FileField.
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


# The text read from its file is derived, and long: its history would only repeat the file's.
@tracked(exclude=["extracted_text"])
class Document(OwnedRecord):
    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        LETTER = "letter", "Letter"
        JOINT_LETTER = "joint_letter", "Joint letter"
        STATEMENT = "statement", "Statement"
        PRESS_RELEASE = "press_release", "Press release"
        RESOLUTION_TEXT = "resolution_text", "Resolution text"
        MEDIA_COVERAGE = "media_coverage", "Media coverage"
        BRIEFING_NOTE = "briefing_note", "Briefing note"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=300)
    dated = models.DateField(null=True, blank=True)
    # A letter may be on record before anyone has a copy online, so neither is required.
    url = models.URLField("URL", max_length=500, blank=True)
    file = DownloadedFileField(upload_to="documents/%Y/", blank=True)
    # Read from a PDF file once it is saved (documents/text.py), for the search; never typed in.
    extracted_text = models.TextField(blank=True, editable=False)
    summary = models.TextField(blank=True)
    publisher = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents_published",
        help_text="For reports, coverage and press releases: who published it.",
    )
    recipient_states = models.ManyToManyField(
        "unrecord.MemberState", blank=True, related_name="documents_received"
    )
    recipient_people = models.ManyToManyField(
        "directory.Person", blank=True, related_name="documents_received"
    )
    recipient_organizations = models.ManyToManyField(
        "directory.Organization", blank=True, related_name="documents_received"
    )
    recipients_note = models.CharField(max_length=300, blank=True, help_text='e.g. "All UN member states".')
    campaigns = models.ManyToManyField("campaigns.Campaign", blank=True, related_name="documents")
    meetings = models.ManyToManyField("advocacy.Meeting", blank=True, related_name="documents")
    side_events = models.ManyToManyField("advocacy.SideEvent", blank=True, related_name="documents")
    resolutions = models.ManyToManyField("unrecord.Resolution", blank=True, related_name="documents")
    states = models.ManyToManyField(
        "unrecord.MemberState", blank=True, related_name="documents", help_text="States it concerns."
    )

    class Meta:
        ordering = ["-dated", "title"]

    def __str__(self):
        return self.title


@tracked()
class Signature(models.Model):
    """One signatory of a letter: an organization, a person, or a person for an organization."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="signatures")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="signatures"
    )
    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="signatures"
    )
    capacity = models.CharField(max_length=200, blank=True, help_text="Title as signed.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["document", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(person__isnull=False),
                name="signature_names_a_signatory",
                violation_error_message="A signature names who signed: choose an organization or a person.",
            ),
        ]

    def __str__(self):
        parts = [str(p) for p in (self.person, self.organization) if p is not None]
        return ", ".join(parts)


for _field, _name in [
    (Document.recipient_states, "DocumentRecipientStateEvent"),
    (Document.recipient_people, "DocumentRecipientPersonEvent"),
    (Document.recipient_organizations, "DocumentRecipientOrganizationEvent"),
    (Document.campaigns, "DocumentCampaignEvent"),
    (Document.meetings, "DocumentMeetingEvent"),
    (Document.side_events, "DocumentSideEventEvent"),
    (Document.resolutions, "DocumentResolutionEvent"),
    (Document.states, "DocumentStateEvent"),
]:
    track_many_to_many(_field, app_label="documents", model_name=_name)
