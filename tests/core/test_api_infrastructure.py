"""The API's front door: who gets in, with what, how often, and where its docs come from."""

import base64
import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from directory.models import User

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


def test_logging_out_everywhere_revokes_every_token_of_the_users(client, analyst_user, staff_user):
    tokens = [client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"] for _ in range(2)]
    others = client.post("/api/v1/auth/login/", **_basic("staff")).json()["token"]
    header = {"HTTP_AUTHORIZATION": f"Token {tokens[0]}"}
    assert client.post("/api/v1/auth/logout-everywhere/", **header).status_code == 204
    for token in tokens:
        assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {others}").status_code == 200


def test_a_new_password_revokes_the_tokens_issued_under_the_old_one(client, analyst_user, manager_user):
    token = client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"]
    header = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.get("/api/v1/", **header).status_code == 200
    new_password = "another long passphrase 1914"
    admin = Client()
    admin.force_login(manager_user)  # a manager resets a colleague's password in the admin
    reset = admin.post(
        f"/admin/directory/user/{analyst_user.pk}/password/",
        {"password1": new_password, "password2": new_password},
    )
    assert reset.status_code == 302, reset.content
    assert client.get("/api/v1/", **header).status_code == 401
    assert not AuthToken.objects.filter(user=analyst_user).exists()
    fresh = client.post("/api/v1/auth/login/", **_basic("analyst", new_password)).json()["token"]
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {fresh}").status_code == 200


def test_a_token_is_checked_in_one_query(client, analyst_user, django_assert_num_queries):
    token = client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"]
    AuthToken.objects.create(user=analyst_user)  # another token of the same user is not read
    with django_assert_num_queries(1):
        assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_an_expired_token_is_refused_and_deleted(client, analyst_user):
    token = client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"]
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401 and response.json() == {"detail": "Invalid token."}
    assert not AuthToken.objects.exists()


def test_a_wrong_token_is_refused(client, analyst_user):
    token = client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"]
    wrong = token[:-1] + ("0" if token[-1] != "0" else "1")  # the same key, another digest
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {wrong}").status_code == 401
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_a_deactivated_users_token_is_refused(client, analyst_user):
    token = client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"]
    User.objects.filter(pk=analyst_user.pk).update(is_active=False)
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_logging_in_deletes_the_users_expired_tokens_only(client, analyst_user, staff_user):
    yesterday = datetime.timedelta(days=-1)
    AuthToken.objects.create(user=analyst_user, expiry=yesterday)
    AuthToken.objects.create(user=staff_user, expiry=yesterday)
    assert client.post("/api/v1/auth/login/", **_basic("analyst")).status_code == 200
    [fresh] = AuthToken.objects.filter(user=analyst_user)
    assert fresh.expiry > timezone.now()
    assert AuthToken.objects.filter(user=staff_user).count() == 1  # not this login's to delete


def test_login_attempts_are_throttled(client, analyst_user, settings):
    settings.AXES_FAILURE_LIMIT = 100  # the per-minute throttle alone (lockouts: tests/directory)
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


def test_the_api_docs_load_nothing_from_outside(client, analyst_user):
    client.force_login(analyst_user)
    page = client.get("/api/docs/").content.decode()
    urls = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", page)
    assert [url for url in urls if "testserver" not in url] == []
    assert "sidecar" in page


def test_redocs_old_address_leads_to_swagger_ui(client):
    # Redoc's bundle draws its footer logo from cdn.redoc.ly, and Plenary runs without internet.
    response = client.get("/api/redoc/")
    assert response.status_code == 301 and response.url == "/api/docs/"


# Found by schemathesis (tests/api/test_schemathesis.py)


def test_an_unknown_format_is_a_400_naming_it(client, analyst_user):
    client.force_login(analyst_user)
    response = client.get("/api/v1/people/?format=xml")  # DRF's answer was a 404
    assert response.status_code == 400
    assert list(response.json()) == ["format"]


def test_errors_are_json_even_when_csv_was_asked_for(client):
    response = client.get("/api/v1/people/?format=csv")  # the 401 was an empty CSV
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_logging_out_answers_in_json_only(client, analyst_user):
    token = client.post("/api/v1/auth/login/", **_basic("analyst")).json()["token"]
    header = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.post("/api/v1/auth/logout/?format=csv", **header).status_code == 400  # was a 500
    assert client.post("/api/v1/auth/logout/", **header).status_code == 204


def test_an_address_no_route_matches_is_a_json_404_not_an_html_page(analyst_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst_user)
    for method in ("get", "delete"):  # a DELETE was refused by the CSRF check, in HTML
        response = getattr(client, method)("/api/v1/people/1.5e-3/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    assert client.get("/api/v1/people").status_code == 301  # APPEND_SLASH still works


def test_an_empty_parameter_is_the_same_as_leaving_it_out(client, analyst_user):
    client.force_login(analyst_user)
    response = client.get("/api/v1/people/?page_size=&ordering=&state=&format=")
    assert response.status_code == 200  # page_size= was a 400
    assert response["Content-Type"] == "application/json"


def test_an_empty_csv_page_is_its_header_row(client, analyst_user):
    client.force_login(analyst_user)
    response = client.get("/api/v1/people/?format=csv&search=nobody")  # was a body without a type
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0].startswith("id,name,is_protected,")
