"""Two editors of one record: the API's ETag and If-Match, and the admin's change form, refuse the
second editor's save made on a version that is gone, instead of overwriting the first's change."""

import re
import threading

import pytest
from django import forms
from django.db import connection, connections, transaction

from advocacy.models import FollowUp, Meeting
from core.admin import STALE_EDIT
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture
def meeting(organization):
    return factories.MeetingFactory(owner=organization, summary="As first recorded")


def _client(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


@pytest.fixture
def first(client, staff_user):
    return _client(type(client), staff_user)


@pytest.fixture
def second(client, manager_user):
    return _client(type(client), manager_user)


def _patch(client, path, body, **headers):
    return client.patch(f"{API}{path}", body, content_type="application/json", headers=headers)


def _etag(client, path) -> str:
    response = client.get(f"{API}{path}")
    assert response.status_code == 200, response.content
    return response["ETag"]


# -- the API ------------------------------------------------------------------------------------------
def test_a_record_read_carries_a_strong_etag_that_changes_when_the_record_does(first, meeting):
    path = f"meetings/{meeting.pk}/"
    tag = _etag(first, path)
    assert re.fullmatch(r'"[0-9a-f]+"', tag)  # strong: no W/
    assert _etag(first, path) == tag
    assert first.head(f"{API}{path}")["ETag"] == tag
    Meeting.objects.filter(pk=meeting.pk).update(summary="Changed elsewhere")
    assert _etag(first, path) != tag


def test_a_change_on_a_stale_version_is_refused_with_412_and_changes_nothing(first, second, meeting):
    path = f"meetings/{meeting.pk}/"
    opened = _etag(first, path)
    assert _etag(second, path) == opened
    saved = _patch(first, path, {"summary": "The first editor's"}, if_match=opened)
    assert saved.status_code == 200, saved.content

    stale = _patch(second, path, {"summary": "The second editor's"}, if_match=opened)

    assert stale.status_code == 412
    assert "changed since you read it" in stale.json()["detail"]
    meeting.refresh_from_db()
    assert meeting.summary == "The first editor's"


def test_a_change_on_the_current_version_is_made_and_answers_the_new_etag(first, second, meeting):
    path = f"meetings/{meeting.pk}/"
    _patch(first, path, {"summary": "The first editor's"})
    current = _etag(second, path)

    saved = _patch(second, path, {"summary": "The second editor's"}, if_match=current)

    assert saved.status_code == 200, saved.content
    assert saved["ETag"] != current
    assert saved["ETag"] == _etag(second, path)
    meeting.refresh_from_db()
    assert meeting.summary == "The second editor's"


def test_a_put_on_a_stale_version_is_refused_too(first, second, meeting):
    path = f"meetings/{meeting.pk}/"
    read = first.get(f"{API}{path}")
    _patch(second, path, {"summary": "The second editor's"})
    body = {**read.json(), "summary": "The first editor's"}

    stale = first.put(
        f"{API}{path}", body, content_type="application/json", headers={"if_match": read["ETag"]}
    )

    assert stale.status_code == 412
    meeting.refresh_from_db()
    assert meeting.summary == "The second editor's"


def test_a_delete_on_a_stale_version_is_refused_and_on_the_current_one_made(
    first, second, manager_user, meeting
):
    path = f"meetings/{meeting.pk}/"
    opened = _etag(second, path)
    _patch(first, path, {"summary": "The first editor's"})

    assert second.delete(f"{API}{path}", headers={"if_match": opened}).status_code == 412
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    current = _etag(second, path)
    assert second.delete(f"{API}{path}", headers={"if_match": current}).status_code == 204
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_if_match_star_matches_any_version_and_a_weak_tag_none(first, meeting):
    path = f"meetings/{meeting.pk}/"
    current = _etag(first, path)
    assert _patch(first, path, {"summary": "Weak"}, if_match=f"W/{current}").status_code == 412
    assert _patch(first, path, {"summary": "Any"}, if_match="*").status_code == 200
    assert (
        _patch(first, path, {"summary": "Listed"}, if_match=f'"other", {_etag(first, path)}').status_code
        == 200
    )


def test_a_change_without_if_match_is_made_as_before(first, meeting):
    assert _patch(first, f"meetings/{meeting.pk}/", {"summary": "Unconditional"}).status_code == 200
    meeting.refresh_from_db()
    assert meeting.summary == "Unconditional"


def test_a_link_added_or_removed_alone_changes_the_etag(first, organization, meeting):
    # Straight into the table of links: no service, no updated_at, the row itself untouched.
    path = f"meetings/{meeting.pk}/"
    before = _etag(first, path)
    meeting.states.add(factories.state("BWA"))
    linked = _etag(first, path)
    assert linked != before
    meeting.states.clear()
    assert _etag(first, path) == before

    document = factories.DocumentFactory(owner=organization)
    opened = _etag(first, f"documents/{document.pk}/")
    document.meetings.add(meeting)
    assert _etag(first, f"documents/{document.pk}/") != opened


def test_a_read_naming_the_current_etag_in_if_none_match_is_answered_304(first, meeting):
    path = f"{API}meetings/{meeting.pk}/"
    current = _etag(first, f"meetings/{meeting.pk}/")
    unchanged = first.get(path, headers={"if_none_match": current})
    assert unchanged.status_code == 304
    assert unchanged["ETag"] == current
    assert not unchanged.content
    assert first.get(path, headers={"if_none_match": '"other"'}).status_code == 200


def test_the_un_record_carries_etags_too(first):
    factories.state("BWA")
    assert _etag(first, "member-states/BWA/")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_changes_sent_at_once_on_one_version_cannot_both_pass(staff_user, manager_user, client):
    """The second write waits for the first's lock and then finds the version gone: a check made
    before the lock, or outside the write's transaction, would let both pass."""
    meeting = factories.MeetingFactory(owner=staff_user.organization, summary="As first recorded")
    path = f"meetings/{meeting.pk}/"
    second = _client(type(client), manager_user)
    opened = _etag(second, path)
    answers = []

    def second_editor():
        try:
            answers.append(_patch(second, path, {"summary": "The second editor's"}, if_match=opened))
        finally:
            connection.close()

    with transaction.atomic():  # the first editor, mid-write: the row is locked and changed
        Meeting.objects.select_for_update().filter(pk=meeting.pk).update(summary="The first editor's")
        thread = threading.Thread(target=second_editor)
        thread.start()
        _wait_until_a_query_waits_for_a_lock(thread)
    thread.join(timeout=30)

    assert [answer.status_code for answer in answers] == [412]
    meeting.refresh_from_db()
    assert meeting.summary == "The first editor's"


def _wait_until_a_query_waits_for_a_lock(thread, attempts=200):
    with connections["default"].cursor() as cursor:
        for _ in range(attempts):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0] or not thread.is_alive():
                return
            threading.Event().wait(0.05)


# -- the admin ----------------------------------------------------------------------------------------
def _change_page(client, meeting):
    response = client.get(f"/admin/advocacy/meeting/{meeting.pk}/change/")
    assert response.status_code == 200
    return response


def _as_sent(page) -> dict:
    """What the browser sends back from a change page as it stands: the form and its inlines."""
    data = _form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= _form_data(formset.management_form)
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())  # no blank rows
        for row in formset.initial_forms:
            data |= _form_data(row)
    return data


def _form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            value = "on" if value else None
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        elif value is not None:
            data[form.add_prefix(name)] = str(value)
    data.pop(form.add_prefix("DELETE"), None)
    return data


def _errors(page) -> list:
    formsets = [inline.formset for inline in page.context["inline_admin_formsets"]]
    return [page.context["adminform"].form.errors, *(formset.errors for formset in formsets)]


def _follow_up_field(page, name) -> str:
    return next(key for key in _as_sent(page) if key.endswith(f"-0-{name}"))


@pytest.fixture
def follow_up(organization, staff_user, meeting):
    return factories.FollowUpFactory(owner=organization, meeting=meeting, assignee=staff_user)


def test_the_change_page_carries_the_version_it_was_opened_at(first, meeting):
    page = _change_page(first, meeting)
    assert re.search(rb'<input type="hidden" name="_version" value="[0-9a-f]+"', page.content)


def test_an_editor_alone_saves_as_before(first, meeting, follow_up):
    page = _change_page(first, meeting)
    data = _as_sent(page) | {"summary": "Saved", _follow_up_field(page, "description"): "Call back"}
    response = first.post(f"/admin/advocacy/meeting/{meeting.pk}/change/", data)
    assert response.status_code == 302, _errors(response)
    meeting.refresh_from_db()
    follow_up.refresh_from_db()
    assert (meeting.summary, follow_up.description) == ("Saved", "Call back")


def test_of_two_editors_who_opened_one_version_the_second_is_refused(first, second, meeting):
    first_page, second_page = _change_page(first, meeting), _change_page(second, meeting)
    url = f"/admin/advocacy/meeting/{meeting.pk}/change/"
    assert first.post(url, _as_sent(first_page) | {"summary": "The first editor's"}).status_code == 302

    refused = second.post(url, _as_sent(second_page) | {"ask": "The second editor's"})

    assert refused.status_code == 200
    assert STALE_EDIT in refused.context["adminform"].form.non_field_errors()
    meeting.refresh_from_db()
    assert (meeting.summary, meeting.ask) == ("The first editor's", "")  # not put back as it was opened


def test_the_second_editor_is_told_the_record_changed_and_saves_nothing(first, second, meeting, follow_up):
    first_page, second_page = _change_page(first, meeting), _change_page(second, meeting)
    description = _follow_up_field(first_page, "description")
    first_data = _as_sent(first_page) | {"summary": "The first editor's", description: "First's follow-up"}
    assert first.post(f"/admin/advocacy/meeting/{meeting.pk}/change/", first_data).status_code == 302

    second_data = _as_sent(second_page) | {
        "summary": "The second editor's",
        description: "Second's follow-up",
    }
    refused = second.post(f"/admin/advocacy/meeting/{meeting.pk}/change/", second_data)

    assert refused.status_code == 200
    assert STALE_EDIT in refused.context["adminform"].form.non_field_errors()
    assert "Someone else changed this record since you opened it" in refused.content.decode()
    meeting.refresh_from_db()
    follow_up.refresh_from_db()
    assert (meeting.summary, follow_up.description) == ("The first editor's", "First's follow-up")


def test_a_change_to_an_inline_row_alone_makes_the_page_stale(first, second, meeting, follow_up):
    # The second editor's page still holds the follow-up's old text: saved, it would bring it back.
    first_page, second_page = _change_page(first, meeting), _change_page(second, meeting)
    description = _follow_up_field(first_page, "description")
    first_data = _as_sent(first_page) | {description: "First's follow-up"}
    assert first.post(f"/admin/advocacy/meeting/{meeting.pk}/change/", first_data).status_code == 302

    second_data = _as_sent(second_page) | {"summary": "The second editor's"}
    refused = second.post(f"/admin/advocacy/meeting/{meeting.pk}/change/", second_data)

    assert refused.status_code == 200
    assert STALE_EDIT in refused.context["adminform"].form.non_field_errors()
    meeting.refresh_from_db()
    assert meeting.summary == "As first recorded"
    assert FollowUp.objects.get(pk=follow_up.pk).description == "First's follow-up"


def test_a_change_made_through_the_api_makes_the_admin_page_stale(first, second, meeting):
    page = _change_page(second, meeting)
    _patch(first, f"meetings/{meeting.pk}/", {"summary": "Through the API"})

    refused = second.post(
        f"/admin/advocacy/meeting/{meeting.pk}/change/", _as_sent(page) | {"ask": "Vote yes"}
    )

    assert refused.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.summary, meeting.ask) == ("Through the API", "")
