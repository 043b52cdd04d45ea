"""Silencing the row-level history triggers of the tables an import writes to.

Imported public records are traced by the VoteImport that brought them; a history row per
imported row would only slow the import down. The setting is local to the import's transaction,
so hand edits made anywhere else are still recorded.
"""

import pgtrigger

IMPORTED_MODELS = ("unrecord.Session", "unrecord.Resolution", "unrecord.VoteEvent")


def ignore_history_triggers(cursor) -> None:
    pgids = [
        trigger.get_pgid(model)
        for model, trigger in pgtrigger.registry.registered()
        if model._meta.label in IMPORTED_MODELS
    ]
    cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", ["{" + ",".join(pgids) + "}"])
