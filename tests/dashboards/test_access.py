"""Who may open the dashboards: logged-in users, and only for campaigns their organization may see."""

import pytest

from tests import factories

PAGES = ["/dashboard/", "/dashboard/campaigns/{pk}/", "/dashboard/campaigns/{pk}/states/PRK/"]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, demo_campaign, page):
    path = page.format(pk=demo_campaign.pk)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={path}"


@pytest.mark.parametrize("page", PAGES[1:])
def test_another_organizations_campaign_is_a_404(client, outsider_user, demo_campaign, page):
    client.force_login(outsider_user)

    assert client.get(page.format(pk=demo_campaign.pk)).status_code == 404


def test_the_list_shows_only_the_campaigns_the_organization_may_see(
    client, organization, partner_user, other_organization
):
    factories.CampaignFactory(owner=organization, name="Ours, shared", shared_with_partners=True)
    factories.CampaignFactory(owner=organization, name="Ours, private")
    factories.CampaignFactory(owner=partner_user.organization, name="The partner's own")
    factories.CampaignFactory(owner=other_organization, name="Someone else's", shared_with_partners=True)
    client.force_login(partner_user)

    html = client.get("/dashboard/").content.decode()

    assert "Ours, shared" in html and "The partner&#x27;s own" in html
    assert "Ours, private" not in html and "Someone else" not in html


def test_a_shared_campaign_opens_for_a_partner(client, organization, partner_user):
    campaign = factories.CampaignFactory(owner=organization, shared_with_partners=True)
    client.force_login(partner_user)

    assert client.get(f"/dashboard/campaigns/{campaign.pk}/").status_code == 200


def test_the_dashboards_only_answer_get(manager_client, demo_campaign):
    assert manager_client.post(f"/dashboard/campaigns/{demo_campaign.pk}/").status_code == 405


def test_the_admin_sidebar_links_to_the_dashboards_and_back(manager_client):
    admin = manager_client.get("/admin/").content.decode()
    dashboard = manager_client.get("/dashboard/").content.decode()

    assert 'href="/dashboard/"' in admin and "Campaign dashboards" in admin
    assert 'href="/admin/"' in dashboard


def test_a_partner_is_not_shown_the_owners_staff_or_unshared_meeting_behind_a_shared_follow_up(
    client, organization, partner_user
):
    campaign = factories.CampaignFactory(owner=organization, shared_with_partners=True)
    meeting = factories.MeetingFactory(owner=organization)  # not shared
    meeting.states.set([factories.state("BWA")])
    follow_up = factories.FollowUpFactory(
        owner=organization, shared_with_partners=True, campaign=campaign, meeting=meeting,
        assignee__username="nkhr-officer", due_on="2014-10-01",
    )  # fmt: skip
    client.force_login(partner_user)
    for page in [f"/dashboard/campaigns/{campaign.pk}/", f"/dashboard/campaigns/{campaign.pk}/states/BWA/"]:
        html = client.get(page, {"as_of": "2014-11-01"}).content.decode()
        assert follow_up.description in html, page
        assert "nkhr-officer" not in html, page
    panel = client.get(f"/dashboard/campaigns/{campaign.pk}/", {"as_of": "2014-11-01"}).content.decode()
    assert "Botswana" not in panel.split("Overdue follow-ups")[1].split("</section>")[0]


def test_a_shared_follow_up_of_an_unshared_meeting_does_not_tell_a_partner_of_the_meeting(
    client, organization, partner_user
):
    campaign = factories.CampaignFactory(owner=organization, shared_with_partners=True)
    meeting = factories.MeetingFactory(owner=organization)  # not shared
    meeting.campaigns.set([campaign])
    meeting.states.set([factories.state("BWA")])
    factories.FollowUpFactory(
        owner=organization, shared_with_partners=True, meeting=meeting, description="Send the COI report",
        due_on="2014-10-01",
    )  # fmt: skip
    client.force_login(partner_user)
    for page in [f"/dashboard/campaigns/{campaign.pk}/", f"/dashboard/campaigns/{campaign.pk}/states/BWA/"]:
        assert "Send the COI report" not in client.get(page, {"as_of": "2014-11-01"}).content.decode(), page
