"""What every record an organization owns shares: its owner, whether partners may read it, and
the queryset that asks the model's access policy which rows a user may see (directory/access.py
says who may see and change what)."""

from django.db import models


class OwnedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The rows `user` may see, as the model's access policy has it."""
        from core.access import policy_for

        return policy_for(self.model).scope(user, self)


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
