"""Every model the admin or the API writes has one access policy and one home for its writes, and
the services refuse, whoever calls them, what the policy refuses."""

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models

from advocacy import services as advocacy_services
from advocacy.models import Meeting, Stance
from campaigns.services import target_writes
from config.api_urls import _v1_router
from core.access import Policy, declare, policy_for
from core.services import writes_for
from documents.models import Document
from documents.services import document_writes
from tests import factories

OUR_APPS = {"unrecord", "directory", "campaigns", "advocacy", "documents"}


def _admin_models():
    return [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


def _api_models():
    serializers = [getattr(viewset, "serializer_class", None) for _, viewset, _ in _v1_router().registry]
    return {serializer.Meta.model for serializer in serializers if hasattr(serializer, "Meta")}


def test_every_model_in_the_admin_and_the_api_has_a_policy_and_its_writes():
    for model in {*_admin_models(), *_api_models()}:
        policy_for(model)  # raises for a model nobody declared a policy for
        writes_for(model)


def test_no_admin_lists_searches_or_filters_a_field_its_policy_hides():
    for model in _admin_models():
        hidden = set(policy_for(model).hidden)
        model_admin = admin.site._registry[model]
        named = {*model_admin.list_display, *model_admin.search_fields, *model_admin.list_filter}
        names = {entry if isinstance(entry, str) else getattr(entry, "__name__", "") for entry in named}
        assert not {name.split("__")[0] for name in names} & hidden, model


def test_a_model_without_a_policy_is_a_configuration_error_not_an_open_door():
    class Unruled(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "core"

    with pytest.raises(ImproperlyConfigured):
        policy_for(Unruled)


def test_a_policy_is_declared_once():
    with pytest.raises(ImproperlyConfigured):
        declare(Meeting, Policy())


@pytest.mark.django_db
def test_the_service_refuses_a_partners_write_whoever_calls_it(organization, partner_user):
    shared = factories.MeetingFactory(owner=organization, shared_with_partners=True, summary="Kept")
    with pytest.raises(PermissionDenied):
        writes_for(Meeting).save(author=partner_user, record=shared, data={"summary": "Changed"})
    shared.refresh_from_db()
    assert shared.summary == "Kept"


def test_a_record_deleted_after_it_was_read_is_not_written_back(organization, staff_user):
    meeting = factories.MeetingFactory(owner=organization, summary="Kept")
    Meeting.objects.filter(pk=meeting.pk).delete()  # by someone else, after `meeting` was read
    with pytest.raises(ValidationError, match="deleted after you opened it"):
        writes_for(Meeting).save(author=staff_user, record=meeting, data={"summary": "Changed"})
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


@pytest.mark.django_db
def test_a_new_reference_may_only_point_at_what_the_writer_may_link_to(
    manager_user, partner_organization, other_organization
):
    partners_campaign = factories.CampaignFactory(owner=partner_organization, shared_with_partners=True)
    with pytest.raises(ValidationError) as refused:
        target_writes.save(
            author=manager_user,
            record=factories.TargetFactory.build(campaign=partners_campaign),
            data={"wanted_vote": "Y"},
        )
    assert "campaign" in refused.value.message_dict
    strangers_meeting = factories.MeetingFactory(owner=other_organization)
    letter = {"kind": Document.Kind.LETTER, "title": "Letter", "meetings": [strangers_meeting]}
    with pytest.raises(ValidationError) as refused:
        document_writes.save(author=manager_user, record=Document(), data=letter)
    assert "meetings" in refused.value.message_dict
    assert not Document.objects.filter(title="Letter").exists()


@pytest.mark.django_db
def test_a_stance_recorded_by_a_command_is_stamped_and_owned_by_the_authors_organization(
    manager_user, organization
):
    stance = advocacy_services.record_stance(
        author=manager_user,
        data={
            "resolution": factories.ResolutionFactory(),
            "state": factories.state("GHA"),
            "position": "leaning_yes",
            "evidence": Stance.Evidence.JUDGEMENT,
        },
    )
    assert stance.recorded_by == manager_user and policy_for(Stance).holds(manager_user, stance)
    assert stance.owner == organization


@pytest.mark.django_db
def test_an_owned_record_is_claimed_for_the_writers_organization_and_its_owner_is_locked(
    staff_user, other_organization
):
    writes = writes_for(Meeting)
    meeting = writes.save(author=staff_user, record=Meeting(), data={"place": "Mission of Chile"})
    assert meeting.owner_id == staff_user.organization_id
    with pytest.raises(PermissionDenied):
        writes.save(author=staff_user, record=meeting, data={"owner": other_organization})
