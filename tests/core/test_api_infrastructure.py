"""The API's front door: who gets in, with what, how often, and where its docs come from."""

import base64
import re

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _basic(username, password=PASSWORD):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()


def test_anonymous_requests_are_refused(client):
    assert client.get("/api/v1/").status_code in (401, 403)


def test_a_script_logs_in_with_basic_auth_and_uses_an_expiring_token(client, analyst_user):
    response = client.post("/api/v1/auth/login/", **_basic("analyst"))
    assert response.status_code == 200
    body = response.json()
    assert body["token"] and body["expiry"]
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {body['token']}").status_code == 200


def test_a_wrong_password_gets_no_token(client, analyst_user):
    assert client.post("/api/v1/auth/login/", **_basic("analyst", "wrong")).status_code == 401


def test_logout_revokes_the_token(client, analyst_user):
    token = client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"]
    header = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.post("/api/v1/auth/logout/", **header).status_code == 204
    assert client.get("/api/v1/", **header).status_code == 401


def test_login_attempts_are_throttled(client, analyst_user):
    statuses = [
        client.post("/api/v1/auth/login/", **_basic("analyst", "guess")).status_code for _ in range(11)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429


def test_the_openapi_schema_is_served(client, analyst_user):
    client.force_login(analyst_user)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.") and "/api/v1/auth/login/" in schema["paths"]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_api_docs_load_nothing_from_outside(client, analyst_user, path):
    client.force_login(analyst_user)
    page = client.get(path).content.decode()
    urls = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", page)
    assert [url for url in urls if "testserver" not in url] == []
    assert "sidecar" in page
