"""What the benchmarks share: a database of their own, kept between runs, and the checksum that
tells whether the voting file in it is the one on disk."""

import hashlib
import os
from pathlib import Path


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
