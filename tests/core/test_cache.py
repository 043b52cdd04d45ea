"""The shared cache (core/cache.py): with CACHE_URL on Redis, values live in Redis while it
answers, and in the database's cache table while it does not, at a cost of milliseconds and one
warning a minute, not an error."""

import time
import uuid

import pytest
import redis
from django.core.cache import caches
from django.db import connection

from config.settings import cache_settings
from core.cache import FallbackCache
from tests.tasks.conftest import REDIS_DOWN_URL, REDIS_URL

pytestmark = pytest.mark.django_db


def in_table(key: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM plenary_cache WHERE cache_key LIKE %s", [f"%{key}"])
        return cursor.fetchone() is not None


@pytest.fixture
def cache_on(settings):
    def configure(url):
        settings.CACHES = cache_settings(url)
        settings.CACHES["default"]["KEY_PREFIX"] = f"plenary-test-{uuid.uuid4().hex[:12]}"
        return caches["default"]

    return configure


def test_cache_url_on_redis_is_redis_with_the_database_table_behind_it(cache_on):
    cache = cache_on(REDIS_DOWN_URL)
    assert isinstance(cache, FallbackCache)
    assert caches["database"].__class__.__name__ == "DatabaseCache"


def test_while_redis_is_down_every_operation_answers_from_the_database(cache_on):
    cache = cache_on(REDIS_DOWN_URL)
    started = time.monotonic()
    assert cache.add("version", 1) and not cache.add("version", 5)
    assert cache.incr("version") == 2
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b", "version"]) == {"a": 1, "b": 2, "version": 2}
    assert cache.get_or_set("figures", lambda: [1, 2, 3]) == [1, 2, 3]
    cache.delete("a")
    assert not cache.has_key("a") and cache.get("b") == 2
    assert time.monotonic() - started < 3  # a dozen operations: Redis refused each at once
    assert in_table("version") and in_table("figures")


def test_redis_down_is_logged_once_a_minute_not_on_every_operation(cache_on, caplog, monkeypatch):
    monkeypatch.setattr(FallbackCache, "_warned_at", float("-inf"))
    cache = cache_on(REDIS_DOWN_URL)
    for number in range(5):
        cache.set(f"key-{number}", number)
    warnings = [record for record in caplog.records if "Redis cache is unreachable" in record.message]
    assert len(warnings) == 1


def test_while_redis_answers_values_live_in_redis_not_the_table(cache_on):
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at 127.0.0.1:6379 ({error})")
    cache = cache_on(REDIS_URL)
    try:
        cache.set("version", 7)
        assert cache.get("version") == 7
        assert not in_table("version")
        assert any(client.scan_iter(match=f"{cache.key_prefix}*version"))
    finally:
        cache.delete("version")
