"""One test per finding of the confidentiality audit (issue 12): the leak it found, shut in every room."""

import importlib

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.db import connection, transaction

from advocacy.models import FollowUp, Incident, Meeting
from advocacy.services import meeting_writes
from campaigns.models import Target, Threshold
from directory.models import Organization, Partnership, Person, PersonIdentity, User
from directory.services import identity_writes, person_writes
from documents.models import Document, Signature
from tests import factories
from tests.conftest import passed_second_factor, verified_login
from unrecord.models import VoteEvent, VoteImport

pytestmark = pytest.mark.django_db

REAL_NAME = "Hye Sook Kim"
IDENTITY_NOTES = "Reached only through the pastor in Seoul"
PSEUDONYM = "Witness A (Camp 18 survivor)"
CONFIDENTIAL = "The ambassador hinted at a deal on the amendment"
FIRST_NOTES = "The ambassador seemed open to talking"
JSON = "application/json"


def _user(organization, username, role=User.Role.STAFF, *, permissions=()):
    user = factories.UserFactory(organization=organization, username=username, role=role)
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return User.objects.get(pk=user.pk)  # without the permissions cached before


def _as_posted(page, **typed) -> dict:
    """What a browser posts back from the admin page `page` as it was served, with `typed` typed
    in: every field of its form and inlines, so that a refusal is the policy's, not a form's."""
    on_page = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        on_page += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in on_page:
        for bound in form:
            data |= _posted_value(bound)
    return data | typed


def _posted_value(bound) -> dict:
    value, widget = bound.value(), bound.field.widget
    if bound.field.disabled:
        return {}
    if isinstance(widget, forms.CheckboxInput):
        return {bound.html_name: "on"} if value else {}
    if isinstance(widget, forms.MultiWidget):
        return {f"{bound.html_name}_{i}": part or "" for i, part in enumerate(widget.decompress(value))}
    if isinstance(value, list | tuple):
        return {bound.html_name: [str(item) for item in value]}
    return {bound.html_name: "" if value is None else value}


def _text(response) -> str:
    return response.content.decode()


# -- A protected witness: history pages and the API -------------------------------------------


@pytest.fixture
def protected_later(organization):
    """A witness first recorded under their real name, then renamed, protected and given their
    identity in one transaction, through the services the admin saves with: history holds it all."""
    director = _user(organization, "director", permissions=["view_personidentity", "add_personidentity"])
    passed_second_factor(director)
    person = person_writes.save(
        author=director, record=Person(), data={"name": REAL_NAME, "category": Person.Category.WITNESS}
    )
    with transaction.atomic():
        person_writes.save(author=director, record=person, data={"name": PSEUDONYM, "is_protected": True})
        identity_writes.save(
            author=director,
            record=PersonIdentity(),
            data={"person": person, "real_name": REAL_NAME, "notes": IDENTITY_NOTES},
        )
    return person


@pytest.mark.parametrize("reader", ["stranger_with_the_permission", "colleague_without_it"])
def test_a_protected_witness_history_shows_no_real_name_identity_or_earlier_name(
    client, reader, protected_later, organization, other_organization
):
    if reader == "stranger_with_the_permission":
        user = _user(other_organization, "stranger", permissions=["view_personidentity"])
    else:
        user = _user(organization, "colleague")
    verified_login(client, user)
    history = client.get(f"/admin/directory/person/{protected_later.pk}/history/")
    assert history.status_code == 200
    assert PSEUDONYM in _text(history)
    assert REAL_NAME not in _text(history)
    assert IDENTITY_NOTES not in _text(history)


def _people_history_holding(text: str) -> int:
    """How many rows of the people's history table hold `text` anywhere, as a dump would show them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM directory_personevent AS e WHERE e::text LIKE %s", [f"%{text}%"])
        return cursor.fetchone()[0]


def test_a_protected_witness_history_table_keeps_no_earlier_name(protected_later):
    # The history pages hid it, but the table kept the name the witness was first recorded under:
    # a backup held it in the clear.
    assert _people_history_holding(REAL_NAME) == 0
    assert set(protected_later.events.values_list("name", flat=True)) == {PSEUDONYM}


def test_the_migration_forgets_the_earlier_names_of_people_protected_before_it(organization):
    person = factories.PersonFactory(name=REAL_NAME, category=Person.Category.WITNESS)
    Person.objects.filter(pk=person.pk).update(name=PSEUDONYM, is_protected=True)  # no service
    assert _people_history_holding(REAL_NAME) == 1
    migration = importlib.import_module("directory.migrations.0006_protected_people_keep_no_earlier_name")
    with connection.cursor() as cursor:
        cursor.execute(migration.FORGET_EARLIER_NAMES)
    assert _people_history_holding(REAL_NAME) == 0


def test_the_protecting_organizations_permitted_user_reads_the_identity_in_history(
    client, protected_later, organization
):
    verified_login(client, _user(organization, "archivist", permissions=["view_personidentity"]))
    history = _text(client.get(f"/admin/directory/person/{protected_later.pk}/history/"))
    assert REAL_NAME in history and IDENTITY_NOTES in history


def test_another_organization_cannot_unprotect_or_delete_a_witness_through_the_api(
    client, organization, outsider_user
):
    witness = factories.ProtectedPersonFactory(protected_by=organization)
    client.force_login(outsider_user)
    url = f"/api/v1/people/{witness.pk}/"
    assert client.patch(url, {"is_protected": False}, content_type=JSON).status_code == 403
    assert client.delete(url).status_code == 403
    witness.refresh_from_db()
    assert witness.is_protected and witness.protected_by == organization
    assert PersonIdentity.objects.filter(person=witness).exists()


def test_the_protecting_organization_may_unprotect_its_witness(client, organization, staff_user):
    witness = factories.ProtectedPersonFactory(protected_by=organization)
    client.force_login(staff_user)
    response = client.patch(f"/api/v1/people/{witness.pk}/", {"is_protected": False}, content_type=JSON)
    assert response.status_code == 200
    witness.refresh_from_db()
    assert not witness.is_protected


# -- Organizations and partnerships -----------------------------------------------------------


@pytest.mark.parametrize(("role_user", "saved"), [("manager_user", 302), ("staff_user", 403)])
def test_saving_ones_own_organization_in_the_admin_makes_no_partner(
    client, request, role_user, saved, organization, other_organization
):
    factories.MeetingFactory(
        owner=other_organization, place="Their shared mission", shared_with_partners=True
    )
    user = request.getfixturevalue(role_user)
    client.force_login(user)
    url = f"/admin/directory/organization/{organization.pk}/change/"
    page = client.get(url)
    assert "partners" not in page.context["adminform"].form.fields
    posted = _as_posted(
        page, name=organization.name, kind=organization.kind, partners=[other_organization.pk]
    )
    assert client.post(url, posted).status_code == saved  # its managers keep its entry, staff do not
    assert not Partnership.objects.involving(other_organization.pk).exists()
    assert not Meeting.objects.visible_to(user).filter(owner=other_organization).exists()


@pytest.mark.parametrize(
    ("user", "target"), [("outsider_user", "organization"), ("staff_user", "other_organization")]
)
def test_nobody_renames_or_deletes_another_organization_in_the_admin(client, request, user, target):
    target = request.getfixturevalue(target)
    client.force_login(request.getfixturevalue(user))
    url = f"/admin/directory/organization/{target.pk}/"
    changed = {"name": "Renamed", "kind": Organization.Kind.NGO}
    assert client.post(f"{url}change/", changed).status_code == 403
    assert client.get(f"{url}delete/").status_code == 403
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    assert Organization.objects.get(pk=target.pk).name == target.name


def test_nobody_renames_or_deletes_another_organization_through_the_api(client, outsider_user, organization):
    client.force_login(outsider_user)
    url = f"/api/v1/organizations/{organization.pk}/"
    assert client.patch(url, {"name": "Renamed"}, content_type=JSON).status_code == 403
    assert client.delete(url).status_code == 403
    assert Organization.objects.get(pk=organization.pk).name == organization.name


# -- What a partner reads of a shared meeting -------------------------------------------------


@pytest.fixture
def shared_meeting(organization, manager_user):
    meeting = factories.MeetingFactory(
        owner=organization,
        place="Mission of Botswana",
        shared_with_partners=True,
        confidential_notes=FIRST_NOTES,
    )
    # A change as well as the insert: the history shows the one as data, the other as a diff.
    meeting_writes.save(author=manager_user, record=meeting, data={"confidential_notes": CONFIDENTIAL})
    return meeting


def test_a_partner_does_not_read_a_shared_meetings_confidential_notes_in_its_history(
    client, shared_meeting, partner_user, manager_user
):
    client.force_login(partner_user)
    history = client.get(f"/admin/advocacy/meeting/{shared_meeting.pk}/history/")
    assert history.status_code == 200
    assert "Mission of Botswana" in _text(history)
    assert CONFIDENTIAL not in _text(history)
    assert FIRST_NOTES not in _text(history)
    client.force_login(manager_user)
    assert CONFIDENTIAL in _text(client.get(f"/admin/advocacy/meeting/{shared_meeting.pk}/history/"))


def test_a_partner_does_not_see_the_owners_unshared_follow_ups_of_a_shared_meeting(
    client, shared_meeting, partner_user, manager_user, organization
):
    factories.FollowUpFactory(
        owner=organization, meeting=shared_meeting, assignee=manager_user, description="Call the deputy back"
    )
    pages = [f"/admin/advocacy/meeting/{shared_meeting.pk}/{page}/" for page in ("change", "history")]
    client.force_login(partner_user)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200
        assert "Call the deputy back" not in _text(response)
    client.force_login(manager_user)
    assert all("Call the deputy back" in _text(client.get(page)) for page in pages)


@pytest.mark.parametrize(
    "lookup",
    [
        "confidential_notes__startswith",
        "confidential_notes__icontains",
        "confidential_notes__regex",
        "summary",
    ],
)
def test_the_meeting_list_refuses_lookups_its_admin_does_not_declare_whatever_the_data(
    client, shared_meeting, partner_user, lookup
):
    client.force_login(partner_user)
    for guess in ("The", "Zzz"):
        assert client.get("/admin/advocacy/meeting/", {lookup: guess}).status_code == 400
    assert client.get("/admin/advocacy/meeting/", {"is_illustrative__exact": "1"}).status_code == 200


# -- A partner writing into the owner's shared records through admin add forms -------------------


@pytest.fixture
def shared(organization):
    """The owner's records, each shared with its partners."""
    return {
        "campaign": factories.CampaignFactory(owner=organization, shared_with_partners=True),
        "side_event": factories.SideEventFactory(owner=organization, shared_with_partners=True),
        "document": factories.DocumentFactory(owner=organization, kind="letter", shared_with_partners=True),
        "meeting": factories.MeetingFactory(owner=organization, shared_with_partners=True),
    }


def _target(shared, author):
    return {"campaign": shared["campaign"].pk, "state": factories.state("BWA").pk, "wanted_vote": "Y",
            "priority": 1}  # fmt: skip


def _threshold(shared, author):
    resolution = factories.ResolutionFactory()
    return {
        "campaign": shared["campaign"].pk,
        "kind": "adopted",
        "majority": "simple",
        "resolution": resolution.pk,
    }


def _incident(shared, author):
    return {"side_event": shared["side_event"].pk, "kind": "intimidation", "description": "Photographed"}


def _signature(shared, author):
    return {"document": shared["document"].pk, "organization": author.organization_id, "order": 1}


def _follow_up(shared, author):
    return {"meeting": shared["meeting"].pk, "description": "Send the report", "assignee": author.pk,
            "due_on": "2014-11-01", "status": "open"}  # fmt: skip


ADD_FORMS = {
    "target": ("/admin/campaigns/target/add/", Target, "campaign", _target),
    "threshold": ("/admin/campaigns/threshold/add/", Threshold, "campaign", _threshold),
    "incident": ("/admin/advocacy/incident/add/", Incident, "side_event", _incident),
    "signature": ("/admin/documents/signature/add/", Signature, "document", _signature),
    "follow_up": ("/admin/advocacy/followup/add/", FollowUp, "meeting", _follow_up),
}


@pytest.mark.parametrize("row", ADD_FORMS)
def test_a_partner_cannot_add_rows_to_the_owners_shared_records_in_the_admin(
    client, row, shared, partner_user, manager_user
):
    url, model, parent, data = ADD_FORMS[row]
    client.force_login(partner_user)
    client.post(url, data(shared, partner_user))
    assert not model.objects.filter(**{parent: shared[parent]}).exists()
    # The same form, posted by the owner, is taken: the partner was refused, not the form.
    client.force_login(manager_user)
    assert client.post(url, data(shared, manager_user)).status_code == 302
    assert model.objects.filter(**{parent: shared[parent]}).count() == 1


# -- Other organizations' names in forms and filters ------------------------------------------


def _unshared_records(owner, whose: str) -> list[str]:
    """An organization's records, none shared, and the names that would betray them."""
    campaign = factories.CampaignFactory(owner=owner, name=f"{whose} secret campaign")
    document = factories.DocumentFactory(owner=owner, title=f"{whose} secret report")
    meeting = factories.MeetingFactory(owner=owner, place=f"{whose} secret mission")
    side_event = factories.SideEventFactory(owner=owner, title=f"{whose} secret side event")
    factories.TargetFactory(campaign=campaign)
    factories.ThresholdFactory(campaign=campaign)
    user = factories.UserFactory(organization=owner, username=f"{whose.lower()}-colleague")
    return [campaign.name, document.title, meeting.place, side_event.title, user.username]


def _own_records(organization) -> list[str]:
    return [
        factories.CampaignFactory(owner=organization, name="Own campaign").name,
        factories.DocumentFactory(owner=organization, title="Own report").title,
        factories.SideEventFactory(owner=organization, title="Own side event").title,
    ]


@pytest.fixture
def others_names(partner_organization, other_organization):
    partners = _unshared_records(partner_organization, "Partner")
    return partners + _unshared_records(other_organization, "Stranger")


@pytest.mark.parametrize(
    "resource", ["meetings", "side-events", "follow-ups", "stances", "documents", "signatures", "targets"]
)
def test_the_browsable_apis_forms_name_no_other_organizations_records(
    client, resource, others_names, manager_user, organization
):
    own = _own_records(organization)
    client.force_login(manager_user)
    page = _text(client.get(f"/api/v1/{resource}/", HTTP_ACCEPT="text/html"))
    assert any(name in page for name in own)  # the forms are there, with the user's own choices
    assert [name for name in others_names if name in page] == []


@pytest.mark.parametrize("changelist", ["/admin/campaigns/target/", "/admin/campaigns/threshold/"])
def test_admin_list_filters_name_no_other_organizations_campaigns(
    client, changelist, others_names, manager_user, organization
):
    for name in ("Own campaign", "Own other campaign"):
        factories.TargetFactory(campaign=factories.CampaignFactory(owner=organization, name=name))
    client.force_login(manager_user)
    page = _text(client.get(changelist))
    assert "Own other campaign" in page
    assert [name for name in others_names if name in page] == []


@pytest.mark.parametrize(
    "page",
    [
        "/admin/advocacy/meeting/",
        "/admin/advocacy/meeting/{meeting}/change/",
        "/admin/advocacy/followup/",
        "/admin/documents/document/",
        "/admin/documents/document/{document}/change/",
    ],
)
def test_a_partner_reads_no_name_of_the_unshared_campaigns_a_shared_record_is_filed_under(
    client, page, organization, partner_user, manager_user
):
    secret = factories.CampaignFactory(owner=organization, name="Owner secret campaign")
    meeting = factories.MeetingFactory(owner=organization, shared_with_partners=True)
    document = factories.DocumentFactory(owner=organization, shared_with_partners=True)
    meeting.campaigns.set([secret])
    document.campaigns.set([secret])
    factories.FollowUpFactory(
        owner=organization, assignee=manager_user, shared_with_partners=True, campaign=secret
    )
    client.force_login(partner_user)
    response = client.get(page.format(meeting=meeting.pk, document=document.pk))
    assert response.status_code == 200
    assert secret.name not in _text(response)


@pytest.mark.parametrize("resource", ["meetings", "documents"])
def test_a_partner_reads_over_the_api_only_the_campaigns_it_may_see_a_shared_record_filed_under(
    client, resource, organization, partner_user
):
    secret = factories.CampaignFactory(owner=organization, name="Owner secret campaign")
    shared = factories.CampaignFactory(owner=organization, shared_with_partners=True)
    made = {"meetings": factories.MeetingFactory, "documents": factories.DocumentFactory}[resource]
    record = made(owner=organization, shared_with_partners=True)
    record.campaigns.set([secret, shared])
    client.force_login(partner_user)
    for body in [
        client.get(f"/api/v1/{resource}/{record.pk}/").json(),
        client.get(f"/api/v1/{resource}/").json()["results"][0],
    ]:
        assert body["campaigns"] == [shared.pk]


# -- Existence oracles -----------------------------------------------------------------------

UNKNOWN = 987654321


def _without_ids(response, record_id) -> str:
    return response.content.decode().replace(str(record_id), "<id>")


@pytest.mark.parametrize(
    ("resource", "parameter", "factory"),
    [
        ("stances", "campaign", factories.CampaignFactory),
        ("meetings", "campaign", factories.CampaignFactory),
        ("signatures", "document", factories.DocumentFactory),
        ("incidents", "side_event", factories.SideEventFactory),
    ],
)
def test_a_filter_naming_a_strangers_record_answers_like_an_unknown_id(
    client, resource, parameter, factory, staff_user, other_organization
):
    hidden = factory(owner=other_organization)
    client.force_login(staff_user)
    stranger = client.get(f"/api/v1/{resource}/", {parameter: hidden.pk})
    unknown = client.get(f"/api/v1/{resource}/", {parameter: UNKNOWN})
    assert stranger.status_code == unknown.status_code == 400
    assert _without_ids(stranger, hidden.pk) == _without_ids(unknown, UNKNOWN)


def test_a_document_cannot_be_linked_to_a_strangers_meeting(client, staff_user, other_organization):
    hidden = factories.MeetingFactory(owner=other_organization)
    client.force_login(staff_user)

    def create(meeting_id):
        body = {"kind": "report", "title": "Linked report", "meetings": [meeting_id]}
        return client.post("/api/v1/documents/", body, content_type=JSON)

    stranger, unknown = create(hidden.pk), create(UNKNOWN)
    assert stranger.status_code == unknown.status_code == 400
    assert _without_ids(stranger, hidden.pk) == _without_ids(unknown, UNKNOWN)
    assert not Document.objects.filter(title="Linked report").exists()


@pytest.mark.parametrize("page", ["change", "delete", "history"])
def test_an_admin_url_of_a_strangers_record_answers_like_an_unknown_id(
    client, page, staff_user, other_organization
):
    hidden = factories.MeetingFactory(owner=other_organization)
    client.force_login(staff_user)
    stranger = _admin_answer(client, f"/admin/advocacy/meeting/{hidden.pk}/{page}/", hidden.pk)
    assert stranger == _admin_answer(client, f"/admin/advocacy/meeting/{UNKNOWN}/{page}/", UNKNOWN)


def _admin_answer(client, url, record_id) -> tuple:
    """Where the admin sends a browser for `url`, and what it tells them on arrival, its id left out."""
    response = client.get(url, follow=True)
    told = [str(message) for message in (response.context or {}).get("messages", [])]
    return response.redirect_chain, response.status_code, [m.replace(str(record_id), "<id>") for m in told]


# -- The shared directory and the public UN record --------------------------------------------


@pytest.fixture
def recorded_elsewhere(other_organization):
    return {
        "person": factories.PersonFactory(name="Ambassador Ri", recorded_by=other_organization),
        "organization": factories.OrganizationFactory(
            name="Mission watchers", recorded_by=other_organization
        ),
    }


@pytest.mark.parametrize("entry", ["person", "organization"])
def test_a_directory_entry_recorded_by_another_organization_is_not_changed_by_this_ones_staff(
    client, entry, recorded_elsewhere, staff_user
):
    record = recorded_elsewhere[entry]
    name = record.name
    client.force_login(staff_user)
    api = f"/api/v1/{'people' if entry == 'person' else 'organizations'}/{record.pk}/"
    assert client.patch(api, {"name": "Changed"}, content_type=JSON).status_code == 403
    admin_change = f"/admin/directory/{entry}/{record.pk}/change/"
    changed = {"name": "Changed", "category": "ngo_staff", "kind": "ngo"}
    assert client.post(admin_change, changed).status_code == 403
    record.refresh_from_db()
    assert record.name == name


@pytest.mark.parametrize("entry", ["person", "organization"])
def test_a_record_keeper_changes_any_directory_entry(client, entry, recorded_elsewhere, record_keeper):
    record = recorded_elsewhere[entry]
    client.force_login(record_keeper)
    api = f"/api/v1/{'people' if entry == 'person' else 'organizations'}/{record.pk}/"
    assert client.patch(api, {"name": "Changed by the API"}, content_type=JSON).status_code == 200
    admin_change = f"/admin/directory/{entry}/{record.pk}/change/"
    posted = _as_posted(client.get(admin_change), name="Changed in the admin")
    assert client.post(admin_change, posted).status_code == 302
    record.refresh_from_db()
    assert record.name == "Changed in the admin"


@pytest.fixture
def vote_event():
    return factories.VoteEventFactory(description="Draft as a whole")


@pytest.mark.parametrize("role_user", ["analyst_user", "staff_user", "manager_user"])
def test_no_role_writes_the_public_record_without_the_record_keeper_permission(
    client, request, role_user, vote_event
):
    client.force_login(request.getfixturevalue(role_user))
    vote = factories.RecordedVoteFactory(vote_event=vote_event)
    vote_import = VoteImport.objects.create(source="UNGA roll calls.csv")
    for model in ("voteevent", "voteimport"):
        assert client.get(f"/admin/unrecord/{model}/add/").status_code == 403
    event_page = f"/admin/unrecord/voteevent/{vote_event.pk}/change/"
    assert client.post(event_page, {"description": "Changed", "result": "rejected"}).status_code == 403
    assert client.get(f"/admin/unrecord/voteimport/{vote_import.pk}/delete/").status_code == 403
    # The record's API has no writes at all: refused as a method it does not allow, or forbidden.
    added = client.post("/api/v1/vote-events/", {"date": "2014-12-18"}, content_type=JSON)
    patched = client.patch(f"/api/v1/vote-events/{vote_event.pk}/", {"result": "rejected"}, content_type=JSON)
    assert {added.status_code, patched.status_code} <= {403, 405}
    vote_event.refresh_from_db()
    vote.refresh_from_db()
    assert (vote_event.description, vote_event.result, vote.choice) == ("Draft as a whole", "adopted", "Y")
    assert VoteImport.objects.filter(pk=vote_import.pk).exists()


def test_a_record_keeper_writes_the_public_record(client, record_keeper, vote_event):
    client.force_login(record_keeper)
    for model in ("voteevent", "voteimport"):
        assert client.get(f"/admin/unrecord/{model}/add/").status_code == 200
    event_page = f"/admin/unrecord/voteevent/{vote_event.pk}/change/"
    posted = _as_posted(client.get(event_page), description="Draft resolution as a whole")
    assert client.post(event_page, posted).status_code == 302
    assert VoteEvent.objects.get(pk=vote_event.pk).description == "Draft resolution as a whole"
