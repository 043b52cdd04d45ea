"""A meeting records what each state met said, in one form: a stance per state, the meeting as its
evidence, that every campaign of the organization on the meeting's resolution sees."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from advocacy import services
from advocacy.models import Meeting, Stance
from core.access import policy_for
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"
DAY = datetime.date(2014, 10, 23)
MET = ("BWA", "GHA", "PAN")


@pytest.fixture
def resolution():
    return factories.ResolutionFactory()


@pytest.fixture
def campaigns(organization, resolution):
    """Two campaigns of the organization on the resolution (say, one per committee)."""
    both = factories.CampaignFactory.create_batch(2, owner=organization)
    for campaign in both:
        campaign.resolutions.add(resolution)
    return both


def _meeting_data(campaign, **values):
    states = [factories.state(iso3) for iso3 in MET]
    return {"date": DAY, "place": "UN Headquarters", "states": states, "campaigns": [campaign], **values}


def _said(*positions, **values) -> list[dict]:
    return [
        {"state": factories.state(iso3), "position": position, **values}
        for iso3, position in zip(MET, positions, strict=False)
    ]


def test_three_states_met_record_three_stances_every_campaign_on_the_resolution_sees(
    staff_user, campaigns, resolution, other_organization
):
    strangers = factories.CampaignFactory(owner=other_organization)
    strangers.resolutions.add(resolution)

    meeting = services.record_meeting(
        author=staff_user,
        record=Meeting(),
        data=_meeting_data(campaigns[0]),
        stances=_said("supports", "leaning_yes", "undecided"),
    )

    stances = Stance.objects.filter(meeting=meeting)
    assert sorted(stances.values_list("state__iso3", "position")) == [
        ("BWA", "supports"),
        ("GHA", "leaning_yes"),
        ("PAN", "undecided"),
    ]
    assert {(s.evidence, s.as_of, s.owner, s.resolution, s.recorded_by) for s in stances} == {
        (Stance.Evidence.MEETING, DAY, staff_user.organization, resolution, staff_user)
    }
    for campaign in campaigns:  # the meeting was filed under the first only
        assert set(Stance.objects.seen_by_campaign(campaign)) == set(stances)
    assert not Stance.objects.seen_by_campaign(strangers).exists()


def test_the_stance_of_a_state_not_met_is_refused_and_nothing_is_saved(staff_user, campaigns):
    said = [*_said("supports"), {"state": factories.state("FRA"), "position": "opposes"}]
    with pytest.raises(ValidationError) as refused:
        services.record_meeting(
            author=staff_user, record=Meeting(), data=_meeting_data(campaigns[0]), stances=said
        )
    assert "France is not among the states met" in str(refused.value)
    assert not Meeting.objects.exists() and not Stance.objects.exists()


def test_a_meeting_about_several_resolutions_needs_each_stance_to_name_its_own(staff_user, campaigns):
    data = _meeting_data(campaigns[0], resolutions=factories.ResolutionFactory.create_batch(2))
    with pytest.raises(ValidationError, match="several resolutions"):
        services.record_meeting(author=staff_user, record=Meeting(), data=data, stances=_said("supports"))
    chosen = data["resolutions"][1]
    meeting = services.record_meeting(
        author=staff_user, record=Meeting(), data=data, stances=_said("supports", resolution=chosen)
    )
    assert meeting.stances.get().resolution == chosen


def test_sent_again_the_stances_said_are_changed_added_and_removed(manager_user, campaigns):
    # Removing one is a delete: a manager's to make, as every delete of outreach is.
    meeting = services.record_meeting(
        author=manager_user,
        record=Meeting(),
        data=_meeting_data(campaigns[0]),
        stances=_said("undecided", "opposes"),
    )
    botswana = meeting.stances.get(state__iso3="BWA")
    services.record_meeting(
        author=manager_user, record=meeting, data={}, stances=_said("supports", "opposes", "abstains")[::2]
    )
    assert sorted(meeting.stances.values_list("state__iso3", "position")) == [
        ("BWA", "supports"),
        ("PAN", "abstains"),
    ]
    assert meeting.stances.get(state__iso3="BWA").pk == botswana.pk  # changed, not replaced


@pytest.mark.parametrize("shared", [True, False])
def test_partners_see_the_stances_said_at_a_meeting_shared_with_them(
    staff_user, partner_user, campaigns, shared
):
    meeting = services.record_meeting(
        author=staff_user,
        record=Meeting(),
        data=_meeting_data(campaigns[0], shared_with_partners=shared),
        stances=_said("supports"),
    )
    stance = meeting.stances.get()
    assert stance.shared_with_partners is shared
    assert Stance.objects.visible_to(partner_user).filter(pk=stance.pk).exists() is shared
    assert not policy_for(Stance).can_change(partner_user, stance)


def test_the_api_writes_a_meeting_and_its_stances_in_one_request(client, staff_user, campaigns, resolution):
    client.force_login(staff_user)
    body = {
        "date": "2014-10-23",
        "states": list(MET),
        "campaigns": [campaigns[1].pk],
        "stances": [
            {"state": "BWA", "position": "supports", "confidence": "high"},
            {"state": "GHA", "position": "leaning_yes", "resolution": resolution.pk},
        ],
    }
    response = client.post(f"{API}meetings/", body, content_type="application/json")

    assert response.status_code == 201, response.content
    said = {row["state"]: (row["position"], row["resolution"]) for row in response.json()["stances"]}
    assert said == {"BWA": ("supports", resolution.pk), "GHA": ("leaning_yes", resolution.pk)}
    assert Stance.objects.seen_by_campaign(campaigns[0]).count() == 2


def test_the_api_answers_a_stance_of_a_state_not_met_with_a_400_and_saves_nothing(
    client, staff_user, campaigns
):
    client.force_login(staff_user)
    body = {"date": "2014-10-23", "states": ["BWA"], "campaigns": [campaigns[0].pk],
            "stances": [{"state": "FRA", "position": "opposes"}]}  # fmt: skip
    response = client.post(f"{API}meetings/", body, content_type="application/json")

    assert response.status_code == 400
    assert "France" in response.json()["stances"][0]
    assert not Meeting.objects.exists()


def _admin_form(campaign, stances: list[tuple[str, str]]) -> dict:
    rows = {
        f"stances-{number}-{field}": value
        for number, (iso3, position) in enumerate(stances)
        for field, value in (
            ("state", factories.state(iso3).pk),
            ("position", position),
            ("confidence", "medium"),
        )
    }
    return {
        "date": "2014-10-23",
        "states": [factories.state(iso3).pk for iso3 in MET],
        "campaigns": [campaign.pk],
        "follow_ups-TOTAL_FORMS": 0,
        "follow_ups-INITIAL_FORMS": 0,
        "stances-TOTAL_FORMS": len(stances),
        "stances-INITIAL_FORMS": 0,
        **rows,
    }


def test_the_admin_records_a_stance_per_state_met_in_the_meetings_form(
    client, staff_user, campaigns, resolution
):
    client.force_login(staff_user)
    said = [("BWA", "supports"), ("GHA", "leaning_yes"), ("PAN", "opposes")]
    response = client.post("/admin/advocacy/meeting/add/", _admin_form(campaigns[0], said))

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert sorted(meeting.stances.values_list("state__iso3", "position", "resolution")) == [
        (iso3, position, resolution.pk) for iso3, position in said
    ]
    assert set(meeting.stances.values_list("evidence", "as_of", "owner")) == {
        ("meeting", DAY, staff_user.organization_id)
    }


def test_the_admin_shows_a_stance_of_a_state_not_met_beside_its_row(client, staff_user, campaigns):
    client.force_login(staff_user)
    response = client.post("/admin/advocacy/meeting/add/", _admin_form(campaigns[0], [("FRA", "opposes")]))

    assert response.status_code == 200
    assert "France is not among the states met at this meeting" in response.content.decode()
    assert not Meeting.objects.exists()
