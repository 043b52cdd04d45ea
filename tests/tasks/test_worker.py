"""Background work through real Celery workers on the real Redis: an import job completes; a
worker killed in the middle of an import leaves, once its task is delivered again, exactly the
database a clean run leaves; scheduled emails run twice at once still arrive once."""

import datetime
import re
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from advocacy.models import FollowUp, ReminderSent
from advocacy.tasks import send_follow_up_reminders
from directory.models import User
from intelligence.models import DigestSent
from intelligence.tasks import send_campaign_digests
from tests import factories
from tests.tasks.conftest import wait_for
from tests.tasks.voting_files import write_voting_file
from unrecord import jobs
from unrecord.models import RecordedVote, VoteEvent, VoteImport

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLL_CALLS_TO_KILL = 2500  # 482,500 rows: a few seconds of import, long enough to kill it midway
# What an import leaves, by natural keys (ids and import ids differ from run to run).
SNAPSHOT = {
    "sessions": "SELECT b.code, to_jsonb(s) - 'id' - 'body_id' AS row FROM unrecord_session s "
    "JOIN unrecord_body b ON b.id = s.body_id",
    "series": "SELECT to_jsonb(s) - 'id' AS row FROM unrecord_resolutionseries s",
    "resolutions": "SELECT to_jsonb(r) - 'id' - 'session_id' - 'body_id' - 'series_id' AS row, s.number, "
    "ser.title_key FROM unrecord_resolution r LEFT JOIN unrecord_session s ON s.id = r.session_id "
    "LEFT JOIN unrecord_resolutionseries ser ON ser.id = r.series_id",
    "vote events": "SELECT to_jsonb(v) - 'id' - 'resolution_id' - 'session_id' - 'amendment_id' - 'body_id' "
    "- 'vote_import_id' AS row, r.draft_symbol, r.adopted_symbol, s.number, b.code "
    "FROM unrecord_voteevent v LEFT JOIN unrecord_resolution r ON r.id = v.resolution_id "
    "LEFT JOIN unrecord_session s ON s.id = v.session_id JOIN unrecord_body b ON b.id = v.body_id",
    "recorded votes": "SELECT v.source_id, m.iso3, to_jsonb(rv) - 'id' - 'vote_event_id' - 'state_id' "
    "- 'vote_import_id' AS row FROM unrecord_recordedvote rv "
    "JOIN unrecord_voteevent v ON v.id = rv.vote_event_id JOIN unrecord_memberstate m ON m.id = rv.state_id",
}


def queue_import(path, user) -> VoteImport:
    """What the admin's upload does: in autocommit, the job is queued to Redis at once."""
    return jobs.queue_import(job=VoteImport(upload=ContentFile(path.read_bytes(), name=path.name)), user=user)


def finished(job_id: int) -> VoteImport | None:
    job = VoteImport.objects.get(pk=job_id)
    return job if job.is_finished else None


def test_an_import_job_completes_through_the_worker(celery_workers, tmp_path, record_keeper):
    path = write_voting_file(tmp_path / "votes.csv", roll_calls=20)
    celery_workers.start()
    job = queue_import(path, record_keeper)
    job = wait_for(lambda: finished(job.pk), timeout=180, what="the import job to finish")
    assert job.status == VoteImport.Status.DONE, job.error
    assert job.task_id and job.attempts == 1
    assert (VoteEvent.objects.count(), RecordedVote.objects.count()) == (20, 20 * 193)
    assert job.summary["votes"]["created"] == 20 * 193


def test_a_worker_killed_mid_import_leaves_after_redelivery_what_a_clean_run_leaves(
    celery_workers, tmp_path, record_keeper
):
    path = write_voting_file(tmp_path / "votes.csv", roll_calls=ROLL_CALLS_TO_KILL)
    first_ids = _max_ids()
    started = time.monotonic()
    first_worker = celery_workers.start()
    job = queue_import(path, record_keeper)

    # Kill it while it writes the record: its transaction open, with roll calls and votes in it.
    under_way = wait_for(
        lambda: _writing(job.pk), timeout=180, interval=0.02, what="the import to write the record"
    )
    celery_workers.kill(first_worker)
    killed = VoteImport.objects.get(pk=job.pk)
    assert killed.status == VoteImport.Status.RUNNING and killed.attempts == 1 and killed.task_id
    assert not VoteEvent.objects.exists() and not RecordedVote.objects.exists()  # nothing half-written

    celery_workers.start()
    job = wait_for(lambda: finished(job.pk), timeout=300, interval=0.2, what="the redelivered import")
    assert job.status == VoteImport.Status.DONE, job.error
    assert job.attempts == 2  # the killed run, and the one after redelivery
    assert job.task_id == killed.task_id  # the same message, delivered again
    after_redelivery = _snapshot()
    assert after_redelivery["recorded votes"][0] == ROLL_CALLS_TO_KILL * 193
    redelivered_in = time.monotonic() - started

    # A clean run of the same file, on the database as it was before the first.
    _remove_imported(first_ids)
    clean = VoteImport.objects.create(
        upload=job.upload.name, source=path.name, imported_by=record_keeper, status=VoteImport.Status.QUEUED
    )
    assert jobs.run_import(clean.pk) == "done"
    assert _snapshot() == after_redelivery
    print(
        f"killed at {under_way.progress} % ({under_way.phase}); done after redelivery in "
        f"{redelivered_in:.1f} s; {after_redelivery['recorded votes'][0]:,} votes identical to a clean run"
    )


def test_scheduled_emails_run_twice_at_once_arrive_once(celery_workers, tmp_path, organization):
    today = timezone.localdate()
    alice, bob = (
        factories.UserFactory(
            username=name, organization=organization, email=f"{name}@ngo.example", role=role
        )
        for name, role in (("alice", User.Role.STAFF), ("bob", User.Role.MANAGER))
    )
    for owner, due in ((alice, today), (alice, today - datetime.timedelta(days=3)), (bob, today)):
        factories.FollowUpFactory(assignee=owner, owner=organization, due_on=due)
    factories.CampaignFactory(owner=organization, status="active")
    for _ in range(2):
        celery_workers.start()
    for _ in range(2):
        send_follow_up_reminders.delay()
        send_campaign_digests.delay()

    wait_for(
        lambda: _succeeded(celery_workers) >= 4,
        timeout=180,
        interval=0.2,
        what="the four tasks to succeed in the workers",
    )
    messages = _sent_mail(tmp_path / "mail")
    reminders = sorted(to for subject, to in messages if "overdue" in subject or "due today" in subject)
    digests = sorted(to for subject, to in messages if subject.startswith("Plenary weekly"))
    assert reminders == ["alice@ngo.example", "bob@ngo.example"]
    assert digests == ["bob@ngo.example"]  # the one manager
    assert ReminderSent.objects.count() == 2 and DigestSent.objects.count() == 1
    assert FollowUp.objects.count() == 3


def _writing(job_id: int) -> VoteImport | None:
    job = VoteImport.objects.get(pk=job_id)
    return job if job.status == VoteImport.Status.RUNNING and job.phase == "merging" else None


def _succeeded(workers) -> int:
    return sum(len(re.findall(r"Task \S+\[[0-9a-f-]+\] succeeded", log)) for log in workers.log_texts())


def _sent_mail(mail_dir) -> list[tuple[str, str]]:
    text = "\n".join(path.read_text() for path in sorted(mail_dir.iterdir()))
    subjects = re.findall(r"^Subject: (.*)$", text, flags=re.MULTILINE)
    recipients = re.findall(r"^To: (.*)$", text, flags=re.MULTILINE)
    return list(zip(subjects, recipients, strict=True))


def _max_ids() -> dict[str, int]:
    with connection.cursor() as cursor:
        ids = {}
        for table in ("unrecord_session", "unrecord_resolution", "unrecord_resolutionseries"):
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            ids[table] = cursor.fetchone()[0]
        return ids


def _remove_imported(first_ids: dict[str, int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM unrecord_recordedvote")
        cursor.execute("DELETE FROM unrecord_voteevent")
        for table in ("unrecord_resolution", "unrecord_session", "unrecord_resolutionseries"):
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [first_ids[table]])
    assert not VoteEvent.objects.exists()


def _snapshot() -> dict[str, tuple[int, str]]:
    """Per table, its row count and a digest of its rows by natural keys."""
    digests = {}
    with connection.cursor() as cursor:
        for name, query in SNAPSHOT.items():
            rows = "md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
            cursor.execute(f"SELECT count(*), {rows} FROM ({query}) t")
            digests[name] = cursor.fetchone()
    return digests


SHARED_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "unga-votes-1946-2019.csv.gz"


@pytest.mark.shared_data
def test_a_record_keeper_imports_the_shared_file_through_a_worker_and_watches_it_to_the_end(
    celery_workers, record_keeper, client
):
    if not SHARED_FILE.is_file():
        pytest.skip(f"the UN voting file is not at {SHARED_FILE}")
    celery_workers.start()
    client.force_login(record_keeper)
    response = client.post(
        "/admin/unrecord/voteimport/add/",
        {"upload": SimpleUploadedFile(SHARED_FILE.name, SHARED_FILE.read_bytes())},
    )
    assert response.status_code == 302  # to the job's page
    assert 'data-progress-url="' in client.get(response.url).content.decode()
    progress_url = response.url.replace("/change/", "/progress/")
    seen = []

    def watched_to_the_end():
        figure = client.get(progress_url).json()
        if not seen or seen[-1] != (figure["progress"], figure["label"]):
            seen.append((figure["progress"], figure["label"]))
        return figure["finished"]

    wait_for(watched_to_the_end, timeout=600, interval=0.2, what="the shared file's import")
    percents = [percent for percent, _ in seen]
    assert seen[-1] == (100, "Done"), seen
    assert percents == sorted(percents) and len(seen) >= 4, seen  # it moved, and only forward
    job = VoteImport.objects.get()
    assert job.summary["rows_read"] == 950_574 and job.summary["votes"]["created"] > 900_000
    assert job.summary["reconciliation"]["matching"] == job.summary["reconciliation"]["roll_calls"] == 6203
    print("progress seen:", " → ".join(label for _, label in seen))
