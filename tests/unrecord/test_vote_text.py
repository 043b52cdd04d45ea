"""A recorded vote pasted from the UN's text: every state's vote, the stated totals, footnotes,
each problem by line, and the record_vote command's dry run."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from unrecord.models import RecordedVote, VoteEvent
from unrecord.vote_text import parse_recorded_vote

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLENARY_2014 = FIXTURES / "ga_2014_12_18_dprk_plenary.txt"
FOOTNOTED = FIXTURES / "footnoted_vote.txt"
DEMO_ROLL_CALL = Path(__file__).resolve().parents[2] / "demo" / "data" / "a_res_69_188_roll_call.csv"
DAY = datetime.date(2014, 12, 18)


def parse(text: str, on: datetime.date = DAY):
    return parse_recorded_vote(text, on=on)


def messages(parsed) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in parsed.problems]


def test_the_2014_plenary_vote_reads_116_20_53_with_4_absent():
    parsed = parse(PLENARY_2014.read_text(encoding="utf-8"))
    assert parsed.ok, parsed.problems
    assert [parsed.count(c) for c in "YNAX"] == [116, 20, 53, 4]
    assert (parsed.totals.yes, parsed.totals.no, parsed.totals.abstain) == (116, 20, 53)
    assert parsed.totals.line == 9


def test_the_2014_plenary_vote_matches_the_roll_call_state_by_state():
    rows = [line.split(",") for line in DEMO_ROLL_CALL.read_text().splitlines()[2:]]
    expected = {("SRB" if code == "YUG" else code): vote for code, vote in rows}
    choices = parse(PLENARY_2014.read_text(encoding="utf-8")).choices()
    assert choices == expected
    assert (choices["GMB"], choices["TUR"], choices["SWZ"], choices["MKD"]) == ("N", "Y", "X", "Y")


def test_sections_in_any_order_with_counts_semicolons_wrapped_names_and_footnotes():
    parsed = parse(FOOTNOTED.read_text(encoding="utf-8"))
    assert parsed.ok, parsed.problems
    assert parsed.choices() == {
        "SWZ": "A", "CPV": "A", "TUR": "Y", "CZE": "Y", "BOL": "Y", "MKD": "Y", "CIV": "Y",
        "GMB": "N", "PRK": "N",
    }  # fmt: skip
    assert (parsed.totals.yes, parsed.totals.no, parsed.totals.abstain) == (5, 2, 2)


def test_a_footnoted_intention_is_kept_beside_the_recorded_vote():
    parsed = parse(FOOTNOTED.read_text(encoding="utf-8"))
    intentions = {i.iso3: (i.choice, i.line) for i in parsed.intentions}
    assert intentions == {"CIV": ("A", 11), "GMB": ("Y", 13)}
    assert parsed.choices()["GMB"] == "N" and parsed.choices()["CIV"] == "Y"


def test_a_footnote_marker_like_1_slash_and_a_comma_list_on_one_line():
    text = (
        "In favour: Ghana, Gambia 1/, Kenya. Against: none. Abstaining: Chad.\n\n1/ Subsequently, "
        "the delegation of Gambia advised the Secretariat that it had intended to vote against."
    )
    parsed = parse(text)
    assert parsed.ok, parsed.problems
    assert parsed.choices() == {"GHA": "Y", "GMB": "Y", "KEN": "Y", "TCD": "A"}
    assert [(i.iso3, i.choice, i.line) for i in parsed.intentions] == [("GMB", "N", 3)]


def test_a_final_and_between_two_states_is_two_states_but_not_inside_a_name():
    parsed = parse("Against: Israel, Marshall Islands and United States\nAbstain: Trinidad and Tobago")
    assert parsed.choices() == {"ISR": "N", "MHL": "N", "USA": "N", "TTO": "A"}


def test_a_footnote_declaring_an_intention_for_no_state_it_can_name_is_reported():
    text = (
        "In favour: Ghana\nAgainst: Chad\n\n* Narnia advised the Secretariat that it had intended to abstain."
    )
    assert messages(parse(text)) == [(4, "a footnote declares an intended vote but names no state")]


def test_a_hyphenated_name_broken_across_lines_is_one_name():
    parsed = parse("In favour: Ghana, Guinea-\nBissau, Timor-\n  Leste\nAgainst: Chad")
    assert parsed.ok and parsed.choices() == {"GHA": "Y", "GNB": "Y", "TLS": "Y", "TCD": "N"}


def test_a_name_resolving_to_no_state_is_reported_by_line():
    parsed = parse("In favour: Ghana,\nNarnia, Kenya\nAgainst: Chad")
    assert messages(parsed) == [(2, f"'Narnia' resolves to no state on {DAY}")]


def test_a_name_resolving_to_two_states_is_reported_by_line():
    parsed = parse("In favour: Ghana\nAgainst: China", on=datetime.date(1960, 12, 1))
    assert messages(parsed) == [(2, "'China' resolves to 2 states (CHN, TWN)")]


def test_a_state_listed_twice_is_reported_at_its_second_listing():
    parsed = parse("In favour: Turkey, Ghana\n\nAbstain: Kenya,\nTürkiye")
    assert messages(parsed) == [(4, "TUR ('Türkiye') is listed twice: already under In favour on line 1")]


def test_totals_that_disagree_with_the_lists_are_reported_on_their_line():
    text = (
        "Adopted by a recorded vote of 3 in favour to none against, with 2 abstentions:\n\n"
        "In favour: Ghana, Kenya\nAbstain: Chad, Mali"
    )
    assert messages(parse(text)) == [(1, "the text states 3 in favour but the lists give 2")]


def test_a_count_in_parentheses_that_disagrees_is_reported_on_its_heading():
    parsed = parse("In favour: Ghana\nAgainst (2): Chad")
    assert messages(parsed) == [(2, "'Against' states 2 but lists 1 names")]


def test_totals_in_prose_may_name_the_states_after_a_figure():
    text = (
        "Adopted by a recorded vote of 2 in favour to 2 against (Israel, Federated States of\n"
        "Micronesia), with 1 abstention (Palau):\n\n"
        "In favour: Ghana, Kenya\nAgainst: Israel, Micronesia (Federated States of)\nAbstain: Palau"
    )
    parsed = parse(text)
    assert parsed.ok, parsed.problems
    assert (parsed.totals.yes, parsed.totals.no, parsed.totals.abstain) == (2, 2, 1)


def test_figures_like_111_19_55_are_stated_totals():
    parsed = parse("Approved 2-1-0.\nIn favour: Ghana, Kenya\nAgainst: Chad")
    assert parsed.ok and (parsed.totals.yes, parsed.totals.no, parsed.totals.abstain) == (2, 1, 0)
    assert messages(parse("Approved 3-1-0.\nIn favour: Ghana, Kenya\nAgainst: Chad"))


def test_a_text_without_lists_is_one_problem_on_line_1():
    parsed = parse("The resolution was adopted without a vote.")
    assert len(parsed.problems) == 1 and parsed.problems[0].line == 1
    assert "no list of votes found" in parsed.problems[0].message


def test_record_vote_dry_run_prints_one_csv_line_per_state_and_saves_nothing():
    out = io.StringIO()
    call_command("record_vote", str(PLENARY_2014), date="2014-12-18", dry_run=True, format="csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 193 and lines == sorted(lines)
    assert "GMB,N" in lines and "SWZ,X" in lines and "TUR,Y" in lines and "AGO,A" in lines
    assert not VoteEvent.objects.exists() and not RecordedVote.objects.exists()


def test_record_vote_text_format_summarises_the_vote_and_intentions():
    out = io.StringIO()
    call_command("record_vote", str(FOOTNOTED), date="2014-12-18", dry_run=True, format="text", stdout=out)
    assert "In favour (5): BOL, CIV, CZE, MKD, TUR" in out.getvalue()
    assert "Absent (0): " in out.getvalue()
    assert "GMB declared it intended: In favour (line 13)" in out.getvalue()


def test_record_vote_saves_only_as_a_record_keeper_named_with_user():
    with pytest.raises(CommandError, match="--user.*--dry-run"):
        call_command("record_vote", str(PLENARY_2014), date="2014-12-18")
    assert not VoteEvent.objects.exists()


def test_record_vote_lists_every_problem_of_a_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("In favour: Ghana, Narnia\nAgainst: Ghana\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("record_vote", str(bad), date="2014-12-18", dry_run=True)
    assert "line 1: 'Narnia' resolves to no state" in str(raised.value)
    assert "line 2: GHA ('Ghana') is listed twice" in str(raised.value)


def test_record_vote_rejects_a_missing_file_and_a_bad_date(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("record_vote", str(tmp_path / "none.txt"), date="2014-12-18", dry_run=True)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("record_vote", str(PLENARY_2014), date="18/12/2014", dry_run=True)


@pytest.mark.parametrize(
    ("heading", "choice"),
    [
        ("In favor:", "Y"),
        ("IN FAVOUR (1):", "Y"),
        ("Abstentions:", "A"),
        ("Abstaining:", "A"),
        ("Absent:", "X"),
    ],
)
def test_each_heading_the_un_prints_maps_to_its_choice(heading, choice):
    parsed = parse(f"Against: Chad\n{heading} Ghana")
    assert parsed.ok and parsed.choices() == {"TCD": "N", "GHA": choice}


def test_reading_a_whole_vote_asks_the_database_one_query(django_assert_num_queries):
    text = PLENARY_2014.read_text(encoding="utf-8")
    with django_assert_num_queries(1):
        assert parse(text).ok
