"""The OpenAPI schema: generated without a warning, and describing what every operation can answer,
errors included, in the shape the API sends them."""

import jsonschema
import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

TOKEN_OR_SESSION = {"knoxApiToken", "cookieAuth"}


@pytest.fixture
def schema(client):
    return client.get("/api/schema/?format=json").json()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_the_schema_generates_without_errors_or_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_every_operation_documents_the_errors_it_can_answer(schema):
    for path, method, operation in _operations(schema):
        expected = {"400", "429"}
        if {name for requirement in operation.get("security", []) for name in requirement} & TOKEN_OR_SESSION:
            expected |= {"401", "403"}
        if "{" in path:
            expected.add("404")
        if method == "delete":
            expected.add("409")
        responses = operation["responses"]
        assert expected <= set(responses), (method, path, sorted(responses))
        for status in expected:
            assert "application/json" in responses[status]["content"], (method, path, status)


def test_error_bodies_match_their_schemas(schema):
    components = schema["components"]["schemas"]
    jsonschema.validate({"detail": "Not found."}, components["Error"])
    for body in [
        {"state": ["Select a valid choice."]},  # a bad parameter or field
        {"detail": "JSON parse error - Expecting value: line 1 column 1 (char 0)"},  # malformed JSON
        {"sponsors": [{}, {"state": ["Object with iso3=ZZZ does not exist."]}]},  # a nested record
        {"non_field_errors": ["The date is before the campaign starts."]},
    ]:
        jsonschema.validate(body, components["FieldErrors"])


def test_no_resource_is_described_by_a_mixins_docstring(schema):
    descriptions = {name: c.get("description", "") for name, c in schema["components"]["schemas"].items()}
    assert [name for name, text in descriptions.items() if "ModelSerializers" in text] == []


def test_optional_query_parameters_may_be_sent_empty(schema):
    people = schema["paths"]["/api/v1/people/"]["get"]["parameters"]
    assert all(parameter["allowEmptyValue"] for parameter in people if parameter["in"] == "query")


def test_a_vote_event_without_a_source_url_matches_its_schema(schema):
    source_url = schema["components"]["schemas"]["VoteEvent"]["properties"]["source_url"]
    # It was `format: uri` only, which "" is not.
    assert source_url["oneOf"] == [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]


def test_the_operations_on_one_record_document_its_etag_and_the_writes_if_match_and_412(schema):
    one_record = [
        (path, method, operation) for path, method, operation in _operations(schema) if path.endswith("}/")
    ]
    assert one_record
    for path, method, operation in one_record:
        headers = {
            parameter["name"] for parameter in operation.get("parameters", []) if parameter["in"] == "header"
        }
        if method == "get":
            assert "ETag" in operation["responses"]["200"]["headers"], path
        else:
            assert "If-Match" in headers, (method, path)
            assert "application/json" in operation["responses"]["412"]["content"], (method, path)
        if method in ("put", "patch"):
            assert "ETag" in operation["responses"]["200"]["headers"], (method, path)
