"""What the OpenAPI schema says about every endpoint beyond its own annotations: the errors any
operation can answer, in the shape the API sends them, the versions (ETag, If-Match) of the
operations on one record, and each operation's group and name in the docs."""

import re
from dataclasses import dataclass

import inflection
from drf_spectacular.openapi import AutoSchema
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


@dataclass(frozen=True)
class ResourceGroup:
    """One group of operations in the docs: a tag, what it holds, and the first segment of the
    addresses under /api/v1/ it gathers."""

    tag: str
    description: str
    resources: tuple[str, ...]


# In the order an analyst meets them: the UN record first, then the organization's own work, then
# signing in. Swagger UI shows the groups in this order.
RESOURCE_GROUPS = (
    ResourceGroup(
        "Recorded votes",
        "How each member state voted on each roll call: a million rows, cursor-paginated, filtered "
        "by state, roll call, session, series, date or choice; the whole record at once from `export/`.",
        ("recorded-votes",),
    ),
    ResourceGroup(
        "Vote events",
        "Roll calls and decisions adopted without a vote, on drafts, amendments, paragraphs and "
        "motions: their tallies (overall and by regional group) and Popolo JSON.",
        ("vote-events",),
    ),
    ResourceGroup(
        "Resolutions",
        "Drafts and adopted resolutions with their sponsors, and the series a resolution recurs in "
        "from session to session.",
        ("resolutions", "series"),
    ),
    ResourceGroup(
        "Member states",
        "States by ISO3 code (any case): a state's voting history, its record on a series, the states "
        "that vote most and least like it, and how alike two states vote.",
        ("member-states", "coincidence"),
    ),
    ResourceGroup(
        "Groups, bodies and sessions",
        "Regional groups, the organs and committees that vote, and their sessions.",
        ("regional-groups", "bodies", "sessions"),
    ),
    ResourceGroup(
        "Campaigns",
        "Your organization's campaigns with their targets and thresholds of success: the scoreboard, "
        "the projected vote, suggested targets and roll-over to the next session.",
        ("campaigns", "targets", "thresholds"),
    ),
    ResourceGroup(
        "Stances", "What each state said it would do, on a resolution or a series, and when.", ("stances",)
    ),
    ResourceGroup(
        "Meetings",
        "Meetings with delegations, with the stances heard, and the follow-ups they call for.",
        ("meetings", "follow-ups"),
    ),
    ResourceGroup(
        "Side events",
        "Side events, and incidents at them that must be on record.",
        ("side-events", "incidents"),
    ),
    ResourceGroup("Documents", "Reports and letters, and who signed them.", ("documents", "signatures")),
    ResourceGroup(
        "People and organizations",
        "Diplomats, colleagues and witnesses (protected ones under a pseudonym), and organizations.",
        ("people", "organizations"),
    ),
    ResourceGroup("Search", "The search box of the desk, over every kind of record.", ("search",)),
    ResourceGroup(
        "Authentication",
        "A token for scripts (HTTP Basic, and your second factor's code), logging out, and revoking "
        "every token at once.",
        ("auth",),
    ),
)
_TAG_OF = {resource: group.tag for group in RESOURCE_GROUPS for resource in group.resources}

# Custom actions whose generated name reads badly: (operationId, summary), by the generated name.
_NAMED = {
    "createAuthLogin": ("logIn", "Log in: a token for scripts"),
    "createAuthLogout": ("logOut", "Log out: revoke this token"),
    "createAuthLogoutEverywhere": ("logOutEverywhere", "Log out everywhere: revoke all your tokens"),
    "getSearch": ("search", "Search every kind of record"),
    "listCoincidence": ("getCoincidence", None),
    "createCampaignRollOver": ("rollOverCampaign", None),
    "createCampaignSuggestedTarget": ("acceptSuggestedTargets", None),
    "createVoteEventsFromText": ("recordVoteFromText", None),
    "createResolutionSponsorsFromText": ("recordSponsorsFromText", None),
}
_VERBS = {"post": "create", "put": "replace", "patch": "update", "delete": "delete"}
# Addresses join words with hyphens; these words are hyphenated themselves.
_HYPHENATED = {"follow-ups"}
_API_VERSION = re.compile(r"^/api/v\d+/")


def _segments(path: str) -> list[str]:
    """/api/v1/campaigns/{id}/roll-over/ -> ["campaigns", "{id}", "roll-over"]"""
    return [segment for segment in _API_VERSION.sub("", path).split("/") if segment]


def _nouns(segments: list[str], one: bool) -> list[str]:
    """The resources the path names, in words; singular where the path picks one of them (a
    segment followed by an id), and the last one too when the operation acts on one (`one`)."""
    nouns = []
    for segment, following in zip(segments, [*segments[1:], ""], strict=True):
        if not segment.startswith("{"):
            word = segment if segment in _HYPHENATED else segment.replace("-", " ")
            nouns.append(inflection.singularize(word) if following.startswith("{") else word)
    if one and nouns:
        nouns[-1] = inflection.singularize(nouns[-1])
    return nouns


def _camel(words: list[str]) -> str:
    return inflection.camelize(re.sub(r"[ -]", "_", "_".join(words)))


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _phrase(nouns: list[str], verb: str) -> str:
    """Words for the summary: "a member state", "recorded votes", "a campaign's suggested targets"."""
    *owners, last = nouns
    if owners:
        return f"{_a(' '.join(owners))}'s {last}"
    return last if verb in ("list", "export") else _a(last)


class ResourceSchema(AutoSchema):
    """Operations grouped by resource and named for what they do: `listRecordedVotes`, "List
    recorded votes", under "Recorded votes", where drf-spectacular would say
    `v1_recorded_votes_list` under "v1". An operationId or summary a view declares itself wins."""

    def get_tags(self) -> list[str]:
        resource = next(iter(_segments(self.path)), "")
        return [_TAG_OF.get(resource, resource.replace("-", " ").capitalize())]

    def get_operation_id(self) -> str:
        return self._name()[0]

    def get_summary(self) -> str:
        return self._name()[1]

    def _name(self) -> tuple[str, str]:
        verb, nouns = self._verb(), self._nouns()
        generated = verb + _camel(nouns)
        operation_id, summary = _NAMED.get(generated, (generated, None))
        return operation_id, summary or f"{verb.capitalize()} {_phrase(nouns, verb)}"

    def _verb(self) -> str:
        method = self.method.lower()
        if _segments(self.path)[-1:] == ["export"]:
            return "export"
        if method == "get":
            return "list" if self._is_list_view() else "get"
        return _VERBS[method]

    def _nouns(self) -> list[str]:
        segments = _segments(self.path)
        if segments[-1:] == ["export"]:  # the verb: exportRecordedVotes
            segments = segments[:-1]
        return _nouns(segments, one=self._verb() not in ("list", "export"))


def describe_groups(result, generator, request, public):
    """drf-spectacular postprocessing hook: the groups of operations, described, in their order."""
    result["tags"] = [{"name": group.tag, "description": group.description} for group in RESOURCE_GROUPS]
    return result
