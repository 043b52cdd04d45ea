"""Redis down (cache and broker unreachable): reads, writes, the admin and the dashboards still
answer; throttles count in the database's cache table; work queued after a commit waits in the
outbox. Redis is "down" here by pointing Plenary at a closed port: the machine's own Redis, which
other tests use, is left running. Its return is tested with a real worker in
tests/tasks/test_broker_returns.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from rest_framework.throttling import UserRateThrottle

from advocacy.models import Stance
from config.celery import app as celery_app
from config.settings import cache_settings
from core.models import OutboxMessage
from tests import factories
from tests.tasks.conftest import REDIS_DOWN_URL, _forget_connections

# A real transaction, so that a request commits and runs its on-commit work as in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REFRESH = "intelligence.refresh_projections"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_down(settings):
    """Plenary as docker compose runs it (CACHE_URL and the broker on Redis), with Redis away."""
    settings.CACHES = cache_settings(REDIS_DOWN_URL)
    keys = ("broker_url", "task_always_eager")
    previous = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(broker_url=REDIS_DOWN_URL, task_always_eager=False)
    _forget_connections()
    yield
    celery_app.conf.update(previous)
    _forget_connections()


@pytest.fixture
def campaign(organization):
    campaign = factories.CampaignFactory(owner=organization, status="active")
    campaign.resolutions.add(factories.ResolutionFactory())
    return campaign


def stance_body(campaign, iso3="BWA"):
    resolution = campaign.resolutions.get().pk
    return {"resolution": resolution, "state": iso3, "position": "supports", "evidence": "judgement"}


def test_api_reads_answer_while_redis_is_down(redis_down, client, staff_user, campaign):
    client.force_login(staff_user)
    assert client.get("/api/v1/campaigns/").status_code == 200
    response = client.get(f"/api/v1/campaigns/{campaign.pk}/")
    assert response.status_code == 200 and response.json()["id"] == campaign.pk


def test_an_api_write_is_saved_and_its_refresh_kept_in_the_outbox_while_redis_is_down(
    redis_down, client, staff_user, campaign
):
    client.force_login(staff_user)
    response = client.post("/api/v1/stances/", stance_body(campaign), content_type="application/json")
    assert response.status_code == 201, response.content
    assert Stance.objects.seen_by_campaign(campaign).filter(pk=response.json()["id"]).exists()
    queued = OutboxMessage.objects.get(task_name=REFRESH)
    assert queued.kwargs == {"campaign_id": campaign.pk}
    assert queued.sent_at is None and queued.attempts == 1 and "6390" in queued.last_error


def test_an_admin_save_redirects_and_keeps_its_refresh_while_redis_is_down(
    redis_down, client, staff_user, campaign
):
    client.force_login(staff_user)
    response = client.post(
        "/admin/advocacy/stance/add/",
        {
            "resolution": campaign.resolutions.get().pk,
            "state": factories.state("BWA").pk,
            "position": "supports",
            "as_of": timezone.localdate().isoformat(),
            "evidence": "judgement",
            "confidence": "high",
        },
    )
    assert response.status_code == 302 and response.url == "/admin/advocacy/stance/"
    assert Stance.objects.seen_by_campaign(campaign).filter(state__iso3="BWA").exists()
    assert OutboxMessage.objects.filter(task_name=REFRESH, sent_at__isnull=True).exists()


def test_the_dashboards_answer_while_redis_is_down(redis_down, client, manager_user, campaign):
    client.force_login(manager_user)
    assert client.get("/dashboard/").status_code == 200
    assert client.get(f"/dashboard/campaigns/{campaign.pk}/").status_code == 200


def test_the_api_throttle_still_counts_in_the_database_while_redis_is_down(
    redis_down, client, staff_user, monkeypatch
):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "3/minute")
    client.force_login(staff_user)
    statuses = [client.get("/api/v1/campaigns/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM plenary_cache")
        assert any(f"throttle_user_{staff_user.pk}" in key for (key,) in cursor.fetchall())


def test_without_cache_url_every_process_shares_the_database_cache(settings, tmp_path):
    settings.CACHES = cache_settings("")
    caches["default"].set("plenary:probe", "set by the web process", timeout=60)
    # Another process of Plenary (a second gunicorn worker, a Celery worker) on this database.
    read = (
        "import django; django.setup(); from django.core.cache import cache; "
        "print(cache.get('plenary:probe'))"
    )
    other = subprocess.run(
        [sys.executable, "-c", read],
        env=_process_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert other.stdout.strip() == "set by the web process", other.stderr[-2000:]


def _process_environment(tmp_path) -> dict:
    """What tests/tasks/worker_settings.py needs: Plenary's settings on this test database."""
    inherited = {name: value for name, value in os.environ.items() if name != "CACHE_URL"}
    return {
        **inherited,
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "tests.tasks.worker_settings",
        "PLENARY_TEST_DATABASE": connection.settings_dict["NAME"],
        "PLENARY_TEST_MEDIA_ROOT": str(tmp_path),
        "PLENARY_TEST_MAIL_DIR": str(tmp_path),
        "PLENARY_TEST_QUEUE": "unused",
        "PLENARY_TEST_KEY_PREFIX": "unused",
        "PLENARY_TEST_VISIBILITY_TIMEOUT": "10",
    }
