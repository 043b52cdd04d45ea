"""Dates as each user writes them. A date field reads the user's own order of day and month (their
browser's language: config/formats/) or ISO 8601, and nothing else; the admin shows the expected
format beside every date field, offers a calendar, and echoes the date it read in words
(static/plenary/locale-date.js); input in another order is refused with the expected format and an
example, never read the other way round."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language
from unfold.widgets import UnfoldAdminSingleDateWidget

ISO_DATE = "%Y-%m-%d"
# What the day, month and year are called in a format such as dd/mm/yyyy, in each language.
_PLACEHOLDERS = {"fr": ("jj", "mm", "aaaa"), "es": ("dd", "mm", "aaaa")}
_ENGLISH_PLACEHOLDERS = ("dd", "mm", "yyyy")


def own_format() -> str:
    """The active language's own way of writing a date (e.g. %d/%m/%Y): what date fields show."""
    return formats.get_format("DATE_INPUT_FORMATS")[0]


def readable(strftime_format: str) -> str:
    """`strftime_format` as people read it: %d/%m/%Y is dd/mm/yyyy (jj/mm/aaaa in French)."""
    day, month, year = _PLACEHOLDERS.get((get_language() or "en").split("-")[0], _ENGLISH_PLACEHOLDERS)
    return strftime_format.replace("%d", day).replace("%m", month).replace("%Y", year)


def example_day() -> datetime.date:
    # Past the twelfth, so that the example itself shows which number is the day.
    return datetime.date(timezone.localdate().year, 12, 31)


def format_hint() -> str:
    """What goes beside a date field: the expected format and an example, e.g.
    "dd/mm/yyyy, e.g. 31/12/2026"."""
    own = own_format()
    return f"{readable(own)}, e.g. {example_day().strftime(own)}"


def refusal(typed: str) -> str:
    """Why `typed` is not read as a date, and how to write it."""
    own, example = own_format(), example_day()
    return (
        f"“{typed}” is not a date written {readable(own)}. Enter it as {readable(own)}, "
        f"e.g. {example.strftime(own)}, or as {readable(ISO_DATE)}, e.g. {example.strftime(ISO_DATE)}."
    )


class LocaleDateField(forms.DateField):
    """A date in the user's own order of day and month, or ISO 8601; anything else is refused
    with the expected format and an example (the formats are the language's: config/formats/)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "invalid":
                raise
            raise ValidationError(refusal(str(value).strip()), code="invalid") from error


class LocaleDateWidget(UnfoldAdminSingleDateWidget):
    """The admin's date input (with Django's calendar, from AdminDateWidget's media), the expected
    format beside it, and the date it reads echoed in words as it is typed."""

    template_name = "core/widgets/locale_date.html"

    class Media:
        js = ["plenary/locale-date.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        field_id = attrs.get("id") or name
        own = own_format()
        described_by = [attrs.get("aria-describedby", ""), f"{field_id}_format", f"{field_id}_read"]
        attrs.update(
            {
                "placeholder": readable(own),
                "autocomplete": "off",
                "data-date-format": own,
                "aria-describedby": " ".join(part for part in described_by if part),
            }
        )
        context["date"] = {"format_id": f"{field_id}_format", "read_id": f"{field_id}_read"}
        context["date"] |= {"hint": format_hint(), "unread": f"Not a date written {readable(own)}"}
        return context


class LocaleDatesMixin:
    """Every date field of an admin page reads and shows dates in the user's own way
    (LocaleDateField, LocaleDateWidget); a date and time's date part refuses in the same words."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField):
            refused = {"invalid_date": f"Enter the date as {format_hint()}, or as {readable(ISO_DATE)}."}
            kwargs = {"error_messages": refused, **kwargs}
        elif isinstance(db_field, models.DateField) and not db_field.choices:
            kwargs = {"form_class": LocaleDateField, "widget": LocaleDateWidget, **kwargs}
        return super().formfield_for_dbfield(db_field, request, **kwargs)
