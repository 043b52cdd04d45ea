"""Input nobody should send is answered with a message, never a 500: JSON nested too deeply, a
day outside the calendar, a NUL byte, text where an id goes."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_json_nested_too_deeply_is_a_400_on_every_write(client, manager_user):
    client.force_login(manager_user)
    nested = "[" * 5000 + "]" * 5000  # deeper than Python's JSON decoder recurses
    response = client.post("/api/v1/meetings/", nested, content_type="application/json")
    assert response.status_code == 400 and "nested too deeply" in response.json()["detail"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("page", ["/dashboard/campaigns/{pk}/", "/dashboard/campaigns/{pk}/states/BWA/"])
def test_a_day_outside_the_calendar_is_a_400_naming_the_field(client, manager_user, organization, page, day):
    campaign = factories.CampaignFactory(owner=organization)
    client.force_login(manager_user)
    response = client.get(page.format(pk=campaign.pk), {"as_of": day})
    assert response.status_code == 400 and "As of" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "query"),
    [("/api/v1/people/", {"search": "Kim\x00"}), ("/api/v1/meetings/", {"symbol": "A/RES\x00"})],
)
def test_a_nul_byte_in_a_query_is_a_400(client, staff_user, path, query):
    client.force_login(staff_user)
    assert client.get(path, query).status_code == 400


def test_a_nul_byte_in_an_address_or_an_admin_search_is_no_500(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/api/v1/people/1\x00/").status_code == 404
    assert client.get("/admin/directory/person/", {"q": "Kim\x00"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "typed"),
    [
        ("/admin/advocacy/followup/add/", {"campaign": "abc", "meeting": "1; drop"}),
        ("/admin/advocacy/meeting/add/", {"campaigns": ["abc"], "states": ["x"]}),
    ],
)
def test_text_where_an_admin_autocomplete_wants_an_id_is_a_form_error(client, staff_user, path, typed):
    client.force_login(staff_user)
    posted = {
        "description": "Call the mission",
        "due_on": "2014-11-01",
        "status": "open",
        "date": "2014-10-23",
    }
    response = client.post(path, posted | typed)
    assert response.status_code == 200  # the form again, with its errors (a 500 before)
    assert response.context["adminform"].form.errors
