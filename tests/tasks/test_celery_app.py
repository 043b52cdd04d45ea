"""The Celery app as configured: every task found, all acknowledged late; without a broker, tasks
run in-process; the beat schedules created once, then left as edited in the admin."""

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from config.celery import app as celery_app

TASKS = {
    "unrecord.run_vote_import",
    "advocacy.send_follow_up_reminders",
    "intelligence.send_campaign_digests",
    "intelligence.refresh_projections",
    "core.send_outbox",
}


def test_every_task_is_found_and_acknowledged_late():
    celery_app.autodiscover_tasks(force=True)
    assert set(celery_app.tasks) >= TASKS
    assert all(celery_app.tasks[name].acks_late for name in TASKS)
    assert celery_app.conf.task_reject_on_worker_lost and celery_app.conf.worker_prefetch_multiplier == 1


def test_without_a_broker_tasks_run_in_process(settings):
    assert not settings.CELERY_BROKER_URL.startswith("redis")
    assert celery_app.conf.task_always_eager


@pytest.mark.django_db
def test_schedules_are_created_once_and_admin_edits_survive(capsys):
    call_command("setup_schedules")
    reminders = PeriodicTask.objects.get(task="advocacy.send_follow_up_reminders")
    digests = PeriodicTask.objects.get(task="intelligence.send_campaign_digests")
    assert (reminders.crontab.hour, reminders.crontab.day_of_week) == ("7", "*")
    assert (digests.crontab.hour, digests.crontab.day_of_week) == ("7", "1")
    outbox = PeriodicTask.objects.get(task="core.send_outbox")
    assert (outbox.crontab.minute, outbox.crontab.hour) == ("*", "*")
    reminders.enabled = False  # as if switched off in the admin
    reminders.save()
    call_command("setup_schedules")
    assert PeriodicTask.objects.filter(task__in=TASKS).count() == 3
    assert not PeriodicTask.objects.get(pk=reminders.pk).enabled
    assert "Kept: Follow-up reminders" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_schedules_are_editable_in_the_admin(admin_client):
    call_command("setup_schedules")
    page = admin_client.get("/admin/django_celery_beat/periodictask/")
    assert page.status_code == 200 and "Follow-up reminders" in page.content.decode()
