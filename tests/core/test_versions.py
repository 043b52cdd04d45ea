"""A record's version (core/versions.py): read from what is stored, row and links, one query."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from advocacy.models import FollowUp, Meeting
from core.services import writes_for
from core.versions import version_of, version_of_page, versions_of
from directory.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


def _writable_models():
    """Every model with services: what the admin and the API can change."""
    models = []
    for model in apps.get_models():
        try:
            writes_for(model)
        except ImproperlyConfigured:
            continue
        models.append(model)
    return models


def test_every_writable_model_has_a_version_read_in_one_query_and_locked(django_assert_num_queries):
    models = _writable_models()
    assert Meeting in models and Organization in models
    for model in models:
        with django_assert_num_queries(1):
            versions_of(model._default_manager.all(), lock=True)


def test_a_version_is_the_same_until_the_record_changes(organization):
    meeting = factories.MeetingFactory(owner=organization)
    opened = version_of(meeting)
    assert version_of(Meeting.objects.get(pk=meeting.pk)) == opened
    meeting.place = "Elsewhere"  # changed on the instance only: the version is of what is stored
    assert version_of(meeting) == opened
    meeting.save()
    assert version_of(meeting) != opened


def test_each_link_of_a_record_is_part_of_its_version(organization):
    meeting = factories.MeetingFactory(owner=organization)
    seen = {version_of(meeting)}
    meeting.states.add(factories.state("BWA"))
    seen.add(version_of(meeting))
    meeting.campaigns.add(factories.CampaignFactory(owner=organization))
    seen.add(version_of(meeting))
    meeting.attendees.add(factories.PersonFactory())
    seen.add(version_of(meeting))
    assert len(seen) == 4


def test_a_deleted_record_has_no_version(organization):
    meeting = factories.MeetingFactory(owner=organization)
    Meeting.objects.filter(pk=meeting.pk).delete()
    assert version_of(meeting) is None


def test_a_version_is_signed_with_the_secret_key_so_that_no_field_can_be_guessed_from_it(
    organization, settings
):
    meeting = factories.MeetingFactory(owner=organization, confidential_notes="yes")
    version = version_of(meeting)
    settings.SECRET_KEY = "another secret key, for another deployment"
    assert version_of(meeting) != version


def test_a_page_version_changes_with_any_row_shown_beside_the_record(organization, staff_user):
    meeting = factories.MeetingFactory(owner=organization)
    rows = FollowUp.objects.filter(meeting=meeting)
    opened = version_of_page(meeting, [rows])
    follow_up = factories.FollowUpFactory(owner=organization, meeting=meeting, assignee=staff_user)
    added = version_of_page(meeting, [rows])
    assert added != opened
    FollowUp.objects.filter(pk=follow_up.pk).update(description="Changed")
    assert version_of_page(meeting, [rows]) not in {opened, added}
    follow_up.delete()
    assert version_of_page(meeting, [rows]) == opened
