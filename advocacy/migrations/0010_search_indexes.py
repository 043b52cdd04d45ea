"""The search box's indexes of meetings (core/search_index.py): their public text's words, their
public text and confidential notes' words (read only for their owners' own meetings), and their
folded place's trigrams where pg_trgm is installed."""

from django.db import migrations

from core import search_index

TABLE = "advocacy_meeting"
PUBLIC = ("place", "summary", "ask", "commitments")


def create(apps, schema_editor):
    search_index.create_functions(schema_editor)
    search_index.create_text_index(schema_editor, TABLE, "meeting_search_public", PUBLIC)
    search_index.create_text_index(
        schema_editor, TABLE, "meeting_search_owners", (*PUBLIC, "confidential_notes")
    )
    search_index.create_trigram_index(schema_editor, TABLE, "meeting_search_place_trgm", "place")


def drop(apps, schema_editor):
    for name in ("meeting_search_public", "meeting_search_owners", "meeting_search_place_trgm"):
        search_index.drop_index(schema_editor, name)
    search_index.drop_functions(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0009_constraint_messages"),
        ("core", "0002_search_extensions"),
    ]

    operations = [migrations.RunPython(create, drop)]
