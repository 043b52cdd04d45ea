"""The API's request throttles: a counter per client and window in the shared cache, where DRF's
keeps the time of every request of the last window and writes the whole list back on each one."""

import datetime

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

# A window's count in the database's cache table, in one statement that PostgreSQL runs atomically:
# the row's count plus one while its window lasts, else a new window counting this request. The
# value is the count as text, which only these throttles read (Django's own reads would expect a
# pickle, and never ask for these keys); a pickle left under the key by another backend's writes
# (the Redis fallback's) starts a new window instead of failing the cast.
_COUNT_IN_TABLE = """
INSERT INTO {table} (cache_key, value, expires) VALUES (%(key)s, '1', %(ends)s)
ON CONFLICT (cache_key) DO UPDATE SET
    value = CASE WHEN {table}.expires > %(now)s AND {table}.value ~ '^[0-9]+$'
                 THEN ({table}.value::bigint + 1)::text ELSE '1' END,
    expires = CASE WHEN {table}.expires > %(now)s AND {table}.value ~ '^[0-9]+$'
                   THEN {table}.expires ELSE EXCLUDED.expires END
RETURNING value::bigint, expires
"""


class CountingThrottle:
    """For DRF's SimpleRateThrottles: at most `num_requests` per window of `duration` seconds,
    the window opening with the client's first request, not a sliding one. One atomic increment
    per request (one SQL statement on the database cache; add, then incr on Redis), where DRF
    reads and writes a list that grows to the rate's size (6,000 timestamps a minute, pickled,
    for a busy script)."""

    cache_format = "throttle_%(scope)s_%(ident)s_count"

    @property
    def cache(self):
        # The backend itself, not DRF's default (django.core.cache.cache, a proxy to it): which
        # backend it is decides how to count.
        return caches[DEFAULT_CACHE_ALIAS]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        count, self.window_ends = count_request(self.cache, self.key, self.duration, self.timer())
        return count <= self.num_requests

    def wait(self):
        """Seconds until the window ends (the Retry-After of a 429), or None when unknown."""
        ends = self.window_ends if self.window_ends is not None else self.cache.get(f"{self.key}_ends")
        return None if ends is None else max(0.0, ends - self.timer())


class UserThrottle(CountingThrottle, UserRateThrottle):
    """Requests per signed-in user (API_THROTTLE_USER)."""


class AnonThrottle(CountingThrottle, AnonRateThrottle):
    """Requests per address of the anonymous (API_THROTTLE_ANON)."""


def count_request(cache, key: str, duration: int, now: float) -> tuple[int, float | None]:
    """Count one request under `key`; the window's count so far, and its end when known then."""
    if isinstance(cache, DatabaseCache):
        return _count_in_table(cache, key, duration, now)
    if cache.add(key, 1, duration):
        # Read back only for a refused request's Retry-After: written once per window.
        cache.set(f"{key}_ends", now + duration, duration)
        return 1, now + duration
    try:
        return cache.incr(key), None
    except ValueError:  # the window ended between the two calls
        return count_request(cache, key, duration, now)


def _count_in_table(cache: DatabaseCache, key: str, duration: int, now: float) -> tuple[int, float]:
    model = cache.cache_model_class
    connection = connections[router.db_for_write(model)]
    at = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
    parameters = {
        "key": cache.make_and_validate_key(key),
        "now": at,
        "ends": at + datetime.timedelta(seconds=duration),
    }
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_IN_TABLE.format(table=table), parameters)
        count, ends = cursor.fetchone()
    return count, ends.timestamp()
