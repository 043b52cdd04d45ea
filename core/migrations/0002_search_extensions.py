"""The PostgreSQL extensions the one search box (desk/search.py) uses when it can: unaccent (accent
folding) and pg_trgm (similarity, for typos). Created only where the server ships them: the
embedded PostgreSQL of `make test` does not, and the search then folds accents itself
(desk/search_sql.py), so a database without them migrates and searches all the same."""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

EXTENSIONS = ("unaccent", "pg_trgm")


def create_available_extensions(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", [list(EXTENSIONS)])
        available = {name for (name,) in cursor.fetchall()}
    for name in EXTENSIONS:
        if name in available:
            _create(schema_editor.connection, name)


def _create(connection, name):
    # A role that may not create extensions (a managed database's) searches without them: the
    # migration says so and goes on, rather than stopping every later migration.
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(f'CREATE EXTENSION IF NOT EXISTS "{name}"')
    except DatabaseError as refused:
        logger.warning("The %s extension was not created, the search works without it: %s", name, refused)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    # Left in place on the way back: other databases' objects (an index, a view) may use them.
    operations = [migrations.RunPython(create_available_extensions, migrations.RunPython.noop)]
