"""Who may see and change the directory and every record an organization owns.

- An organization's records (campaigns, outreach, documents, identities) are seen by its users
  and, when marked shared, by its partners; they are changed only by its own users, as their role
  allows. A row that belongs to such a record (a campaign's targets, a letter's signatures)
  follows its parent. Fields declared hidden (a meeting's confidential notes) are seen only by
  the owner.
- The shared directory (organizations, people) is read by everyone; an entry is changed or
  deleted by the organization that recorded it, or by a record keeper. A protected person is
  changed only by the organization that protected them, and nobody else may unprotect them.
- Partnerships are agreements between two organizations' managers.
- Users are seen by their colleagues and managed by their organization's managers.
- The log of who read a protected identity is read by the holding organization's managers.
"""

from django.db.models import Q

from core.access import Policy, declare, policy_for
from directory.models import IdentityRead, Organization, Partnership, Person, PersonIdentity, User
from directory.two_factor import rules as two_factor
from unrecord.access import is_record_keeper

OWNER_FIELDS = frozenset({"owner"})


def organization_of(user):
    return getattr(user, "organization_id", None)


def _same_organization(user, organization_id) -> bool:
    return organization_of(user) is not None and organization_id == organization_of(user)


def _explicit_permissions(user) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in user.user_permissions.values_list("content_type__app_label", "codename")
    }


def _managers_may(user, action: str) -> bool:
    """For what an organization manages of itself (its users, its partnerships): members see,
    managers add and change, nobody deletes (a colleague is deactivated, a partnership ended)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if action == "view":
        return organization_of(user) is not None
    return action in ("add", "change") and user.role == User.Role.MANAGER


class OwnedPolicy(Policy):
    """Records with an `owner` (parent=None), or rows that belong to one (parent="campaign")."""

    def __init__(self, *, parent: str | None = None, hidden: tuple[str, ...] = ()):
        self.parent = parent
        self.hidden = hidden
        prefix = f"{parent}__" if parent else ""
        self.owner_path = f"{prefix}owner_id"
        self.shared_path = f"{prefix}shared_with_partners"

    def scope(self, user, queryset=None):
        queryset = super().scope(user, queryset)
        return queryset if user.is_superuser else self.seen_by_organization(organization_of(user), queryset)

    def seen_by_organization(self, organization_id, queryset=None):
        """What an organization's users see: its own records, and what its partners share with
        it (for what goes to an organization as a whole, such as a campaign's weekly digest)."""
        queryset = self.model._default_manager.all() if queryset is None else queryset
        if organization_id is None:
            return queryset.none()
        partners = Partnership.objects.partner_ids_of(organization_id)
        return queryset.filter(
            Q(**{self.owner_path: organization_id})
            | Q(**{self.shared_path: True, f"{self.owner_path}__in": partners})
        )

    def linkable(self, user, queryset=None):
        queryset = super().scope(user, queryset)
        return queryset if user.is_superuser else queryset.filter(**{self.owner_path: organization_of(user)})

    def holds(self, user, record) -> bool:
        if self.parent is not None:
            return super().holds(user, record)
        return user.is_superuser or _same_organization(user, record.owner_id)

    def claim(self, user, record) -> None:
        if self.parent is None and not record.owner_id:
            record.owner_id = organization_of(user)

    def locked_fields(self, user, record=None):
        return frozenset() if user.is_superuser or self.parent else OWNER_FIELDS

    def can_view_version(self, user, version) -> bool:
        if self.parent is not None:  # a row of the record whose history is read
            return super().can_view_version(user, version)
        if self.holds(user, version):
            return True
        return version.shared_with_partners and _partnered(organization_of(user), version.owner_id)


def _partnered(organization_id, other_id) -> bool:
    if organization_id is None:
        return False
    return Partnership.objects.partner_ids_of(organization_id).filter(other=other_id).exists()


class IdentityPolicy(OwnedPolicy):
    """The real name behind a pseudonym: only with the explicit identity permission (no role has
    it), only after a second factor (a stolen password alone reaches no identity), and only in
    the organization that recorded it (or a partner it shares it with)."""

    def may(self, user, action: str) -> bool:
        return super().may(user, action) and two_factor.is_verified(user)

    def history_readable(self, user, owner_id) -> bool:
        """History shows an identity to the owning organization's permitted users only, never
        to a partner's, even when the identity itself is shared."""
        return self.may(user, "view") and (user.is_superuser or owner_id == organization_of(user))

    def can_view_version(self, user, version) -> bool:
        return self.history_readable(user, version.owner_id)


class IdentityReadPolicy(Policy):
    """The log of who was shown a real name: read by the managers of the organization that holds
    the identities (superusers: all of it), written only by the service that logs each reading,
    and never changed or deleted by anyone."""

    def may(self, user, action: str) -> bool:
        if action != "view" or not (user and user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or user.role == User.Role.MANAGER

    def scope(self, user, queryset=None):
        queryset = super().scope(user, queryset)
        return queryset if user.is_superuser else queryset.filter(owner_id=organization_of(user))

    def holds(self, user, record) -> bool:
        return False


class DirectoryPolicy(Policy):
    """The shared directory: read by everyone; changed by who recorded the entry, or a keeper."""

    public = True

    def holds(self, user, record) -> bool:
        if user.is_superuser or is_record_keeper(user):
            return True
        return _same_organization(user, record.recorded_by_id)

    def claim(self, user, record) -> None:
        record.recorded_by_id = record.recorded_by_id or organization_of(user)

    def locked_fields(self, user, record=None):
        return frozenset() if user.is_superuser else frozenset({"recorded_by"})


class OrganizationPolicy(DirectoryPolicy):
    """An organization's own managers may also keep its entry (its name, website) up to date."""

    def holds(self, user, record) -> bool:
        manager = getattr(user, "role", None) == User.Role.MANAGER
        return (manager and _same_organization(user, record.pk)) or super().holds(user, record)


class PersonPolicy(DirectoryPolicy):
    def holds(self, user, record) -> bool:
        if record.is_protected:
            # Protection belongs to whoever gave it: not even a record keeper may lift it.
            return user.is_superuser or _same_organization(user, record.protected_by_id)
        return super().holds(user, record)

    def locked_fields(self, user, record=None):
        return super().locked_fields(user, record) | ({"protected_by"} if not user.is_superuser else set())

    def hidden_in_history(self, user, record, version) -> frozenset[str]:
        """Once protected, the names a person had before are history only for those who may
        read their identity: the protecting organization's users with the identity permission.
        For everyone else no name is shown in the history at all (the pseudonym is on the page):
        an event's earlier name may be the real one."""
        hidden = super().hidden_in_history(user, record, version)
        identity = policy_for(PersonIdentity)
        if not record.is_protected or identity.history_readable(user, record.protected_by_id):
            return hidden
        return hidden | {"name"}


class ColleaguePolicy(Policy):
    """Users: seen by their colleagues; added, deactivated and given a role by their
    organization's managers. Superuser status and explicit permissions are a superuser's."""

    MANAGED_BY_SUPERUSERS = frozenset(
        {
            "is_superuser",
            "is_staff",
            "organization",
            "user_permissions",
            "groups",
            "last_login",
            "date_joined",
        }
    )

    def may(self, user, action: str) -> bool:
        return _managers_may(user, action)

    def scope(self, user, queryset=None):
        queryset = super().scope(user, queryset)
        return queryset if user.is_superuser else queryset.filter(organization_id=organization_of(user))

    def linkable(self, user, queryset=None):
        return self.scope(user, queryset).filter(is_active=True)

    def holds(self, user, record) -> bool:
        if user.is_superuser:
            return True
        if not _same_organization(user, record.organization_id) or record.is_superuser:
            return False
        # A manager may not manage a colleague who holds what the manager does not (the identity
        # permission): resetting their password would be a way to it.
        return record.pk is None or _explicit_permissions(record) <= user.get_all_permissions()

    def claim(self, user, record) -> None:
        record.organization_id = record.organization_id or organization_of(user)

    def locked_fields(self, user, record=None):
        return frozenset() if user.is_superuser else self.MANAGED_BY_SUPERUSERS


class PartnershipPolicy(Policy):
    """Seen by the two organizations; proposed, accepted and ended by their managers."""

    def may(self, user, action: str) -> bool:
        return _managers_may(user, action)

    def scope(self, user, queryset=None):
        queryset = super().scope(user, queryset)
        return (
            queryset
            if user.is_superuser
            else queryset.filter(Q(proposer_id=organization_of(user)) | Q(partner_id=organization_of(user)))
        )

    def holds(self, user, record) -> bool:
        return user.is_superuser or any(
            _same_organization(user, side) for side in (record.proposer_id, record.partner_id)
        )

    def claim(self, user, record) -> None:
        record.proposer_id = record.proposer_id or organization_of(user)
        record.proposed_by = user

    def locked_fields(self, user, record=None):
        # Its course is set by the services (propose, accept, end), never typed into a form.
        fixed = {"status", "proposed_by", "proposed_at", "accepted_by", "accepted_at", "ended_by", "ended_at"}
        return frozenset(fixed | ({"proposer"} if not user.is_superuser else set()))


declare(Organization, OrganizationPolicy())
declare(Person, PersonPolicy())
declare(PersonIdentity, IdentityPolicy())
declare(IdentityRead, IdentityReadPolicy())
declare(User, ColleaguePolicy())
declare(Partnership, PartnershipPolicy())
