"""Query counts of the organizations' own records over the API: pinned, and the same for a page of
3 rows as for a page of 30, whatever each row links to."""

import pytest

from advocacy.models import Incident
from campaigns.models import Threshold
from documents.models import Signature
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"
# Every request reads the session and the user (a role's permissions are known without the
# database); a page is counted, then read.
MODEL_PAGE = 2 + 2

STATES = ["BWA", "PAN", "AUS"]


def _thirty_of_everything(organization):
    people = factories.PersonFactory.create_batch(2)
    for number in range(30):
        campaign = factories.CampaignFactory(owner=organization)
        campaign.resolutions.add(factories.ResolutionFactory())
        factories.TargetFactory(campaign=campaign)
        factories.StanceFactory(campaign=campaign)
        Threshold.objects.create(
            campaign=campaign, kind="min_yes", value=100, resolution=campaign.resolutions.get()
        )
        meeting = factories.MeetingFactory(owner=organization)
        meeting.states.set(factories.state(code) for code in STATES)
        meeting.attendees.set(people)
        meeting.campaigns.add(campaign)
        event = factories.SideEventFactory(owner=organization)
        event.organizers.add(organization)
        event.cosponsors.set(factories.state(code) for code in STATES)
        Incident.objects.create(side_event=event, kind="other", description=f"Incident {number}")
        factories.FollowUpFactory(owner=organization, meeting=meeting, state=factories.state("BWA"))
        document = factories.DocumentFactory(owner=organization)
        document.campaigns.add(campaign)
        document.recipient_states.set(factories.state(code) for code in STATES)
        Signature.objects.create(document=document, organization=organization, person=people[0])


@pytest.mark.parametrize(
    "path, queries",
    [
        ("campaigns", MODEL_PAGE + 2),  # resolutions, bodies
        ("targets", MODEL_PAGE),
        ("thresholds", MODEL_PAGE),
        ("stances", MODEL_PAGE),
        ("stances/?current=true&regional_group=AFRICAN", MODEL_PAGE + 1),  # + the group
        # states, representatives, attendees, partners, campaigns, resolutions, the stances said there
        ("meetings", MODEL_PAGE + 7),
        ("meetings/?state=BWA&date_after=2014-01-01", MODEL_PAGE + 8),  # + the state
        ("side-events", MODEL_PAGE + 5),  # organizers, co-sponsors, speakers, delegations, campaigns
        ("incidents", MODEL_PAGE),
        ("follow-ups", MODEL_PAGE),
        ("follow-ups/?overdue=true&format=csv", MODEL_PAGE),
        ("documents", MODEL_PAGE + 8),  # its eight kinds of links
        ("signatures", MODEL_PAGE),
    ],
)
def test_list_query_counts_are_pinned_and_do_not_grow_with_the_page(
    client, manager_user, organization, django_assert_num_queries, path, queries
):
    _thirty_of_everything(organization)
    client.force_login(manager_user)
    sizes = []
    for page_size in (3, 30):
        separator = "&" if "?" in path else "/?"
        url = f"{API}{path}{separator}page_size={page_size}"
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200, response.content
        sizes.append(response.content.count(b"\n") if "csv" in url else len(response.json()["results"]))
    assert sizes[0] < sizes[1]
