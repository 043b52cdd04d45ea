"""Who is who: organizations, the people Plenary's users deal with, and the users themselves."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from core.history import track_many_to_many, tracked
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
    partners = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        help_text="Partners may read the records this organization marks as shared.",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="mission") | Q(state__isnull=False),
                name="mission_names_its_state",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", "Advocacy staff"
        ANALYST = "analyst", "Analyst"
        MANAGER = "manager", "Campaign manager"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STAFF)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(is_superuser=True) | Q(organization__isnull=False),
                name="user_belongs_to_an_organization",
            ),
        ]

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

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="diplomat") | Q(state__isnull=False),
                name="diplomat_represents_a_state",
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
    real_name = models.CharField(max_length=200)
    notes = models.TextField(blank=True, help_text="Consent, contact arrangements, risks.")

    class Meta:
        verbose_name = "protected identity"
        verbose_name_plural = "protected identities"

    def __str__(self):
        return f"Identity behind {self.person.name}"


track_many_to_many(Organization.partners, app_label="directory", model_name="PartnershipEvent")
