"""Targets in and out of spreadsheets: a manager imports them from CSV or Excel into a campaign
of their own, never into another organization's; the export holds only what they may see."""

import pytest
from django.contrib.messages import get_messages

from campaigns.models import Target
from campaigns.spreadsheets import TargetResource
from tests import factories
from tests.spreadsheets import confirm, csv_file, exported_rows, import_rows, preview, xlsx_file

pytestmark = pytest.mark.django_db

TARGETS = "/admin/campaigns/target/"
HEADER = ["campaign", "state", "wanted_vote", "priority", "rationale"]


@pytest.fixture
def campaign(organization):
    return factories.CampaignFactory(owner=organization, name="UNGA 69 DPRK resolution")


def test_a_manager_imports_targets_from_a_csv_file(client, manager_user, campaign):
    client.force_login(manager_user)
    rows = [
        HEADER,
        [campaign.name, "Kenya", "Yes", "High", "New ambassador"],
        [campaign.name, "BWA", "", "", ""],
        [campaign.name, "China", "No", "Low", ""],  # today's member, not the former Republic of China
    ]
    response = import_rows(client, TARGETS, csv_file(rows))
    assert response.status_code == 302
    imported = {t.state.iso3: (t.wanted_vote, t.priority, t.rationale) for t in Target.objects.all()}
    # Empty cells take the defaults.
    assert imported == {"KEN": ("Y", 1, "New ambassador"), "BWA": ("Y", 2, ""), "CHN": ("N", 3, "")}


def test_a_manager_imports_targets_from_an_excel_file(client, manager_user, campaign):
    client.force_login(manager_user)
    rows = [HEADER, [campaign.name, "Côte d'Ivoire", "Abstain", 3, ""]]
    import_rows(client, TARGETS, xlsx_file(rows))
    target = Target.objects.get()
    assert (target.state.iso3, target.wanted_vote, target.priority) == ("CIV", "A", 3)


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row(client, manager_user, campaign):
    client.force_login(manager_user)
    good = [[campaign.name, iso3, "Yes", "High", ""] for iso3 in ("KEN", "BWA", "GHA")]
    rows = [HEADER, *good[:2], [campaign.name, "Kenyaa", "Yes", "High", ""], good[2]]
    response = preview(client, TARGETS, csv_file(rows))
    assert response.context.get("confirm_form") is None
    assert response.context["problems"] == ["Row 4, state: no state called 'Kenyaa'; did you mean Kenya?"]
    assert "Row 4, state: no state called" in response.content.decode()
    assert not Target.objects.exists()


def test_an_import_that_fails_at_the_confirmation_writes_nothing(client, manager_user, campaign):
    """The preview rolls back; so does the import itself if a row fails by then (a colleague
    added one of its targets meanwhile): three good rows and one bad write nothing."""
    client.force_login(manager_user)
    rows = [[campaign.name, iso3, "Yes", "High", ""] for iso3 in ("KEN", "BWA", "GHA", "FRA")]
    previewed = preview(client, TARGETS, csv_file([HEADER, *rows]))
    factories.TargetFactory(campaign=campaign, state=factories.state("FRA"))
    response = confirm(client, TARGETS, previewed)
    assert response.status_code == 302 and response["Location"] == f"{TARGETS}import/"
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown[-1] == "Nothing was imported: correct these rows and upload again."
    assert shown[0].startswith("Row 5: ") and "already" in shown[0]
    assert list(Target.objects.values_list("state__iso3", flat=True)) == ["FRA"]  # the colleague's only


def test_targets_go_only_into_a_campaign_the_user_may_change(
    manager_user, campaign, partner_organization, other_organization
):
    shared = factories.CampaignFactory(
        owner=partner_organization, name="Partner's", shared_with_partners=True
    )
    factories.CampaignFactory(owner=other_organization, name="Stranger's")
    sheet = _sheet([["Stranger's", "KEN", "Yes", "High", ""], [shared.name, "KEN", "Yes", "High", ""]])
    result = TargetResource(user=manager_user).import_data(sheet, dry_run=True)
    errors = [row.error.message_dict for row in result.invalid_rows]
    # A campaign they may not see reads as one that does not exist; a partner's, as not theirs.
    assert errors == [
        {"campaign": ["no campaign called 'Stranger's'"]},
        {"campaign": ["Not a campaign you may choose."]},
    ]
    assert not Target.objects.exists()


def test_staff_who_may_not_add_targets_may_not_import_them(client, staff_user, analyst_user, campaign):
    for user in (staff_user, analyst_user):
        client.force_login(user)
        assert client.get(f"{TARGETS}import/").status_code == 403
        assert client.get(f"{TARGETS}import/template/").status_code == 403
    result = TargetResource(user=staff_user).import_data(_sheet([[campaign.name, "KEN", "Yes", "High", ""]]))
    assert result.invalid_rows[0].error.messages == ["You may not add targets."]
    assert not Target.objects.exists()


def test_the_export_holds_only_the_targets_the_user_may_see(
    client, analyst_user, campaign, other_organization
):
    factories.TargetFactory(campaign=campaign, state=factories.state("KEN"), rationale="=1+1")
    factories.TargetFactory(campaign=factories.CampaignFactory(owner=other_organization, name="Stranger's"))
    client.force_login(analyst_user)
    rows = exported_rows(client.post(f"{TARGETS}export/", {"format": "0", "resource": "0"}))
    assert [(row["campaign"], row["state"], row["rationale"]) for row in rows] == [
        (campaign.name, "Kenya", "'=1+1")
    ]


def test_an_exported_file_imports_back_as_the_same_targets(client, manager_user, campaign):
    factories.TargetFactory(campaign=campaign, state=factories.state("KEN"), priority=1, wanted_vote="N")
    client.force_login(manager_user)
    exported = client.post(f"{TARGETS}export/", {"format": "0", "resource": "0"}).content
    Target.objects.update(priority=3)
    import_rows(client, TARGETS, csv_file([list(row.values()) for row in _dicts(exported)]))
    target = Target.objects.get()  # changed by its id, not added again
    assert (target.state.iso3, target.priority, target.wanted_vote) == ("KEN", 1, "N")


def test_the_export_costs_the_same_queries_for_more_targets(
    client, manager_user, campaign, django_assert_num_queries
):
    client.force_login(manager_user)
    for iso3 in ("KEN", "BWA", "GHA", "FRA"):
        factories.TargetFactory(campaign=campaign, state=factories.state(iso3))
        with django_assert_num_queries(6):
            client.post(f"{TARGETS}export/", {"format": "1", "resource": "0"})


def _sheet(rows):
    import tablib

    return tablib.Dataset(*rows, headers=HEADER)


def _dicts(content: bytes) -> list[dict]:
    import csv
    import io

    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return [dict(enumerate(row)) for row in reader]
