"""Which member state a name printed by the UN designates on a given day.

The names are those of the MemberState table (UN, formal and short names, valid from admission
to departure) and the other names the UN has printed, shipped in data/state_names.csv with the
days on which each may be read as its state. Matching ignores accents, case, punctuation,
spacing and a leading "the", so "cote d'ivoire" finds Côte d'Ivoire.
"""

import csv
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ALIASES_CSV = Path(__file__).resolve().parent / "data" / "state_names.csv"


@dataclass(frozen=True)
class StateName:
    iso3: str
    name: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

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
            StateName(row["iso3"], row["name"], _date(row["valid_from"]), _date(row["valid_to"]))
            for row in rows
        )


def member_state_names() -> tuple[StateName, ...]:
    """Every name of the MemberState table, valid while the state held its seat."""
    from unrecord.models import MemberState

    names = []
    rows = MemberState.objects.values_list(
        "iso3", "un_name", "formal_name", "common_name", "admitted_on", "left_on"
    )
    for iso3, un_name, formal_name, common_name, admitted_on, left_on in rows:
        for name in {un_name, formal_name, common_name} - {""}:
            names.append(StateName(iso3, name, admitted_on, left_on))
    return tuple(names)


class StateNames:
    """An index of names to states; `resolve` says which states a name can mean on a day."""

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
        return tuple(sorted({entry.iso3 for entry in entries if entry.valid_on(on)}))
