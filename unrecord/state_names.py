"""Every name of every member state: which state a printed name designates on a day, which states
a search term finds, and each state's name in the six UN languages.

The names are those of the MemberState table (UN, formal and short names, valid from admission
to departure), the other names the UN has printed, shipped in data/state_names.csv with the
days on which each may be read as its state, and each state's name in Arabic, Chinese, English,
French, Russian and Spanish from the Unicode CLDR, which Babel ships (no network). Matching
ignores accents, case, punctuation, spacing and a leading "the", so "cote d'ivoire" finds Côte
d'Ivoire.

Former members (Yugoslavia, the USSR, the GDR...) have no CLDR names: CLDR withdrew their codes
or points them at their successors, whose names they must not take.
"""

import csv
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.core import get_global

from unrecord.reference_data import read_rows

ALIASES_CSV = Path(__file__).resolve().parent / "data" / "state_names.csv"
# The six official languages of the UN, in the order the UN lists them (Arabic first).
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
LANGUAGE_LABELS = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}
HISTORIC = "historic"  # MemberState.Status.HISTORIC, without importing the models at load time
# A term shorter than this matches names it begins a word of, not any name containing it:
# "us" would otherwise find Australia, Belarus, Cyprus, Russia...
SUBSTRING_FROM = 3


@dataclass(frozen=True)
class StateName:
    iso3: str
    name: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    search_only: bool = False  # an abbreviation staff type, never read in a roll call

    def valid_on(self, day: datetime.date) -> bool:
        starts_ok = self.valid_from is None or self.valid_from <= day
        return starts_ok and (self.valid_to is None or day <= self.valid_to)


def normalise(name: str) -> str:
    """The form names are compared in: no accents, case, punctuation or leading "the"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("&", " and ")
    words = re.sub(r"[^\w]+|_", " ", plain).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def shipped_aliases() -> tuple[StateName, ...]:
    """The other names the UN has printed, read once from the CSV the project ships."""
    with open(ALIASES_CSV, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(
            StateName(
                row["iso3"],
                row["name"],
                _date(row["valid_from"]),
                _date(row["valid_to"]),
                search_only=row["search_only"] == "yes",
            )
            for row in rows
        )


def language_names(iso3: str, status: str = "") -> dict[str, str]:
    """{language: name} of a state in the six UN languages, from CLDR; {} for a former member
    or a code CLDR does not know."""
    return dict(_cldr_names(iso3, status))


@cache
def _cldr_names(iso3: str, status: str) -> tuple[tuple[str, str], ...]:
    # CLDR keys territories by ISO 3166-1 alpha-2 and maps each alpha-3 code to it (its territory
    # aliases); a withdrawn code maps to its successors, whose names a former member must not take.
    alpha2 = get_global("territory_aliases").get(iso3, [])
    if status == HISTORIC or len(alpha2) != 1:
        return ()
    names = ((language, Locale.parse(language).territories.get(alpha2[0])) for language in UN_LANGUAGES)
    return tuple((language, name) for language, name in names if name)


def _names_of_state(iso3, status, official_names, valid_from=None, valid_to=None) -> list[StateName]:
    names = set(official_names) | set(language_names(iso3, status).values())
    return [StateName(iso3, name, valid_from, valid_to) for name in sorted(names - {""})]


def member_state_names() -> tuple[StateName, ...]:
    """Every name of the MemberState table and CLDR's, valid while the state held its seat."""
    from unrecord.models import MemberState

    names = []
    rows = MemberState.objects.values_list(
        "iso3", "status", "un_name", "formal_name", "common_name", "admitted_on", "left_on"
    )
    for iso3, status, un_name, formal_name, common_name, admitted_on, left_on in rows:
        names += _names_of_state(iso3, status, (un_name, formal_name, common_name), admitted_on, left_on)
    return tuple(names)


def reference_state_names() -> tuple[StateName, ...]:
    """The same names from the reference data the project ships (data/member_states.csv), which
    the database is loaded from: no query, so a search costs the same on every request."""
    names = []
    for row in read_rows("member_states.csv"):
        official = (row["un_name"], row["formal_name"], row["common_name"])
        names += _names_of_state(row["iso3"], row["status"], official)
    return tuple(names)


@dataclass(frozen=True)
class StateMatch:
    """The ISO3 codes a search term found, by how well: a whole name, the start of a word of
    one, or inside one."""

    whole_name: frozenset[str]
    word_start: frozenset[str]
    inside: frozenset[str]

    @property
    def codes(self) -> frozenset[str]:
        return self.whole_name | self.word_start | self.inside


class StateNames:
    """An index of names to states: `resolve` says which states a printed name can mean on a day,
    `search` which states a term typed by staff finds."""

    def __init__(self, names: tuple[StateName, ...]):
        self._by_key: dict[str, list[StateName]] = {}
        for entry in names:
            self._by_key.setdefault(normalise(entry.name), []).append(entry)

    @classmethod
    def from_database(cls) -> "StateNames":
        return cls(member_state_names() + shipped_aliases())

    def resolve(self, name: str, *, on: datetime.date) -> tuple[str, ...]:
        """The ISO3 codes `name` can designate on `on`: none, one, or several (ambiguous)."""
        entries = self._by_key.get(normalise(name), [])
        return tuple(sorted({e.iso3 for e in entries if e.valid_on(on) and not e.search_only}))

    def search(self, term: str) -> StateMatch:
        """The states one of whose names, of any day or language, `term` is (whole), begins a
        word of, or (from three characters on) is found inside."""
        wanted = normalise(term)
        found: dict[str, set[str]] = {"whole": set(), "word": set(), "inside": set()}
        if not wanted:
            return StateMatch(frozenset(), frozenset(), frozenset())
        for key, entries in self._by_key.items():
            if (how := _how_found(wanted, key)) is not None:
                found[how].update(entry.iso3 for entry in entries)
        word = found["word"] - found["whole"]
        inside = found["inside"] - found["whole"] - word
        return StateMatch(frozenset(found["whole"]), frozenset(word), frozenset(inside))


def _how_found(wanted: str, key: str) -> str | None:
    if key == wanted:
        return "whole"
    if key.startswith(wanted) or f" {wanted}" in key:
        return "word"
    if len(wanted) >= SUBSTRING_FROM and wanted in key:
        return "inside"
    return None


@lru_cache(maxsize=1)
def shipped_state_names() -> StateNames:
    """The index of the shipped names (reference data, aliases, CLDR), built once per process."""
    return StateNames(reference_state_names() + shipped_aliases())
