"""Targets the record suggests: states whose votes on the series moved lately, each with its
reason in words, and accepting one or all of them through the target service."""

import pytest
from django.core.exceptions import ValidationError

from campaigns.services import accept_suggested_targets
from campaigns.suggestions import suggested_targets
from core.access import Forbidden

pytestmark = pytest.mark.django_db


def _by_state(campaign):
    return {s.state.iso3: (s.reason, s.priority_label) for s in suggested_targets(campaign)}


def test_movers_abstainers_and_absentees_are_suggested_with_their_reasons(series_campaign):
    series_campaign.campaign.targets.all().delete()

    assert _by_state(series_campaign.campaign) == {
        "BWA": ("Abstained in 2014, voted yes in 2011-2013", "High"),
        "JPN": ("Absent in 2013-2014, voted yes in 2011-2012", "Medium"),
        "PAN": ("Voted no in 2013-2014, voted yes in 2011-2012", "Medium"),
        "CHL": ("Voted yes in 2014, abstained in 2011-2013", "Low"),
    }
    assert [s.state.iso3 for s in suggested_targets(series_campaign.campaign)][
        0
    ] == "BWA"  # most promising first


def test_states_already_targets_are_left_out(series_campaign):
    assert "PAN" not in _by_state(series_campaign.campaign)  # the fixture's target


def test_a_campaign_without_a_series_gets_no_suggestions(organization):
    from tests import factories

    assert suggested_targets(factories.CampaignFactory(owner=organization)) == []


def test_the_suggestions_cost_five_queries(series_campaign, django_assert_num_queries):
    with django_assert_num_queries(5):
        assert len(suggested_targets(series_campaign.campaign)) == 3


def test_accepting_one_makes_a_target_with_its_reason(series_campaign, manager_user):
    [target] = accept_suggested_targets(
        author=manager_user, campaign=series_campaign.campaign, states=["bwa"]
    )

    assert (target.state.iso3, target.wanted_vote, target.priority) == ("BWA", "Y", 1)
    assert target.rationale == "Suggested from the record: Abstained in 2014, voted yes in 2011-2013."
    assert "BWA" not in _by_state(series_campaign.campaign)


def test_accepting_all_makes_every_suggestion_a_target(series_campaign, manager_user):
    accept_suggested_targets(author=manager_user, campaign=series_campaign.campaign)

    assert set(series_campaign.campaign.targets.values_list("state__iso3", flat=True)) == {
        "PAN",
        "BWA",
        "JPN",
        "CHL",
    }
    assert suggested_targets(series_campaign.campaign) == []


def test_accepting_what_is_not_suggested_names_it_and_adds_nothing(series_campaign, manager_user):
    with pytest.raises(ValidationError, match="Not among the suggestions: AUS, PAN"):
        accept_suggested_targets(
            author=manager_user, campaign=series_campaign.campaign, states=["BWA", "AUS", "PAN"]
        )
    assert series_campaign.campaign.targets.count() == 1


def test_a_partner_may_not_accept_on_a_shared_campaign(series_campaign, partner_user):
    series_campaign.campaign.shared_with_partners = True
    series_campaign.campaign.save()

    with pytest.raises(Forbidden, match="may not add targets"):
        accept_suggested_targets(author=partner_user, campaign=series_campaign.campaign)
