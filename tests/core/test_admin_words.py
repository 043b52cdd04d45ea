"""The admin in words: an empty list says what to do next; fields for demo data are hidden while
none is loaded; the history names what a change points at, as the policy lets the reader see it."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_an_empty_list_says_what_to_do_next_with_the_add_link(staff_client):
    page = staff_client.get("/admin/advocacy/meeting/").content.decode()
    assert "No meetings yet." in page and "Log your first meeting" in page
    assert 'href="/admin/advocacy/meeting/add/' in page


def test_a_list_emptied_by_a_search_says_so_and_offers_them_all(staff_client, organization):
    factories.MeetingFactory(owner=organization)
    page = staff_client.get("/admin/advocacy/meeting/?q=Pyongyang").content.decode()
    assert "No meetings match “Pyongyang”" in page and "Show all meetings" in page


def test_demo_only_fields_are_hidden_until_demo_data_is_loaded(staff_client, organization):
    meeting = factories.MeetingFactory(owner=organization)
    for path in ["/admin/advocacy/meeting/", f"/admin/advocacy/meeting/{meeting.pk}/change/"]:
        assert "is_illustrative" not in staff_client.get(path).content.decode()
    factories.SideEventFactory(owner=organization, is_illustrative=True)
    for path in ["/admin/advocacy/meeting/", f"/admin/advocacy/meeting/{meeting.pk}/change/"]:
        assert "is_illustrative" in staff_client.get(path).content.decode()


def test_a_change_without_the_demo_field_on_the_form_saves(staff_client, organization):
    meeting = factories.MeetingFactory(owner=organization, place="Mission of Botswana")
    page = staff_client.get(f"/admin/advocacy/meeting/{meeting.pk}/change/")
    version = page.context["adminform"].form["_version"].value()
    response = staff_client.post(
        f"/admin/advocacy/meeting/{meeting.pk}/change/",
        {
            "date": "2014-10-23",
            "place": "Mission of Panama",
            "_version": version,
            "follow_ups-TOTAL_FORMS": 0,
            "follow_ups-INITIAL_FORMS": 0,
            "stances-TOTAL_FORMS": 0,
            "stances-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
