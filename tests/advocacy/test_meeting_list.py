"""The meetings list filters by the states met, their regional group, campaign, owner and date."""

import datetime

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/admin/advocacy/meeting/"


@pytest.fixture
def meetings(organization, partner_organization):
    """Three meetings the staff see, each told apart by its place."""
    first, second = (factories.CampaignFactory(owner=organization, name=name) for name in ("First", "Second"))
    made = {}
    for place, owner, iso3, campaign, day in [
        ("Nairobi", organization, "KEN", first, datetime.date(2026, 3, 2)),
        ("Panama", organization, "PAN", second, datetime.date(2025, 1, 10)),
        ("Gaborone", partner_organization, "BWA", None, datetime.date(2026, 3, 5)),
    ]:
        meeting = factories.MeetingFactory(owner=owner, place=place, date=day, shared_with_partners=True)
        meeting.states.add(factories.state(iso3))
        meeting.campaigns.set([campaign] if campaign else [])
        made[place] = meeting
    return made | {"first campaign": first}


def _listed(client, **filters) -> set[str]:
    response = client.get(LIST, filters)
    assert response.status_code == 200
    return {meeting.place for meeting in response.context_data["cl"].result_list}


def test_the_meetings_list_filters_by_state_group_campaign_owner_and_date(
    staff_client, meetings, partner_organization
):
    latin_america = factories.state("PAN").regional_group
    assert _listed(staff_client) == {"Nairobi", "Panama", "Gaborone"}
    assert _listed(staff_client, states__id__exact=factories.state("KEN").pk) == {"Nairobi"}
    assert _listed(staff_client, states__regional_group__id__exact=latin_america.pk) == {"Panama"}
    assert _listed(staff_client, campaigns__id__exact=meetings["first campaign"].pk) == {"Nairobi"}
    assert _listed(staff_client, owner__id__exact=partner_organization.pk) == {"Gaborone"}
    in_march = {"date__gte": "2026-03-01", "date__lt": "2026-04-01"}
    assert _listed(staff_client, **in_march) == {"Nairobi", "Gaborone"}
    assert _listed(staff_client, date__year=2025) == {"Panama"}  # the date hierarchy


def test_each_filter_is_offered_with_the_choices_of_the_meetings_listed(staff_client, meetings):
    response = staff_client.get(LIST)
    offered = {
        str(spec.title): {str(name) for _, name in getattr(spec, "lookup_choices", [])}
        for spec in response.context_data["cl"].filter_specs
    }
    assert offered["states"] == {"Kenya", "Panama", "Botswana"}
    assert offered["campaigns"] == {"First", "Second"}
    assert offered["owner"] == {"North Korea Human Rights Watchers", "Partner Rights Network"}
    assert "regional group" in offered and "date" in offered
