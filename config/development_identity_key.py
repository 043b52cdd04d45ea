"""The development key that seals protected identities when PLENARY_IDENTITY_KEYS is unset: made
once in var/identity.key (never committed), for `make run` and the tests. With debug off the web
server refuses to start on it (config/security.py).

`python -m config.development_identity_key var/identity.key` makes it (the Makefile does)."""

import os
import sys
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet


def development_identity_keys(path: Path, *, create: bool) -> list[str]:
    """The key in `path`, made there first if it is missing and `create` is set; none otherwise."""
    if not path.exists():
        if not create:
            return []
        _make(path)
    return [path.read_text().strip()]


def _make(path: Path) -> None:
    # Written aside and linked into place: processes starting together (pytest-xdist's workers)
    # all end up with the one key that was linked first, and none reads a half-written file.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, draft = tempfile.mkstemp(dir=path.parent, prefix=".identity-key-")  # mode 0600
    try:
        with os.fdopen(handle, "w") as file:
            file.write(Fernet.generate_key().decode() + "\n")
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(draft)


if __name__ == "__main__":
    development_identity_keys(Path(sys.argv[1]), create=True)
