"""Helpers of the desk's tests: dates relative to today, since the home and the feed show what is
coming."""

import datetime

from django.utils import timezone


def days(n: int) -> datetime.date:
    """The day `n` days from today (before it, for a negative `n`)."""
    return timezone.localdate() + datetime.timedelta(days=n)
