"""The morning reminder: one email per follow-up owner with what is overdue and due today, once a
day however often the task runs, and sent later when the mail server refuses it now."""

import datetime
from smtplib import SMTPException, SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from advocacy import reminders
from advocacy.models import FollowUp, ReminderSent
from advocacy.tasks import send_follow_up_reminders
from tests import factories
from tests.tasks.retries import mail_server_refuses_once, recorded_retries

pytestmark = pytest.mark.django_db

DAY = datetime.date(2014, 11, 20)


@pytest.fixture
def owners(organization):
    alice = factories.UserFactory(username="alice", organization=organization, email="alice@ngo.example")
    bob = factories.UserFactory(username="bob", organization=organization, email="bob@ngo.example")
    botswana = factories.state("BWA")
    campaign = factories.CampaignFactory(owner=organization, name="DPRK 2014")
    follow_up = factories.FollowUpFactory
    follow_up(
        assignee=alice,
        owner=organization,
        description="Send the COI summary",
        due_on=DAY - datetime.timedelta(days=3),
        campaign=campaign,
        state=botswana,
    )
    follow_up(assignee=alice, owner=organization, description="Call the mission of Chile", due_on=DAY)
    follow_up(
        assignee=alice, owner=organization, description="Not yet", due_on=DAY + datetime.timedelta(days=1)
    )
    follow_up(
        assignee=alice,
        owner=organization,
        description="Done already",
        due_on=DAY - datetime.timedelta(days=9),
        status=FollowUp.Status.DONE,
        completed_on=DAY,
    )
    follow_up(
        assignee=bob,
        owner=organization,
        description="Thank Botswana",
        due_on=DAY - datetime.timedelta(days=1),
    )
    return alice, bob


def test_each_owner_gets_one_email_listing_overdue_and_due_today(owners):
    assert send_follow_up_reminders.delay(DAY.isoformat()).get() == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == ["alice@ngo.example", "bob@ngo.example"]
    alice = by_recipient["alice@ngo.example"]
    assert alice.subject == "Plenary: 1 overdue follow-up and 1 due today"
    assert (
        "Overdue (1):\n  - Send the COI summary (due 17 Nov, 3 days late; DPRK 2014, Botswana)" in alice.body
    )
    assert "Due today, Thursday 20 November (1):\n  - Call the mission of Chile (due 20 Nov)" in alice.body
    assert "Not yet" not in alice.body and "Done already" not in alice.body
    assert "http://127.0.0.1:8000/admin/advocacy/followup/" in alice.body
    assert by_recipient["bob@ngo.example"].subject == "Plenary: 1 overdue follow-up"


def test_the_task_run_twice_sends_one_email_per_owner(owners):
    send_follow_up_reminders.delay(DAY.isoformat())
    assert send_follow_up_reminders.delay(DAY.isoformat()).get() == 0
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(date=DAY).count() == 2


def test_a_new_day_brings_a_new_reminder(owners):
    send_follow_up_reminders.delay(DAY.isoformat())
    send_follow_up_reminders.delay((DAY + datetime.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 4


def test_a_refused_send_is_not_recorded_so_the_retry_sends_it(owners, monkeypatch):
    mail_server_refuses_once(monkeypatch, SMTPServerDisconnected("Connection unexpectedly closed"))
    with recorded_retries() as retried:
        send_follow_up_reminders.delay(DAY.isoformat())  # in-process, the retry runs at once
    assert sorted(message.to[0] for message in mail.outbox) == ["alice@ngo.example", "bob@ngo.example"]
    assert ReminderSent.objects.count() == 2
    [retry] = retried
    assert isinstance(retry.error, SMTPServerDisconnected) and 0 <= retry.countdown <= 5


def test_a_mail_server_that_stays_down_is_retried_by_celery_backing_off_then_given_up(owners, monkeypatch):
    def refused(message, *args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailMessage, "send", refused)
    with recorded_retries() as retried:
        result = send_follow_up_reminders.delay(DAY.isoformat())
    assert result.failed() and isinstance(result.result, ConnectionRefusedError)
    assert ReminderSent.objects.count() == 0 and mail.outbox == []
    # Celery's exponential backoff, with full jitter: from 0 up to 5 s doubling, at most 300 s.
    ceilings = [5, 10, 20, 40, 80, 160]
    assert all(0 <= retry.countdown <= ceiling for retry, ceiling in zip(retried, ceilings, strict=True))


def test_the_reminder_task_leaves_retries_to_celery():
    task = send_follow_up_reminders
    assert task.autoretry_for == (SMTPException, OSError)
    assert (task.retry_backoff, task.retry_backoff_max, task.retry_jitter, task.max_retries) == (
        5,
        300,
        True,
        6,
    )


def test_owners_without_an_email_address_or_account_are_skipped(owners):
    alice, bob = owners
    bob.email = ""
    bob.save()
    alice.is_active = False
    alice.save()
    assert reminders.send_reminders(day=DAY) == 0
    assert mail.outbox == []


def test_a_follow_up_the_owner_may_no_longer_see_is_not_listed(owners, other_organization):
    alice, _ = owners
    factories.FollowUpFactory(assignee=alice, owner=other_organization, description="Theirs", due_on=DAY)
    reminders.send_reminders(day=DAY)
    assert "Theirs" not in next(m for m in mail.outbox if m.to == ["alice@ngo.example"]).body
