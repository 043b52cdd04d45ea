"""The database's rules in words: what a user reads when a write breaks a constraint, instead of
"Constraint ... is violated" or a 500.

Every CheckConstraint and UniqueConstraint declares its `violation_error_message` (a test walks
them all); forms and services show it through model validation. A write that still reaches the
database and is refused there (two editors adding the same row at once) is answered with the
same words, found here by the name of the constraint PostgreSQL reports.
"""

import functools

from django.apps import apps
from django.db import IntegrityError

REFUSED = (
    "The database refused this change: it would duplicate or contradict a record stored "
    "meanwhile. Reload, check what is there now, and try again."
)


@functools.cache
def messages_by_constraint() -> dict[str, str]:
    """Every model's constraints and unique fields, by the name the database knows them by."""
    messages = {}
    for model in apps.get_models():
        opts = model._meta
        for constraint in opts.constraints:
            messages[constraint.name] = str(constraint.get_violation_error_message())
        for field in opts.concrete_fields:
            if field.unique and not field.primary_key:
                messages[f"{opts.db_table}_{field.column}_key"] = _unique_field_message(model, field)
    return messages


def _unique_field_message(model, field) -> str:
    return field.error_messages["unique"] % {
        "model_name": model._meta.verbose_name.capitalize(),
        "field_label": field.verbose_name,
    }


def integrity_error_words(error: IntegrityError) -> str:
    """What to tell the user about `error`: its constraint's message, or a plain general one."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    return messages_by_constraint().get(name, REFUSED)
