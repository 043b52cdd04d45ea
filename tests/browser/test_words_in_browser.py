"""Words for people, in the browser: an empty list's next step, the warning of a look-alike
person with its "save anyway", and a history in names; at desktop, and the warning at phone width."""

import pytest

from tests import factories
from tests.browser.staff_day import DESKTOP, PASSWORD, PHONE, log_in
from tests.browser.staff_day.steps_words import (
    add_a_person_like_one_recorded,
    read_a_history_in_names,
    see_an_empty_list_say_what_to_do_next,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_are_told_what_to_do_warned_of_look_alikes_and_read_history_in_names(open_page, live_server):
    organization = factories.OrganizationFactory(name="Citizens' Alliance")
    factories.UserFactory(username="staff", organization=organization, role="staff", password=PASSWORD)
    factories.PersonFactory(name="Kim Sŏng-ae")
    desktop = open_page(viewport=DESKTOP)
    log_in(desktop, "staff")
    see_an_empty_list_say_what_to_do_next(
        desktop, live_server.url, path="/admin/advocacy/meeting/", words="Log your first meeting"
    )
    add_a_person_like_one_recorded(desktop, live_server.url, name="Kim Song Ae", look_alike="Kim Sŏng-ae")
    meeting = factories.MeetingFactory(owner=organization)
    meeting.states.add(factories.state("KEN"))
    read_a_history_in_names(
        desktop,
        live_server.url,
        path=f"/admin/advocacy/meeting/{meeting.pk}/history/",
        names=["Kenya", "Citizens' Alliance"],
    )
    phone = open_page(viewport=PHONE)
    log_in(phone, "staff")
    add_a_person_like_one_recorded(phone, live_server.url, name="Kim Song-Ae", look_alike="Kim Sŏng-ae")
