"""gunicorn.conf.py: read by gunicorn wherever it starts in the project's directory (the image's
command names no config), it preloads the app and freezes what the workers inherit."""

import gc
import os
import secrets
import subprocess
import sys
from pathlib import Path

import gunicorn.app.base
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]


def test_gunicorn_started_in_the_project_reads_its_settings():
    printed = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "config.wsgi"],
        cwd=ROOT,
        # It loads the app (preload), which refuses the development keys with debug off.
        env=os.environ
        | {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "PLENARY_IDENTITY_KEYS": Fernet.generate_key().decode(),
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    settings = {
        name.strip(): value.strip()
        for name, value in (line.split("=", 1) for line in printed.splitlines() if "=" in line)
    }
    assert settings["preload_app"] == "True"
    assert settings["config"] == "./gunicorn.conf.py"


def test_the_master_freezes_before_forking_and_each_worker_collects_again():
    config = gunicorn.app.base.Application.get_config_from_filename(None, str(ROOT / "gunicorn.conf.py"))
    was_enabled = gc.isenabled()
    try:
        assert not gc.isenabled()  # loading the config turned collection off for the app's import
        before = gc.get_freeze_count()
        gc.collect()
        config["pre_fork"](None, None)
        assert gc.get_freeze_count() > before
        config["post_fork"](None, None)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
