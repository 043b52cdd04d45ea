"""Campaigns, outreach and documents over the API: the filters analysts ask for, and writes that
break a rule answered with a 400 naming the field."""

import datetime

import pytest

from advocacy.models import FollowUp
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture
def api(client, staff_user):
    client.force_login(staff_user)
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def post(client, path, body):
    return client.post(f"{API}{path}/", body, content_type="application/json")


def test_meetings_are_filtered_by_dates_state_group_campaign_stance_and_words(api, organization):
    campaign = factories.CampaignFactory(owner=organization)
    wanted = factories.MeetingFactory(owner=organization, date=datetime.date(2014, 10, 23), ask="Vote yes")
    wanted.states.set([factories.state("BWA"), factories.state("GHA")])
    wanted.campaigns.add(campaign)
    factories.StanceFactory(
        campaign=campaign, meeting=wanted, evidence="meeting", position="leaning_yes", as_of=wanted.date
    )
    factories.MeetingFactory(owner=organization, date=datetime.date(2013, 5, 1)).states.add(
        factories.state("FRA")
    )

    def meetings(**params):
        return ids(api.get(f"{API}meetings/", params))

    assert meetings(state="BWA") == meetings(regional_group="AFRICAN") == [wanted.pk]  # once, not per state
    assert meetings(date_after="2014-01-01") == meetings(date_before="2014-12-31", date_after="2014-10-23")
    assert meetings(date_after="2014-01-01") == [wanted.pk]
    assert meetings(campaign=campaign.pk) == meetings(stance="leaning_yes") == meetings(search="vote yes")
    assert meetings(owner=organization.pk, ordering="date")[-1] == wanted.pk


def test_stances_can_be_narrowed_to_each_states_current_one(api, organization):
    campaign = factories.CampaignFactory(owner=organization)
    factories.StanceFactory(campaign=campaign, position="undecided", as_of=datetime.date(2014, 9, 1))
    latest = factories.StanceFactory(campaign=campaign, position="supports", as_of=datetime.date(2014, 10, 1))
    ghana = factories.StanceFactory(campaign=campaign, state=factories.state("GHA"), position="opposes")

    assert sorted(ids(api.get(f"{API}stances/", {"current": "true"}))) == sorted([latest.pk, ghana.pk])
    assert len(ids(api.get(f"{API}stances/", {"current": "false"}))) == 3
    assert ids(api.get(f"{API}stances/", {"position": "opposes", "state": "GHA"})) == [ghana.pk]


def test_follow_ups_are_filtered_by_being_overdue(api, organization, staff_user):
    today = datetime.date.today()
    late = factories.FollowUpFactory(
        owner=organization, assignee=staff_user, due_on=today - datetime.timedelta(1)
    )
    factories.FollowUpFactory(owner=organization, assignee=staff_user, due_on=today + datetime.timedelta(1))
    factories.FollowUpFactory(
        owner=organization,
        assignee=staff_user,
        due_on=today - datetime.timedelta(5),
        status=FollowUp.Status.DONE,
        completed_on=today,
    )
    assert ids(api.get(f"{API}follow-ups/", {"overdue": "true"})) == [late.pk]
    assert len(ids(api.get(f"{API}follow-ups/", {"overdue": "false"}))) == 2


def test_targets_are_filtered_by_campaign_priority_and_regional_group(api, organization):
    campaign = factories.CampaignFactory(owner=organization)
    high = factories.TargetFactory(campaign=campaign, priority=1)
    factories.TargetFactory(campaign=campaign, state=factories.state("FRA"), priority=3)
    assert ids(api.get(f"{API}targets/", {"campaign": campaign.pk, "priority": 1})) == [high.pk]
    assert ids(api.get(f"{API}targets/", {"regional_group": "AFRICAN"})) == [high.pk]


def test_documents_are_filtered_by_kind_symbol_and_recipient(api, organization):
    letter = factories.DocumentFactory(
        owner=organization, kind="joint_letter", dated=datetime.date(2014, 9, 10)
    )
    letter.recipient_states.set([factories.state("BWA"), factories.state("PAN")])
    letter.resolutions.add(factories.ResolutionFactory(adopted_symbol="A/RES/69/188"))
    factories.DocumentFactory(owner=organization, kind="report")
    assert ids(api.get(f"{API}documents/", {"recipient_state": "PAN", "kind": "joint_letter"})) == [letter.pk]
    assert ids(api.get(f"{API}documents/", {"symbol": "a/res/69/188"})) == [letter.pk]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("meetings", {"date_after": "23/10/2014"}, "date_after"),
        ("meetings", {"state": "ZZZ"}, "state"),
        ("meetings", {"stance": "ecstatic"}, "stance"),
        ("meetings", {"ordering": "confidential_notes"}, "ordering"),
        ("stances", {"current": "maybe"}, "current"),
        ("targets", {"priority": "urgent"}, "priority"),
        ("follow-ups", {"overdue": "yes"}, "overdue"),
        ("campaigns", {"owner": "x"}, "owner"),
        ("documents", {"page_size": "100000"}, "page_size"),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(api, path, params, field):
    response = api.get(f"{API}{path}/", params)
    assert response.status_code == 400 and field in response.json()


def test_a_side_event_at_headquarters_needs_a_cosponsoring_state(api, organization):
    body = {"title": "Panel", "date": "2014-10-22", "location": "unhq", "organizers": [organization.pk]}
    response = post(api, "side-events", body)
    assert response.status_code == 400 and "cosponsors" in response.json()
    assert post(api, "side-events", {**body, "cosponsors": ["AUS", "BWA", "PAN"]}).status_code == 201


def test_a_second_target_for_the_same_state_is_a_400_not_a_500(client, manager_user, organization):
    client.force_login(manager_user)
    campaign = factories.CampaignFactory(owner=organization)
    factories.TargetFactory(campaign=campaign, state=factories.state("BWA"))
    response = post(client, "targets", {"campaign": campaign.pk, "state": "BWA"})
    assert response.status_code == 400, response.content
    assert "a target of this campaign already" in response.content.decode() and campaign.targets.count() == 1


def test_a_campaign_name_is_unique_within_its_organization_only(
    client, manager_user, organization, outsider_user
):
    factories.CampaignFactory(owner=organization, name="DPRK 2014")
    client.force_login(manager_user)
    assert post(client, "campaigns", {"name": "DPRK 2014", "goal": "x"}).status_code == 400
    client.force_login(outsider_user)
    assert post(client, "campaigns", {"name": "DPRK 2014", "goal": "x"}).status_code == 201


def test_a_stance_from_a_meeting_must_name_the_meeting(api, organization):
    resolution = factories.ResolutionFactory()
    body = {"resolution": resolution.pk, "state": "BWA", "position": "supports", "evidence": "meeting"}
    response = post(api, "stances", body)
    assert response.status_code == 400, response.content
    meeting = factories.MeetingFactory(owner=organization)
    meeting.states.add(factories.state("BWA"))
    assert post(api, "stances", {**body, "meeting": meeting.pk}).status_code == 201


@pytest.mark.parametrize("body", ["{not json", "[]", '{"date": 5, "states": "BWA"}'])
def test_malformed_bodies_are_a_400(api, body):
    response = api.post(f"{API}meetings/", body, content_type="application/json")
    assert response.status_code == 400


def test_every_list_comes_as_csv(api, organization):
    factories.MeetingFactory(owner=organization, place="Mission of Botswana")
    response = api.get(f"{API}meetings/", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "Mission of Botswana" in response.content.decode()


def test_a_csv_page_says_where_the_next_one_is_in_its_link_header(api, organization):
    factories.MeetingFactory.create_batch(3, owner=organization)
    first = api.get(f"{API}meetings/", {"format": "csv", "page_size": 2})
    assert first["Link"] == f'<http://testserver{API}meetings/?format=csv&page=2&page_size=2>; rel="next"'
    assert "Link" not in api.get(f"{API}meetings/", {"format": "csv", "page_size": 3})


def test_a_misspelt_field_is_a_400_naming_it_not_silently_dropped(api, organization):
    campaign = factories.CampaignFactory(owner=organization)
    body = {"campaign": campaign.pk, "state": "BWA", "positon": "supports", "evidence": "judgement"}
    response = post(api, "stances", body)
    assert response.status_code == 400, response.content
    assert response.json()["positon"] == ["Unknown field."]
    meeting = factories.MeetingFactory(owner=organization)
    read = api.get(f"{API}meetings/{meeting.pk}/").json()  # sent back as read, read-only fields too
    response = api.put(f"{API}meetings/{meeting.pk}/", read, content_type="application/json")
    assert response.status_code == 200, response.content
