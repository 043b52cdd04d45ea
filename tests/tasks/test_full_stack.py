"""The full stack's files, checked offline (CI has no Docker engine): docker-compose.yml against
the Compose Specification's JSON schema, the services it must have, and .env.example against the
settings that exist."""

import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose_schema():
    # The Compose Specification's schema (Apache-2.0), as check-jsonschema ships it: pinned in
    # requirements-dev.txt, so nothing is downloaded when the tests run.
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((vendored / "compose-spec.json").read_text())


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def compose_errors(schema, document) -> list[str]:
    # No format checker: the schema's "duration" means Go durations (5s), not ISO 8601 ones.
    validator = Draft202012Validator(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_the_compose_file_is_valid_against_the_compose_specification(compose_schema, compose):
    assert compose_schema["title"] == "Compose Specification"
    assert compose_errors(compose_schema, compose) == []


def test_the_schema_check_would_catch_a_mistake(compose_schema, compose):
    broken = json.loads(json.dumps(compose))
    broken["services"]["web"]["depends_on"] = {"db": {"condition": "service_ready"}}
    broken["services"]["db"]["healthcheck"]["intervall"] = "5s"
    errors = compose_errors(compose_schema, broken)
    assert any("services/web/depends_on" in error for error in errors)
    assert any("intervall" in error for error in errors)


def test_the_stack_has_its_services_and_one_image_for_web_worker_and_beat(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat", "mailpit"}
    assert services["db"]["image"] == "postgres:15"
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "pg_isready" in services["db"]["healthcheck"]["test"][1]
    images = {services[name]["image"] for name in ("web", "worker", "beat")}
    builds = {services[name]["build"] for name in ("web", "worker", "beat")}
    assert images == {"plenary:latest"} and builds == {"."}
    assert "migrate --noinput" in services["web"]["command"] and "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "--app", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "--app", "config", "beat"]
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert environment["EMAIL_HOST"] == "${EMAIL_HOST:-mailpit}"
        assert "media:/app/var/media" in services[name]["volumes"]
    assert set(compose["volumes"]) >= {"pgdata", "media"}


def test_every_setting_is_in_env_example():
    settings_source = (REPO / "config" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    example = (REPO / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z_]+)=", example, flags=re.MULTILINE))
    assert read and read - listed == set()
