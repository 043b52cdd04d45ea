"""Cached campaign projections: served from the cache, set aside once a change to what they are
computed from commits, refreshed by a queued, coalesced task, never inside the changing request."""

import contextlib

import pytest
from django.db import transaction
from django.utils import timezone

from campaigns.freshness import campaign_inputs_changed
from core import background
from intelligence import cache as projections
from tests import factories
from unrecord.freshness import record_changed
from unrecord.models import VoteImport

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(organization):
    campaign = factories.CampaignFactory(owner=organization, status="active")
    campaign.resolutions.add(factories.ResolutionFactory())
    return campaign


@pytest.fixture
def computations(monkeypatch):
    """Counts the projections computed (in requests, in tasks: anywhere)."""
    calls = []
    real = projections.project_vote

    def counted(**kwargs):
        calls.append(kwargs["campaign"].pk)
        return real(**kwargs)

    monkeypatch.setattr(projections, "project_vote", counted)
    return calls


class QueuedTasks:
    """Stands in for the broker: records what is queued instead of running it."""

    def __init__(self):
        self.queued = []

    def __call__(self, task_name):
        return type("Task", (), {"apply_async": lambda _, kwargs: self.queued.append((task_name, kwargs))})()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """What a commit does, inside the test's own transaction (which never commits): run the
    callbacks registered in the block, and forget them."""

    @contextlib.contextmanager
    def committed():
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        with django_capture_on_commit_callbacks(execute=True):
            yield
        del connection.run_on_commit[start:]

    return committed


@pytest.fixture
def queued(monkeypatch):
    tasks = QueuedTasks()
    monkeypatch.setattr(background, "task", tasks)
    return tasks.queued


def test_a_cached_projection_is_served_with_one_query(campaign, computations, django_assert_num_queries):
    first = projections.campaign_projection(campaign)
    with django_assert_num_queries(1):  # the latest import, part of the key
        assert projections.campaign_projection(campaign) == first
    assert computations == [campaign.pk]


def test_a_stance_saved_in_the_admin_refreshes_the_projection_after_the_request(
    campaign, staff_user, client, computations, django_capture_on_commit_callbacks
):
    before = projections.campaign_projection(campaign).call_for("BWA")
    assert before.basis != "stance"
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/admin/advocacy/stance/add/",
            {
                "resolution": campaign.resolutions.get().pk,
                "state": factories.state("BWA").pk,
                "position": "supports",
                "as_of": timezone.localdate().isoformat(),
                "evidence": "judgement",
                "confidence": "high",
            },
        )
    assert response.status_code == 302
    assert computations == [campaign.pk]  # the request itself computed nothing
    for callback in callbacks:
        callback()  # what the commit does: a new inputs version, then the refresh (in-process here)
    assert computations == [campaign.pk, campaign.pk]
    after = projections.campaign_projection(campaign).call_for("BWA")
    assert (after.basis, after.vote) == ("stance", "Y")
    assert computations == [campaign.pk, campaign.pk]  # served from what the refresh cached


def test_changes_in_one_transaction_queue_one_refresh_per_campaign(campaign, organization, queued, commit):
    other = factories.CampaignFactory(owner=organization)
    with commit(), transaction.atomic():
        campaign_inputs_changed(campaign_ids=[campaign.pk])
        campaign_inputs_changed(campaign_ids=[campaign.pk, other.pk])
        assert queued == []  # nothing before the commit
    assert sorted(kwargs["campaign_id"] for _, kwargs in queued) == sorted([campaign.pk, other.pk])


def test_a_refresh_already_queued_absorbs_later_changes_until_it_starts(campaign, queued, commit):
    for _ in range(3):
        with commit():
            campaign_inputs_changed(campaign_ids=[campaign.pk])
    assert len(queued) == 1
    background.coalesced_run_started(f"projections:{campaign.pk}")
    with commit():
        campaign_inputs_changed(campaign_ids=[campaign.pk])
    assert len(queued) == 2


def test_a_rolled_back_change_queues_nothing(campaign, queued, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        campaign_inputs_changed(campaign_ids=[campaign.pk])
        raise RuntimeError("the write failed")
    assert callbacks == [] and queued == []


def test_a_new_vote_import_sets_cached_projections_aside(campaign, computations):
    projections.campaign_projection(campaign)
    VoteImport.objects.create(source="f.csv", status=VoteImport.Status.DONE, finished_at="2030-01-01T00:00Z")
    projections.campaign_projection(campaign)
    assert computations == [campaign.pk, campaign.pk]


def test_a_change_to_the_record_sets_aside_the_figures_of_campaigns_no_refresh_recomputes(
    organization, computations, queued, commit
):
    """A pasted roll call or sponsor list queues a refresh of the active campaigns only: a campaign
    still in planning must not keep serving the figures of before (until the entry expired)."""
    planned = factories.CampaignFactory(owner=organization, status="planning")
    projections.campaign_projection(planned)
    with commit():
        record_changed()
    projections.campaign_projection(planned)
    assert computations == [planned.pk, planned.pk]
    assert queued == [("intelligence.refresh_projections", {})]


def test_a_stance_posted_to_the_api_refreshes_the_projection_after_the_request(
    campaign, staff_user, client, computations, django_capture_on_commit_callbacks
):
    projections.campaign_projection(campaign)
    client.force_login(staff_user)
    resolution = campaign.resolutions.get().pk
    body = {"resolution": resolution, "state": "BWA", "position": "supports", "evidence": "judgement"}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/api/v1/stances/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert computations == [campaign.pk]  # the request itself computed nothing
    for callback in callbacks:
        callback()
    assert projections.campaign_projection(campaign).call_for("BWA").basis == "stance"
    assert computations == [campaign.pk, campaign.pk]  # the refresh's, then served from the cache


def test_a_target_moved_to_another_campaign_over_the_api_refreshes_both(
    campaign, organization, manager_user, client, queued, commit
):
    other = factories.CampaignFactory(owner=organization)
    target = factories.TargetFactory(campaign=campaign)
    client.force_login(manager_user)
    with commit():
        response = client.patch(
            f"/api/v1/targets/{target.pk}/", {"campaign": other.pk}, content_type="application/json"
        )
    assert response.status_code == 200, response.content
    assert sorted(kwargs["campaign_id"] for _, kwargs in queued) == sorted([campaign.pk, other.pk])


def test_a_campaign_deleted_over_the_api_sets_its_figures_aside(
    campaign, manager_user, client, queued, commit
):
    client.force_login(manager_user)
    with commit():
        assert client.delete(f"/api/v1/campaigns/{campaign.pk}/").status_code == 204
    assert [kwargs["campaign_id"] for _, kwargs in queued] == [campaign.pk]
