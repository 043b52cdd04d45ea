"""Who may see a record: the one place organization scoping is decided.

A record belongs to an organization. It is visible to that organization's users and, only when
marked shared, to the organizations it has a partnership with. Superusers administer the whole
installation and see everything.
"""

from django.db import models
from django.db.models import Q


class OwnedQuerySet(models.QuerySet):
    # Models whose ownership comes from a parent (a campaign's targets) override these paths.
    owner_path = "owner"
    shared_path = "shared_with_partners"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.organization_id is None:
            return self.none()
        return self.filter(self.visibility_condition(user.organization_id))

    def owned_by(self, user):
        """Records the user's organization owns: the ones its users may change."""
        if user.is_superuser:
            return self.all()
        return self.filter(**{f"{self.owner_path}_id": user.organization_id})

    def visibility_condition(self, organization_id) -> Q:
        from directory.models import Organization

        partner_ids = Organization.partners.through.objects.filter(to_organization_id=organization_id).values(
            "from_organization_id"
        )
        return Q(**{f"{self.owner_path}_id": organization_id}) | Q(
            **{self.shared_path: True, f"{self.owner_path}_id__in": partner_ids}
        )


class OwnedRecord(models.Model):
    """Base for every record an organization owns: outreach, campaigns, documents."""

    owner = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organization this record belongs to.",
    )
    shared_with_partners = models.BooleanField(
        default=False, help_text="Partner organizations may read it (never change it)."
    )
    is_illustrative = models.BooleanField(
        default=False,
        help_text="Invented for the demo, not from a source: shown as illustrative.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_owned_by(self, user) -> bool:
        return user.is_superuser or self.owner_id == user.organization_id
