"""Importing the UN voting file: idempotent, exact, and honest about bad input."""

import csv
import datetime
import gzip
import io
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from unrecord.importer import COLUMNS, ImportRefused, import_file, merge
from unrecord.models import MemberState, RecordedVote, Resolution, VoteEvent, VoteImport
from unrecord.tables import SCRATCH_TABLES, STAGING_TABLE

pytestmark = pytest.mark.django_db

DPRK_TITLE = "Situation of human rights in the Democratic People's Republic of Korea"


def roll_call(
    undl_id,
    votes,
    *,
    date="2014-12-18",
    session="69",
    resolution="A/RES/69/188",
    title=DPRK_TITLE,
    note="",
    totals=None,
):
    """Rows of one roll call; `votes` maps state codes to letters. Totals default to the tally."""
    tally = {letter: list(votes.values()).count(letter) for letter in "YNAX"}
    yes, no, abstain, non_voting = totals or (tally["Y"], tally["N"], tally["A"], tally["X"])
    return [
        {
            "undl_id": undl_id,
            "ms_code": code,
            "ms_name": code,
            "ms_vote": vote,
            "date": date,
            "session": session,
            "resolution": resolution,
            "title": title,
            "vote_note": note,
            "total_yes": yes,
            "total_no": no,
            "total_abstentions": abstain,
            "total_non_voting": non_voting,
            "total_ms": len(votes),
        }
        for code, vote in votes.items()
    ]


def write_csv(path, rows, *, columns=COLUMNS, compress=False):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    path.write_bytes(gzip.compress(data) if compress else data)
    return str(path)


@pytest.fixture
def base_rows():
    return roll_call("1", {"JPN": "Y", "PRK": "N", "IND": "A", "MNG": "X"}) + roll_call(
        "2", {"JPN": "N", "CUB": "Y", "IND": "A"}, note="amendment", totals=(1, 1, 1, 0)
    )


def test_a_file_creates_its_roll_calls_votes_and_resolution(tmp_path, base_rows):
    report = import_file(write_csv(tmp_path / "votes.csv", base_rows))
    assert (report.roll_calls.created, report.votes.created, report.resolutions.created) == (2, 7, 1)
    plenary = VoteEvent.objects.get(source_id="1")
    assert (plenary.yes_count, plenary.no_count, plenary.abstain_count, plenary.non_voting_count) == (
        1,
        1,
        1,
        1,
    )
    assert plenary.recorded_tally() == {"Y": 1, "N": 1, "A": 1, "X": 1}
    assert plenary.resolution.adopted_symbol == "A/RES/69/188"
    assert plenary.session.number == 69 and plenary.body.code == "GA"
    assert VoteEvent.objects.get(source_id="2").kind == VoteEvent.Kind.AMENDMENT
    assert report.reconciliation["matching"] == 2 and not report.reconciliation["mismatches"]


def test_a_motion_on_a_resolution_is_not_taken_for_the_vote_on_it(tmp_path):
    motion_title = (
        "The President: I shall now put to the vote the motion submitted by the representative of "
        "the Islamic Republic of Iran that no action be taken on draft resolution IV."
    )
    rows = roll_call("5802", {"JPN": "N", "IRN": "Y"}, title=motion_title) + roll_call(
        "4723", {"JPN": "Y", "IRN": "N"}
    )
    import_file(write_csv(tmp_path / "votes.csv", rows))
    kinds = dict(VoteEvent.objects.values_list("source_id", "kind"))
    assert kinds == {"5802": VoteEvent.Kind.MOTION, "4723": VoteEvent.Kind.WHOLE_DRAFT}


SYRIA_TITLE = "Situation of human rights in the Syrian Arab Republic"
SYRIA_2017_HEADING = (
    "A/72/251 72c - Human rights situations and reports of special rapporteurs and representatives. "
    "- HUMAN RIGHTS--REPORTS"
)


def test_a_resolution_catalogued_under_its_agenda_heading_takes_its_own_title(tmp_path):
    """Sessions 71-73 of the file give the report's agenda heading as the title and the
    resolution's title as the agenda title: read as they stand, Iran's, Syria's and Myanmar's
    resolutions of 2016-2018 shared one heading and fell out of their series."""
    syria_2016 = roll_call(
        "5487", {"JPN": "Y", "SYR": "N"}, session="71", resolution="A/RES/71/203", title=SYRIA_TITLE
    )
    syria_2017 = roll_call(
        "5556", {"JPN": "Y", "SYR": "N"}, session="72", resolution="A/RES/72/191", title=SYRIA_2017_HEADING
    )
    for row in syria_2017:
        row["agenda_title"] = SYRIA_TITLE + " : resolution / adopted by the General Assembly"
    import_file(write_csv(tmp_path / "votes.csv", syria_2016 + syria_2017))

    resolution = Resolution.objects.get(adopted_symbol="A/RES/72/191")
    assert resolution.title.startswith(SYRIA_TITLE)
    assert resolution.agenda_item == SYRIA_2017_HEADING
    assert resolution.series is not None
    assert resolution.series == Resolution.objects.get(adopted_symbol="A/RES/71/203").series
    assert VoteEvent.objects.get(source_id="5556").description.startswith(SYRIA_TITLE)


def test_a_title_that_only_mentions_a_report_symbol_is_left_as_it_is(tmp_path):
    title = "A/72/251 report of the Third Committee"  # no agenda item and dash: not a heading
    rows = roll_call("9", {"JPN": "Y"}, session="72", resolution="A/RES/72/1", title=title)
    for row in rows:
        row["agenda_title"] = "Something else"
    import_file(write_csv(tmp_path / "votes.csv", rows))

    assert Resolution.objects.get(adopted_symbol="A/RES/72/1").title == title


def test_a_second_import_of_the_same_file_changes_nothing_and_says_so(tmp_path, base_rows):
    path = write_csv(tmp_path / "votes.csv", base_rows)
    import_file(path)
    again = import_file(path)
    assert not again.changed_anything
    assert (again.roll_calls.unchanged, again.votes.unchanged) == (2, 7)
    assert "Nothing changed" in "\n".join(again.lines())
    assert RecordedVote.objects.count() == 7


def test_a_corrected_file_updates_exactly_the_corrected_rows(tmp_path, base_rows):
    import_file(write_csv(tmp_path / "votes.csv", base_rows))
    first_import = VoteImport.objects.get()
    corrected = [dict(row) for row in base_rows]
    corrected[0]["ms_vote"] = "A"  # Japan abstained after all
    corrected[0]["total_yes"], corrected[0]["total_abstentions"] = 0, 2
    for row in corrected[1:4]:
        row["total_yes"], row["total_abstentions"] = 0, 2
    del corrected[5]  # Cuba's row in roll call 2 was a mistake
    report = import_file(write_csv(tmp_path / "corrected.csv", corrected))
    assert (report.roll_calls.updated, report.roll_calls.unchanged) == (2, 0)
    assert (report.votes.updated, report.votes.created, report.votes.deleted) == (1, 0, 1)
    japan = RecordedVote.objects.get(vote_event__source_id="1", state__iso3="JPN")
    assert japan.choice == "A" and japan.vote_import_id != first_import.pk
    untouched = RecordedVote.objects.get(vote_event__source_id="1", state__iso3="PRK")
    assert untouched.vote_import_id == first_import.pk


def test_gzip_and_standard_input_are_read(tmp_path, base_rows, monkeypatch):
    assert import_file(write_csv(tmp_path / "votes.csv.gz", base_rows, compress=True)).votes.created == 7
    VoteEvent.objects.all().delete()
    plain = tmp_path / "votes.csv"
    write_csv(plain, base_rows)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(plain.read_bytes())))
    assert import_file("-").votes.created == 7


def test_historic_codes_resolve_to_the_state_on_the_day(tmp_path):
    rows = roll_call("10", {"RUS": "N", "YUG": "Y"}, date="1980-11-20", session="35", resolution="A/RES/35/1")
    rows += roll_call(
        "11", {"RUS": "N", "YUG": "Y"}, date="2005-12-16", session="60", resolution="A/RES/60/1"
    )
    import_file(write_csv(tmp_path / "votes.csv", rows))
    by_roll_call = dict(
        RecordedVote.objects.values_list("vote_event__source_id", "state__iso3").filter(choice="N")
    )
    assert by_roll_call == {"10": "SUN", "11": "RUS"}
    yes = dict(RecordedVote.objects.values_list("vote_event__source_id", "state__iso3").filter(choice="Y"))
    assert yes == {"10": "YUG", "11": "SRB"}


def test_a_file_not_in_the_layout_is_refused_naming_the_missing_columns(tmp_path, base_rows):
    columns = [c for c in COLUMNS if c not in ("ms_vote", "date")]
    with pytest.raises(ImportRefused, match="missing columns ms_vote, date"):
        import_file(write_csv(tmp_path / "votes.csv", base_rows, columns=columns))
    assert not VoteImport.objects.exists() and not VoteEvent.objects.exists()


def test_a_row_with_extra_fields_refuses_the_file_by_line_and_writes_nothing(tmp_path, base_rows):
    path = tmp_path / "votes.csv"
    write_csv(path, base_rows)
    lines = path.read_text().splitlines()
    lines[3] += ",surplus"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportRefused, match="line 4: extra data after last expected column"):
        import_file(str(path))
    assert not VoteEvent.objects.exists() and not VoteImport.objects.exists()


def test_bad_rows_are_reported_by_line_and_the_rest_imports(tmp_path, base_rows):
    rows = [dict(row) for row in base_rows]
    rows[0]["ms_vote"] = "Q"  # line 2
    rows[1]["ms_code"] = ""  # line 3
    rows += roll_call("3", {"AUS": "Y", "BWA": "Y"}, date="2014-13-45", resolution="")  # lines 9-10
    rows += roll_call("4", {"PAN": "Y", "FRA": "Y"}) + roll_call("4", {"PAN": "N"})  # lines 11-13
    report = import_file(write_csv(tmp_path / "votes.csv", rows))
    reasons = dict(report.rejected)
    assert reasons[2] == 'unknown vote letter "Q" (expected Y, N, A or X)'
    assert reasons[3].startswith("invalid state code") or reasons[3].startswith("missing state code")
    assert reasons[9] == reasons[10] == 'unparseable date "2014-13-45" (expected YYYY-MM-DD)'
    assert "PAN votes more than once in roll call 4 (lines 11, 13)" in reasons[11]
    assert 13 in reasons and 12 not in reasons
    assert report.rows_rejected == 6
    assert set(VoteEvent.objects.values_list("source_id", flat=True)) == {"1", "2", "4"}
    assert RecordedVote.objects.filter(vote_event__source_id="4").get().state.iso3 == "FRA"
    # The rows left out make roll call 1 disagree with its published totals: that is reported.
    assert {m["roll_call"] for m in report.reconciliation["mismatches"]} >= {"1", "4"}


def test_importing_a_file_with_bad_rows_twice_changes_nothing_the_second_time(tmp_path, base_rows):
    rows = [dict(row) for row in base_rows]
    rows[0]["ms_vote"] = "Q"
    path = write_csv(tmp_path / "votes.csv", rows)
    import_file(path)
    again = import_file(path)
    assert not again.changed_anything and again.rows_rejected == 1


def test_mismatched_published_totals_are_listed_never_silently_accepted(tmp_path):
    rows = roll_call("5", {"JPN": "Y", "CHN": "N"}, totals=(111, 19, 55, 0))
    report = import_file(write_csv(tmp_path / "votes.csv", rows))
    [mismatch] = report.reconciliation["mismatches"]
    assert (mismatch["roll_call"], mismatch["published"], mismatch["recorded"]) == (
        "5",
        [111, 19, 55, 0],
        [1, 1, 0, 0],
    )
    assert "published 111-19-55-0, recorded 1-1-0-0" in "\n".join(report.lines())


def test_mojibake_in_titles_is_kept_as_it_is(tmp_path):
    title = "Question of the Falkland Islands (Malvinas) Ã¢â‚¬â€ report"
    import_file(write_csv(tmp_path / "votes.csv", roll_call("6", {"ARG": "Y"}, title=title, resolution="")))
    assert VoteEvent.objects.get(source_id="6").description == title


def test_an_unknown_state_code_is_created_from_the_row_and_reported(tmp_path):
    rows = roll_call("7", {"JPN": "Y", "QQQ": "N"})
    rows[1]["ms_name"] = "REPUBLIC OF NOWHERE"
    report = import_file(write_csv(tmp_path / "votes.csv", rows))
    assert report.states_created == ["QQQ"]
    assert MemberState.objects.get(iso3="QQQ").common_name == "Republic Of Nowhere"
    assert RecordedVote.objects.filter(state__iso3="QQQ").exists()


def test_the_import_is_traced_by_its_record_not_by_row_history(tmp_path, base_rows, staff_user):
    report = import_file(write_csv(tmp_path / "votes.csv", base_rows), user=staff_user)
    vote_import = VoteImport.objects.get(pk=report.vote_import_id)
    assert (vote_import.imported_by, vote_import.status) == (staff_user, "done")
    assert len(vote_import.checksum) == 64 and vote_import.summary["votes"]["created"] == 7
    assert not VoteEvent.pgh_event_models["insert"].objects.exists()
    assert not Resolution.pgh_event_models["insert"].objects.exists()


def test_hand_curated_resolution_fields_are_kept(tmp_path, base_rows):
    Resolution.objects.create(
        adopted_symbol="A/RES/69/188", draft_symbol="A/C.3/69/L.28", title="Curated title"
    )
    import_file(write_csv(tmp_path / "votes.csv", base_rows))
    resolution = Resolution.objects.get(adopted_symbol="A/RES/69/188")
    assert (resolution.title, resolution.draft_symbol) == ("Curated title", "A/C.3/69/L.28")
    assert resolution.session.number == 69


def test_the_command_prints_the_summary_and_turns_refusals_into_errors(tmp_path, base_rows):
    out = io.StringIO()
    call_command("import_un_votes", write_csv(tmp_path / "votes.csv", base_rows), stdout=out)
    assert "Roll calls: 2 created" in out.getvalue()
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_un_votes", str(tmp_path / "absent.csv"))


def test_progress_is_reported_while_reading(tmp_path, base_rows):
    seen = []
    import_file(write_csv(tmp_path / "votes.csv", base_rows), progress=lambda *event: seen.append(event))
    assert seen[0][0] == "reading" and seen[0][1] > 0
    assert {"checking", "merging"} <= {phase for phase, *_ in seen}


def test_an_import_leaves_no_scratch_table_behind(tmp_path, base_rows):
    # They are UNLOGGED tables, not temporary ones: nothing but the import drops them.
    import_file(write_csv(tmp_path / "votes.csv", base_rows))
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname = ANY(%s)", [list(SCRATCH_TABLES)])
        assert cursor.fetchall() == []


def test_the_planner_knows_how_many_rows_are_staged_before_the_digest(tmp_path, base_rows, monkeypatch):
    # Unanalyzed, the staging table seemed to hold a few thousand rows without a reject reason
    # (the planner's guess: 0.5%), and the digest of the shared file sorted a million of them
    # on disk instead of hashing them.
    seen = []
    digest = merge.digest_roll_calls

    def digest_seen_by_the_planner(cursor):
        cursor.execute(
            "SELECT reltuples, null_frac FROM pg_class JOIN pg_stats ON tablename = relname "
            "WHERE relname = %s AND attname = 'reject_reason'",
            [STAGING_TABLE],
        )
        seen.extend(cursor.fetchall())
        digest(cursor)

    monkeypatch.setattr(merge, "digest_roll_calls", digest_seen_by_the_planner)
    import_file(write_csv(tmp_path / "votes.csv", base_rows))
    assert seen == [(7, 1.0)]


def test_a_bulk_load_leaves_the_planner_settings_as_it_found_them(tmp_path, base_rows, monkeypatch):
    monkeypatch.setattr(merge, "BULK_MINIMUM_ROWS", 1)  # the path a first import of the record takes
    with connection.cursor() as cursor:
        cursor.execute("SHOW parallel_tuple_cost")
        before = cursor.fetchone()
        report = import_file(write_csv(tmp_path / "votes.csv", base_rows))
        cursor.execute("SHOW parallel_tuple_cost")
        assert cursor.fetchone() == before
    assert report.votes.created == RecordedVote.objects.count() == 7


def _votes_off_their_roll_calls_date() -> int:
    return RecordedVote.objects.exclude(date=F("vote_event__date")).count()


@pytest.mark.parametrize("bulk_minimum_rows", [1, merge.BULK_MINIMUM_ROWS], ids=["copy", "insert"])
def test_every_vote_written_carries_its_roll_calls_date_whichever_way_it_is_loaded(
    tmp_path, base_rows, monkeypatch, bulk_minimum_rows
):
    # The database checks it only at commit, which a test's transaction never reaches.
    monkeypatch.setattr(merge, "BULK_MINIMUM_ROWS", bulk_minimum_rows)
    import_file(write_csv(tmp_path / "votes.csv", base_rows))
    assert RecordedVote.objects.count() == 7 and _votes_off_their_roll_calls_date() == 0
    assert set(RecordedVote.objects.values_list("date", flat=True)) == {datetime.date(2014, 12, 18)}
    # A corrected file that moves roll call 2 to another day and adds a vote to it.
    corrected = [
        row | {"date": "2014-12-19"} if row["undl_id"] == "2" else row
        for row in base_rows + roll_call("2", {"CHN": "N"}, note="amendment")
    ]
    for row in corrected:
        if row["undl_id"] == "2":
            row["total_yes"], row["total_no"], row["total_abstentions"] = 1, 2, 1
    report = import_file(write_csv(tmp_path / "corrected.csv", corrected))
    assert report.votes.created == 1 and _votes_off_their_roll_calls_date() == 0
    moved = RecordedVote.objects.filter(vote_event__source_id="2")
    assert set(moved.values_list("date", flat=True)) == {datetime.date(2014, 12, 19)} and moved.count() == 4
