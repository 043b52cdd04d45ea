"""Loads the organizations and people the sources name, the survivors under pseudonyms, and the
staff user follow-ups are assigned to."""

from django.contrib.auth.hashers import make_password

from demo.dataset import directory
from demo.loader.context import Demo
from directory.models import Organization, Person, PersonIdentity, User


def load_organizations(demo: Demo) -> None:
    for handle, data in directory.ORGANIZATIONS.items():
        values = {key: value for key, value in data.items() if key not in ("name", "state")}
        organization, _ = Organization.objects.get_or_create(
            name=data["name"], defaults={**values, "state": demo.state(data.get("state"))}
        )
        demo.organizations[handle] = organization
    demo.owner = demo.organizations[directory.OWNER]
    demo.owner.partners.add(*(demo.organizations[handle] for handle in directory.PARTNERS))


def load_people(demo: Demo) -> None:
    for handle, data in directory.PEOPLE.items():
        values = {key: value for key, value in data.items() if key not in ("name", "organization", "state")}
        values |= {
            "organization": demo.organization(data.get("organization")),
            "state": demo.state(data.get("state")),
        }
        demo.people[handle], _ = Person.objects.get_or_create(name=data["name"], defaults=values)
    for handle, data in directory.WITNESSES.items():
        demo.people[handle] = _protected_person(demo, data)


def _protected_person(demo: Demo, data: dict) -> Person:
    """A survivor: listed under a pseudonym; the real name is kept in the identity record only."""
    person, _ = Person.objects.get_or_create(
        name=data["name"],
        defaults={"is_protected": True, "category": Person.Category.WITNESS, "notes": data["notes"]},
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
