"""Production settings: one switch for HTTPS that leaves `check --deploy` nothing to warn of, and
no web server with debug off on the development key, nor without its own identity keys."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

from config.development_identity_key import development_identity_keys

ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT_KEY_FILE = ROOT / "var" / "identity.key"


def _run(code: list[str], **environment) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "PLENARY_IDENTITY_KEYS"
    }
    return subprocess.run(
        [sys.executable, *code], cwd=ROOT, env=env | environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("https", ["true", "false"])
def test_https_on_is_what_check_deploy_asks_for(https):
    checked = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_HTTPS=https,
    )
    if https == "true":
        assert checked.returncode == 0, checked.stderr
    else:  # the same check finds what HTTPS would have turned on: so the test above can fail
        assert checked.returncode != 0 and "SESSION_COOKIE_SECURE" in checked.stderr


def test_the_web_server_refuses_the_development_key_with_debug_off():
    refused = _run(["-c", "import config.wsgi"], DJANGO_DEBUG="false")
    assert refused.returncode != 0 and "DJANGO_SECRET_KEY is not set" in refused.stderr
    assert _run(["-c", "import config.wsgi"], DJANGO_DEBUG="true").returncode == 0
    served = _run(
        ["-c", "import config.wsgi"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        PLENARY_IDENTITY_KEYS=Fernet.generate_key().decode(),
    )
    assert served.returncode == 0, served.stderr


def _serve_with_debug_off(**environment) -> subprocess.CompletedProcess:
    return _run(
        ["-c", "import config.wsgi"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        **environment,
    )


def test_the_web_server_refuses_to_start_without_its_own_identity_key_with_debug_off():
    # The development key in var/ (the tests made it) is no key of production's.
    assert DEVELOPMENT_KEY_FILE.exists()
    refused = _serve_with_debug_off()
    assert refused.returncode != 0 and "PLENARY_IDENTITY_KEYS is not set" in refused.stderr
    malformed = _serve_with_debug_off(PLENARY_IDENTITY_KEYS="not-a-fernet-key")
    assert (
        malformed.returncode != 0 and "Key 1 of PLENARY_IDENTITY_KEYS is not a Fernet key" in malformed.stderr
    )
    keys = f"{Fernet.generate_key().decode()}, {Fernet.generate_key().decode()}"
    served = _serve_with_debug_off(PLENARY_IDENTITY_KEYS=keys)
    assert served.returncode == 0, served.stderr
    assert _run(["-c", "import config.wsgi"], DJANGO_DEBUG="true").returncode == 0  # development


def test_the_development_identity_key_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / "var" / "identity.key"
    assert development_identity_keys(path, create=False) == []
    made = development_identity_keys(path, create=True)
    assert development_identity_keys(path, create=True) == made == [path.read_text().strip()]
    assert Fernet(made[0]) and path.stat().st_mode & 0o077 == 0
    assert list(path.parent.iterdir()) == [path]  # no draft left beside it


def test_make_run_makes_the_development_key_before_anything_runs():
    planned = subprocess.run(
        ["make", "--dry-run", "--always-make", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert planned.index("config.development_identity_key var/identity.key") < planned.index("migrate")


def test_the_compose_stack_requires_identity_keys():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["x-plenary"]["environment"]["PLENARY_IDENTITY_KEYS"].startswith(
        "${PLENARY_IDENTITY_KEYS:?"
    )
