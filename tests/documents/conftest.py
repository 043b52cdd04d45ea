"""Fixtures of the documents' tests: uploads stored in a folder of the test's own."""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
