"""Every write to the directory: organizations, people and their protection, identities (the
log of who read them, the keys they are sealed with), colleagues (users) and partnerships."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import sealed
from core.access import policy_for, require
from core.services import Writes
from directory.models import IdentityRead, Organization, Partnership, Person, PersonIdentity, User


def _protection_follows(*, author, record, stored, data) -> None:
    """Who protects a person holds the protection: they alone may change or unprotect them."""
    was_protected = stored is not None and stored.is_protected
    if record.is_protected and not was_protected:
        record.protected_by_id = record.protected_by_id or author.organization_id
    elif not record.is_protected:
        record.protected_by = None


def _earlier_names_forgotten(*, record, stored) -> None:
    """A protected person is known by their pseudonym alone, in their history too: the names it
    kept from before (as like as not the real one) become the pseudonym, so that no backup or
    history page holds a real name in the clear. The real name lives sealed in their identity."""
    if record.is_protected:
        record.events.exclude(name=record.name).update(name=record.name)


def _identity_of_own_protected_person(*, author, record, stored, data) -> None:
    person = record.person
    if not person.is_protected or not policy_for(Person).holds(author, person):
        raise ValidationError(
            {"person": "Protect this person first: an identity belongs to whoever protected them."}
        )


organization_writes = Writes(Organization)
person_writes = Writes(Person, checks=(_protection_follows,), after=(_earlier_names_forgotten,))
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


def log_identity_reads(*, reader: User, identities, room: str) -> list[IdentityRead]:
    """Record that `reader` was shown the real names of `identities` in `room` (IdentityRead.Room):
    one row per person, in one insert (one more query for the pseudonyms of identities fetched
    without their person). Every room that shows a real name calls it as it shows it."""
    shown = {identity.person_id: identity for identity in identities}
    if not shown:
        return []
    pseudonyms = _pseudonyms(shown.values())
    return IdentityRead.objects.bulk_create(
        IdentityRead(
            reader=reader,
            reader_username=reader.get_username(),
            room=room,
            owner_id=identity.owner_id,
            # A past version's person may have been deleted since (history shows every version).
            person_id=person_id if person_id in pseudonyms else None,
            pseudonym=pseudonyms.get(person_id, ""),
        )
        for person_id, identity in shown.items()
    )


def _pseudonyms(identities) -> dict[int, str]:
    person = PersonIdentity._meta.get_field("person")
    if all(person.is_cached(identity) for identity in identities):
        return {identity.person_id: identity.person.name for identity in identities}
    ids = [identity.person_id for identity in identities]
    return dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))


@transaction.atomic
def rotate_identity_key() -> dict[str, int]:
    """Seal every sealed value again under the first key of PLENARY_IDENTITY_KEYS, so that the
    keys after it may be dropped: the identities, their history, and any other model with a
    sealed field (none may be left under a key about to go). Rows per model, by label."""
    return {model._meta.label: sealed.reseal_model(model) for model in sealed.sealed_models()}


# The database's constraints say the rest (no partnership with oneself, one standing per pair),
# and the service's validation reports them before the save.
partnership_writes = Writes(Partnership)
# Nobody records a read by hand: its policy refuses every add, change and delete, so this refuses
# every caller; log_identity_reads is the log's only writer.
identity_read_writes = Writes(IdentityRead)


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
