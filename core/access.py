"""Who may do what to which record: one policy per model, declared once, asked by every room.

A policy answers, for a user and a record (or, for an add, the parent record it goes under): may
they see it, add under it, change it, delete it, and which of its fields they may not see or not
change. The admin, the API (its querysets, the choices its forms and filters offer, its CSV), the
dashboards, exports, emails and tasks all ask the model's policy, and the services (core.services)
refuse a write the policy does not allow, whoever calls them. Apps declare their models' policies
in their `access.py` (README, "Confidentiality").
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, Prefetch, QuerySet


class Forbidden(PermissionDenied):
    """A write the policy refuses: the API answers 403, the admin its "forbidden" page."""


class Policy:
    """The base every policy builds on: the role's model permission decides, and everyone who
    may see the model sees all of it. Subclasses narrow by owner, parent or record keeper.

    `parent` names the field that points at the record a row belongs to (a target's campaign):
    only those who hold the parent may add, change or delete its rows (their role permitting).
    """

    parent: str | None = None
    hidden: tuple[str, ...] = ()  # fields only the record's owners may see
    # Everyone who may see the model sees every row (the UN record, the directory): its choices
    # need no scoping per user, and may be built once.
    public = False
    # Set when the policy is registered.
    model: type[Model]

    # -- what a user may see -------------------------------------------------------------------
    def scope(self, user, queryset: QuerySet | None = None) -> QuerySet:
        """The rows `user` may see: every list, choice, filter, export and lookup starts here."""
        queryset = self.model._default_manager.all() if queryset is None else queryset
        if not self.may(user, "view"):
            return queryset.none()
        return queryset

    def linkable(self, user, queryset: QuerySet | None = None) -> QuerySet:
        """The rows a new reference by `user` may point at (a meeting's campaigns, a follow-up's
        assignee): by default, what they may see."""
        return self.scope(user, queryset)

    # -- what a user may write -----------------------------------------------------------------
    def can_add(self, user, parent=None) -> bool:
        """May `user` add a row (under `parent`, when the model has one and it is known)?"""
        if not self.may(user, "add"):
            return False
        return parent is None or self.parent_policy().holds(user, parent)

    def can_change(self, user, record) -> bool:
        return self.may(user, "change") and self.holds(user, record)

    def can_delete(self, user, record) -> bool:
        return self.may(user, "delete") and self.holds(user, record)

    def holds(self, user, record) -> bool:
        """Whether `user` is among those who may write `record` (their role decides whether
        they may). Without a parent: whoever may write the model. With one: the parent's."""
        if self.parent is None:
            return True
        return self.parent_policy().holds(user, getattr(record, self.parent))

    def claim(self, user, record) -> None:
        """Stamp a new record with who it belongs to (its owner, its recorder) before it is saved."""

    # -- fields --------------------------------------------------------------------------------
    def hidden_fields(self, user, record=None) -> frozenset[str]:
        """Fields of `record` that `user` may not see, in any room (history included)."""
        if not self.hidden or record is None or user.is_superuser or self.holds(user, record):
            return frozenset()
        return frozenset(self.hidden)

    def unseen_links(self, user, record=None) -> frozenset[str]:
        """Links of `record` to rows whose names `user` may not be shown (a shared meeting's
        campaigns, for a partner: the owner's unshared campaigns among them). Pages that name
        what a record links to leave these out; the API gives their ids only."""
        if record is None or user.is_superuser or self.holds(user, record):
            return frozenset()
        return frozenset(
            field.name
            for field in self.model._meta.get_fields()
            if field.is_relation
            and field.concrete | field.many_to_many
            and not field.auto_created
            and field.name not in (self.parent, "owner")
            and not policy_for(field.related_model).public
        )

    def locked_fields(self, user, record=None) -> frozenset[str]:
        """Fields `user` sees but may not change (who owns a record is never chosen in a form)."""
        return frozenset()

    # -- history -------------------------------------------------------------------------------
    def can_view_version(self, user, version) -> bool:
        """May `user` see `version`, a past state of a row, in the history of a record they may
        see? By default yes, if they may see the model: the row belongs to that record."""
        return self.may(user, "view")

    def hidden_in_history(self, user, record, version) -> frozenset[str]:
        """Fields of `version` that the history of `record` must not show `user`: by default
        the fields its own page hides."""
        return self.hidden_fields(user, version)

    # -- helpers -------------------------------------------------------------------------------
    def may(self, user, action: str) -> bool:
        """The role's (or an explicit) model permission for `action`: view, add, change, delete."""
        if not (user and user.is_authenticated and user.is_active):
            return False
        opts = self.model._meta
        return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    def parent_policy(self) -> "Policy":
        return policy_for(self.model._meta.get_field(self.parent).related_model)


_POLICIES: dict[type[Model], Policy] = {}


def declare(model: type[Model], policy: Policy) -> Policy:
    """Make `policy` the one every room asks about `model`. Declared once: a second is an error."""
    if model in _POLICIES:
        raise ImproperlyConfigured(f"{model._meta.label} has a policy already.")
    policy.model = model
    _POLICIES[model] = policy
    return policy


def policy_for(model) -> Policy:
    """The policy of `model` (a class or an instance); a model without one is a configuration
    error, never an open door."""
    model = model if isinstance(model, type) else type(model)
    model = getattr(model, "pgh_tracked_model", None) or model._meta.concrete_model
    try:
        return _POLICIES[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no access policy (core.access.declare)."
        ) from None


def visible_prefetch(user, model, field_name: str) -> Prefetch:
    """Prefetch `model`'s many-to-many `field_name` with only the rows `user` may see: a
    partner reading a shared meeting gets the ids of the campaigns it may see it filed under, not
    those of the owner's unshared ones."""
    related = model._meta.get_field(field_name).related_model
    return Prefetch(field_name, queryset=policy_for(related).scope(user))


def require(allowed: bool, message: str = "You may not do this.") -> None:
    if not allowed:
        raise Forbidden(message)
