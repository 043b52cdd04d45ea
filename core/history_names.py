"""The admin's change history in words: each change under its field's name, what it points at by
name (a meeting's states, its owner, its campaign), never by bare id; choices as their labels.

Names come from the access policy's scope, so a record the reader may not see is not named, and
a protected person is named by the pseudonym that is their name everywhere. One query per kind
of record the page's events point at.
"""

from collections import defaultdict

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from core.access import policy_for

NOT_SHOWN = "(one you may not see)"


def name_changes(user, events: list) -> list:
    """Give each event `changes`: (field label, value before or None, value after), in words."""
    fields_of = {event.pgh_obj_model: _fields(event.pgh_obj_model) for event in events}
    names = _names(user, _wanted(events, fields_of))
    for event in events:
        fields = fields_of[event.pgh_obj_model]
        if event.pgh_diff:
            pairs = [(column, before, after) for column, (before, after) in event.pgh_diff.items()]
        else:
            pairs = [(column, None, value) for column, value in (event.pgh_data or {}).items()]
        event.changes = [
            (_label(field), _shown(field, before, names), _shown(field, after, names))
            for column, before, after in pairs
            if (field := fields.get(column)) is not None and (event.pgh_diff or after not in (None, ""))
        ]
    return events


def _fields(label: str) -> dict:
    """The tracked model's fields by column, its primary key left out (an id says nothing)."""
    model = apps.get_model(label)
    return {f.column: f for f in model._meta.concrete_fields if not f.primary_key}


def _wanted(events, fields_of) -> dict:
    """The ids of the records the events point at, by model."""
    wanted = defaultdict(set)
    for event in events:
        fields = fields_of[event.pgh_obj_model]
        values = [*(event.pgh_data or {}).items(), *_diff_values(event.pgh_diff)]
        for column, value in values:
            field = fields.get(column)
            if field is not None and field.is_relation and value is not None:
                wanted[field.related_model].add(value)
    return wanted


def _diff_values(diff):
    for column, pair in (diff or {}).items():
        yield from ((column, value) for value in pair)


def _names(user, wanted: dict) -> dict:
    names = {}
    for model, ids in wanted.items():
        try:
            visible = policy_for(model).scope(user).filter(pk__in=ids)
        except ImproperlyConfigured:  # a model no room shows (a user's history rows): not named
            continue
        names[model] = {record.pk: str(record) for record in visible}
    return names


def _label(field) -> str:
    return str(field.verbose_name)


def _shown(field, value, names):
    if value is None or value == "":
        return value
    if field.is_relation:
        return names.get(field.related_model, {}).get(value, NOT_SHOWN)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
