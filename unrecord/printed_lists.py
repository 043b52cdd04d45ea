"""Lists of state names as UN documents print them: split on commas and semicolons, joined across
wrapped lines, footnote marks set apart, each name resolved to its state on a day and every
problem kept with its line. Shared by the readers of recorded votes (vote_text.py) and of sponsor
lists (sponsor_text.py)."""

import bisect
import datetime
import re
from dataclasses import dataclass

from unrecord.state_names import StateNames

# A footnote marker after a name: "Gambia*", "Gambia¹", "Gambia 1/", "Gambia [1]".
MARKER = re.compile(r"\s*(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d+/|\[\d+\])$")
# A list item ends at a comma or semicolon outside parentheses: "Italy (on behalf of the States
# Members of the United Nations that are members of the European Union, ...)" is one item.
ITEM = re.compile(r"(?:\([^()]*\)|[^,;(])+")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class PrintedName:
    printed: str
    marker: str
    line: int


class LineNumbers:
    """Line numbers (from 1) of offsets in the text."""

    def __init__(self, text: str):
        self._starts = [0] + [match.end() for match in re.finditer(r"\n", text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def printed_names(text: str, start: int, end: int, lines: LineNumbers) -> tuple[PrintedName, ...]:
    """The names listed in text[start:end], each with the line it starts on."""
    items = []
    for match in ITEM.finditer(text[start:end]):
        raw = match.group()
        content = re.search(r"\S", raw)
        if not content:
            continue
        printed, marker = clean_name(raw)
        if printed and printed.casefold() not in {"none", "nil"}:
            items.append(PrintedName(printed, marker, lines.of(start + match.start() + content.start())))
    return tuple(items)


def clean_name(raw: str) -> tuple[str, str]:
    """The name as printed, joined across line breaks, and its footnote marker if any."""
    name = re.sub(r"-\s*\n\s*", "-", raw)
    name = " ".join(name.split()).rstrip(".").strip()
    name = re.sub(r"^and\s+", "", name, flags=re.IGNORECASE)
    marker = MARKER.search(name)
    if marker:
        return name[: marker.start()].rstrip(". "), marker.group(1)
    return name, ""


def resolve_printed_name(
    item: PrintedName, names: StateNames, on: datetime.date, problems: list
) -> list[tuple[str, str]]:
    """[(iso3, name as printed)] of the state or states (a last "X and Y") an item names on `on`;
    a name that resolves to no state or to several adds its problem and gives none."""
    found = names.resolve(item.printed, on=on)
    if len(found) == 1:
        return [(found[0], item.printed)]
    if not found:
        split = split_on_and(item.printed, names, on)
        if split:
            return split
        problems.append(Problem(item.line, f"'{item.printed}' resolves to no state on {on}"))
        return []
    codes = ", ".join(found)
    problems.append(Problem(item.line, f"'{item.printed}' resolves to {len(found)} states ({codes})"))
    return []


def split_on_and(printed: str, names: StateNames, on: datetime.date) -> list[tuple] | None:
    """ "Zambia and Zimbabwe" is two states when each side is one (not "Trinidad and Tobago")."""
    parts = re.split(r"\s+and\s+", printed, flags=re.IGNORECASE)
    for cut in range(1, len(parts)):
        left, right = " and ".join(parts[:cut]), " and ".join(parts[cut:])
        left_found, right_found = names.resolve(left, on=on), names.resolve(right, on=on)
        if len(left_found) == 1 and len(right_found) == 1:
            return [(left_found[0], left), (right_found[0], right)]
    return None
