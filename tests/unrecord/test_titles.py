"""Titles repaired for display (unrecord/titles.py): ftfy's repair of mojibake, and the voting
file's own broken characters, which ftfy cannot see; clean text is left as it is."""

import csv
import gzip
from pathlib import Path

import pytest

from unrecord.titles import repaired

VOTING_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "unga-votes-1946-2019.csv.gz"


def test_mojibake_is_repaired():
    assert repaired("CÃ´te dâ€™Ivoire") == "Côte d'Ivoire"
    assert repaired("Human rights in S&amp;T") == "Human rights in S&T"


def test_the_voting_files_escaped_bytes_and_backspaces_are_mended():
    assert repaired("entitled _Mongolia<90>s international security<d3>.") == (
        "entitled _Mongolia's international security\"."
    )
    # A backspace stands between two numbers: a space keeps them apart, where dropping it would not.
    assert repaired("meeting 45266\x0815/37") == "meeting 45266 15/37"
    assert repaired("the Democratic People?Ã†s Republic") == "the Democratic People's Republic"


@pytest.mark.parametrize("text", ["", None, "Situation of human rights in Myanmar", "Côte d'Ivoire"])
def test_text_with_nothing_broken_is_left_as_it_is(text):
    assert repaired(text) == text


@pytest.mark.shared_data
@pytest.mark.skipif(not VOTING_FILE.exists(), reason=f"the UN voting file is not at {VOTING_FILE}")
def test_no_title_of_the_voting_file_keeps_an_escaped_byte_or_a_control_character():
    with gzip.open(VOTING_FILE, "rt", encoding="utf-8", newline="") as rows:
        titles = {row["title"] for row in csv.DictReader(rows)}
    mended = {title: repaired(title) for title in titles}
    changed = [title for title, shown in mended.items() if shown != title]
    assert any("<d3>" in title for title in changed) and any("\x08" in title for title in changed)
    for shown in mended.values():
        assert "<d3>" not in shown and "<90>" not in shown and shown.isprintable()
