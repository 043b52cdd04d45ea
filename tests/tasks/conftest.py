"""Fixtures for background work: real Celery workers on the real Redis, and small voting files.

The worker tests (marker `celery_worker`) start `celery worker` processes on the Redis at
127.0.0.1:6379, with keys and a queue of their own (several test processes and runs share one
Redis), on this test process's database. Without a reachable Redis they skip and say why; with
PLENARY_REQUIRE_BROKER=1 (CI) that is a failure instead.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app as celery_app

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"  # a database number Plenary's own services never use
# Nothing listens there: Redis as Plenary meets it once it has stopped (the real one runs on).
REDIS_DOWN_URL = "redis://127.0.0.1:6390/0"
VISIBILITY_TIMEOUT = 10  # seconds before a dead worker's message is delivered again
SESSION = uuid.uuid4().hex[:12]
KEY_PREFIX = f"plenary-test-{SESSION}:"
QUEUE = f"plenary-test-{SESSION}"


def wait_for(condition, *, timeout: float, interval: float = 0.05, what: str):
    """Poll `condition` until it returns something true; fail, saying `what`, after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached figures live in a per-process cache here: start each test clean."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def redis_broker():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=10)
    try:
        client.ping()
    except redis.RedisError as error:
        reason = f"no Redis at 127.0.0.1:6379 ({error}): the real-worker tests need it"
        if os.environ.get("PLENARY_REQUIRE_BROKER"):
            pytest.fail(f"the Celery worker tests are required here, but {reason}")
        pytest.skip(reason)
    yield client
    _delete_keys(client)


def _delete_keys(client) -> None:
    keys = list(client.scan_iter(match=f"{KEY_PREFIX}*", count=1000))
    if keys:
        client.delete(*keys)


class Workers:
    """Celery worker processes for one test, all on the test's queue and database."""

    def __init__(self, *, tmp_path: Path, media_root: Path, mail_dir: Path):
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "DJANGO_SETTINGS_MODULE": "tests.tasks.worker_settings",
            "CELERY_BROKER_URL": REDIS_URL,
            "PLENARY_TEST_DATABASE": connection.settings_dict["NAME"],
            "PLENARY_TEST_MEDIA_ROOT": str(media_root),
            "PLENARY_TEST_MAIL_DIR": str(mail_dir),
            "PLENARY_TEST_QUEUE": QUEUE,
            "PLENARY_TEST_KEY_PREFIX": KEY_PREFIX,
            "PLENARY_TEST_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        }

    def start(self) -> subprocess.Popen:
        number = len(self.processes) + 1
        log = open(self.tmp_path / f"worker-{number}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--app",
                "config",
                "worker",
                "--pool",
                "solo",
                "--queues",
                QUEUE,
                "--hostname",
                f"test-{SESSION}-{number}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL: no warm shutdown, no message handed back; what a crash or the OOM killer does."""
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT)  # cold shutdown: the test is over
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
            process.log.close()

    def log_texts(self) -> list[str]:
        return [(self.tmp_path / f"worker-{n}.log").read_text() for n in range(1, len(self.processes) + 1)]

    def logs(self) -> str:
        return "\n".join(f"--- worker {n}:\n{text[-4000:]}" for n, text in enumerate(self.log_texts(), 1))


@pytest.fixture
def celery_workers(redis_broker, transactional_db, tmp_path, settings, request):
    """Workers to start; meanwhile, this process queues to Redis instead of running tasks itself.
    Requests the database first so that the workers are gone before it is flushed."""
    media_root, mail_dir = tmp_path / "media", tmp_path / "mail"
    media_root.mkdir()
    mail_dir.mkdir()
    settings.MEDIA_ROOT = str(media_root)
    keys = ("broker_url", "broker_transport_options", "task_default_queue", "task_always_eager")
    previous = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        broker_url=REDIS_URL,
        broker_transport_options={"global_keyprefix": KEY_PREFIX, "visibility_timeout": VISIBILITY_TIMEOUT},
        task_default_queue=QUEUE,
        task_always_eager=False,
    )
    _forget_connections()
    workers = Workers(tmp_path=tmp_path, media_root=media_root, mail_dir=mail_dir)
    yield workers
    workers.stop_all()
    celery_app.conf.update(previous)
    _forget_connections()
    _delete_keys(redis_broker)
    outcome = getattr(request.node, "rep_call", None)
    if outcome is not None and outcome.failed:
        print(workers.logs())  # shown with the failure


def _forget_connections() -> None:
    """Make the app build its broker connection, producers and queues again from its settings
    (it keeps them from its first use, made here in eager mode with the in-memory broker)."""
    celery_app.__dict__.pop("amqp", None)
    celery_app._pool = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
