"""An import job's page in a real browser: its progress figure moves as the job does, and the page
shows the counts by itself once the job is done."""

import pytest
from django.utils import timezone

from tests import factories
from unrecord.models import VoteImport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_progress_figure_follows_the_job_to_the_end(page, screenshot):
    factories.UserFactory(username="importer", role="staff")
    job = VoteImport.objects.create(source="votes.csv", status=VoteImport.Status.RUNNING, phase="reading")
    page.goto("/admin/login/")
    page.fill("input[name=username]", "importer")
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/unrecord/voteimport/{job.pk}/change/")
    page.wait_for_selector("text=0 % · reading the file")
    VoteImport.objects.filter(pk=job.pk).update(progress=55, phase="merging")  # what a worker writes
    page.wait_for_selector("text=55 % · writing the record", timeout=10_000)
    assert page.eval_on_selector("progress", "bar => bar.value") == 55
    screenshot("import-progress")

    VoteImport.objects.filter(pk=job.pk).update(
        status=VoteImport.Status.DONE,
        finished_at=timezone.now(),
        summary={"rows_read": 579, "rows_rejected": 0, "votes": {"created": 579}, "changed_anything": True},
    )
    page.wait_for_selector("text=Rows read", timeout=10_000)  # reloaded by itself
    assert page.locator("progress").count() == 0
    assert page.watch.console_errors == [] and page.watch.outside_requests == []
