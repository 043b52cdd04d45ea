"""Loads the organizations and people the sources name, the survivors under pseudonyms, and the
staff user follow-ups are assigned to."""

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from demo.dataset import directory
from demo.loader.context import Demo
from directory.models import Organization, Partnership, Person, PersonIdentity, User


def load_organizations(demo: Demo) -> None:
    for handle, data in directory.ORGANIZATIONS.items():
        values = {key: value for key, value in data.items() if key not in ("name", "state")}
        organization, _ = Organization.objects.get_or_create(
            name=data["name"], defaults={**values, "state": demo.state(data.get("state"))}
        )
        demo.organizations[handle] = organization
    demo.owner = demo.organizations[directory.OWNER]
    # The NGO recorded the directory it works with: it (and record keepers) may change it. Not
    # the missions, which the directory has out of the box (directory/missions.py) for everyone.
    Organization.objects.filter(pk__in=[o.pk for o in demo.organizations.values()], recorded_by=None).exclude(
        pk=demo.owner.pk
    ).exclude(kind=Organization.Kind.MISSION).update(recorded_by=demo.owner)
    for handle in directory.PARTNERS:
        _partnership(demo.owner, demo.organizations[handle])


def _partnership(owner: Organization, partner: Organization) -> None:
    """An agreed partnership, as if the partner's manager had accepted the NGO's proposal."""
    pair = Partnership.objects.involving(owner.pk).involving(partner.pk)
    if not pair.exclude(status=Partnership.Status.ENDED).exists():
        now = timezone.now()
        agreed = {"status": Partnership.Status.ACTIVE, "proposed_at": now, "accepted_at": now}
        Partnership.objects.create(proposer=owner, partner=partner, **agreed)


def load_people(demo: Demo) -> None:
    for handle, data in directory.PEOPLE.items():
        values = {key: value for key, value in data.items() if key not in ("name", "organization", "state")}
        values |= {
            "organization": demo.organization(data.get("organization")),
            "state": demo.state(data.get("state")),
            "recorded_by": demo.owner,
        }
        demo.people[handle], _ = Person.objects.get_or_create(name=data["name"], defaults=values)
    for handle, data in directory.WITNESSES.items():
        demo.people[handle] = _protected_person(demo, data)


def _protected_person(demo: Demo, data: dict) -> Person:
    """A survivor: listed under a pseudonym; the real name is kept in the identity record only."""
    person, _ = Person.objects.get_or_create(
        name=data["name"],
        defaults={
            "is_protected": True,
            "protected_by": demo.owner,
            "recorded_by": demo.owner,
            "category": Person.Category.WITNESS,
            "notes": data["notes"],
        },
    )
    PersonIdentity.objects.get_or_create(
        person=person,
        defaults={"owner": demo.owner, "real_name": data["real_name"], "notes": data["identity_notes"]},
    )
    return person


def load_staff_user(demo: Demo) -> None:
    demo.staff, _ = User.objects.get_or_create(
        username=directory.STAFF_USERNAME,
        defaults={"organization": demo.owner, "role": User.Role.STAFF, "password": make_password(None)},
    )
