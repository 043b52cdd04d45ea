"""Dates as each user writes them (core/dates.py, config/formats/): their browser's language picks
the order of day and month, ISO 8601 is always read, anything else is refused with the expected
format and an example; never read the other way round. The API and the dashboards' links stay ISO."""

import datetime
import re

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.test import RequestFactory
from django.utils import translation

from core.dates import LocaleDateField, LocaleDateWidget
from tests import factories


@pytest.mark.parametrize(
    ("language", "read_as"),
    [
        ("en-gb", datetime.date(2026, 12, 5)),
        ("en-us", datetime.date(2026, 5, 12)),  # the United States: month first
        ("fr", datetime.date(2026, 12, 5)),
        ("es", datetime.date(2026, 12, 5)),
    ],
)
def test_a_date_is_read_in_the_order_of_the_users_language(language, read_as):
    with translation.override(language):
        assert LocaleDateField().clean("05/12/2026") == read_as
        assert LocaleDateField().clean(" 2026-12-05 ") == datetime.date(2026, 12, 5)  # ISO, in every one


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("en-US,en;q=0.9", "en-us"),  # only US English reads month first
        ("en", "en-gb"),
        ("en-AU", "en-gb"),
        ("de-DE,de;q=0.9", "en-gb"),  # a language Plenary does not list: day first, never US
        ("fr-CA", "fr"),
        ("", "en-gb"),
    ],
)
def test_only_a_browser_asking_for_us_english_reads_dates_month_first(rf, accept_language, language):
    assert (
        translation.get_language_from_request(rf.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)) == language
    )


@pytest.mark.parametrize(
    ("language", "typed", "hint"),
    [
        ("en-gb", "11/30/2026", "Enter it as dd/mm/yyyy, e.g. 31/12/"),
        ("en-us", "30/11/2026", "Enter it as mm/dd/yyyy, e.g. 12/31/"),
        ("fr", "11/30/2026", "Enter it as jj/mm/aaaa, e.g. 31/12/"),
        ("es", "11/30/2026", "Enter it as dd/mm/aaaa, e.g. 31/12/"),
    ],
)
def test_the_other_order_is_refused_with_the_expected_format_and_an_example(language, typed, hint):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        LocaleDateField().clean(typed)
    assert f"“{typed}” is not a date written" in refused.value.messages[0]
    assert hint in refused.value.messages[0]


@pytest.mark.parametrize("typed", ["5/12/26", "05.12.2026", "Dec 5 2026", "2026-12-05 10:00", "31/02/2026"])
def test_nothing_else_is_read_as_a_date(typed):
    with translation.override("en-gb"), pytest.raises(ValidationError, match="dd/mm/yyyy"):
        LocaleDateField().clean(typed)


def test_a_date_field_shows_the_date_the_expected_format_and_where_the_date_read_goes():
    with translation.override("en-gb"):
        html = LocaleDateWidget().render("due_on", datetime.date(2026, 12, 5), {"id": "id_due_on"})
    assert 'value="05/12/2026"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'data-date-format="%d/%m/%Y"' in html
    assert 'id="id_due_on_format">dd/mm/yyyy, e.g. 31/12/' in html
    assert 'aria-describedby="id_due_on_format id_due_on_read"' in html
    assert '<output class="plenary-date-read" id="id_due_on_read" for="id_due_on"' in html


def test_every_date_field_of_every_admin_page_reads_the_users_own_way():
    request = RequestFactory().get("/")
    checked = []
    for model, model_admin in admin.site._registry.items():
        for db_field in model._meta.concrete_fields:
            if type(db_field) is not models.DateField or not db_field.editable:
                continue
            formfield = model_admin.formfield_for_dbfield(db_field, request)
            assert isinstance(formfield, LocaleDateField), f"{model.__name__}.{db_field.name}"
            assert isinstance(formfield.widget, LocaleDateWidget), f"{model.__name__}.{db_field.name}"
            checked.append(f"{model.__name__}.{db_field.name}")
    assert {"Meeting.date", "FollowUp.due_on", "Stance.as_of", "Campaign.starts_on"} <= set(checked)


@pytest.mark.django_db
def test_a_meeting_typed_in_british_english_is_saved_on_the_day_meant(staff_client):
    british = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
    no_rows = {
        f"{rows}-{count}_FORMS": 0 for rows in ("follow_ups", "stances") for count in ("TOTAL", "INITIAL")
    }
    data = {"states": [factories.state("BWA").pk], **no_rows}
    refused = staff_client.post("/admin/advocacy/meeting/add/", {**data, "date": "11/30/2026"}, **british)
    assert "“11/30/2026” is not a date written dd/mm/yyyy" in refused.content.decode()
    assert "dd/mm/yyyy, e.g. 31/12/" in refused.content.decode()  # beside the field
    response = staff_client.post("/admin/advocacy/meeting/add/", {**data, "date": "05/12/2026"}, **british)
    assert response.status_code == 302
    assert factories.state("BWA").meetings.get().date == datetime.date(2026, 12, 5)


@pytest.mark.django_db
def test_the_admins_calendar_writes_dates_in_the_users_order(staff_client):
    catalog = staff_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    # Django's calendar writes the first of the formats the page's catalogue names.
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"([^"]+)"', catalog).group(1) == "%d/%m/%Y"


@pytest.mark.django_db
def test_the_api_reads_and_writes_iso_dates_whatever_the_language(client, staff_user):
    client.force_login(staff_user)
    factories.MeetingFactory(owner=staff_user.organization, date=datetime.date(2026, 12, 5))
    british = {"HTTP_ACCEPT_LANGUAGE": "en-GB"}
    refused = client.get("/api/v1/meetings/", {"date_after": "05/12/2026"}, **british)
    assert refused.status_code == 400 and "date_after" in refused.json()
    listed = client.get("/api/v1/meetings/", {"date_after": "2026-12-05"}, **british).json()["results"]
    assert [meeting["date"] for meeting in listed] == ["2026-12-05"]


@pytest.mark.django_db
def test_a_dashboards_day_is_iso_whatever_the_language(client, manager_user):
    client.force_login(manager_user)
    campaign = factories.CampaignFactory(owner=manager_user.organization)
    page = f"/dashboard/campaigns/{campaign.pk}/"
    assert client.get(page, {"as_of": "05/12/2026"}, HTTP_ACCEPT_LANGUAGE="en-GB").status_code == 400
    assert client.get(page, {"as_of": "2026-12-05"}, HTTP_ACCEPT_LANGUAGE="en-GB").status_code == 200
