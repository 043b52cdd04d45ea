"""Every write to the directory: organizations, people and their protection, identities,
colleagues (users) and partnerships."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.access import policy_for, require
from core.services import Writes
from directory.models import Organization, Partnership, Person, PersonIdentity, User


def _protection_follows(*, author, record, stored, data) -> None:
    """Who protects a person holds the protection: they alone may change or unprotect them."""
    was_protected = stored is not None and stored.is_protected
    if record.is_protected and not was_protected:
        record.protected_by_id = record.protected_by_id or author.organization_id
    elif not record.is_protected:
        record.protected_by = None


def _identity_of_own_protected_person(*, author, record, stored, data) -> None:
    person = record.person
    if not person.is_protected or not policy_for(Person).holds(author, person):
        raise ValidationError(
            {"person": "Protect this person first: an identity belongs to whoever protected them."}
        )


organization_writes = Writes(Organization)
person_writes = Writes(Person, checks=(_protection_follows,))
identity_writes = Writes(PersonIdentity, checks=(_identity_of_own_protected_person,))


def _staff_status_follows_role(*, author, record, stored, data) -> None:
    # Every role works in the admin (analysts read there), so an active colleague is admin staff.
    if not record.is_superuser:
        record.is_staff = record.is_active and record.role in User.Role.values


def _keeps_a_manager(*, author, record, stored, data) -> None:
    """An organization is never left without an active manager to manage it."""
    was_manager = stored is not None and stored.is_active and stored.role == User.Role.MANAGER
    still_manager = record.is_active and record.role == User.Role.MANAGER
    if not was_manager or still_manager:
        return
    others = User.objects.filter(
        organization_id=record.organization_id, role=User.Role.MANAGER, is_active=True
    )
    if not others.exclude(pk=record.pk).exists():
        raise ValidationError({"role": "This is the organization's last active manager: name another first."})


colleague_writes = Writes(User, checks=(_staff_status_follows_role, _keeps_a_manager))


# The database's constraints say the rest (no partnership with oneself, one standing per pair),
# and the service's validation reports them before the save.
partnership_writes = Writes(Partnership)


def propose_partnership(*, author, partner: Organization) -> Partnership:
    """A manager proposes that their organization and `partner` read each other's shared records."""
    return partnership_writes.save(author=author, record=Partnership(), data={"partner": partner})


@transaction.atomic
def accept_partnership(*, author, partnership: Partnership) -> Partnership:
    """A manager of the proposed partner accepts: from now on each reads the other's shared records."""
    partnership = _locked(partnership)
    require(
        policy_for(Partnership).can_change(author, partnership)
        and partnership.status == Partnership.Status.PROPOSED
        and (author.is_superuser or partnership.partner_id == author.organization_id),
        "Only a manager of the invited organization may accept a proposed partnership.",
    )
    partnership.status = Partnership.Status.ACTIVE
    partnership.accepted_by, partnership.accepted_at = author, timezone.now()
    partnership.save(update_fields=["status", "accepted_by", "accepted_at"])
    return partnership


@transaction.atomic
def end_partnership(*, author, partnership: Partnership) -> Partnership:
    """A manager of either organization ends a partnership (or withdraws a proposal): shared
    records stop being readable by the other at once."""
    partnership = _locked(partnership)
    require(
        policy_for(Partnership).can_change(author, partnership)
        and partnership.status != Partnership.Status.ENDED,
        "Only a manager of one of the two organizations may end their partnership.",
    )
    partnership.status = Partnership.Status.ENDED
    partnership.ended_by, partnership.ended_at = author, timezone.now()
    partnership.save(update_fields=["status", "ended_by", "ended_at"])
    return partnership


def _locked(partnership: Partnership) -> Partnership:
    return Partnership.objects.select_for_update().get(pk=partnership.pk)
