"""The columns of Plenary's spreadsheets: each reads a cell as staff type it (a date, yes or no, a
choice's label, a record's name) and writes a value back as a cell that reads the same way.

A cell it cannot read is refused with words that say what to write instead ("no campaign called
'Kenya campaign'; did you mean Kenya campaign 2026?"); the import reports them by row. A record
named in a cell is looked for only among those the importing user may see (its model's access
policy), so a name a user may not see reads exactly like a name that does not exist.
"""

import datetime
from difflib import get_close_matches

from django.core.exceptions import ValidationError
from django.db.models import Q
from import_export import widgets

from core.access import policy_for
from core.dates import LocaleDateField, format_hint, refusal

LIST_SEPARATOR = ";"
YES = frozenset({"yes", "y", "true", "1", "x"})
NO = frozenset({"no", "n", "false", "0"})
EMPTY = "this column is empty: fill it in"


def cell_text(value) -> str:
    """A cell as text: an Excel number that is whole (3.0) reads as 3."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def closest(text: str, names) -> str | None:
    """The one of `names` that `text` most likely misspells, if any is close."""
    by_lower = {name.lower(): name for name in names if name}
    found = get_close_matches(text.lower(), list(by_lower), n=1, cutoff=0.75)
    return by_lower[found[0]] if found else None


def day_help() -> str:
    """How a date cell is written: as the importer's date fields read it (core.dates)."""
    return f"{format_hint()}, or ISO 8601 (yyyy-mm-dd); an Excel date cell is read as it is"


class DayColumn(widgets.Widget):
    """A date: an Excel date cell, or text as the importing user's date fields read it (their
    language's order of day and month, or ISO 8601: core.dates), never the other way round."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        try:
            return LocaleDateField().clean(text)
        except ValidationError as error:
            raise ValueError(refusal(text)) from error

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class YesNoColumn(widgets.Widget):
    """Yes or no (also true/false, 1/0, x); an empty cell leaves the default."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).lower()
        if not text:
            return None
        if text in YES | NO:
            return text in YES
        raise ValueError(f"'{cell_text(value)}' is neither yes nor no")

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class ChoiceColumn(widgets.Widget):
    """One of a field's choices, by its label ("High") or its stored value ("1"), in any case."""

    def __init__(self, choices):
        super().__init__()
        self.choices = [(value, str(label)) for value, label in choices]

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).lower()
        if not text:
            return None
        for stored, label in self.choices:
            if text in (str(stored).lower(), label.lower()):
                return stored
        labels = ", ".join(label for _, label in self.choices)
        raise ValueError(f"'{cell_text(value)}' is not one of: {labels}")

    def render(self, value, obj=None, **kwargs):
        return next((label for stored, label in self.choices if stored == value), "")


class RecordColumn(widgets.ForeignKeyWidget):
    """A record named by one of `names` (its name, its acronym...), found among the records the
    importing user may see; written back by the first of them."""

    def __init__(self, model, *, names=("name",), noun: str | None = None):
        super().__init__(model, field=names[0])
        self.names = names
        self.noun = noun or str(model._meta.verbose_name)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        return self.find(text, self.visible(kwargs.get("user")))

    def visible(self, user):
        if user is None:  # an import always has its author; without one, nothing is visible
            return self.model._default_manager.none()
        return policy_for(self.model).scope(user)

    def find(self, text: str, visible):
        named = Q()
        for name in self.names:
            named |= Q(**{f"{name}__iexact": text})
        found = list(visible.filter(named)[:2])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(
                f"more than one {self.noun} is called '{text}': name it by its {self._other_name()}"
            )
        raise ValueError(self.unknown(text, visible.values_list(self.names[0], flat=True)))

    def unknown(self, text: str, names) -> str:
        guess = closest(text, names)
        return f"no {self.noun} called '{text}'" + (f"; did you mean {guess}?" if guess else "")

    def _other_name(self) -> str:
        return " or ".join(self.names[1:]) or "full name"

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.names[0]))


class RecordsColumn(widgets.ManyToManyWidget):
    """Several records in one cell, separated by semicolons ("Kenya; Botswana"), each read as
    `one` reads it; every name that cannot be read is reported at once."""

    def __init__(self, one: RecordColumn):
        super().__init__(one.model, separator=LIST_SEPARATOR, field=one.names[0])
        self.one = one

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in cell_text(value).split(LIST_SEPARATOR) if name.strip()]
        found, problems = [], []
        for name in names:
            try:
                found.append(self.one.clean(name, row, **kwargs))
            except ValueError as problem:
                problems.append(str(problem))
        if problems:
            raise ValueError(". ".join(problems))
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{LIST_SEPARATOR} ".join(self.one.render(record) for record in value.all())
