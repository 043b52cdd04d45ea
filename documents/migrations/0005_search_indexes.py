"""The search box's indexes of documents (core/search_index.py): the words of their text, PDF
text included, and their folded title's trigrams where pg_trgm is installed. The functions the
indexes use come with advocacy migration 0010."""

from django.db import migrations

from core import search_index

TABLE = "documents_document"


def create(apps, schema_editor):
    search_index.create_text_index(
        schema_editor,
        TABLE,
        "document_search_text",
        ("title", "summary", "recipients_note", "extracted_text"),
    )
    search_index.create_trigram_index(schema_editor, TABLE, "document_search_title_trgm", "title")


def drop(apps, schema_editor):
    for name in ("document_search_text", "document_search_title_trgm"):
        search_index.drop_index(schema_editor, name)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_constraint_messages"),
        ("advocacy", "0010_search_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
