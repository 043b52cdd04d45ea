"""The meetings list's filters and the meeting form's autocompletes offer only what the access
policy lets the user see, or link to: never a stranger's or a partner's unshared campaign, never
a state only a stranger met, never a protected person's real name."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_meetings(partner_organization, other_organization):
    """A stranger's meeting (shared with its own partners) and a partner's shared meeting filed
    under the partner's unshared campaign, each with a state nobody else met."""
    for owner, iso3, whose in [
        (other_organization, "NRU", "Stranger"),
        (partner_organization, "TUV", "Partner"),
    ]:
        meeting = factories.MeetingFactory(owner=owner, shared_with_partners=True, place=f"{whose} mission")
        meeting.states.add(factories.state(iso3))
        meeting.campaigns.add(factories.CampaignFactory(owner=owner, name=f"{whose} secret campaign"))


def test_the_meetings_list_filters_offer_nothing_of_a_stranger_nor_a_partners_unshared_campaign(
    staff_client, organization, others_meetings
):
    own = factories.MeetingFactory(owner=organization)
    own.states.add(factories.state("KEN"))
    own.campaigns.add(factories.CampaignFactory(owner=organization, name="Own campaign"))
    page = staff_client.get("/admin/advocacy/meeting/").content.decode()
    assert "Own campaign" in page and "Partner mission" in page  # the filters are there
    assert "secret campaign" not in page
    assert "Nauru" not in page and "Unrelated Advocacy Group" not in page


def _autocomplete(client, field: str, term: str) -> list[str]:
    query = {"app_label": "advocacy", "model_name": "meeting", "field_name": field, "term": term}
    response = client.get(reverse("admin:autocomplete"), query)
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_meeting_forms_campaigns_are_only_the_users_own(staff_client, organization, partner_organization):
    factories.CampaignFactory(owner=organization, name="Own campaign")
    factories.CampaignFactory(
        owner=partner_organization, name="Partner shared campaign", shared_with_partners=True
    )
    factories.CampaignFactory(name="Stranger campaign", shared_with_partners=True)
    assert _autocomplete(staff_client, "campaigns", "campaign") == ["Own campaign"]


@pytest.mark.parametrize(
    ("typed", "found"), [("Kenia", "Kenya"), ("cote", "Côte d’Ivoire"), ("CIV", "Côte d’Ivoire")]
)
def test_the_meeting_form_finds_a_state_by_any_of_its_names(staff_client, typed, found):
    assert _autocomplete(staff_client, "states", typed)[0].replace("'", "’") == found


def test_the_meeting_form_finds_a_diplomat_by_name_and_a_protected_person_by_pseudonym_only(staff_client):
    factories.PersonFactory(name="Wanjiru Mwangi", category="diplomat", state=factories.state("KEN"))
    witness = factories.ProtectedPersonFactory()
    assert _autocomplete(staff_client, "representatives", "Wanj") == ["Wanjiru Mwangi"]
    assert _autocomplete(staff_client, "representatives", witness.identity.real_name) == []
    assert _autocomplete(staff_client, "representatives", witness.name) == [witness.name]
