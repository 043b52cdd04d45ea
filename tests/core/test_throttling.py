"""The API's throttles (core/throttling.py): a request counter per client and window, counted in
one statement on the database's cache table, and with add and incr on any other cache (Redis)."""

import time

import pytest
from django.core.cache import caches
from django.db import connection
from rest_framework.throttling import SimpleRateThrottle

from core.throttling import count_request

DATABASE_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "plenary_cache"}
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379/15",
}
NOW = 1_900_000_000.0


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {**settings.CACHES, "default": DATABASE_CACHE}
    cache = caches["default"]
    cache.clear()
    return cache


@pytest.fixture
def redis_cache(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_CACHE["LOCATION"], socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at 127.0.0.1:6379 ({error})")
    settings.CACHES = {**settings.CACHES, "default": REDIS_CACHE}
    cache = caches["default"]
    cache.delete_many(["throttle-test", "throttle-test_ends"])
    yield cache
    cache.delete_many(["throttle-test", "throttle-test_ends"])


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "3/minute")


def _statuses(client, user, count: int) -> list:
    client.force_login(user)
    return [client.get("/api/v1/") for _ in range(count)]


@pytest.mark.django_db
def test_the_database_cache_counts_a_request_in_one_statement(database_cache, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert count_request(database_cache, "throttle-test", 60, NOW) == (1, NOW + 60)


@pytest.mark.django_db
def test_the_database_cache_counts_within_the_window_and_starts_a_new_one_after_it(database_cache):
    counts = [count_request(database_cache, "throttle-test", 60, NOW + second) for second in (0, 10, 59)]
    assert counts == [(1, NOW + 60), (2, NOW + 60), (3, NOW + 60)]
    assert count_request(database_cache, "throttle-test", 60, NOW + 61) == (1, NOW + 121)


@pytest.mark.django_db
def test_a_pickle_under_the_key_starts_a_new_window_rather_than_failing(database_cache):
    database_cache.set("throttle-test", 41, 60)  # as the Redis fallback's writes leave it
    assert count_request(database_cache, "throttle-test", 60, time.time())[0] == 1


@pytest.mark.django_db
def test_redis_counts_within_the_window(redis_cache):
    counts = [count_request(redis_cache, "throttle-test", 60, NOW)[0] for _ in range(3)]
    assert counts == [1, 2, 3]
    assert redis_cache.get("throttle-test_ends") == NOW + 60


@pytest.mark.django_db
def test_a_user_past_the_rate_is_refused_until_the_window_ends(
    database_cache, three_a_minute, client, staff_user
):
    responses = _statuses(client, staff_user, 4)
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert 55 <= int(responses[-1]["Retry-After"]) <= 60
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT value FROM plenary_cache WHERE cache_key LIKE %s", [f"%throttle_user_{staff_user.pk}_%"]
        )
        assert cursor.fetchall() == [("4",)]


@pytest.mark.django_db
def test_a_user_past_the_rate_is_refused_with_any_other_cache(three_a_minute, client, staff_user):
    responses = _statuses(client, staff_user, 4)
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert 55 <= int(responses[-1]["Retry-After"]) <= 60
