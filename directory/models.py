"""Who is who: organizations, the people Plenary's users deal with, and the users themselves."""

import pgtrigger
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from core.history import tracked
from core.sealed import SealedCharField, SealedTextField
from directory.ownership import OwnedRecord


class OrganizationQuerySet(models.QuerySet):
    def ngos(self):
        return self.filter(kind__in=[Organization.Kind.NGO, Organization.Kind.COALITION])


@tracked()
class Organization(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", "NGO"
        COALITION = "coalition", "Coalition of NGOs"
        UN_OFFICE = "un_office", "UN office or mandate"
        MISSION = "mission", "Permanent mission of a state"
        GOVERNMENT = "government", "Government department"
        INTERGOVERNMENTAL = "igo", "Intergovernmental organization"
        THINK_TANK = "think_tank", "Think tank"
        ACADEMIC = "academic", "University or institute"
        MEDIA = "media", "Media"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    state = models.ForeignKey(
        "unrecord.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text="For missions and government departments: the state.",
    )
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The organization that added it to the directory: it (or a record keeper) may change it.",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="mission") | Q(state__isnull=False),
                name="mission_names_its_state",
                violation_error_message="A permanent mission belongs to a state: choose the state.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class PartnershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Partnership.Status.ACTIVE)

    def involving(self, organization_id):
        return self.filter(Q(proposer_id=organization_id) | Q(partner_id=organization_id))

    def partner_ids_of(self, organization_id):
        """The organizations `organization_id` is in an active partnership with, as a subquery."""
        other = Case(When(proposer_id=organization_id, then=F("partner_id")), default=F("proposer_id"))
        return self.active().involving(organization_id).annotate(other=other).values("other")


# Its history model is not "PartnershipEvent": that name belonged to the history of the
# one-sided `partners` field it replaced (migration directory 0003).
@tracked(model_name="PartnershipAgreementEvent")
class Partnership(models.Model):
    """Two organizations that read each other's shared records. It is an agreement: a manager of
    one proposes it, a manager of the other accepts it, and a manager of either may end it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    proposer = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(proposer=F("partner")),
                name="partnership_of_two",
                violation_error_message="An organization cannot be its own partner.",
            ),
            # One standing partnership per pair, whichever side proposed it.
            models.UniqueConstraint(
                Least("proposer", "partner"),
                Greatest("proposer", "partner"),
                condition=~Q(status="ended"),
                name="one_standing_partnership_per_pair",
                violation_error_message="These organizations have a partnership already, or one proposed.",
            ),
        ]

    def __str__(self):
        return f"{self.proposer} and {self.partner} ({self.get_status_display().lower()})"


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", "Advocacy staff"
        ANALYST = "analyst", "Analyst"
        MANAGER = "manager", "Campaign manager"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STAFF)
    password_changed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="API tokens issued before it are refused."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(is_superuser=True) | Q(organization__isnull=False),
                name="user_belongs_to_an_organization",
                violation_error_message="Choose the organization this user works for.",
            ),
        ]

    def set_password(self, raw_password):
        # A new password ends every API token issued under the old one (directory/auth.py), as
        # Django's session check already ends every session.
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def can_see_protected_identities(self) -> bool:
        return self.has_perm("directory.view_personidentity")


class PersonQuerySet(models.QuerySet):
    def search(self, text: str):
        """Search on the public name only: never on a protected person's real name."""
        return self.filter(Q(name__icontains=text) | Q(title__icontains=text))


@tracked()
class Person(models.Model):
    """A diplomat, NGO colleague, speaker, official or witness.

    For a protected identity (a survivor or witness), `name` holds the pseudonym; the real name
    lives in PersonIdentity, which only users with explicit permission can read. So the
    pseudonym is what every list, autocomplete, export and history entry shows.
    """

    class Category(models.TextChoices):
        DIPLOMAT = "diplomat", "Diplomat"
        NGO_STAFF = "ngo_staff", "NGO staff"
        UN_OFFICIAL = "un_official", "UN official or mandate holder"
        GOVERNMENT = "government", "Government official"
        WITNESS = "witness", "Survivor or witness"
        EXPERT = "expert", "Expert or academic"
        JOURNALIST = "journalist", "Journalist"
        OTHER = "other", "Other"

    name = models.CharField(
        max_length=200, help_text="The name shown everywhere; a pseudonym for protected people."
    )
    is_protected = models.BooleanField(
        "protected identity",
        default=False,
        help_text="Only the pseudonym is shown to anyone without explicit permission.",
    )
    category = models.CharField(max_length=12, choices=Category.choices)
    title = models.CharField(max_length=200, blank=True, help_text="Position, e.g. Counsellor.")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text="Employer; for diplomats, their mission.",
    )
    state = models.ForeignKey(
        "unrecord.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="For diplomats and officials: the state they represent.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    notes = models.TextField(blank=True)
    is_illustrative = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The organization that added them to the directory: it (or a record keeper) may "
        "change them.",
    )
    protected_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The organization that protected this identity: only it may change or unprotect them.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="diplomat") | Q(state__isnull=False),
                name="diplomat_represents_a_state",
                violation_error_message="A diplomat represents a state: choose the state.",
            ),
        ]

    def __str__(self):
        return self.name


@tracked()
class PersonIdentity(OwnedRecord):
    """The real identity behind a protected person's pseudonym.

    Readable only with the explicit `directory.view_personidentity` permission, and only by the
    organization that recorded it (or its partners when shared).
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="identity")
    # Sealed at rest, history included (core/sealed.py): the database holds ciphertext only, and
    # cannot search or sort by them.
    real_name = SealedCharField(max_length=200)
    notes = SealedTextField(blank=True, help_text="Consent, contact arrangements, risks.")

    class Meta:
        verbose_name = "protected identity"
        verbose_name_plural = "protected identities"

    def __str__(self):
        return f"Identity behind {self.person.name}"


class IdentityRead(models.Model):
    """A real name shown to someone: who was shown which protected person's identity, when, and
    in which room. Written only by directory.services.log_identity_reads, read by the managers of
    the organization that holds the identity, and never changed or deleted: the database refuses
    it. A reader or person deleted later leaves their name here (the row keeps its text)."""

    class Room(models.TextChoices):
        ADMIN = "admin", "Admin page"
        HISTORY = "history", "Change history"
        API = "api", "API"
        EXPORT = "export", "Export"

    read_at = models.DateTimeField(default=timezone.now, db_index=True)
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reader_username = models.CharField(max_length=150)
    room = models.CharField(max_length=8, choices=Room.choices)
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organization that holds the identity.",
    )
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    pseudonym = models.CharField(max_length=200, help_text="The person's public name when it was read.")

    class Meta:
        ordering = ["-read_at", "-id"]
        verbose_name = "identity read"
        triggers = [
            pgtrigger.Protect(name="identity_reads_are_never_deleted", operation=pgtrigger.Delete),
            # Only a reader or person deleted since may be unlinked (SET_NULL): nothing rewritten.
            pgtrigger.Protect(
                name="identity_reads_are_never_changed",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(new__id__df=pgtrigger.F("old__id"))
                | pgtrigger.Q(new__read_at__df=pgtrigger.F("old__read_at"))
                | pgtrigger.Q(new__reader_username__df=pgtrigger.F("old__reader_username"))
                | pgtrigger.Q(new__room__df=pgtrigger.F("old__room"))
                | pgtrigger.Q(new__owner_id__df=pgtrigger.F("old__owner_id"))
                | pgtrigger.Q(new__pseudonym__df=pgtrigger.F("old__pseudonym"))
                | pgtrigger.Q(new__reader_id__isnull=False, new__reader_id__df=pgtrigger.F("old__reader_id"))
                | pgtrigger.Q(new__person_id__isnull=False, new__person_id__df=pgtrigger.F("old__person_id")),
            ),
        ]

    def __str__(self):
        return f"{self.reader_username} read the identity behind {self.pseudonym}"
