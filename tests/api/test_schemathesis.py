"""Schemathesis against the schema the API serves at /api/schema/, for every role: each operation,
with valid and invalid parameters and bodies, answers without a server error, with a status code,
content type and body its schema documents, and refuses what the schema says is invalid.

The app runs in-process (WSGI) over the demo campaign, so the fuzzer reaches real records (the
2014 DPRK resolution and its roll calls, the NGO's campaign, meetings, documents, people and its
protected witnesses), not only 404s. The data is loaded once per module in a transaction rolled
back at the end, and every request runs in a savepoint rolled back after it: each example sees
the same data, and nothing leaks into other tests.

Each role gets the same checks, with a budget for what it can reach: the owning organization's
analyst reads with the full run (the coverage phase's systematic boundary, missing and wrongly
typed values, then random ones), staff and managers write with a longer random run (the coverage
phase's hundreds of bodies per operation cost minutes); the others get a short random run:
staff, managers and a stranger organization's manager reading, analysts (403) and the stranger
(404, or its own records) writing, and anonymous clients (401) everywhere. Malformed JSON, which
the fuzzer does not send, has its own test below."""

import copy
import json
import re

import jsonschema
import pytest
import schemathesis
import werkzeug
from django.contrib.auth.models import Permission
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from demo.dataset import directory as demo_directory
from demo.loader import load_demo
from directory.models import Organization, User
from tests import factories

CHECKS = {
    "enabled": False,
    "not_a_server_error": {"enabled": True},
    "status_code_conformance": {"enabled": True},
    "content_type_conformance": {"enabled": True},
    "response_schema_conformance": {"enabled": True},
    "negative_data_rejection": {"enabled": True},
}


def _config(*, coverage: bool, examples: int) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": 20141218,  # the day of the plenary vote: a fixed seed, the same run every time
            "generation": {"mode": "all", "max-examples": examples, "deterministic": True, "no-shrink": True},
            "phases": {
                "examples": {"enabled": False},  # the schema carries no examples
                "coverage": {"enabled": coverage},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": False},
            },
            "checks": CHECKS,
            # Failures show the values sent (a `session` filter is not a secret); tokens stay hidden.
            "output": {
                "sanitization": {
                    "keys-to-sanitize": ["authorization", "cookie", "token"],
                    "sensitive-markers": ["password", "secret", "token"],
                }
            },
        }
    )


class InProcessApp:
    """Django's WSGI application, keeping the test's database connection: the handler would
    close it at the start and end of each request (the end is when the response is closed), and
    the test's transaction with it. Django's own test client does the same."""

    def __init__(self):
        self.handler = get_wsgi_application()

    def __call__(self, environ, start_response):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


def _served_schema(app) -> dict:
    """The schema as /api/schema/ serves it, request bodies in JSON only: the form encodings are
    there for the browsable API and go through the same serializers."""
    response = werkzeug.Client(app).get("/api/schema/?format=json")
    assert response.status_code == 200, response.get_data(as_text=True)
    served = json.loads(response.get_data())
    for methods in served["paths"].values():
        for operation in methods.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media_type in [name for name in content if name != "application/json"]:
                del content[media_type]
    return served


APP = InProcessApp()
SERVED = _served_schema(APP)


def _schema(config: SchemathesisConfig):
    loaded = schemathesis.openapi.from_dict(copy.deepcopy(SERVED), config=config)
    loaded.app = APP
    return loaded


full_reads = _schema(_config(coverage=True, examples=10))
full_writes = _schema(_config(coverage=False, examples=12))
short = _schema(_config(coverage=False, examples=4))
glance = _schema(_config(coverage=False, examples=2))


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo campaign, users of each role with their tokens, and the keys of the records each
    list shows, in a transaction rolled back once the module is done."""
    with (
        django_db_blocker.unblock(),
        override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}),
        transaction.atomic(),
    ):
        load_demo()
        owner = Organization.objects.get(acronym=demo_directory.OWNER)
        stranger = factories.OrganizationFactory(name="Unrelated Advocacy Group")
        users = {
            "analyst": _user(owner, User.Role.ANALYST, "fuzz-analyst"),
            "staff": _user(owner, User.Role.STAFF, "fuzz-staff"),
            "manager": _user(owner, User.Role.MANAGER, "fuzz-manager"),
            "outsider": _user(stranger, User.Role.MANAGER, "fuzz-outsider"),
            "keeper": _keeper(owner),
        }
        headers = {"anonymous": {}}
        for role, user in users.items():
            headers[role] = {"Authorization": f"Token {AuthToken.objects.create(user)[1]}"}
        yield {"headers": headers, "keys": _record_keys(headers["manager"])}
        transaction.set_rollback(True)


def _user(organization, role, username):
    return factories.UserFactory(organization=organization, role=role, username=username)


def _keeper(organization):
    """A manager who also keeps the public record: the one role every JSON body reaches."""
    keeper = _user(organization, User.Role.MANAGER, "fuzz-keeper")
    keep_record = Permission.objects.get(codename="keep_record", content_type__app_label="unrecord")
    keeper.user_permissions.add(keep_record)
    return keeper


def _record_keys(headers) -> dict[str, list]:
    """For each address with a path parameter ("/api/v1/people/{id}/"), the values of that
    parameter the NGO's manager can see, read from the list it belongs to."""
    client = werkzeug.Client(APP)
    keys = {}
    for path in SERVED["paths"]:
        if "{" not in path:
            continue
        collection, _, rest = path.partition("{")
        parameter = rest.partition("}")[0]
        response = client.get(collection, query_string={"page_size": 500}, headers=headers)
        if response.status_code != 200:
            continue
        body = response.get_json()
        rows = body.get("results", []) if isinstance(body, dict) else body
        keys[path] = [row[parameter] for row in rows if isinstance(row, dict) and parameter in row]
    return keys


def _aim_at_real_records(case, keys: dict[str, list]) -> None:
    """Point most generated path parameters, and references in bodies (`"campaign": 12`,
    `"states": ["…"]`), at records that exist, so that the fuzzer reads, changes and deletes them
    and creates records that refer to them, rather than meeting 404s and "does not exist"."""
    known = keys.get(case.operation.path)
    if known and case.path_parameters and not _is_negative(case, ParameterLocation.PATH):
        case.path_parameters = {name: _aimed(value, known) for name, value in case.path_parameters.items()}
    if isinstance(case.body, dict) and not _is_negative(case, ParameterLocation.BODY):
        case.body = {name: _aimed_reference(name, value, keys) for name, value in case.body.items()}


def _is_negative(case, location) -> bool:
    return case.meta is not None and case.meta.is_negative_at(location)  # invalid is the point


# Reference fields whose collection is not their name in the plural.
COLLECTIONS = {"person": "people", "state": "member-states", "states": "member-states"}


def _aimed_reference(field: str, value, keys: dict[str, list]):
    name = field.replace("_", "-")
    collection = COLLECTIONS.get(name) or (name if name.endswith("s") else f"{name}s")
    address = re.compile(rf"/api/v1/{re.escape(collection)}/{{\w+}}/")
    known = next((known for path, known in keys.items() if address.fullmatch(path)), [])
    if not known:
        return value
    if isinstance(value, list):
        return [_aimed(item, known) for item in value]
    return _aimed(value, known)


def _aimed(value, known: list):
    """A known key for three generated values in four, chosen by the value (so the same run
    every time); the fourth is left as generated, mostly a record that does not exist."""
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        return value
    index = value if isinstance(value, int) else len(value)
    return known[index % len(known)] if index >= 0 and index % 4 != 3 else value


def _call_and_validate(case, world, role):
    headers = world["headers"][role]
    _aim_at_real_records(case, world["keys"])
    cache.clear()  # throttles count per minute: each example starts with none used
    with transaction.atomic():
        response = case.call(headers=headers)
        transaction.set_rollback(True)
    case.validate_response(response, headers=headers)
    return response


FUZZ_SETTINGS = settings(
    deadline=None,
    database=None,
    derandomize=True,
    # The fixtures are the module's data, rolled back per example; generation may be slow.
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def world(demo_world, db):
    return demo_world


# A one-value `role` parameter on each test gives every operation's item a node id of its own
# ("…[GET /api/v1/bodies/][analyst]"): schemathesis names items by the operation only when the
# test has another parameter, and pytest-xdist reports items sharing a node id as one.
@pytest.mark.parametrize("role", ["analyst"])
@full_reads.include(method="GET").parametrize()
@FUZZ_SETTINGS
def test_reads_of_an_analyst(case, world, role):
    _call_and_validate(case, world, role)


@pytest.mark.parametrize("role", ["staff", "manager"])
@full_writes.exclude(method="GET").parametrize()
@FUZZ_SETTINGS
def test_writes_of_staff_and_managers(case, world, role):
    _call_and_validate(case, world, role)


@pytest.mark.parametrize("role", ["staff", "manager", "outsider"])
@short.include(method="GET").parametrize()
@FUZZ_SETTINGS
def test_reads_of_staff_managers_and_another_organization(case, world, role):
    _call_and_validate(case, world, role)


@pytest.mark.parametrize("role", ["analyst", "outsider"])
@short.exclude(method="GET").parametrize()
@FUZZ_SETTINGS
def test_writes_of_analysts_and_another_organization(case, world, role):
    _call_and_validate(case, world, role)


@pytest.mark.parametrize("role", ["anonymous"])
@glance.parametrize()
@FUZZ_SETTINGS
def test_anonymous_requests(case, world, role):
    response = _call_and_validate(case, world, role)
    # Refused, whatever else the schema allows: a bad ?format= or an address that matches no
    # route is answered before credentials are asked for.
    assert response.status_code in (400, 401, 404), case.as_curl_command()


JSON_BODIES = [
    (method.upper(), path)
    for path, operations in SERVED["paths"].items()
    for method, operation in operations.items()
    if "application/json" in operation.get("requestBody", {}).get("content", {})
]


@pytest.mark.parametrize(("method", "path"), JSON_BODIES)
def test_malformed_json_is_a_400_the_schema_documents(world, method, path):
    known = world["keys"].get(path, [])
    if "{" in path and not known:
        pytest.skip(f"the demo has no record for {path}")  # so a new resource without one says so
    address = re.sub(r"\{[^}]+\}", str(known[0]) if known else "", path)
    response = werkzeug.Client(APP).open(
        address,
        method=method,
        data=b'{"name": "unterminated',
        content_type="application/json",
        headers=world["headers"]["keeper"],
    )
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "JSON parse error" in response.get_json()["detail"]
    documented = SERVED["paths"][path][method.lower()]["responses"]["400"]["content"]["application/json"]
    jsonschema.validate(response.get_json(), _resolved(documented["schema"]))


def _resolved(schema: dict) -> dict:
    return SERVED["components"]["schemas"][schema["$ref"].rpartition("/")[2]] if "$ref" in schema else schema
