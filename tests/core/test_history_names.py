"""The change history names what a record points at (its states, its owner, its campaigns) and
its choices by label, never by bare id; what the reader may not see is not named."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def _history(client, meeting) -> str:
    return client.get(f"/admin/advocacy/meeting/{meeting.pk}/history/").content.decode()


def test_the_history_names_states_owner_and_campaigns(staff_client, organization):
    meeting = factories.MeetingFactory(owner=organization)
    meeting.states.add(factories.state("BWA"))
    meeting.campaigns.add(factories.CampaignFactory(owner=organization, name="COI follow-up"))
    page = _history(staff_client, meeting)
    assert "Botswana" in page and "COI follow-up" in page and organization.name in page
    assert f"<strong>owner</strong>: {organization.pk}<" not in page


def test_a_partner_reading_the_history_is_not_told_the_owners_unshared_campaign(
    client, partner_user, organization
):
    meeting = factories.MeetingFactory(owner=organization, shared_with_partners=True)
    meeting.campaigns.add(factories.CampaignFactory(owner=organization, name="Secret strategy"))
    client.force_login(partner_user)
    page = _history(client, meeting)
    assert "Secret strategy" not in page and "(one you may not see)" in page


def test_a_protected_person_is_named_by_pseudonym_in_a_meetings_history(staff_client, organization):
    witness = factories.ProtectedPersonFactory(name="Witness A", identity__real_name="Shin Dong-hyuk")
    meeting = factories.MeetingFactory(owner=organization)
    meeting.attendees.add(witness)
    page = _history(staff_client, meeting)
    assert "Witness A" in page and "Shin Dong-hyuk" not in page


def test_naming_takes_one_query_per_kind_of_record_however_many_changes(staff_client, organization):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = factories.MeetingFactory(owner=organization)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _history(staff_client, meeting)
        # Not pghistory's note of who is acting, set once a request writes (its session, say).
        return len([query for query in captured if "set_config" not in query["sql"]])

    queries()  # after a page, changes made here are the user's (pghistory's context): one query more
    meeting.states.add(factories.state("BWA"))
    few = queries()
    meeting.states.add(*[factories.state(iso3) for iso3 in ("KEN", "PAN", "AUS", "CIV")])
    assert queries() == few
