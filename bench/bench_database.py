"""What the benchmarks share: the shared voting file, a database of their own kept between runs,
and the checksum that tells whether the voting file in it is the one on disk."""

import argparse
import hashlib
import os
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
