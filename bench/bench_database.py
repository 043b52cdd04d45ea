"""What the benchmarks share: the shared voting file, a database of their own kept between runs,
and the checksum that tells whether the voting file in it is the one on disk."""

import argparse
import hashlib
import os
import time
from pathlib import Path

VOTING_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "unga-votes-1946-2019.csv.gz"


def file_and_database_options(parser: argparse.ArgumentParser, database: str) -> None:
    """--file and --database, as the benchmarks that load the voting file take them."""
    parser.add_argument("--file", type=Path, default=VOTING_FILE, help="the voting file to load")
    parser.add_argument("--database", default=database, help=f"database name (default {database})")


def use_database(name: str) -> None:
    """Point Django at database `name`: on DATABASE_URL's server (created if missing), else on
    the embedded server, which creates it itself."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        os.environ["PLENARY_DB_NAME"] = name
        return
    import psycopg2

    server = url.rsplit("/", 1)[0]
    admin = psycopg2.connect(server + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    os.environ["DATABASE_URL"] = f"{server}/{name}"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as voting_file:
        while chunk := voting_file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_voting_file_once(path: Path) -> None:
    """Import the voting file unless the last import was of the same file (same SHA-256), then
    VACUUM ANALYZE the vote tables (the state autovacuum reaches soon after an import). Django
    must be set up and the database migrated."""
    from django.core.management import call_command
    from django.db import connection

    from unrecord.models import VoteImport

    checksum = sha256(path)
    last = VoteImport.objects.filter(status=VoteImport.Status.DONE).order_by("-started_at").first()
    if last is not None and last.checksum == checksum:
        print(f"{path.name} already imported (sha256 {checksum[:12]}…): not importing it again.")
    else:
        print(f"Importing {path.name} …", flush=True)
        began = time.perf_counter()
        call_command("import_un_votes", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"  imported in {time.perf_counter() - began:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) unrecord_recordedvote, unrecord_voteevent")
