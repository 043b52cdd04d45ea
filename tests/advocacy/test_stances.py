"""Stance history is kept; the current stance of a state is its latest, per organization and
subject (a resolution or a series); every campaign of the organization on it sees it."""

import datetime

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError

from advocacy import services
from advocacy.models import Position, Stance
from advocacy.selectors import campaigns_concerned_by
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_current_stance_is_the_latest_and_the_history_stays(organization):
    campaign = factories.CampaignFactory(owner=organization)
    for day, position in [(1, Position.UNDECIDED), (20, Position.LEANING_YES), (10, Position.OPPOSES)]:
        factories.StanceFactory(campaign=campaign, position=position, as_of=datetime.date(2014, 10, day))
    factories.StanceFactory(campaign=campaign, state=factories.state("IND"), position=Position.ABSTAINS)

    current = {stance.state.iso3: stance.position for stance in Stance.objects.current()}
    assert current == {"BWA": Position.LEANING_YES, "IND": Position.ABSTAINS}
    assert Stance.objects.filter(state__iso3="BWA").count() == 3


def test_meeting_evidence_must_name_the_meeting(organization):
    campaign = factories.CampaignFactory(owner=organization)
    with pytest.raises(IntegrityError):
        factories.StanceFactory(campaign=campaign, evidence=Stance.Evidence.MEETING)


@pytest.mark.parametrize("evidence", ["meeting", "vote"])
def test_the_meeting_or_vote_a_stance_cites_cannot_be_deleted_from_under_it(organization, evidence):
    campaign = factories.CampaignFactory(owner=organization)
    cited = {
        "meeting": lambda: factories.MeetingFactory(owner=organization),
        "vote": factories.VoteEventFactory,
    }[evidence]()
    field = "meeting" if evidence == "meeting" else "vote_event"
    factories.StanceFactory(campaign=campaign, evidence=evidence, **{field: cited})
    with pytest.raises(ProtectedError):
        cited.delete()
    assert Stance.objects.filter(**{field: cited}).exists()


def test_the_current_stance_is_kept_per_organization_and_subject(organization, other_organization):
    resolution, series = factories.ResolutionFactory(), factories.ResolutionSeriesFactory()
    early, late = datetime.date(2014, 10, 1), datetime.date(2014, 10, 20)
    ours = factories.StanceFactory(owner=organization, resolution=resolution, as_of=early)
    on_series = factories.StanceFactory(owner=organization, series=series, resolution=None, as_of=early)
    theirs = factories.StanceFactory(owner=other_organization, resolution=resolution, as_of=early)
    newer = factories.StanceFactory(owner=organization, resolution=resolution, as_of=late)

    assert set(Stance.objects.current()) == {newer, on_series, theirs}
    assert ours not in Stance.objects.current()


def test_a_stance_names_a_resolution_or_a_series(organization):
    with pytest.raises(IntegrityError):
        factories.StanceFactory(owner=organization, resolution=None, series=None)


def test_every_campaign_of_the_organization_on_the_resolution_sees_its_stances(
    organization, other_organization
):
    series = factories.ResolutionSeriesFactory()
    resolution = factories.ResolutionFactory(series=series)
    on_resolution = factories.CampaignFactory(owner=organization)
    on_resolution.resolutions.add(resolution)
    on_series = factories.CampaignFactory(owner=organization, series=series)
    elsewhere = factories.CampaignFactory(owner=organization)
    elsewhere.resolutions.add(factories.ResolutionFactory())
    strangers = factories.CampaignFactory(owner=other_organization)
    strangers.resolutions.add(resolution)
    said = factories.StanceFactory(owner=organization, resolution=resolution)
    on_the_series = factories.StanceFactory(owner=organization, series=series, resolution=None)

    assert set(Stance.objects.seen_by_campaign(on_resolution)) == {said, on_the_series}
    assert set(Stance.objects.seen_by_campaign(on_series)) == {said, on_the_series}
    assert not Stance.objects.seen_by_campaign(elsewhere).exists()
    assert not Stance.objects.seen_by_campaign(strangers).exists()
    assert sorted(campaigns_concerned_by(said)) == sorted([on_resolution.pk, on_series.pk])


def test_a_stance_on_last_years_text_does_not_count_for_this_years_vote(organization):
    series = factories.ResolutionSeriesFactory()
    last_year, this_year = (factories.ResolutionFactory(series=series) for _ in range(2))
    campaign = factories.CampaignFactory(owner=organization, series=series)
    campaign.resolutions.add(last_year, this_year)
    old = factories.StanceFactory(owner=organization, resolution=last_year)
    new = factories.StanceFactory(owner=organization, resolution=this_year)
    general = factories.StanceFactory(owner=organization, series=series, resolution=None)

    assert set(Stance.objects.seen_by_campaign(campaign).on_vote(this_year)) == {new, general}
    assert old in Stance.objects.seen_by_campaign(campaign)


def test_a_stance_saved_refreshes_the_figures_of_every_campaign_it_serves(
    organization, staff_user, monkeypatch
):
    resolution = factories.ResolutionFactory()
    first, second = (
        factories.CampaignFactory(owner=organization),
        factories.CampaignFactory(owner=organization),
    )
    for campaign in (first, second):
        campaign.resolutions.add(resolution)
    factories.CampaignFactory(owner=organization).resolutions.add(factories.ResolutionFactory())
    told = []
    monkeypatch.setattr(services, "campaign_inputs_changed", lambda campaign_ids: told.append(campaign_ids))

    services.record_stance(
        author=staff_user,
        data={"state": factories.state("GHA"), "resolution": resolution, "position": "supports",
              "evidence": Stance.Evidence.JUDGEMENT},
    )  # fmt: skip

    assert [sorted(ids) for ids in told] == [sorted([first.pk, second.pk])]
