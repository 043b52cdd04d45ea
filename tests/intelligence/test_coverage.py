"""Outreach coverage: targets never met, met long ago, waiting on overdue follow-ups, and the
stance moves after meetings."""

import datetime

import pytest

from intelligence.coverage import outreach_coverage
from tests import factories
from unrecord.models import MemberState

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2014, 11, 17)


def _meet(campaign, iso3, day, **values):
    meeting = factories.MeetingFactory(owner=campaign.owner, date=day, **values)
    meeting.states.add(factories.state(iso3))
    meeting.campaigns.add(campaign)
    return meeting


def _target(campaign, iso3, **values):
    return factories.TargetFactory(campaign=campaign, state=factories.state(iso3), **values)


def _status(coverage):
    return {target.iso3: target.status for target in coverage.targets}


def test_targets_are_never_met_met_long_ago_or_met_recently(campaign, staff_user):
    for iso3 in ("NGA", "GHA", "KEN"):
        _target(campaign, iso3)
    _meet(campaign, "GHA", datetime.date(2014, 6, 1))
    _meet(campaign, "KEN", datetime.date(2014, 6, 1))
    _meet(campaign, "KEN", datetime.date(2014, 10, 1))
    _meet(
        factories.CampaignFactory(owner=campaign.owner), "NGA", datetime.date(2014, 10, 1)
    )  # another campaign
    _meet(campaign, "NGA", datetime.date(2014, 12, 1))  # after the day asked about

    coverage = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)

    assert _status(coverage) == {"NGA": "never_met", "GHA": "met_long_ago", "KEN": "met_recently"}
    kenya = next(target for target in coverage.targets if target.iso3 == "KEN")
    assert (kenya.meetings, kenya.last_met_on) == (2, datetime.date(2014, 10, 1))
    assert (
        _status(outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY, stale_after_days=200))[
            "GHA"
        ]
        == "met_recently"
    )


def test_overdue_follow_ups_count_for_the_state_named_or_the_meetings_states(campaign, staff_user):
    for iso3 in ("NGA", "GHA", "KEN"):
        _target(campaign, iso3)
    meeting = _meet(campaign, "GHA", datetime.date(2014, 10, 1))
    owner = {"owner": campaign.owner, "assignee": staff_user}
    factories.FollowUpFactory(
        campaign=campaign, state=factories.state("NGA"), due_on=TODAY.replace(day=1), **owner
    )
    factories.FollowUpFactory(meeting=meeting, due_on=TODAY.replace(day=2), **owner)
    factories.FollowUpFactory(
        campaign=campaign, state=factories.state("KEN"), due_on=TODAY, **owner
    )  # due today
    done = {"status": "done", "completed_on": TODAY}
    factories.FollowUpFactory(
        campaign=campaign, state=factories.state("KEN"), due_on=TODAY.replace(day=1), **done, **owner
    )
    factories.FollowUpFactory(
        state=factories.state("KEN"), due_on=TODAY.replace(day=1), **owner
    )  # no campaign

    coverage = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)

    assert {t.iso3: t.overdue_follow_ups for t in coverage.targets} == {"NGA": 1, "GHA": 1, "KEN": 0}
    assert [t.iso3 for t in coverage.with_overdue_follow_ups] == ["GHA", "NGA"]


def _stance(campaign, iso3, position, day):
    factories.StanceFactory(campaign=campaign, state=factories.state(iso3), position=position, as_of=day)


def test_stances_moving_toward_the_wanted_vote_after_meetings_are_counted(campaign, staff_user):
    _target(campaign, "NGA")
    _target(campaign, "VNM", wanted_vote="A")
    _target(campaign, "GHA")
    _target(campaign, "KEN")
    for iso3, before, after in (
        ("NGA", "undecided", "leaning_yes"),
        ("VNM", "opposes", "abstains"),
        ("GHA", "supports", "undecided"),
    ):
        _stance(campaign, iso3, before, datetime.date(2014, 9, 1))
        _meet(campaign, iso3, datetime.date(2014, 10, 1))
        _stance(campaign, iso3, after, datetime.date(2014, 10, 1))
    _meet(campaign, "KEN", datetime.date(2014, 10, 1))  # no stance ever recorded

    coverage = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)

    assert {move.iso3: move.movement for move in coverage.moves} == {
        "NGA": "toward",
        "VNM": "toward",
        "GHA": "away",
        "KEN": "unknown",
    }
    assert coverage.movement == {"toward": 2, "away": 1, "unchanged": 0, "unknown": 1}


@pytest.mark.parametrize("targets", [2, 30])
def test_coverage_reads_a_fixed_number_of_queries(campaign, staff_user, django_assert_num_queries, targets):
    states = list(MemberState.objects.members_on(TODAY).order_by("iso3")[:targets])
    for state in states:
        factories.TargetFactory(campaign=campaign, state=state)
        _meet(campaign, state.iso3, datetime.date(2014, 10, 1))
        _stance(campaign, state.iso3, "undecided", datetime.date(2014, 9, 1))
        factories.FollowUpFactory(
            campaign=campaign,
            state=state,
            due_on=datetime.date(2014, 11, 1),
            owner=campaign.owner,
            assignee=staff_user,
        )

    with django_assert_num_queries(4):
        coverage = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)

    assert len(coverage.with_overdue_follow_ups) == targets


def test_a_partner_learns_nothing_of_the_meetings_and_follow_ups_not_shared_with_it(
    campaign, staff_user, partner_user
):
    campaign.shared_with_partners = True
    campaign.save()
    for iso3 in ("GHA", "KEN"):
        _target(campaign, iso3)
    _meet(campaign, "GHA", datetime.date(2014, 10, 1), shared_with_partners=True)
    secret = _meet(campaign, "KEN", datetime.date(2014, 10, 2))
    factories.FollowUpFactory(
        meeting=secret, due_on=datetime.date(2014, 11, 1), owner=campaign.owner, assignee=staff_user
    )

    ours = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)
    theirs = outreach_coverage(campaign=campaign, user=partner_user, as_of=TODAY)

    assert _status(ours) == {"GHA": "met_recently", "KEN": "met_recently"}
    assert _status(theirs) == {"GHA": "met_recently", "KEN": "never_met"}
    assert [t.iso3 for t in ours.with_overdue_follow_ups] == ["KEN"]
    assert theirs.with_overdue_follow_ups == []


def test_co_sponsoring_or_attending_the_organizations_side_event_on_the_subject_counts_as_contact(
    campaign, staff_user
):
    for iso3 in ("AUS", "BWA", "PAN", "KEN"):
        _target(campaign, iso3)
    sibling = factories.CampaignFactory(owner=campaign.owner, series=campaign.series)
    event = factories.SideEventFactory(owner=campaign.owner, date=datetime.date(2014, 10, 22))
    event.campaigns.add(sibling)  # filed under another campaign on the same series
    event.cosponsors.add(factories.state("AUS"), factories.state("BWA"))
    event.delegations_present.add(factories.state("BWA"), factories.state("PAN"))
    elsewhere = factories.SideEventFactory(owner=campaign.owner, date=datetime.date(2014, 10, 22))
    elsewhere.campaigns.add(factories.CampaignFactory(owner=campaign.owner))
    elsewhere.cosponsors.add(factories.state("KEN"))

    coverage = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)

    assert _status(coverage) == {"AUS": "met_recently", "BWA": "met_recently", "PAN": "met_recently",
                                 "KEN": "never_met"}  # fmt: skip
    botswana = next(target for target in coverage.targets if target.iso3 == "BWA")
    assert (botswana.meetings, botswana.side_events, botswana.last_met_on) == (0, 1, event.date)
    assert coverage.moves == []  # a side event is contact, not a meeting whose effect is measured


def test_a_meeting_under_another_campaign_on_the_same_resolution_counts_as_contact(
    campaign, staff_user, other_organization
):
    for iso3 in ("NGA", "GHA", "KEN"):
        _target(campaign, iso3)
    resolution = campaign.resolutions.get()
    sibling = factories.CampaignFactory(owner=campaign.owner)
    sibling.resolutions.add(resolution)
    _meet(sibling, "NGA", datetime.date(2014, 10, 1))
    _meet(factories.CampaignFactory(owner=campaign.owner), "GHA", datetime.date(2014, 10, 1))  # elsewhere
    strangers = factories.CampaignFactory(owner=other_organization)
    strangers.resolutions.add(resolution)
    _meet(strangers, "KEN", datetime.date(2014, 10, 1))  # another organization's: not ours to count

    coverage = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)

    assert _status(coverage) == {"NGA": "met_recently", "GHA": "never_met", "KEN": "never_met"}


def test_stance_moves_read_the_stances_every_campaign_on_the_resolution_shares(campaign, staff_user):
    _target(campaign, "NGA")
    sibling = factories.CampaignFactory(owner=campaign.owner)
    sibling.resolutions.add(campaign.resolutions.get())
    meeting = _meet(sibling, "NGA", datetime.date(2014, 10, 10))
    before, after = datetime.date(2014, 10, 1), meeting.date
    for day, position in ((before, "undecided"), (after, "supports")):
        factories.StanceFactory(campaign=sibling, state=factories.state("NGA"), position=position, as_of=day)

    coverage = outreach_coverage(campaign=campaign, user=staff_user, as_of=TODAY)

    assert [(move.meeting_id, move.before, move.after, move.movement) for move in coverage.moves] == [
        (meeting.pk, "undecided", "supports", "toward")
    ]
