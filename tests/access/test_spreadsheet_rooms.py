"""The spreadsheet rooms of the admin (core/spreadsheet_admin.py) ask the access policy like every
other room: who may import is who may add; an export holds only the rows the user may see; an
import page costs a fixed number of queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Target
from tests import factories
from tests.spreadsheets import exported_rows, import_rows

pytestmark = pytest.mark.django_db

ROOMS = {
    "target": "/admin/campaigns/target/",
    "meeting": "/admin/advocacy/meeting/",
    "followup": "/admin/advocacy/followup/",
    "person": "/admin/directory/person/",
    "organization": "/admin/directory/organization/",
}


def _owned(kind: str, owner, shared: bool, marker: str):
    if kind == "target":
        campaign = factories.CampaignFactory(
            owner=owner, shared_with_partners=shared, name=f"{marker} campaign"
        )
        return factories.TargetFactory(campaign=campaign, rationale=marker)
    if kind == "meeting":
        return factories.MeetingFactory(owner=owner, shared_with_partners=shared, place=marker)
    return factories.FollowUpFactory(owner=owner, shared_with_partners=shared, description=marker)


@pytest.mark.parametrize("kind", ["target", "meeting", "followup"])
def test_an_export_holds_own_and_shared_rows_never_a_strangers_or_an_unshared_partners(
    client, kind, staff_user, organization, partner_organization, other_organization
):
    for owner, shared, marker in [
        (organization, False, "ours"),
        (partner_organization, True, "partner-shared"),
        (partner_organization, False, "partner-private"),
        (other_organization, True, "stranger"),
    ]:
        _owned(kind, owner, shared, marker)
    client.force_login(staff_user)
    response = client.post(f"{ROOMS[kind]}export/", {"format": "0", "resource": "0"})
    assert len(exported_rows(response)) == 2
    text = response.content.decode()
    assert "ours" in text and "partner-shared" in text
    assert "partner-private" not in text and "stranger" not in text


@pytest.mark.parametrize("kind", list(ROOMS))
def test_who_may_not_add_may_not_import_and_strangers_to_the_admin_log_in_first(client, kind, analyst_user):
    assert client.get(f"{ROOMS[kind]}import/").status_code == 302  # to the login page
    client.force_login(analyst_user)
    assert client.get(f"{ROOMS[kind]}import/").status_code == 403
    assert client.post(f"{ROOMS[kind]}process_import/", {}).status_code == 403
    assert client.get(ROOMS[kind]).status_code == 200  # the list still, without an import button
    assert f'href="{ROOMS[kind]}import/"' not in client.get(ROOMS[kind]).content.decode()


@pytest.mark.parametrize("kind", list(ROOMS))
def test_the_import_page_costs_a_fixed_number_of_queries(
    client, kind, manager_user, django_assert_num_queries
):
    client.force_login(manager_user)
    with django_assert_num_queries(4):  # the session, the user, and their permissions (two)
        response = client.get(f"{ROOMS[kind]}import/")
    assert "Download a template" in response.content.decode()


def test_the_template_imports_as_it_is_once_its_campaign_exists(client, manager_user, organization):
    factories.CampaignFactory(owner=organization, name="UNGA 69 DPRK resolution")
    client.force_login(manager_user)
    template = client.get(f"{ROOMS['target']}import/template/")
    assert template["Content-Disposition"] == 'attachment; filename="target-template.csv"'
    import_rows(client, ROOMS["target"], SimpleUploadedFile("template.csv", template.content))
    assert Target.objects.get().state.iso3 == "KEN"
