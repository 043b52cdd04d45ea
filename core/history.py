"""Change history for domain models, recorded by PostgreSQL triggers (django-pghistory).

Triggers see every write, bulk updates and raw SQL included, which a save() hook or a signal
never would. The request middleware adds who made the change and from which URL.
"""

import pghistory


def tracked(**options):
    """Class decorator: record every insert, update and delete of the model's rows."""
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **options
    )


def track_many_to_many(field, *, app_label: str, model_name: str):
    """Record additions to and removals from an automatic many-to-many table."""
    return pghistory.track(
        pghistory.InsertEvent("add"),
        pghistory.DeleteEvent("remove"),
        obj_field=None,
        app_label=app_label,
        model_name=model_name,
    )(field.through)
