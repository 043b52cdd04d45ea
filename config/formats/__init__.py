"""The dates each language reads (settings.FORMAT_MODULE_PATH): its own order of day and month,
written with a four-digit year, or ISO 8601, and nothing else, so that a date typed in the other
order is refused with the expected format (core/dates.py) rather than read the wrong way round.
Django's own locale modules supply everything these do not set (how dates are displayed)."""
