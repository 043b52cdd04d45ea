"""The roll-over and suggested targets over the API: POST /campaigns/{id}/roll-over/ and
GET/POST /campaigns/{id}/suggested-targets/, with who may, in words, and their query counts."""

import pytest

from campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def _url(campaign, action: str) -> str:
    return f"/api/v1/campaigns/{campaign.pk}/{action}/"


def test_rolling_over_answers_201_with_the_new_campaign_then_400_in_words(
    client, manager_user, series_campaign
):
    client.force_login(manager_user)
    old = series_campaign.campaign

    response = client.post(_url(old, "roll-over"))

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["rolled_over_from"], body["status"]) == ("Freedonia 2015", old.pk, "planning")
    again = client.post(_url(old, "roll-over"))
    assert again.status_code == 400
    assert "rolled over already, to “Freedonia 2015”" in str(again.json())


def test_a_partner_is_refused_in_words_and_a_stranger_finds_nothing(
    client, partner_user, outsider_user, series_campaign
):
    series_campaign.campaign.shared_with_partners = True
    series_campaign.campaign.save()
    client.force_login(partner_user)
    refused = client.post(_url(series_campaign.campaign, "roll-over"))
    assert refused.status_code == 403 and "may not roll this campaign over" in refused.json()["detail"]
    refused = client.post(
        _url(series_campaign.campaign, "suggested-targets"), {"all": True}, "application/json"
    )
    assert refused.status_code == 403 and "may not add targets" in refused.json()["detail"]

    client.force_login(outsider_user)
    assert client.post(_url(series_campaign.campaign, "roll-over")).status_code == 404
    assert client.get(_url(series_campaign.campaign, "suggested-targets")).status_code == 404
    assert Campaign.objects.count() == 1


def test_suggested_targets_are_listed_with_their_reasons_in_a_fixed_number_of_queries(
    client, analyst_user, series_campaign, django_assert_num_queries
):
    client.force_login(analyst_user)

    with django_assert_num_queries(2 + 1 + 5):  # session and user, the campaign, the suggestions
        response = client.get(_url(series_campaign.campaign, "suggested-targets"))

    assert response.status_code == 200
    assert response.json()[0] == {
        "state": "BWA",
        "state_name": "Botswana",
        "reason": "Abstained in 2014, voted yes in 2011-2013",
        "priority": 1,
        "wanted_vote": "Y",
    }


def test_accepting_suggestions_answers_201_with_the_targets_made(client, manager_user, series_campaign):
    client.force_login(manager_user)
    url = _url(series_campaign.campaign, "suggested-targets")

    response = client.post(url, {"states": ["BWA", "JPN"]}, "application/json")

    assert response.status_code == 201, response.content
    assert [target["state"] for target in response.json()] == ["BWA", "JPN"]
    unknown = client.post(url, {"states": ["BWA"]}, "application/json")
    assert unknown.status_code == 400 and "Not among the suggestions: BWA" in str(unknown.json())
    neither = client.post(url, {}, "application/json")
    assert neither.status_code == 400 and "Send either" in str(neither.json())
