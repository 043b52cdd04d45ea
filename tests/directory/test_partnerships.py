"""A partnership is an agreement between two organizations' managers, made and ended in the admin."""

import pytest
from django.core.exceptions import ValidationError

from core.access import Forbidden
from directory.models import Partnership, User
from directory.services import accept_partnership, end_partnership, propose_partnership
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/directory/partnership/"


@pytest.fixture
def their_manager(other_organization):
    return factories.UserFactory(
        organization=other_organization, role=User.Role.MANAGER, username="their-manager"
    )


@pytest.fixture
def meetings(organization, other_organization):
    """Each side's shared meeting, and one of ours that is never shared."""
    factories.MeetingFactory(owner=organization, place="Our shared mission", shared_with_partners=True)
    factories.MeetingFactory(owner=organization, place="Our private mission")
    factories.MeetingFactory(
        owner=other_organization, place="Their shared mission", shared_with_partners=True
    )


def _places_read_by(client, user) -> set[str]:
    client.force_login(user)
    return {meeting["place"] for meeting in client.get("/api/v1/meetings/").json()["results"]}


def _act(client, user, action: str, partnership):
    """`user` selects `partnership` in the admin's list and runs `action` on it."""
    client.force_login(user)
    return client.post(CHANGELIST, {"action": action, "_selected_action": [partnership.pk]})


def _status(partnership) -> str:
    return Partnership.objects.get(pk=partnership.pk).status


def test_a_manager_proposes_and_the_others_manager_accepts_then_shared_records_are_read(
    client, meetings, manager_user, their_manager, organization, other_organization
):
    client.force_login(manager_user)
    assert client.get(f"{CHANGELIST}add/").status_code == 200
    assert client.post(f"{CHANGELIST}add/", {"partner": other_organization.pk}).status_code == 302
    proposal = Partnership.objects.get()
    assert (proposal.proposer, proposal.partner, proposal.status) == (
        organization,
        other_organization,
        "proposed",
    )
    assert proposal.proposed_by == manager_user
    assert _places_read_by(client, their_manager) == {"Their shared mission"}
    assert _places_read_by(client, manager_user) == {"Our shared mission", "Our private mission"}

    assert _act(client, their_manager, "accept", proposal).status_code == 302
    assert _status(proposal) == "active"
    assert _places_read_by(client, their_manager) == {"Their shared mission", "Our shared mission"}
    assert _places_read_by(client, manager_user) == {
        "Our shared mission",
        "Our private mission",
        "Their shared mission",
    }


@pytest.mark.parametrize("ender", ["manager_user", "their_manager"])
def test_either_manager_ends_a_partnership_and_shared_records_stop_being_read(
    client, request, ender, meetings, manager_user, their_manager, organization, other_organization
):
    partnership = factories.PartnershipFactory(proposer=organization, partner=other_organization)
    assert "Our shared mission" in _places_read_by(client, their_manager)
    assert _act(client, request.getfixturevalue(ender), "end", partnership).status_code == 302
    assert _status(partnership) == "ended"
    assert _places_read_by(client, their_manager) == {"Their shared mission"}
    assert _places_read_by(client, manager_user) == {"Our shared mission", "Our private mission"}


def test_staff_neither_propose_nor_accept_a_partnership(
    client, staff_user, manager_user, other_organization, organization
):
    client.force_login(staff_user)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.post(f"{CHANGELIST}add/", {"partner": other_organization.pk}).status_code == 403
    assert not Partnership.objects.exists()
    # Their staff, invited by our manager, cannot accept for their organization.
    proposal = propose_partnership(author=manager_user, partner=other_organization)
    their_staff = factories.UserFactory(
        organization=other_organization, role=User.Role.STAFF, username="their"
    )
    _act(client, their_staff, "accept", proposal)
    assert _status(proposal) == "proposed"


def test_a_manager_of_a_third_organization_neither_accepts_nor_ends_a_partnership(
    client, manager_user, other_organization
):
    third = factories.OrganizationFactory(name="Third Rights Forum")
    third_manager = factories.UserFactory(
        organization=third, role=User.Role.MANAGER, username="third-manager"
    )
    proposal = propose_partnership(author=manager_user, partner=other_organization)
    for action in ("accept", "end"):
        _act(client, third_manager, action, proposal)
        assert _status(proposal) == "proposed"
    for service in (accept_partnership, end_partnership):
        with pytest.raises(Forbidden):
            service(author=third_manager, partnership=proposal)
    assert _status(proposal) == "proposed"


def test_the_proposing_organization_cannot_accept_its_own_proposal(client, manager_user, other_organization):
    proposal = propose_partnership(author=manager_user, partner=other_organization)
    _act(client, manager_user, "accept", proposal)
    assert _status(proposal) == "proposed"


def test_a_pair_has_one_standing_partnership_whichever_side_proposes(
    client, manager_user, their_manager, organization, other_organization
):
    client.force_login(manager_user)
    assert client.post(f"{CHANGELIST}add/", {"partner": other_organization.pk}).status_code == 302
    again = client.post(f"{CHANGELIST}add/", {"partner": other_organization.pk})
    assert again.status_code == 200 and again.context["adminform"].form.errors
    client.force_login(their_manager)
    assert client.post(f"{CHANGELIST}add/", {"partner": organization.pk}).status_code == 200
    assert Partnership.objects.count() == 1
    # Once ended, the pair may agree anew.
    end_partnership(author=their_manager, partnership=Partnership.objects.get())
    assert client.post(f"{CHANGELIST}add/", {"partner": organization.pk}).status_code == 302
    assert Partnership.objects.filter(status="proposed", proposer=other_organization).count() == 1


def test_an_organization_cannot_be_its_own_partner(manager_user, organization):
    with pytest.raises(ValidationError) as refused:
        propose_partnership(author=manager_user, partner=organization)
    assert "cannot be its own partner" in str(refused.value)
    assert not Partnership.objects.exists()
