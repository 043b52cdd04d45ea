"""Vote files are read within limits: what a file decompresses to and how long a line may be.
A gzip bomb is refused naming the limit, in bounded memory, with nothing written, from the
importer, the command line and the admin's upload alike."""

import csv
import io
import os
import subprocess
import sys
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from unrecord.importer import COLUMNS, ImportRefused, import_file
from unrecord.importer.source import open_voting_file
from unrecord.importer.staging import STAGING_TABLE
from unrecord.models import RecordedVote, VoteEvent, VoteImport

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
DATA_FILE = REPO.parent / "shared" / "data" / "unga-votes-1946-2019.csv.gz"
MB = 1024 * 1024
HEADER = (",".join(COLUMNS) + "\n").encode()
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, no time, OS unknown


def gzip_bomb(path: Path, *, head: bytes, body: bytes, size: int) -> Path:
    """A real gzip file (its CRC and length right) of `head`, then `body` over and over up to
    `size` bytes, made in moments as an attacker makes one: `body` is compressed once, and its
    block repeated. A full flush makes the compressor forget what came before, so every copy of
    the block is the same bytes and decompresses to `body` wherever it stands."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(body) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush(zlib.Z_FINISH)
    copies = (size - len(head)) // len(body)
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(body, crc)
    with open(path, "wb") as out:
        out.write(GZIP_HEADER + start)
        for _ in range(copies):
            out.write(block)
        out.write(end + ((crc & 0xFFFFFFFF).to_bytes(4, "little")))
        out.write(((len(head) + copies * len(body)) & 0xFFFFFFFF).to_bytes(4, "little"))
    return path


def rows(
    count: int,
    *,
    title: str = "Situation of human rights in Myanmar",
    codes: tuple[str, ...] = ("JPN", "IND", "MNG", "CUB", "BWA", "CHL"),
) -> bytes:
    """`count` rows of one roll call, as the UN Digital Library writes them, the states in turn."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    for number in range(count):
        code = codes[number % len(codes)]
        writer.writerow(
            {
                "undl_id": "7",
                "ms_code": code,
                "ms_name": code,
                "ms_vote": "Y",
                "date": "2019-12-27",
                "session": "74",
                "resolution": "A/RES/74/246",
                "title": title,
            }
        )
    return buffer.getvalue().encode()


def row_bomb(path: Path, *, size: int) -> Path:
    """Valid-looking rows, `size` bytes of them, in a gzip file a few hundred times smaller."""
    row = rows(1)
    return gzip_bomb(path, head=HEADER, body=row * (MB // len(row)), size=size)


def nothing_written() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [STAGING_TABLE])
        staging_table = cursor.fetchone()[0]
    return staging_table is None and not (
        VoteImport.objects.exists() or VoteEvent.objects.exists() or RecordedVote.objects.exists()
    )


@contextmanager
def peak_memory_growth():
    """The most this process's resident memory grew above where it stood, sampled every few ms."""
    process = psutil.Process()
    baseline = process.memory_info().rss
    peak = {"rss": baseline, "growth": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak["rss"] = max(peak["rss"], process.memory_info().rss)
            done.wait(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()
        peak["growth"] = max(peak["rss"], process.memory_info().rss) - baseline


def test_a_gzip_bomb_is_refused_at_the_size_limit_naming_it_and_nothing_is_written(settings, tmp_path):
    settings.PLENARY_MAX_VOTE_FILE_MB = 4
    bomb = row_bomb(tmp_path / "votes.csv.gz", size=100 * MB)
    assert bomb.stat().st_size < MB // 2  # a two-hundredth of what it decompresses to
    with pytest.raises(ImportRefused) as refusal:
        import_file(str(bomb))
    assert str(refusal.value) == (
        "votes.csv.gz: the file decompresses to more than 4 MB, the limit (PLENARY_MAX_VOTE_FILE_MB). "
        "Nothing was imported."
    )
    assert nothing_written()


def test_a_plain_file_larger_than_the_limit_is_refused_the_same_way(settings, tmp_path):
    settings.PLENARY_MAX_VOTE_FILE_MB = 1
    plain = tmp_path / "votes.csv"
    row = rows(1)
    plain.write_bytes(HEADER + row * (2 * MB // len(row)))
    with pytest.raises(
        ImportRefused, match=r"votes.csv: the file is more than 1 MB, the limit \(PLENARY_MAX"
    ):
        import_file(str(plain))
    assert nothing_written()


def test_a_file_within_the_limit_imports(settings, tmp_path):
    settings.PLENARY_MAX_VOTE_FILE_MB = 1
    path = tmp_path / "votes.csv"
    path.write_bytes(HEADER + rows(6))
    assert import_file(str(path)).votes.created == 6


def test_a_line_longer_than_the_limit_is_refused_with_its_line_number(tmp_path):
    path = tmp_path / "votes.csv"
    path.write_bytes(HEADER + rows(3) + rows(1, title="x" * 65 * 1024) + rows(2))
    with pytest.raises(ImportRefused) as refusal:
        import_file(str(path))
    assert str(refusal.value) == (
        "votes.csv, line 5: the line is longer than 64 KB, the limit (PLENARY_MAX_VOTE_LINE_KB). "
        "Nothing was imported."
    )
    assert nothing_written()


@pytest.mark.parametrize(("length", "refused"), [(1024, False), (1025, True)])
def test_the_line_limit_counts_the_bytes_of_a_line_without_its_newline(settings, tmp_path, length, refused):
    settings.PLENARY_MAX_VOTE_LINE_KB = 1
    row = rows(1, title="x" * (length - len(rows(1, title="")) + 1))
    assert len(row) == length + 1
    path = tmp_path / "votes.csv"
    path.write_bytes(HEADER + row)
    if refused:
        with pytest.raises(ImportRefused, match="votes.csv, line 2: the line is longer than 1 KB"):
            import_file(str(path))
    else:
        assert import_file(str(path)).votes.created == 1


def test_a_newline_free_gzip_bomb_is_refused_in_bounded_memory_at_the_default_limits(tmp_path):
    """The file of the audit: 1.5 MB that decompresses to 1.5 GB of one line."""
    bomb = gzip_bomb(tmp_path / "votes.csv.gz", head=b"", body=b"0" * MB, size=1536 * MB)
    assert bomb.stat().st_size < 2 * MB
    with peak_memory_growth() as memory, pytest.raises(ImportRefused) as refusal:
        import_file(str(bomb))
    assert str(refusal.value) == (
        "votes.csv.gz, line 1: the line is longer than 64 KB, the limit (PLENARY_MAX_VOTE_LINE_KB). "
        "Nothing was imported."
    )
    assert memory["growth"] < 200 * MB, f"memory grew by {memory['growth'] // MB} MB"
    assert nothing_written()


def test_a_bomb_in_the_rows_is_refused_in_bounded_memory_with_its_line(tmp_path):
    bomb = gzip_bomb(tmp_path / "votes.csv.gz", head=HEADER + rows(2), body=b"0" * MB, size=512 * MB)
    with (
        peak_memory_growth() as memory,
        pytest.raises(ImportRefused, match=r"votes.csv.gz, line 4: the line"),
    ):
        import_file(str(bomb))
    assert memory["growth"] < 200 * MB, f"memory grew by {memory['growth'] // MB} MB"
    assert nothing_written()


def test_a_gzip_file_truncated_midway_is_refused_saying_so(tmp_path):
    whole = row_bomb(tmp_path / "whole.csv.gz", size=8 * MB)
    truncated = tmp_path / "votes.csv.gz"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size * 3 // 4])  # past the header
    with pytest.raises(ImportRefused, match=r"votes.csv.gz: the file cannot be read to its end \(Compressed"):
        import_file(str(truncated))
    assert nothing_written()


def test_a_vote_repeated_many_times_is_reported_naming_its_first_lines_not_every_one(tmp_path):
    """Every repeated row carries the reason: naming every line made the work quadratic, and a
    100 MB file of one vote repeated used up the database server's memory."""
    path = tmp_path / "votes.csv"
    path.write_bytes(HEADER + rows(600, codes=("JPN",)) + rows(1, codes=("IND",)))
    report = import_file(str(path))
    assert report.rows_rejected == 600 and report.votes.created == 1
    assert report.rejected[0] == (
        2,
        "state JPN votes more than once in roll call 7 (lines 2, 3, 4, 5, 6 and 595 more)",
    )


def test_the_command_turns_a_bomb_into_a_command_error(settings, tmp_path):
    settings.PLENARY_MAX_VOTE_FILE_MB = 2
    bomb = row_bomb(tmp_path / "votes.csv.gz", size=20 * MB)
    with pytest.raises(
        CommandError, match=r"decompresses to more than 2 MB, the limit \(PLENARY_MAX_VOTE_FILE_MB\)"
    ):
        call_command("import_un_votes", str(bomb))
    assert nothing_written()


def test_the_command_line_refuses_a_bomb_with_a_message_not_a_traceback(tmp_path):
    """The refusal comes before the database is asked anything: the real command, run as one."""
    bomb = gzip_bomb(tmp_path / "votes.csv.gz", head=b"", body=b"0" * MB, size=64 * MB)
    finished = subprocess.run(
        [sys.executable, "manage.py", "import_un_votes", str(bomb)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 1
    assert "Traceback" not in finished.stderr
    assert finished.stderr.strip().splitlines()[-1] == (
        "CommandError: votes.csv.gz, line 1: the line is longer than 64 KB, the limit "
        "(PLENARY_MAX_VOTE_LINE_KB). Nothing was imported."
    )


def test_a_bomb_uploaded_in_the_admin_fails_its_job_with_the_limit_on_its_page(
    keeper_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PLENARY_MAX_VOTE_FILE_MB = 2
    bomb = row_bomb(tmp_path / "votes.csv.gz", size=20 * MB)
    with django_capture_on_commit_callbacks(execute=True):  # the job runs in-process: no broker
        response = keeper_client.post(
            "/admin/unrecord/voteimport/add/", {"upload": SimpleUploadedFile(bomb.name, bomb.read_bytes())}
        )
    assert response.status_code == 302
    job = VoteImport.objects.get()
    message = (
        "votes.csv.gz: the file decompresses to more than 2 MB, the limit (PLENARY_MAX_VOTE_FILE_MB). "
        "Nothing was imported."
    )
    assert (job.status, job.error) == (VoteImport.Status.FAILED, message)
    assert message in keeper_client.get(response.url).content.decode()
    assert not (VoteEvent.objects.exists() or RecordedVote.objects.exists())


@pytest.mark.shared_data
@pytest.mark.skipif(not DATA_FILE.exists(), reason=f"the UN voting file is not at {DATA_FILE}")
def test_the_real_voting_file_is_well_within_the_default_limits():
    voting_file = open_voting_file(str(DATA_FILE))
    while voting_file.rows.read(MB):
        pass
    assert voting_file.refusal is None
    assert voting_file.bounded.bytes_read < 2048 * MB / 4
