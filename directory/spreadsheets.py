"""The spreadsheets of the shared directory: people (diplomats above all) and organizations. A
protected person is in them by their pseudonym only: their real name is sealed in their identity,
which no spreadsheet reads or writes."""

from core.spreadsheet_columns import ChoiceColumn, RecordColumn, YesNoColumn
from core.spreadsheet_resources import PolicyResource, column, id_column
from directory.models import Organization, Person
from unrecord.spreadsheets import StateColumn


def organization_column() -> RecordColumn:
    return RecordColumn(Organization, names=("name", "acronym"))


class PersonResource(PolicyResource):
    id = id_column()
    name = column("name")
    category = column("category", ChoiceColumn(Person.Category.choices))
    title = column("title")
    organization = column("organization", organization_column())
    state = column("state", StateColumn())
    email = column("email")
    phone = column("phone")
    notes = column("notes")
    is_protected = column("is_protected", YesNoColumn(), keeps_default=True)

    example = {
        "name": "Jane Mwangi",
        "category": "Diplomat",
        "title": "Counsellor",
        "organization": "Permanent Mission of Kenya",
        "state": "KEN",
        "email": "jane.mwangi@example.org",
        "is_protected": "no",
    }
    guide = (
        "name: the name shown everywhere (a pseudonym, for a protected person). category: "
        "Diplomat, NGO staff, UN official..., a diplomat names their state. organization: an "
        "organization's name or acronym. state: its ISO3 code or any of its names. is_protected: yes or no."
    )

    class Meta:
        model = Person
        fields = ("id", "name", "category", "title", "organization", "state", "email", "phone", "notes",
                  "is_protected")  # fmt: skip


class OrganizationResource(PolicyResource):
    id = id_column()
    name = column("name")
    acronym = column("acronym")
    kind = column("kind", ChoiceColumn(Organization.Kind.choices))
    state = column("state", StateColumn())
    website = column("website")
    notes = column("notes")

    example = {
        "name": "Permanent Mission of Kenya",
        "kind": "Permanent mission of a state",
        "state": "Kenya",
        "website": "https://example.org",
    }
    guide = (
        "kind: NGO, Permanent mission of a state, UN office or mandate... (a mission names its "
        "state). state: its ISO3 code or any of its names."
    )

    class Meta:
        model = Organization
        fields = ("id", "name", "acronym", "kind", "state", "website", "notes")
