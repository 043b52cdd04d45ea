"""The weekly campaign digest: to each manager of the campaign's organization, the week's stance
changes, new meetings, overdue follow-ups and the projected tally against the thresholds; once a
week however often the task runs."""

import datetime
from smtplib import SMTPException, SMTPServerDisconnected

import pytest
from django.core import mail
from django.utils import timezone

from campaigns.models import Threshold
from directory.models import User
from intelligence import digest
from intelligence.models import DigestSent
from intelligence.tasks import send_campaign_digests
from tests import factories
from tests.tasks.retries import mail_server_refuses_once, recorded_retries

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def campaign(organization, today):
    campaign = factories.CampaignFactory(owner=organization, name="DPRK 2014", status="active")
    resolution = factories.ResolutionFactory(adopted_symbol="A/RES/69/188")
    campaign.resolutions.add(resolution)
    Threshold.objects.create(campaign=campaign, kind=Threshold.Kind.MIN_YES, value=100, resolution=resolution)
    botswana, chile = factories.state("BWA"), factories.state("CHL")
    stance = factories.StanceFactory
    stance(campaign=campaign, state=botswana, position="undecided", as_of=today - datetime.timedelta(days=30))
    stance(
        campaign=campaign, state=botswana, position="leaning_yes", as_of=today - datetime.timedelta(days=2)
    )
    stance(campaign=campaign, state=chile, position="supports", as_of=today - datetime.timedelta(days=20))
    meeting = factories.MeetingFactory(
        owner=organization, date=today - datetime.timedelta(days=2), place="Mission of Botswana"
    )
    meeting.states.add(botswana)
    meeting.campaigns.add(campaign)
    old_meeting = factories.MeetingFactory(owner=organization, date=today - datetime.timedelta(days=40))
    old_meeting.campaigns.add(campaign)
    staff = factories.UserFactory(username="carol", organization=organization)
    factories.FollowUpFactory(
        owner=organization,
        campaign=campaign,
        assignee=staff,
        description="Send the report",
        due_on=today - datetime.timedelta(days=4),
    )
    return campaign


@pytest.fixture
def managers(organization, other_organization):
    return [
        factories.UserFactory(
            username="dora", organization=organization, role=User.Role.MANAGER, email="dora@ngo.example"
        ),
        factories.UserFactory(
            username="eve", organization=organization, role=User.Role.MANAGER, email="eve@ngo.example"
        ),
        factories.UserFactory(
            username="frank", organization=organization, role=User.Role.STAFF, email="frank@ngo.example"
        ),
        factories.UserFactory(
            username="gina", organization=other_organization, role=User.Role.MANAGER, email="gina@x.example"
        ),
    ]


def test_each_manager_of_the_campaign_gets_the_week_in_one_email(campaign, managers, today):
    assert send_campaign_digests.delay().get() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["dora@ngo.example", "eve@ngo.example"]
    message = mail.outbox[0]
    assert message.subject == "Plenary weekly: DPRK 2014: 1 stance change, 1 meeting, 1 overdue follow-up"
    body = message.body
    assert f"  - Botswana: Undecided → Leaning yes ({today - datetime.timedelta(days=2):%d %b}, " in body
    assert "Chile" not in body.split("Stance changes")[1].split("New meetings")[0]  # three weeks old
    assert "Botswana, Mission of Botswana" in body
    assert "Send the report (carol; due" in body and "4 days late" in body
    assert "Projected vote on A/RES/69/188 as of" in body and " yes" in body
    assert "At least 100 yes: " in body


def test_the_digest_run_twice_in_a_week_goes_once(campaign, managers, today):
    monday = digest.week_of(today)
    send_campaign_digests.delay(monday.isoformat())
    assert send_campaign_digests.delay((monday + datetime.timedelta(days=3)).isoformat()).get() == 0
    assert len(mail.outbox) == 2
    assert send_campaign_digests.delay((monday + datetime.timedelta(days=7)).isoformat()).get() == 2
    assert DigestSent.objects.count() == 4


def test_the_projected_tally_matches_the_projection(campaign, managers):
    projection = digest.campaign_digest(campaign=campaign, day=timezone.localdate()).projection
    message = digest.digest_email(
        digest=digest.campaign_digest(campaign=campaign, day=timezone.localdate()), user=managers[0]
    )
    assert f"{projection.totals.expected['Y']} yes" in message.body
    assert projection.thresholds[0].explanation in message.body


def test_campaigns_not_running_get_no_digest(campaign, managers):
    campaign.status = "closed"
    campaign.save()
    assert digest.send_digests() == 0
    assert mail.outbox == []


def test_a_digest_the_mail_server_refuses_is_sent_by_celerys_retry(campaign, managers, today, monkeypatch):
    mail_server_refuses_once(monkeypatch, SMTPServerDisconnected("Connection unexpectedly closed"))
    with recorded_retries() as retried:
        send_campaign_digests.delay(today.isoformat())  # in-process, the retry runs at once
    assert sorted(message.to[0] for message in mail.outbox) == ["dora@ngo.example", "eve@ngo.example"]
    [retry] = retried
    assert isinstance(retry.error, SMTPServerDisconnected) and 0 <= retry.countdown <= 5
    task = send_campaign_digests
    assert task.autoretry_for == (SMTPException, OSError)
    assert (task.retry_backoff, task.retry_backoff_max, task.retry_jitter, task.max_retries) == (
        5,
        300,
        True,
        6,
    )
