"""Plenary's settings, unchanged but for the URLconf: the same middleware, authentication,
throttles and database. Only bench/api_load.py uses this module."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "api_load_server.urls"
