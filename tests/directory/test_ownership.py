"""A record is visible to its organization, and to partners only where it is marked shared."""

import pytest

from advocacy.models import Meeting, Stance
from campaigns.models import Target
from directory.models import User
from documents.models import Document
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(organization, partner_organization, other_organization):
    campaign = factories.CampaignFactory(owner=organization, name="Own campaign")
    return {
        "own_private": factories.MeetingFactory(owner=organization, place="own private"),
        "own_shared": factories.MeetingFactory(
            owner=organization, place="own shared", shared_with_partners=True
        ),
        "partner_shared": factories.MeetingFactory(
            owner=partner_organization, place="partner shared", shared_with_partners=True
        ),
        "partner_private": factories.MeetingFactory(owner=partner_organization, place="partner private"),
        "stranger_shared": factories.MeetingFactory(
            owner=other_organization, place="stranger shared", shared_with_partners=True
        ),
        "campaign": campaign,
    }


def _places(user):
    return set(Meeting.objects.visible_to(user).values_list("place", flat=True))


def test_users_see_their_organizations_records_and_partners_shared_ones(records, staff_user):
    assert _places(staff_user) == {"own private", "own shared", "partner shared"}


def test_partners_see_only_what_is_shared_with_them(records, partner_user):
    assert _places(partner_user) == {"own shared", "partner shared", "partner private"}


def test_an_unrelated_organization_sees_none_of_it(records, outsider_user):
    assert _places(outsider_user) == {"stranger shared"}


def test_partnership_does_not_extend_to_partners_of_partners(records, other_organization, partner_user):
    # The outsider is a partner of our partner, not of us.
    factories.PartnershipFactory(proposer=other_organization, partner=records["partner_shared"].owner)
    outsider = factories.UserFactory(organization=other_organization, username="outsider2")
    assert "own shared" not in _places(outsider)


def test_anonymous_users_see_nothing(records):
    from django.contrib.auth.models import AnonymousUser

    assert not Meeting.objects.visible_to(AnonymousUser()).exists()


def test_superusers_see_everything(records):
    root = User.objects.create_superuser("root", password="x")
    assert len(_places(root)) == 5


def test_campaign_parts_follow_their_campaigns_visibility(records, staff_user, outsider_user):
    target = factories.TargetFactory(campaign=records["campaign"])
    assert list(Target.objects.visible_to(staff_user)) == [target]
    assert not Target.objects.visible_to(outsider_user).exists()


def test_stances_belong_to_the_organization_that_recorded_them(records, staff_user, outsider_user):
    stance = factories.StanceFactory(campaign=records["campaign"])
    assert stance.owner == records["campaign"].owner
    assert list(Stance.objects.visible_to(staff_user)) == [stance]
    assert not Stance.objects.visible_to(outsider_user).exists()


def test_documents_are_scoped_the_same_way(organization, staff_user, outsider_user):
    document = factories.DocumentFactory(owner=organization)
    assert list(Document.objects.visible_to(staff_user)) == [document]
    assert not Document.objects.visible_to(outsider_user).exists()


class TestAdminEnforcesOwnership:
    def test_changelist_lists_only_visible_meetings(self, records, client, staff_user):
        client.force_login(staff_user)
        page = client.get("/admin/advocacy/meeting/").content.decode()
        assert "own private" in page and "partner shared" in page
        assert "partner private" not in page and "stranger shared" not in page

    def test_another_organizations_unshared_record_is_not_found(self, records, client, staff_user):
        client.force_login(staff_user)
        response = client.get(f"/admin/advocacy/meeting/{records['partner_private'].pk}/change/", follow=True)
        assert "doesn’t exist" in response.content.decode()

    def test_partners_may_read_a_shared_record_but_not_change_it(self, records, client, partner_user):
        client.force_login(partner_user)
        meeting = records["own_shared"]
        page = client.get(f"/admin/advocacy/meeting/{meeting.pk}/change/")
        assert page.status_code == 200
        response = client.post(f"/admin/advocacy/meeting/{meeting.pk}/change/", {"place": "hijacked"})
        assert response.status_code == 403
        meeting.refresh_from_db()
        assert meeting.place == "own shared"

    def test_confidential_notes_are_never_shown_to_partners(self, records, client, partner_user, staff_user):
        meeting = records["own_shared"]
        meeting.confidential_notes = "The ambassador hinted at a deal"
        meeting.save()
        client.force_login(partner_user)
        assert (
            "hinted at a deal"
            not in client.get(f"/admin/advocacy/meeting/{meeting.pk}/change/").content.decode()
        )
        client.force_login(staff_user)
        assert (
            "hinted at a deal" in client.get(f"/admin/advocacy/meeting/{meeting.pk}/change/").content.decode()
        )

    def test_campaign_choices_offer_only_visible_campaigns(
        self, records, client, staff_user, other_organization
    ):
        factories.CampaignFactory(owner=other_organization, name="Their secret campaign")
        client.force_login(staff_user)
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "advocacy", "model_name": "meeting", "field_name": "campaigns", "term": "campaign"},
        )
        names = {item["text"] for item in response.json()["results"]}
        assert names == {"Own campaign"}


def test_rows_owned_through_a_campaign_are_hidden_and_locked_like_it(
    records, client, outsider_user, partner_user
):
    target = factories.TargetFactory(campaign=records["campaign"])
    client.force_login(outsider_user)
    response = client.get(f"/admin/campaigns/target/{target.pk}/change/", follow=True)
    assert "doesn’t exist" in response.content.decode()
    records["campaign"].shared_with_partners = True
    records["campaign"].save()
    client.force_login(partner_user)
    assert client.get(f"/admin/campaigns/target/{target.pk}/change/").status_code == 200
    assert client.post(f"/admin/campaigns/target/{target.pk}/change/", {"priority": 1}).status_code == 403
