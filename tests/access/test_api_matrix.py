"""The access matrix through /api/v1/: list, retrieve, POST under a parent, PATCH, DELETE and CSV."""

# Every role of our organization against our own record, a partner's shared and unshared ones and a
# stranger's. A record one may not see answers exactly as an id that does not exist. The API keeps no
# history: that column of the matrix is the admin's alone.

import csv
import io

import pytest

from tests.access.matrix import (
    ADD,
    CASE_IDS,
    CASES,
    CHANGE,
    DELETE,
    EXPORT,
    MARKERS,
    OWN,
    RESOURCES,
    UNKNOWN,
    VIEW,
    Reach,
    Room,
    Verdicts,
    build,
    may_add_any,
    reads_hidden,
    secret,
    sign_in,
    stored,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/"
JSON = "application/json"


def answer(response) -> tuple:
    """What a response tells its reader: its status and what it says."""
    return response.status_code, response.content.decode()


class ApiMatrix(Room):
    room = "API"
    answer = staticmethod(answer)

    def __init__(self, *args):
        super().__init__(*args)
        self.path = f"{API}{self.resource.name}/"

    def item(self, pk) -> str:
        return f"{self.path}{pk}/"

    def refused(self, relation, action, response, unknown, what):
        """Where the API writes nothing, any write is a 405; else a refusal as in every room."""
        if self.resource.api_writes:
            super().refused(relation, action, response, unknown, what)
        else:
            self.expect(relation, action, response.status_code == 405, f"{what} answered {answer(response)}")

    # -- view: the list and each record --------------------------------------------------------------
    def view(self):
        listing = self.client.get(self.path, {"page_size": 500})
        self.expect("-", VIEW, listing.status_code == 200, f"the list answered {answer(listing)}")
        listed = {row["id"] for row in listing.json()["results"]} if listing.status_code == 200 else set()
        unknown = answer(self.client.get(self.item(UNKNOWN)))
        self.expect("-", VIEW, unknown[0] == 404, f"an unknown id answered {unknown}")
        for relation, record in self.records.items():
            sees = self.allowed(relation, VIEW)
            self.expect(relation, VIEW, (record.pk in listed) == sees, f"listed: {record.pk in listed}")
            response = self.client.get(self.item(record.pk))
            if not sees:
                what = f"retrieve answered {answer(response)} where an unknown id answers {unknown}"
                self.expect(relation, VIEW, answer(response) == unknown, what)
                continue
            self.expect(relation, VIEW, response.status_code == 200, f"retrieve answered {answer(response)}")
            for name in self.resource.hidden:
                value = response.json().get(name) if response.status_code == 200 else None
                expected = secret(MARKERS[relation]) if reads_hidden(relation) else None
                self.expect(relation, VIEW, value == expected, f"{name} reads {value!r}, not {expected!r}")

    # -- export: the list as CSV ----------------------------------------------------------------------
    def export(self):
        response = self.client.get(self.path, {"format": "csv", "page_size": 500})
        is_csv = response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        self.expect("-", EXPORT, is_csv, f"the CSV answered {answer(response)}")
        text = response.content.decode() if is_csv else ""
        exported = {int(row["id"]) for row in csv.DictReader(io.StringIO(text))}
        for relation, record in self.records.items():
            found = record.pk in exported
            self.expect(relation, EXPORT, found == self.allowed(relation, EXPORT), f"exported: {found}")
            if self.resource.hidden and not reads_hidden(relation):
                leaked = secret(MARKERS[relation]) in text
                self.expect(relation, EXPORT, not leaked, "the hidden field is exported")

    # -- add: a new record of one's own, or a part under each relation's parent -----------------------
    def add(self, organization):
        if not self.resource.parent:
            return self.add_new(organization)
        parent_field = self.resource.parent
        unknown = self.post(self.resource.new(self.resource.parent_model(pk=UNKNOWN, owner=organization)))
        for relation, parent in self.parents.items():
            response = self.post(self.resource.new(parent))
            created = self.resource.model._default_manager.filter(**{parent_field: parent}).exists()
            if self.allowed(relation, ADD):
                self.expect(relation, ADD, response.status_code == 201, f"POST answered {answer(response)}")
                self.expect(relation, ADD, created, "nothing was created")
                continue
            self.expect(relation, ADD, not created, f"created, answering {answer(response)}")
            if not may_add_any(self.resource, self.role):
                self.expect(relation, ADD, response.status_code == 403, f"POST answered {answer(response)}")
            else:  # the same 400 as a parent that does not exist, naming the same field
                same = response.status_code == unknown.status_code == 400
                same = same and response.json().keys() == unknown.json().keys() == {parent_field}
                what = f"POST answered {answer(response)} where an unknown parent answers {answer(unknown)}"
                self.expect(relation, ADD, same, what)

    def add_new(self, organization):
        response = self.post(self.resource.new(None))
        if not self.resource.api_writes:
            self.expect("new", ADD, response.status_code == 405, f"POST answered {answer(response)}")
        elif may_add_any(self.resource, self.role):
            self.expect("new", ADD, response.status_code == 201, f"POST answered {answer(response)}")
            if self.resource.reach is Reach.OWNED and response.status_code == 201:
                owner = response.json()["owner"]
                self.expect("new", ADD, owner == organization.pk, f"created for organization {owner}")
        else:
            self.expect("new", ADD, response.status_code == 403, f"POST answered {answer(response)}")

    def post(self, body):
        return self.client.post(self.path, body, content_type=JSON)

    # -- change: PATCH one field ------------------------------------------------------------------------
    def change(self):
        ((field, value),) = self.resource.change.items()
        unknown = answer(self.client.patch(self.item(UNKNOWN), {field: value}, content_type=JSON))
        for relation, record in self.records.items():
            response = self.client.patch(self.item(record.pk), {field: value}, content_type=JSON)
            saved = stored(record, **{field: value})
            if self.resource.api_writes and self.allowed(relation, CHANGE):
                self.expect(
                    relation, CHANGE, response.status_code == 200, f"PATCH answered {answer(response)}"
                )
                self.expect(relation, CHANGE, saved, "not saved")
            else:
                self.expect(relation, CHANGE, not saved, f"saved, answering {answer(response)}")
                self.refused(relation, CHANGE, response, unknown, "PATCH")

    # -- delete -------------------------------------------------------------------------------------------
    def delete(self):
        unknown = answer(self.client.delete(self.item(UNKNOWN)))
        for relation, record in self.records.items():
            response = self.client.delete(self.item(record.pk))
            gone = not stored(record)
            if self.resource.api_writes and self.allowed(relation, DELETE):
                self.expect(
                    relation, DELETE, response.status_code == 204, f"DELETE answered {answer(response)}"
                )
                self.expect(relation, DELETE, gone, "not deleted")
            else:
                self.expect(relation, DELETE, not gone, f"deleted, answering {answer(response)}")
                self.refused(relation, DELETE, response, unknown, "DELETE")


@pytest.mark.parametrize(("resource", "role"), CASES, ids=CASE_IDS)
def test_the_api_answers_every_cell_as_the_matrix_declares(client, request, owners, resource, role):
    records = build(resource, owners)
    parents = build(resource, owners, parents=True) if resource.parent else {}
    cells = ApiMatrix(sign_in(client, request, role), resource, role, records, parents)
    cells.view()
    cells.export()
    cells.add(owners[OWN][0])
    cells.change()
    cells.delete()  # last: it takes records away
    cells.verdicts.assert_all_right()


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_the_api_asks_anonymous_clients_to_authenticate_for_everything(client, owners, resource):
    record = build(resource, owners)[resource.relations[0]]
    item = f"{API}{resource.name}/{record.pk}/"
    verdicts = Verdicts(f"API {resource.name} as anonymous")
    requests = [
        (VIEW, "get", f"{API}{resource.name}/", {}),
        (VIEW, "get", item, {}),
        (EXPORT, "get", f"{API}{resource.name}/?format=csv", {}),
        (ADD, "post", f"{API}{resource.name}/", {}),
        (CHANGE, "patch", item, dict(resource.change)),
        (DELETE, "delete", item, {}),
    ]
    for action, method, address, body in requests:
        response = getattr(client, method)(address, body, content_type=JSON)
        what = f"{method.upper()} {address} answered {answer(response)}"
        verdicts.check("anonymous", action, response.status_code == 401, what)
    verdicts.check("anonymous", DELETE, stored(record), "the record was deleted")
    verdicts.assert_all_right()
