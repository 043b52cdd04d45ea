"""The morning reminder: one email to each follow-up owner listing what is overdue and what is
due today, never twice to the same person on the same day (README, "Background work")."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from advocacy.models import FollowUp, ReminderSent
from directory.models import User


def owners_to_remind(*, day: datetime.date) -> QuerySet[User]:
    """Active users with an email address and an open follow-up due by `day`."""
    due = FollowUp.objects.open().filter(due_on__lte=day).values("assignee_id")
    return User.objects.filter(is_active=True, pk__in=due).exclude(email="").order_by("pk")


def follow_ups_due(*, user: User, day: datetime.date) -> list[FollowUp]:
    """The user's open follow-ups due by `day`, oldest first, among those the user may see."""
    return list(
        FollowUp.objects.visible_to(user)
        .open()
        .filter(assignee=user, due_on__lte=day)
        .select_related("campaign", "state")
        .order_by("due_on", "id")
    )


def send_reminders(*, day: datetime.date | None = None) -> int:
    """Send the day's reminders that have not gone yet; returns how many went now."""
    day = day or timezone.localdate()
    return sum(send_reminder(user=user, day=day) for user in owners_to_remind(day=day))


def send_reminder(*, user: User, day: datetime.date) -> bool:
    """Send `user` the reminder for `day` unless it has gone already; True if it went now.

    The record of the send and the send itself share one transaction. Two runs at once: the
    second waits on the first's row and, once it commits, sends nothing. A mail server that
    refuses: nothing is recorded, and the next run (the task retries) sends it. What is left is a
    crash in the instant between the mail server accepting the message and the commit: the
    reminder then goes twice. That is the side to err on: a second email is a nuisance, an
    overdue follow-up nobody was told about is the harm reminders exist to prevent.
    """
    with transaction.atomic():
        follow_ups = follow_ups_due(user=user, day=day)
        if not follow_ups:
            return False
        _, created = ReminderSent.objects.get_or_create(
            user=user, date=day, defaults={"follow_ups": len(follow_ups)}
        )
        if not created:
            return False
        reminder_email(user=user, day=day, follow_ups=follow_ups).send()
    return True


def reminder_email(*, user: User, day: datetime.date, follow_ups: list[FollowUp]) -> EmailMessage:
    overdue = [f for f in follow_ups if f.due_on < day]
    today = [f for f in follow_ups if f.due_on == day]
    subject = "Plenary: " + " and ".join(
        part
        for part in (
            f"{len(overdue)} overdue follow-up{'s' if len(overdue) != 1 else ''}" if overdue else "",
            f"{len(today)} due today" if today else "",
        )
        if part
    )
    lines = [f"Good morning {user.get_full_name() or user.username},", ""]
    if overdue:
        lines += [f"Overdue ({len(overdue)}):", *(_item(f, day) for f in overdue), ""]
    if today:
        lines += [f"Due today, {day:%A %d %B} ({len(today)}):", *(_item(f, day) for f in today), ""]
    lines += [
        "All your open follow-ups:",
        f"{settings.PLENARY_BASE_URL}{reverse('admin:advocacy_followup_changelist')}"
        f"?assignee__id__exact={user.pk}&status__exact=open",
        "",
        "— Plenary (one reminder a day, on days something is due)",
    ]
    return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])


def _item(follow_up: FollowUp, day: datetime.date) -> str:
    late = (day - follow_up.due_on).days
    when = f"due {follow_up.due_on:%d %b}" + (f", {late} day{'s' if late != 1 else ''} late" if late else "")
    about = ", ".join(str(part) for part in (follow_up.campaign, follow_up.state) if part)
    link = f"{settings.PLENARY_BASE_URL}{reverse('admin:advocacy_followup_change', args=[follow_up.pk])}"
    return f"  - {follow_up.description} ({when}{'; ' + about if about else ''})\n    {link}"
