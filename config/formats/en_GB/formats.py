"""English (United Kingdom): day first, 31/12/2026."""

# The first is how date fields show a date (and the admin's calendar writes one); ISO 8601 is
# always read too. No two-digit years, no other order of day and month.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
