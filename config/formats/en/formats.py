"""English (United States): month first, 12/31/2026."""

# The first is how date fields show a date (and the admin's calendar writes one); ISO 8601 is
# always read too. No two-digit years, no other order of day and month.
DATE_INPUT_FORMATS = ["%m/%d/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
