"""People and organizations in and out of spreadsheets: imported into the shared directory as
recorded by the importer's organization; a protected person leaves only as their pseudonym."""

import pytest

from directory.models import Organization, Person
from directory.spreadsheets import PersonResource
from tests import factories
from tests.spreadsheets import csv_file, exported_rows, import_rows, xlsx_file

pytestmark = pytest.mark.django_db

PEOPLE, ORGANIZATIONS = "/admin/directory/person/", "/admin/directory/organization/"
PERSON_HEADER = ["name", "category", "title", "organization", "state", "email", "is_protected"]


def test_staff_import_diplomats_from_a_csv_file(client, staff_user, organization):
    mission = factories.OrganizationFactory(name="Permanent Mission of Kenya", acronym="PMK")
    client.force_login(staff_user)
    rows = [
        PERSON_HEADER,
        ["Jane Mwangi", "Diplomat", "Counsellor", "pmk", "Kenya", "jane@example.org", "no"],
    ]
    import_rows(client, PEOPLE, csv_file(rows))
    person = Person.objects.get()
    assert (person.category, person.organization, person.state.iso3) == ("diplomat", mission, "KEN")
    assert person.recorded_by == organization  # claimed by the service, as the admin's form is


def test_staff_import_people_from_an_excel_file(client, staff_user):
    client.force_login(staff_user)
    import_rows(client, PEOPLE, xlsx_file([PERSON_HEADER, ["Ama Mensah", "expert", "", "", "", "", "yes"]]))
    person = Person.objects.get()
    assert (person.name, person.is_protected, person.protected_by) == (
        "Ama Mensah",
        True,
        staff_user.organization,
    )


def test_each_bad_cell_is_named_by_row_and_column(staff_user):
    rows = [["Ana", "Diplomat", "", "", "", "", "no"], ["Bo", "Spy", "", "", "", "not an email", "maybe"]]
    result = PersonResource(user=staff_user).import_data(_sheet(PERSON_HEADER, rows), dry_run=True)
    first, second = result.invalid_rows
    assert first.number == 1 and "diplomat represents a state" in str(first.error)  # the model's rule
    categories = ", ".join(label for _, label in Person.Category.choices)
    assert (second.number, second.error.message_dict) == (
        2,
        {
            "category": [f"'Spy' is not one of: {categories}"],
            "is_protected": ["'maybe' is neither yes nor no"],
            "email": ["Enter a valid email address."],
        },
    )


def test_the_export_shows_a_protected_person_by_their_pseudonym_only(client, staff_user, organization):
    witness = factories.ProtectedPersonFactory(
        name="Witness A", protected_by=organization, identity__real_name="Kim Sealed"
    )
    client.force_login(staff_user)
    response = client.post(f"{PEOPLE}export/", {"format": "0", "resource": "0"})
    assert [row["name"] for row in exported_rows(response)] == [witness.name]
    assert b"Kim Sealed" not in response.content


def test_staff_import_organizations_from_csv_and_excel(client, staff_user, organization):
    client.force_login(staff_user)
    header = ["name", "acronym", "kind", "state", "website"]
    import_rows(client, ORGANIZATIONS, csv_file([header, ["Mission of Ghana", "", "mission", "GHA", ""]]))
    import_rows(
        client, ORGANIZATIONS, xlsx_file([header, ["Rights Now", "RN", "NGO", "", "https://rn.example"]])
    )
    imported = Organization.objects.filter(recorded_by=organization).order_by("name")
    assert [(o.name, o.kind, o.recorded_by) for o in imported] == [
        ("Mission of Ghana", "mission", organization),
        ("Rights Now", "ngo", organization),
    ]


def test_an_organization_already_in_the_directory_is_refused_by_name(client, staff_user, organization):
    client.force_login(staff_user)
    upload = csv_file([["name", "kind"], [organization.name, "NGO"]])
    response = client.post(f"{ORGANIZATIONS}import/", {"format": "0", "resource": "0", "import_file": upload})
    assert response.context["problems"] == ["Row 2, name: Organization with this Name already exists."]


def _sheet(header, rows):
    import tablib

    return tablib.Dataset(*rows, headers=header)
