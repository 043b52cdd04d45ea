"""The cache every process shares (settings.CACHES): Redis when CACHE_URL names it, and the
database's cache table while Redis does not answer, so that a Redis outage costs a few
milliseconds a request instead of failing it. DRF's throttles and the cached figures live here.

A value written to the table during an outage is not copied back: once Redis answers again,
figures cached before the outage may be served until the refresh that the outage's writes queued
(core.background's outbox) recomputes them, or until they expire."""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# A Redis that is down refuses at once; one that is unreachable must not hold a request for long.
REDIS_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 1.0}
WARN_EVERY = 60  # seconds between two warnings that Redis is unreachable, per process


class FallbackCache(BaseCache):
    """Django's RedisCache at LOCATION, falling back to the cache alias OPTIONS["FALLBACK"] (the
    database's, "database") for any operation Redis cannot answer."""

    _warned_at = float("-inf")  # shared by the process's threads (each has its own cache object)

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self._fallback = options.pop("FALLBACK", "database")
        params = {**params, "OPTIONS": {**REDIS_OPTIONS, **options}}
        super().__init__(params)
        self._redis = RedisCache(server, params)

    def _call(self, operation: str, *args, **kwargs):
        try:
            return getattr(self._redis, operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self._warn(error)
            return getattr(caches[self._fallback], operation)(*args, **kwargs)

    @classmethod
    def _warn(cls, error: Exception) -> None:
        now = time.monotonic()
        if now - cls._warned_at >= WARN_EVERY:
            cls._warned_at = now
            logger.warning("The Redis cache is unreachable (%s): using the database's meanwhile.", error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        return self._call("clear")
