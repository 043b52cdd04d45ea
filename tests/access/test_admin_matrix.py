"""The access matrix in the Django admin: every cell as a person reaches it, page by page, with a browser."""

# Every role of our organization against our own record, a partner's shared and unshared ones and a
# stranger's, for view, add under, change, delete, history and export. A record one may not see must answer
# exactly as an id that does not exist, so that no page tells that it exists.

import csv
import io

import pytest
from django import forms
from django.urls import reverse

from tests.access.matrix import (
    ADD,
    CASE_IDS,
    CASES,
    CHANGE,
    DELETE,
    EXPORT,
    HISTORY,
    MARKERS,
    OWN,
    RESOURCES,
    UNKNOWN,
    VIEW,
    Resource,
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


def url(resource: Resource, view: str, *args) -> str:
    return reverse(f"admin:{resource.app_label}_{resource.model_name}_{view}", args=args)


def answer(response) -> tuple:
    """What a response tells its reader: its status and where it sends them."""
    return response.status_code, response.get("Location")


# -- what a person's browser sends back -----------------------------------------------------------------
def form_data(response) -> dict:
    """The admin form of `response` sent back as it stands (its inlines left alone): its editable fields
    only, so a page shown read-only sends nothing."""
    context = response.context
    if context is None or "adminform" not in context:
        return {}
    form = context["adminform"].form
    data = {}
    for name, formfield in form.fields.items():
        data |= _field_data(form.add_prefix(name), formfield, form[name].value())
    for inline in context.get("inline_admin_formsets", []):
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def _field_data(name: str, formfield, value) -> dict:
    if isinstance(formfield, forms.MultiValueField):
        parts = value if isinstance(value, list | tuple) else formfield.widget.decompress(value)
        return {f"{name}_{index}": str(part) for index, part in enumerate(parts) if part is not None}
    if isinstance(formfield, forms.NullBooleanField):
        return {name: {True: "true", False: "false"}.get(value, "unknown")}
    if isinstance(formfield, forms.BooleanField):
        return {name: "on"} if value else {}
    if value is None:
        return {}
    if isinstance(value, list | tuple):
        return {name: [str(item) for item in value]}
    return {name: str(value)}


def exported_cells(response) -> set[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return {cell for row in rows[1:] for cell in row}


# -- the cells --------------------------------------------------------------------------------------------
class AdminMatrix(Room):
    room = "admin"
    answer = staticmethod(answer)

    def __init__(self, *args):
        super().__init__(*args)
        self.forms: dict[str, dict] = {}  # the editable form each record's change page offered

    # -- view: the list, and each record's change page ----------------------------------------------
    def view(self):
        listing = self.client.get(url(self.resource, "changelist"))
        self.expect("-", VIEW, listing.status_code == 200, f"the list answered {listing.status_code}")
        rows = listing.context["cl"].result_list if listing.status_code == 200 else []
        listed = {row.pk for row in rows}
        unknown = answer(self.client.get(url(self.resource, "change", UNKNOWN)))
        self.expect("-", VIEW, unknown[0] != 200, f"an unknown id's change page answered {unknown}")
        for relation, record in self.records.items():
            sees = self.allowed(relation, VIEW)
            self.expect(relation, VIEW, (record.pk in listed) == sees, f"listed: {record.pk in listed}")
            page = self.client.get(url(self.resource, "change", record.pk))
            if sees:
                self.expect(relation, VIEW, page.status_code == 200, f"change page answered {answer(page)}")
                self.forms[relation] = form_data(page)
                self.hidden_fields(relation, VIEW, page, "change page")
            else:
                self.expect(
                    relation,
                    VIEW,
                    answer(page) == unknown,
                    f"change page answered {answer(page)} where an unknown id answers {unknown}",
                )

    def hidden_fields(self, relation, action, page, where):
        if not self.resource.hidden or page.status_code != 200:
            return
        shown = secret(MARKERS[relation]) in page.content.decode()
        reads = reads_hidden(relation)
        self.expect(relation, action, shown == reads, f"the {where} shows the hidden field: {shown}")

    # -- history ----------------------------------------------------------------------------------------
    def history(self):
        unknown = answer(self.client.get(url(self.resource, "history", UNKNOWN)))
        for relation, record in self.records.items():
            page = self.client.get(url(self.resource, "history", record.pk))
            if self.allowed(relation, HISTORY):
                self.expect(relation, HISTORY, page.status_code == 200, f"history answered {answer(page)}")
                if relation != OWN:  # only those who may not read a hidden field are kept from it there
                    self.hidden_fields(relation, HISTORY, page, "history page")
            else:
                self.expect(
                    relation,
                    HISTORY,
                    answer(page) == unknown,
                    f"history answered {answer(page)} where an unknown id answers {unknown}",
                )

    # -- export: the list's "Export selected as CSV" action ------------------------------------------------
    def export(self):
        selected = [str(record.pk) for record in self.records.values()]
        response = self.client.post(
            url(self.resource, "changelist"),
            {"action": "export_as_csv", "_selected_action": selected, "index": "0", "select_across": "0"},
        )
        is_csv = response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        self.expect("-", EXPORT, is_csv, f"the export answered {answer(response)}")
        cells = exported_cells(response) if is_csv else set()
        text = response.content.decode() if is_csv else ""
        for relation, record in self.records.items():
            exported = self.resource.label(record) in cells
            self.expect(relation, EXPORT, exported == self.allowed(relation, EXPORT), f"exported: {exported}")
            if self.resource.hidden and not reads_hidden(relation):
                leaked = secret(MARKERS[relation]) in text
                self.expect(relation, EXPORT, not leaked, "the hidden field is exported")

    # -- add: a new record, or a part under each relation's parent -----------------------------------------
    def add(self):
        page = self.client.get(url(self.resource, "add"))
        may_add = may_add_any(self.resource, self.role)
        expected = 200 if may_add else 403
        self.expect("new", ADD, page.status_code == expected, f"the add page answered {answer(page)}")
        if self.resource.parent:
            self.add_under(page if may_add and page.status_code == 200 else None)

    def add_under(self, page):
        parent_field = self.resource.parent
        offered = set()
        suggested = set()
        if page is not None:
            choices = page.context["adminform"].form.fields[parent_field].queryset
            offered = set(choices.values_list("pk", flat=True))
            suggested = self.autocomplete(parent_field)
        data = self.forms.get(OWN, {})
        unknown = self.client.post(url(self.resource, "add"), data | {parent_field: str(UNKNOWN)})
        for relation, parent in self.parents.items():
            may = self.allowed(relation, ADD)
            if page is not None:
                in_form, suggests = parent.pk in offered, parent.pk in suggested
                self.expect(relation, ADD, in_form == may, f"the form offers it: {in_form}")
                self.expect(relation, ADD, suggests == may, f"autocomplete offers it: {suggests}")
            response = self.client.post(url(self.resource, "add"), data | {parent_field: str(parent.pk)})
            created = self.resource.model._default_manager.filter(**{parent_field: parent}).exists()
            self.expect(
                relation, ADD, created == may, f"POST under it created: {created}, {answer(response)}"
            )
            if not may:
                self.expect(
                    relation,
                    ADD,
                    response.status_code == unknown.status_code,
                    f"POST under it answered {answer(response)}, an unknown parent {answer(unknown)}",
                )

    def autocomplete(self, parent_field) -> set[int]:
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": self.resource.app_label,
                "model_name": self.resource.model_name,
                "field_name": parent_field,
            },
        )
        if response.status_code != 200:
            return set()
        return {int(result["id"]) for result in response.json()["results"]}

    # -- change: the change form posted back with one field changed ----------------------------------------
    def change(self):
        ((field, value),) = self.resource.change.items()
        unknown = answer(self.client.post(url(self.resource, "change", UNKNOWN), {field: str(value)}))
        for relation, record in self.records.items():
            data = self.forms.get(relation, {}) | {field: str(value)}
            response = self.client.post(url(self.resource, "change", record.pk), data)
            saved = stored(record, **{field: value})
            if self.allowed(relation, CHANGE):
                errors = response.context["adminform"].form.errors if response.context else ""
                self.expect(relation, CHANGE, saved, f"not saved: {answer(response)} {errors}")
            else:
                self.expect(relation, CHANGE, not saved, f"saved, answering {answer(response)}")
                self.refused(relation, CHANGE, response, unknown, "POST")

    # -- delete: the confirmation page, then the confirmation ----------------------------------------------
    def delete(self):
        unknown_page = answer(self.client.get(url(self.resource, "delete", UNKNOWN)))
        unknown_post = answer(self.client.post(url(self.resource, "delete", UNKNOWN), {"post": "yes"}))
        for relation, record in self.records.items():
            page = self.client.get(url(self.resource, "delete", record.pk))
            response = self.client.post(url(self.resource, "delete", record.pk), {"post": "yes"})
            gone = not stored(record)
            if self.allowed(relation, DELETE):
                self.expect(relation, DELETE, page.status_code == 200, f"the page answered {answer(page)}")
                self.expect(relation, DELETE, gone, f"not deleted: {answer(response)}")
            else:
                self.expect(relation, DELETE, not gone, f"deleted, answering {answer(response)}")
                self.refused(relation, DELETE, page, unknown_page, "the page")
                self.refused(relation, DELETE, response, unknown_post, "POST")


@pytest.mark.parametrize(("resource", "role"), CASES, ids=CASE_IDS)
def test_the_admin_answers_every_cell_as_the_matrix_declares(client, request, owners, resource, role):
    records = build(resource, owners)
    parents = build(resource, owners, parents=True) if resource.parent else {}
    cells = AdminMatrix(sign_in(client, request, role), resource, role, records, parents)
    # In this order: adding reuses the own record's form, and deleting comes last.
    cells.view()
    cells.history()
    cells.export()
    cells.add()
    cells.change()
    cells.delete()
    cells.verdicts.assert_all_right()


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
def test_the_admin_sends_anonymous_visitors_to_log_in_from_every_page(client, owners, resource):
    record = build(resource, owners)[resource.relations[0]]
    login = reverse("admin:login")
    verdicts = Verdicts(f"admin {resource.name} as anonymous")
    pages = [
        (VIEW, "get", url(resource, "changelist"), {}),
        (VIEW, "get", url(resource, "change", record.pk), {}),
        (HISTORY, "get", url(resource, "history", record.pk), {}),
        (
            EXPORT,
            "post",
            url(resource, "changelist"),
            {"action": "export_as_csv", "_selected_action": record.pk},
        ),
        (ADD, "get", url(resource, "add"), {}),
        (CHANGE, "post", url(resource, "change", record.pk), dict(resource.change)),
        (DELETE, "post", url(resource, "delete", record.pk), {"post": "yes"}),
    ]
    for action, method, address, data in pages:
        response = getattr(client, method)(address, data)
        sent_to_log_in = response.status_code == 302 and response["Location"].startswith(login)
        verdicts.check(
            "anonymous", action, sent_to_log_in, f"{method.upper()} {address} answered {answer(response)}"
        )
    verdicts.check("anonymous", DELETE, stored(record), "the record was deleted")
    verdicts.assert_all_right()
