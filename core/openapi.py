"""What the OpenAPI schema says about every endpoint beyond its own annotations: the errors any
operation can answer, in the shape the API sends them, and the versions (ETag, If-Match) of the
operations on one record."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework.settings import api_settings

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Each bad parameter or field under its name, with its messages; a nested record's errors nest
# (a list of them, one per item); `non_field_errors` concerns the record as a whole, and `detail`
# a body that could not be read at all (malformed JSON).
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
FIELD_ERRORS_REF = {"$ref": "#/components/schemas/FieldErrors"}

FIELD_ERRORS = OpenApiResponse(
    FIELD_ERRORS_REF,
    description="Bad input: each parameter or field named with what is wrong, "
    '{"state": ["Select a valid choice. …"]}; `non_field_errors` for the record as a whole, '
    "`detail` for a body that is not valid JSON.",
)
NOT_FOUND = OpenApiResponse(
    ERROR_REF, description="Nothing you may see answers to this address, or no such page of the list."
)


def _throttling() -> str:
    rates = api_settings.DEFAULT_THROTTLE_RATES
    return (
        f"Too many requests: {rates['anon']} without credentials, {rates['user']} signed in, "
        f"{rates['login']} login attempts per address. Retry-After says when to try again."
    )


def _error_responses() -> dict[str, dict]:
    def error(description: str, schema: dict = ERROR_REF) -> dict:
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    return {
        "400": error(FIELD_ERRORS.description, FIELD_ERRORS_REF),
        "401": error("No credentials, or a token that is wrong, expired or revoked."),
        "403": error(
            "Your role may not do this (analysts read; staff add and change; managers also "
            "delete), or the record belongs to a partner organization."
        ),
        "404": error(NOT_FOUND.description),
        "409": error("Other records refer to this one: change or delete them first."),
        "412": error(
            "The record changed since you read it: its ETag is no longer the one sent in If-Match, "
            "and nothing was changed. Read it again, then send your change."
        ),
        "415": error("The body is in a media type the API does not read: send JSON."),
        "429": error(_throttling()),
    }


def _errors_of(method: str, operation: dict) -> list[str]:
    parameters = operation.get("parameters", [])
    query = {p["name"] for p in parameters if p["in"] == "query"}
    schemes = {name for requirement in operation.get("security", []) for name in requirement}
    # Any operation takes ?format=, so any can answer a 400.
    errors = ["400", "429"]
    if schemes & {"knoxApiToken", "cookieAuth"}:
        errors += ["401", "403"]
    if "page" in query or any(p["in"] == "path" for p in parameters):
        errors.append("404")
    if method == "delete":
        errors.append("409")
    if "If-Match" in {p["name"] for p in parameters if p["in"] == "header"}:
        errors.append("412")
    if "requestBody" in operation:
        errors.append("415")
    return errors


# The operations on one record (a path ending in its id): their responses carry the record's
# version (core/api.py VersionedMixin), and their writes take If-Match.
_ONE_RECORD = {"get", "put", "patch", "delete"}
ETAG_HEADER = {
    "description": "The record's version: send it back in If-Match to change the record only as you "
    "read it, or in If-None-Match to be answered 304 while it is unchanged.",
    "schema": {"type": "string"},
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the record as you read it: if it has changed since, nothing is "
    "changed and the answer is 412. `*` matches any version. Without it, the write is made whatever "
    "the record's version.",
}


def _on_one_record(path: str, method: str) -> bool:
    return method in _ONE_RECORD and path.rstrip("/").endswith("}")


def _document_versions(path: str, method: str, operation: dict) -> None:
    if not _on_one_record(path, method):
        return
    # Copies: one shared object would be written out as YAML anchors.
    if method != "delete" and "200" in operation["responses"]:
        operation["responses"]["200"].setdefault("headers", {})["ETag"] = {**ETAG_HEADER}
    if method != "get":
        operation.setdefault("parameters", []).append({**IF_MATCH})


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation lists the errors it can answer that
    its view did not document itself (and the body of those it documented without one), and every
    optional query parameter says that an empty value is the same as leaving it out (as an HTML
    form sends it). The operations on one record say how their versions work."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(
        {"Error": ERROR_SCHEMA, "FieldErrors": FIELD_ERRORS_SCHEMA}
    )
    responses = _error_responses()
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            _document_versions(path, method, operation)
            for status in _errors_of(method, operation):
                documented = operation["responses"].setdefault(status, responses[status])
                documented.setdefault("content", responses[status]["content"])
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result
