"""Production settings: one switch for HTTPS that leaves `check --deploy` nothing to warn of, and
no web server with debug off on the development key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: list[str], **environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
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
        ["-c", "import config.wsgi"], DJANGO_DEBUG="false", DJANGO_SECRET_KEY=secrets.token_urlsafe(60)
    )
    assert served.returncode == 0, served.stderr
