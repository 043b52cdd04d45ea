"""A draft's sponsor list pasted from the UN's text (unrecord/sponsor_text.py): the L-document's
heading, an addendum, a meeting record's "joined the sponsors" and withdrawals; names read on the
document's day; every problem by line, and a text with no list in it a problem too."""

import datetime
from pathlib import Path

import pytest

from unrecord.sponsor_text import parse_sponsor_list

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
L_DOCUMENT = (FIXTURES / "a_c3_69_l28_sponsors.txt").read_text(encoding="utf-8")
ADDENDUM = (FIXTURES / "a_c3_69_l28_add1.txt").read_text(encoding="utf-8")
MEETING = (FIXTURES / "ga_c3_2014_11_18_sponsors_oral.txt").read_text(encoding="utf-8")
DAY = datetime.date(2014, 11, 18)
EU_2014_AND_JAPAN = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
    "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "GBR", "JPN",
}  # fmt: skip


def parse(text: str, on: datetime.date = DAY):
    return parse_sponsor_list(text, on=on)


def joined(parsed) -> list[str]:
    return [sponsor.iso3 for sponsor in parsed.joined]


def messages(parsed) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in parsed.problems]


def test_the_l_documents_heading_lists_its_29_sponsors_wrapped_across_lines():
    parsed = parse(L_DOCUMENT)
    assert parsed.ok, parsed.problems
    assert set(joined(parsed)) == EU_2014_AND_JAPAN and len(parsed.joined) == 29
    assert parsed.withdrawn == ()
    by_state = {sponsor.iso3: sponsor for sponsor in parsed.joined}
    # The list starts on line 17; Ireland is broken across lines 20 and 21 and counts from 20.
    assert (by_state["AUT"].line, by_state["ITA"].line, by_state["GBR"].line) == (17, 18, 20)


def test_the_addendum_lists_the_states_that_have_become_sponsors_by_their_2014_names():
    parsed = parse(ADDENDUM, on=datetime.date(2014, 11, 10))
    assert parsed.ok, parsed.problems
    assert joined(parsed) == ["ALB", "AND", "KOR", "MKD", "USA"]
    # "... Macedonia and\nUnited States of America" is one item, split on its "and": line 21.
    assert [sponsor.line for sponsor in parsed.joined] == [20, 21, 21, 21, 21]


def test_a_meeting_record_gives_the_states_that_joined_and_the_one_that_withdrew():
    parsed = parse(MEETING)
    assert parsed.ok, parsed.problems
    assert joined(parsed) == ["MCO", "PAN", "BWA", "JPN", "AUS"]
    assert [(sponsor.iso3, sponsor.line) for sponsor in parsed.withdrawn] == [("AND", 11)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Cuba withdrew as a sponsor.",
        "Cuba has withdrawn its co-sponsorship of the draft.",
        "Subsequently, the delegation of Cuba withdrew from the list of sponsors.",
        "Cuba withdrew its name from the list of co-sponsors.",
    ],
)
def test_withdrawals_are_read_in_the_ways_the_un_words_them(sentence):
    parsed = parse(sentence)
    assert parsed.ok and joined(parsed) == [] and [s.iso3 for s in parsed.withdrawn] == ["CUB"]


@pytest.mark.parametrize(
    "text",
    [
        "Subsequently, Ghana and Kenya joined the sponsors.",
        "Ghana and Kenya have also become sponsors.",
        "Ghana and Kenya became co-sponsors of the draft resolution.",
        "The following States joined the sponsors of draft resolution A/C.3/69/L.28: Ghana\nand Kenya.",
        "Sponsors: Ghana;\nKenya",
    ],
)
def test_joining_is_read_in_the_ways_the_un_words_it(text):
    parsed = parse(text)
    assert parsed.ok, parsed.problems
    assert joined(parsed) == ["GHA", "KEN"]


def test_a_state_tabling_for_a_group_is_one_sponsor_with_the_group_it_speaks_for():
    text = (
        "Italy (on behalf of the States Members of the United Nations that are members of the\n"
        "European Union, and others) and Japan: draft resolution"
    )
    parsed = parse(text)
    assert parsed.ok, parsed.problems
    assert joined(parsed) == ["ITA", "JPN"]
    assert parsed.joined[0].on_behalf_of == (
        "the States Members of the United Nations that are members of the European Union, and others"
    )


def test_a_name_resolving_to_no_state_is_reported_by_line():
    parsed = parse("Subsequently, Ghana,\nNarnia and Kenya joined the sponsors.")
    assert messages(parsed) == [(2, f"'Narnia and Kenya' resolves to no state on {DAY}")]


def test_a_name_resolving_to_two_states_is_reported_by_line():
    parsed = parse("Ghana,\nChina: draft resolution", on=datetime.date(1960, 12, 1))
    assert messages(parsed) == [(2, "'China' resolves to 2 states (CHN, TWN)")]


def test_a_state_listed_twice_is_reported_at_its_second_listing():
    parsed = parse("Turkey and Ghana joined the sponsors.\nTürkiye withdrew as a sponsor.")
    assert messages(parsed) == [(2, "TUR ('Türkiye') is listed twice: it already joins on line 1")]


def test_a_phrase_that_names_no_state_is_a_problem():
    parsed = parse("The draft was introduced.\n\nThe following countries have become sponsors:\n\nThe end.")
    assert messages(parsed) == [(3, "a list of states that joins names none")]


@pytest.mark.parametrize("text", ["", "The Committee adopted the draft resolution without a vote."])
def test_text_with_no_list_in_it_is_a_problem_not_an_empty_success(text):
    parsed = parse(text)
    assert not parsed.ok and parsed.joined == () and parsed.withdrawn == ()
    assert messages(parsed)[0][0] == 1 and "no sponsor list found" in messages(parsed)[0][1]
