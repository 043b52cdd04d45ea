"""A partner shown a shared campaign reads its figures from the stances the organization shares:
a stance is the organization's own record, and its projection must not leak an unshared one
(the API's scoreboard and projection, the dashboards' campaign and state pages)."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from unrecord.models import MemberState

pytestmark = pytest.mark.django_db

LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)  # recent: the projection reads it


@pytest.fixture
def campaign(organization):
    campaign = factories.CampaignFactory(owner=organization, shared_with_partners=True)
    resolution = factories.ResolutionFactory()
    campaign.resolutions.add(resolution)
    return campaign


@pytest.fixture
def stances(campaign):
    """Botswana's unshared stance (leaning no, an unsure call: the swing list's kind) and Ghana's
    shared one (it supports)."""
    unshared = factories.StanceFactory(
        campaign=campaign,
        state=MemberState.objects.get(iso3="BWA"),
        position="leaning_no",
        confidence="low",
        as_of=LAST_MONTH,
    )
    shared = factories.StanceFactory(
        campaign=campaign,
        state=MemberState.objects.get(iso3="GHA"),
        position="supports",
        as_of=LAST_MONTH,
        shared_with_partners=True,
    )
    return unshared, shared


def _rows(client, campaign) -> dict:
    rows = client.get(f"/api/v1/campaigns/{campaign.pk}/scoreboard/?all_states=true").json()
    return {row["iso3"]: row for row in rows}


def test_the_owner_reads_every_stance_of_its_organization(client, manager_user, campaign, stances):
    client.force_login(manager_user)
    rows = _rows(client, campaign)

    assert rows["BWA"]["stance_position"] == "leaning_no" and rows["BWA"]["projected_basis"] == "stance"
    assert rows["GHA"]["stance_position"] == "supports"


def test_a_partner_reads_the_shared_stances_only_on_the_scoreboard(client, partner_user, campaign, stances):
    client.force_login(partner_user)
    rows = _rows(client, campaign)

    assert rows["GHA"]["stance_position"] == "supports" and rows["GHA"]["projected_basis"] == "stance"
    assert rows["BWA"]["stance_position"] is None and rows["BWA"]["projected_basis"] != "stance"
    assert "leaning no" not in str(rows["BWA"]).lower()


def test_a_partner_reads_the_projections_tally_without_the_unshared_stance(
    client, manager_user, partner_user, campaign, stances
):
    def expected_no():
        return client.get(f"/api/v1/campaigns/{campaign.pk}/projection/").json()["totals"]["expected"]["N"]

    client.force_login(manager_user)
    owners = expected_no()
    client.force_login(partner_user)

    assert expected_no() < owners  # Botswana's "leaning no" counts for the owner only


def test_a_partner_reads_no_unshared_stance_on_the_dashboards(
    client, manager_user, partner_user, campaign, stances
):
    client.force_login(manager_user)  # the owner first: its figures are cached for the day
    assert (
        "Stance &#x27;leaning no&#x27;"
        in client.get(f"/dashboard/campaigns/{campaign.pk}/states/BWA/").content.decode()
    )
    client.force_login(partner_user)

    state_page = client.get(f"/dashboard/campaigns/{campaign.pk}/states/BWA/").content.decode()
    campaign_page = client.get(f"/dashboard/campaigns/{campaign.pk}/").content.decode()

    assert "leaning no" not in state_page.lower() and "leaning no" not in campaign_page.lower()
