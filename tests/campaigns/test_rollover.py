"""Rolling a campaign over to next session: what the new campaign carries, the draft it works
on (the record's, or a placeholder the real draft replaces), who may, and last session's stances
kept as history."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign, Threshold
from campaigns.services import roll_over_campaign
from core.access import Forbidden
from intelligence.projection import current_stances
from tests import factories
from tests.campaigns.conftest import session
from unrecord.models import Resolution
from unrecord.series_record import series_decisions
from unrecord.services import record_writes

pytestmark = pytest.mark.django_db


def test_the_new_campaign_carries_targets_thresholds_and_next_sessions_name(series_campaign, manager_user):
    old = series_campaign.campaign

    new = roll_over_campaign(author=manager_user, campaign=old)

    assert (new.name, new.goal, new.series, new.status) == (
        "Freedonia 2015",
        old.goal,
        old.series,
        "planning",
    )
    assert new.rolled_over_from == old and new.owner == old.owner
    assert [body.code for body in new.bodies.all()] == ["GA-C3"]
    assert list(new.targets.values_list("state__iso3", "wanted_vote", "priority", "rationale")) == [
        ("PAN", "Y", 1, "Swing vote")
    ]
    draft = new.resolutions.get()
    assert set(new.thresholds.values_list("kind", "value", "resolution")) == {
        ("min_yes", 100, draft.pk),
        ("adopted", None, draft.pk),
    }
    assert old.thresholds.count() == 2 and old.targets.count() == 1  # last session's untouched


def test_without_next_sessions_draft_on_record_a_placeholder_stands_in(series_campaign, manager_user):
    new = roll_over_campaign(author=manager_user, campaign=series_campaign.campaign)

    draft = new.resolutions.get()
    assert draft.is_placeholder and draft.session.number == 70 and draft.series == series_campaign.series
    assert "placeholder" in draft.symbol.lower() and "placeholder" in draft.title
    # Never taken for the UN's record: the series' history does not list it.
    assert draft not in [decision.resolution for decision in series_decisions(series_id=draft.series_id)]


def test_the_real_draft_recorded_replaces_the_placeholder(series_campaign, manager_user, record_keeper):
    new = roll_over_campaign(author=manager_user, campaign=series_campaign.campaign)
    placeholder = new.resolutions.get()
    stance = factories.StanceFactory(owner=new.owner, resolution=placeholder, as_of=datetime.date.today())

    real = record_writes[Resolution].save(
        author=record_keeper,
        record=Resolution(),
        data={
            "draft_symbol": "A/C.3/70/L.25",
            "title": "Freedonia",
            "series": new.series,
            "session": session(70),
        },
    )

    assert not Resolution.objects.filter(pk=placeholder.pk).exists()
    assert list(new.resolutions.all()) == [real]
    assert set(new.thresholds.values_list("resolution", flat=True)) == {real.pk}
    stance.refresh_from_db()
    assert stance.resolution == real


def test_next_sessions_draft_on_record_is_used(series_campaign, manager_user):
    real = factories.ResolutionFactory(series=series_campaign.series, session=session(70))

    new = roll_over_campaign(author=manager_user, campaign=series_campaign.campaign)

    assert list(new.resolutions.all()) == [real]
    assert not Resolution.objects.filter(is_placeholder=True).exists()


def test_rolling_over_twice_is_refused_naming_the_successor(series_campaign, manager_user):
    roll_over_campaign(author=manager_user, campaign=series_campaign.campaign)

    with pytest.raises(ValidationError, match="rolled over already, to “Freedonia 2015”"):
        roll_over_campaign(author=manager_user, campaign=series_campaign.campaign)
    assert Campaign.objects.filter(rolled_over_from=series_campaign.campaign).count() == 1


@pytest.mark.parametrize("who", ["staff_user", "partner_user", "outsider_user"])
def test_only_who_may_change_the_campaign_and_add_campaigns_may(series_campaign, who, request):
    series_campaign.campaign.shared_with_partners = True
    series_campaign.campaign.save()

    with pytest.raises(Forbidden, match="may not roll this campaign over"):
        roll_over_campaign(author=request.getfixturevalue(who), campaign=series_campaign.campaign)
    assert not Campaign.objects.filter(rolled_over_from__isnull=False).exists()


def test_a_campaign_without_a_series_is_refused_with_what_to_do(organization, manager_user):
    campaign = factories.CampaignFactory(owner=organization)

    with pytest.raises(ValidationError, match="Name the campaign's series"):
        roll_over_campaign(author=manager_user, campaign=campaign)


def test_an_amendment_threshold_stays_behind(series_campaign, manager_user):
    amendment = series_campaign.drafts[69].amendments.create(summary="Delete paragraph 8")
    Threshold.objects.create(
        campaign=series_campaign.campaign, kind="amendment_defeated", amendment=amendment
    )

    new = roll_over_campaign(author=manager_user, campaign=series_campaign.campaign)

    assert not new.thresholds.filter(kind="amendment_defeated").exists()


def test_last_sessions_stances_are_history_not_current(series_campaign, manager_user):
    old = series_campaign.campaign
    new = roll_over_campaign(author=manager_user, campaign=old)
    botswana = factories.state("BWA")
    on_series = {"owner": old.owner, "state": botswana, "series": old.series, "resolution": None}
    last_session = factories.StanceFactory(
        **on_series, position="supports", as_of=new.starts_on - datetime.timedelta(days=90)
    )
    factories.StanceFactory(
        owner=old.owner, state=botswana, resolution=series_campaign.drafts[69], as_of=new.starts_on
    )
    today = new.starts_on

    assert current_stances(campaign=old, vote_on=series_campaign.drafts[69], as_of=today)[botswana.pk]
    assert current_stances(campaign=new, vote_on=new.resolutions.get(), as_of=today) == {}
    this_session = factories.StanceFactory(**on_series, position="leaning_no", as_of=today)
    assert current_stances(campaign=new, vote_on=new.resolutions.get(), as_of=today) == {
        botswana.pk: this_session
    }
    assert last_session.pk != this_session.pk


def test_the_state_page_labels_last_sessions_stances_with_their_date(client, manager_user, series_campaign):
    new = roll_over_campaign(author=manager_user, campaign=series_campaign.campaign)
    earlier = new.starts_on - datetime.timedelta(days=30)
    factories.StanceFactory(
        owner=new.owner, state=factories.state("BWA"), series=new.series, resolution=None, as_of=earlier
    )
    client.force_login(manager_user)

    response = client.get(f"/dashboard/campaigns/{new.pk}/states/BWA/")

    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert f'{earlier:%-d %b %Y} <span class="badge"' in page and "last session's</span>" in page
    assert client.get(f"/dashboard/campaigns/{new.pk}/").status_code == 200  # projected on the placeholder
