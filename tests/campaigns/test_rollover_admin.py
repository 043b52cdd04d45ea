"""The campaign admin's roll-over and suggested targets pages: the buttons on a campaign's page,
one click each, who sees them, and the suggestions page's query count."""

import pytest

from campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def _page(campaign, action: str = "") -> str:
    return f"/admin/campaigns/campaign/{campaign.pk}/{action or 'change/'}"


def test_a_manager_rolls_over_from_the_campaign_page_in_two_clicks(client, manager_user, series_campaign):
    client.force_login(manager_user)
    old = series_campaign.campaign
    page = client.get(_page(old)).content.decode()
    assert "Roll over to next session" in page and "Suggested targets" in page

    assert "Roll over" in client.get(_page(old, "roll-over/")).content.decode()  # click 1
    response = client.post(_page(old, "roll-over/"), follow=True)  # click 2

    new = Campaign.objects.get(rolled_over_from=old)
    assert response.redirect_chain[-1][0] == _page(new)
    text = response.content.decode()
    assert "Rolled over to “Freedonia 2015”: 1 targets and 2 thresholds" in text
    assert "a placeholder until the UN publishes the draft" in text
    assert "rolled over already" in client.get(_page(old, "roll-over/")).content.decode()


def test_staff_see_no_roll_over_button(client, staff_user, series_campaign):
    client.force_login(staff_user)

    assert "Roll over to next session" not in client.get(_page(series_campaign.campaign)).content.decode()
    assert client.post(_page(series_campaign.campaign, "roll-over/")).status_code == 403
    assert Campaign.objects.count() == 1


def test_suggestions_page_accepts_one_then_all(
    client, manager_user, series_campaign, django_assert_max_num_queries
):
    client.force_login(manager_user)
    url = _page(series_campaign.campaign, "suggested-targets/")
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "Abstained in 2014, voted yes in 2011-2013" in page and "Accept all 3" in page

    client.post(url, {"state": "BWA"})
    assert series_campaign.campaign.targets.filter(state__iso3="BWA").exists()
    response = client.post(url, {"all": "1"}, follow=True)
    assert "2 targets added: Japan, Chile." in response.content.decode()
    assert series_campaign.campaign.targets.count() == 4


def test_a_partner_sees_suggestions_of_a_shared_campaign_without_accept_buttons(
    client, partner_user, outsider_user, series_campaign
):
    series_campaign.campaign.shared_with_partners = True
    series_campaign.campaign.save()
    client.force_login(partner_user)
    page = client.get(_page(series_campaign.campaign, "suggested-targets/")).content.decode()
    assert "Abstained in 2014" in page and "Accept" not in page
    client.post(_page(series_campaign.campaign, "suggested-targets/"), {"all": "1"})
    assert series_campaign.campaign.targets.count() == 1

    client.force_login(outsider_user)
    assert client.get(_page(series_campaign.campaign, "suggested-targets/")).status_code in (302, 404)
