"""Vote imports from the admin: an upload becomes a job, queued once saved, run (here in-process:
no broker), shown with its status, progress, counts and rejected rows; duplicates are recognised."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError, connections, transaction

from tests.tasks.retries import recorded_retries
from tests.tasks.voting_files import write_voting_file
from unrecord import jobs, tasks
from unrecord.models import RecordedVote, VoteEvent, VoteImport

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/unrecord/voteimport/add/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def voting_file(tmp_path):
    return write_voting_file(tmp_path / "votes.csv", roll_calls=3)


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Upload through the admin's form; what is queued on commit runs (in this process: no broker)."""

    def post(client, path, name=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(ADD_URL, {"upload": SimpleUploadedFile(name or path.name, path.read_bytes())})

    return post


def test_an_uploaded_file_is_imported_and_its_page_shows_the_counts(keeper_client, voting_file, upload):
    response = upload(keeper_client, voting_file)
    job = VoteImport.objects.get()
    assert response.status_code == 302
    assert response.url == f"/admin/unrecord/voteimport/{job.pk}/change/"
    assert (job.status, job.source, job.imported_by.username) == (
        VoteImport.Status.DONE,
        "votes.csv",
        "keeper",
    )
    assert (VoteEvent.objects.count(), RecordedVote.objects.count()) == (3, 3 * 193)
    page = keeper_client.get(response.url).content.decode()
    assert "Done" in page and "579" in page and "3 created" in page
    assert "Rows rejected" in page


def test_the_job_is_queued_only_once_the_upload_is_committed(
    keeper_client, voting_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        keeper_client.post(ADD_URL, {"upload": SimpleUploadedFile("votes.csv", voting_file.read_bytes())})
    job = VoteImport.objects.get()
    assert job.status == VoteImport.Status.QUEUED and len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == VoteImport.Status.DONE


def test_the_same_file_uploaded_twice_is_recognised_and_changes_nothing(keeper_client, voting_file, upload):
    upload(keeper_client, voting_file)
    first = VoteImport.objects.get()
    votes = list(RecordedVote.objects.order_by("pk").values_list("pk", "choice", "vote_import_id"))

    response = upload(keeper_client, voting_file, name="renamed.csv")

    assert response.status_code == 200
    assert "already imported on" in response.content.decode()
    assert f"import #{first.pk}" in response.content.decode()
    assert list(VoteImport.objects.values_list("pk", flat=True)) == [first.pk]
    assert list(RecordedVote.objects.order_by("pk").values_list("pk", "choice", "vote_import_id")) == votes


def test_a_file_imported_again_after_a_corrected_one_is_not_refused(
    keeper_client, voting_file, tmp_path, upload
):
    upload(keeper_client, voting_file)
    corrected = tmp_path / "corrected.csv"
    corrected.write_text(voting_file.read_text().replace(",Y,", ",N,", 1))
    upload(keeper_client, corrected)
    assert (
        jobs.previous_import_of(jobs.file_checksum(SimpleUploadedFile("v", voting_file.read_bytes()))) is None
    )
    assert upload(keeper_client, voting_file).status_code == 302
    assert VoteImport.objects.filter(status=VoteImport.Status.DONE).count() == 3


def test_a_file_missing_columns_fails_and_says_which(keeper_client, tmp_path, upload):
    bad = tmp_path / "bad.csv"
    bad.write_text("undl_id,ms_code\n1,JPN\n")
    upload(keeper_client, bad)
    job = VoteImport.objects.get()
    assert job.status == VoteImport.Status.FAILED
    assert "missing columns ms_name, ms_vote" in job.error
    assert (
        "missing columns ms_name"
        in keeper_client.get(f"/admin/unrecord/voteimport/{job.pk}/change/").content.decode()
    )
    assert not VoteEvent.objects.exists()


def test_rejected_rows_are_listed_on_the_job_page(keeper_client, voting_file, tmp_path, upload):
    with_bad_row = tmp_path / "with-bad-row.csv"
    lines = voting_file.read_text().splitlines()
    lines[1] = (
        lines[1].replace(",Y,", ",Q,").replace(",N,", ",Q,").replace(",A,", ",Q,").replace(",X,", ",Q,")
    )
    with_bad_row.write_text("\n".join(lines) + "\n")
    upload(keeper_client, with_bad_row)
    job = VoteImport.objects.get()
    assert job.summary["rows_rejected"] == 1
    page = keeper_client.get(f"/admin/unrecord/voteimport/{job.pk}/change/").content.decode()
    assert "<td>2</td>" in page and "Q" in page


def test_analysts_may_watch_imports_but_not_upload_them(client, analyst_user):
    client.force_login(analyst_user)
    assert client.get("/admin/unrecord/voteimport/").status_code == 200
    assert client.get(ADD_URL).status_code == 403


def test_the_progress_figure_is_served_as_json(keeper_client, voting_file, upload):
    upload(keeper_client, voting_file)
    job = VoteImport.objects.get()
    figure = keeper_client.get(f"/admin/unrecord/voteimport/{job.pk}/progress/").json()
    assert figure == {
        "status": "done",
        "progress": 100,
        "phase": job.phase,
        "label": "Done",
        "finished": True,
    }
    assert keeper_client.get("/admin/unrecord/voteimport/999999/progress/").status_code == 404


def test_a_running_job_page_carries_the_polling_figure(keeper_client, record_keeper):
    job = VoteImport.objects.create(
        source="f.csv", status=VoteImport.Status.RUNNING, progress=23, phase="reading"
    )
    page = keeper_client.get(f"/admin/unrecord/voteimport/{job.pk}/change/").content.decode()
    assert f'data-progress-url="/admin/unrecord/voteimport/{job.pk}/progress/"' in page
    assert "23 % · reading the file" in page and "plenary/import-progress.js" in page


def test_running_a_finished_job_again_does_nothing(keeper_client, voting_file, upload):
    upload(keeper_client, voting_file)
    job = VoteImport.objects.get()
    summary = job.summary
    assert tasks.run_vote_import.delay(job.pk).get() == "nothing to do"
    job.refresh_from_db()
    assert job.summary == summary and job.attempts == 1


def test_a_job_left_running_by_a_dead_worker_is_run_to_the_end(voting_file, record_keeper):
    job = _queued_job(voting_file, record_keeper)
    VoteImport.objects.filter(pk=job.pk).update(status=VoteImport.Status.RUNNING, attempts=1)
    assert tasks.run_vote_import.delay(job.pk).get() == "done"
    job.refresh_from_db()
    assert (job.status, job.attempts, VoteEvent.objects.count()) == (VoteImport.Status.DONE, 2, 3)


def test_a_job_whose_runs_keep_dying_is_given_up(voting_file, record_keeper):
    job = _queued_job(voting_file, record_keeper)
    VoteImport.objects.filter(pk=job.pk).update(status=VoteImport.Status.RUNNING, attempts=jobs.MAX_ATTEMPTS)
    assert tasks.run_vote_import.delay(job.pk).get() == "failed"
    job.refresh_from_db()
    assert (
        job.status == VoteImport.Status.FAILED and f"Gave up after {jobs.MAX_ATTEMPTS} attempts" in job.error
    )


def test_the_import_task_leaves_retries_to_celery_on_transient_errors_only():
    task = tasks.run_vote_import
    assert task.autoretry_for == jobs.TRANSIENT_ERRORS == (OperationalError, InterfaceError)
    assert (task.retry_backoff, task.retry_backoff_max, task.retry_jitter) == (5, 300, True)
    assert task.max_retries == tasks.MAX_RETRIES < jobs.MAX_ATTEMPTS


def test_a_transient_database_error_is_retried_and_the_job_says_so_meanwhile(
    voting_file, record_keeper, monkeypatch
):
    job = _queued_job(voting_file, record_keeper)
    real_import = jobs.import_file
    calls = []

    def flaky_import(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_import(*args, **kwargs)

    monkeypatch.setattr(jobs, "import_file", flaky_import)
    with recorded_retries(
        look=lambda: VoteImport.objects.values_list("status", "error").get(pk=job.pk)
    ) as retried:
        tasks.run_vote_import.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, len(calls)) == (VoteImport.Status.DONE, 2, 2)
    [retry] = retried
    assert isinstance(retry.error, OperationalError) and 0 <= retry.countdown <= 5
    assert retry.seen == (
        VoteImport.Status.QUEUED,
        "Attempt failed (OperationalError: server closed the connection unexpectedly); "
        f"trying again shortly (retry 1 of {tasks.MAX_RETRIES}).",
    )


def test_a_job_that_keeps_meeting_transient_errors_backs_off_then_fails_saying_so(
    voting_file, record_keeper, monkeypatch
):
    job = _queued_job(voting_file, record_keeper)

    def broken_import(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(jobs, "import_file", broken_import)
    with recorded_retries() as retried:
        tasks.run_vote_import.delay(job.pk)
    job.refresh_from_db()
    assert job.status == VoteImport.Status.FAILED
    assert job.error == f"Gave up after {tasks.MAX_RETRIES + 1} attempts: could not connect to server"
    # Celery's exponential backoff, with full jitter: from 0 up to 5 s doubling, at most 300 s.
    assert [retry.retries for retry in retried] == list(range(tasks.MAX_RETRIES))
    ceilings = [5, 10, 20, 40, 80, 160, 300, 300]
    assert all(0 <= retry.countdown <= ceiling for retry, ceiling in zip(retried, ceilings, strict=True))


def test_an_unexpected_error_fails_the_job_with_its_reason(voting_file, record_keeper, monkeypatch):
    job = _queued_job(voting_file, record_keeper)
    monkeypatch.setattr(jobs, "import_file", lambda *a, **k: 1 / 0)
    assert tasks.run_vote_import.delay(job.pk).get() == "failed"
    job.refresh_from_db()
    assert job.status == VoteImport.Status.FAILED
    assert job.error == "The import failed (ZeroDivisionError: division by zero). Nothing was imported."


def _queued_job(path, user) -> VoteImport:
    """A job as the upload leaves it, without queueing its run."""
    return VoteImport.objects.create(
        upload=SimpleUploadedFile(path.name, path.read_bytes()),
        source=path.name,
        imported_by=user,
        status=VoteImport.Status.QUEUED,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_is_written_from_a_connection_of_its_own_and_never_waits_for_a_lock(record_keeper):
    job = VoteImport.objects.create(source="f.csv", status=VoteImport.Status.RUNNING)
    writer = jobs.ProgressWriter(job.pk, size=1000)
    writer("reading", 500, None)
    job.refresh_from_db()
    assert (job.progress, job.phase) == (20, "reading")

    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        with transaction.atomic():
            VoteImport.objects.select_for_update().get(pk=job.pk)
            locked.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    locked.wait(10)
    writer("checking", 0, None)  # gives up after its lock timeout instead of waiting
    release.set()
    holder.join()
    writer.close()
    job.refresh_from_db()
    assert (job.progress, job.phase) == (20, "reading")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_another_worker_runs_is_left_to_it(voting_file, record_keeper, settings, tmp_path):
    job = _queued_job(voting_file, record_keeper)
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [jobs._JOB_LOCK, job.pk])
    try:
        with pytest.raises(jobs.JobBusy):
            jobs.run_import(job.pk)
    finally:
        other.close()
    job.refresh_from_db()
    assert job.status == VoteImport.Status.QUEUED and job.attempts == 0
