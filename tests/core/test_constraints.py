"""Every rule the database keeps says in plain words what to fix: in forms and services (model
validation) and in the API, even when the database itself refuses a write."""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import BaseConstraint
from rest_framework.test import APIRequestFactory

from campaigns.models import Campaign
from core.api import exception_handler
from core.constraints import REFUSED, integrity_error_words
from directory.models import Organization
from tests import factories


def test_every_constraint_of_every_model_says_what_to_fix():
    unworded = [
        f"{model._meta.label}.{constraint.name}"
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if constraint.violation_error_message in (None, BaseConstraint.default_violation_error_message)
    ]
    assert unworded == [], "give these a violation_error_message saying what to fix"


@pytest.mark.django_db
def test_a_constraint_the_database_enforces_is_a_400_in_its_words_in_the_api(organization):
    factories.CampaignFactory(owner=organization, name="COI follow-up")
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Campaign.objects.create(owner=organization, name="COI follow-up", starts_on="2014-09-01")
    request = APIRequestFactory().post("/api/v1/campaigns/")
    response = exception_handler(refused.value, {"request": request})
    assert response.status_code == 400
    assert response.data["non_field_errors"] == [
        "Your organization has a campaign of this name already: rename it."
    ]


@pytest.mark.django_db
def test_a_unique_field_the_database_enforces_is_named_in_words():
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Organization.objects.create(name="Permanent Mission of Kenya to the United Nations", kind="ngo")
    assert integrity_error_words(refused.value) == "Organization with this name already exists."


def test_an_unknown_refusal_is_still_said_in_words():
    assert integrity_error_words(IntegrityError("something")) == REFUSED
