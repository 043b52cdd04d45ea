"""Read a recorded vote as the UN prints it ("In favour: ... Against: ... Abstain: ...").

`parse_recorded_vote` turns the pasted text of a press release, meeting record or committee
report into each state's choice, the totals the text states, the intentions its footnotes declare
and every problem found, by line. It writes nothing: callers save only a vote without problems.
"""

import datetime
import re
from dataclasses import dataclass

from unrecord.models import VoteChoice
from unrecord.printed_lists import (
    LineNumbers,
    PrintedName,
    Problem,
    printed_names,
    resolve_printed_name,
    split_on_and,
)
from unrecord.state_names import StateNames

SECTION = re.compile(
    r"\b(in\s+favou?r|against|abstain(?:ing|ed)?|abstentions?|absent|non-?\s?voting)"
    r"\s*(?:\(\s*(\d+)\s*\))?\s*:",
    re.IGNORECASE,
)
FOOTNOTE_START = re.compile(r"^\s*(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d+/|\[\d+\])\s*", re.MULTILINE)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
NUMBER = r"(\d+|none|no)"
# Prose may name the few states after a figure: "6 against (Israel, Palau, United States)".
NAMED = r"(?:\s*\([^()]*\))?"
TOTALS_IN_WORDS = re.compile(
    rf"\b{NUMBER}\s+(?:votes\s+)?in\s+favou?r,?\s+(?:to\s+)?{NUMBER}\s+against{NAMED}"
    rf"(?:,?\s+(?:with|and)\s+{NUMBER}\s+abstentions?)?",
    re.IGNORECASE,
)
TOTALS_IN_FIGURES = re.compile(r"(?<![\d/.-])(\d{1,3})\s*[-–—]\s*(\d{1,3})\s*[-–—]\s*(\d{1,3})(?![\d/-])")
INTENTION = re.compile(
    r"intended\s+(?:to\s+vote\s+(?P<vote>in\s+favou?r|against|yes|no)|to\s+(?P<abstain>abstain)"
    r"|(?P<absent>not\s+to\s+(?:vote|participate)))",
    re.IGNORECASE,
)
ADVISER = re.compile(
    r"^(?:subsequently,?\s+)?(?:the\s+)?(?:delegations?\s+of\s+)?(?P<names>.+?)\s+"
    r"(?:subsequently\s+)?(?:advised|informed|indicated|stated)",
    re.IGNORECASE | re.DOTALL,
)
SECTION_NAMES = {
    VoteChoice.YES: "In favour",
    VoteChoice.NO: "Against",
    VoteChoice.ABSTAIN: "Abstain",
    VoteChoice.NON_VOTING: "Absent",
}


@dataclass(frozen=True)
class RecordedChoice:
    iso3: str
    choice: str
    line: int
    printed: str
    marker: str = ""


@dataclass(frozen=True)
class DeclaredIntention:
    """A footnote's word that a delegation meant to vote otherwise; its recorded vote stands."""

    iso3: str
    choice: str
    line: int
    note: str


@dataclass(frozen=True)
class StatedTotals:
    yes: int
    no: int
    abstain: int | None
    line: int


@dataclass(frozen=True)
class ParsedVote:
    votes: tuple[RecordedChoice, ...]
    totals: StatedTotals | None
    intentions: tuple[DeclaredIntention, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def choices(self) -> dict[str, str]:
        return {vote.iso3: vote.choice for vote in self.votes}

    def count(self, choice: str) -> int:
        return sum(1 for vote in self.votes if vote.choice == choice)


@dataclass(frozen=True)
class _Section:
    choice: str
    stated_count: int | None
    line: int
    items: tuple[PrintedName, ...]
    end: int


def parse_recorded_vote(text: str, *, on: datetime.date, names: StateNames | None = None) -> ParsedVote:
    """Each state's recorded choice in `text`, a vote taken on `on`, with every problem by line."""
    names = names or StateNames.from_database()
    lines = LineNumbers(text)
    sections = _sections(text, lines)
    if not sections:
        message = "no list of votes found: expected 'In favour:', 'Against:', 'Abstain:' or 'Absent:'"
        return ParsedVote((), None, (), (Problem(1, message),))
    problems: list[Problem] = []
    votes = _resolve_sections(sections, names, on, problems)
    totals = _stated_totals(text, lines)
    problems += _count_problems(sections, totals, votes)
    tail = sections[-1].end
    intentions, footnote_problems = _intentions(text[tail:], tail, lines, votes, names, on)
    problems += footnote_problems
    return ParsedVote(tuple(votes), totals, tuple(intentions), tuple(sorted(problems, key=_by_line)))


def _by_line(problem: Problem) -> int:
    return problem.line


def _choice_of(label: str) -> str:
    label = label.casefold()
    if label.startswith(("absent", "non")):
        return VoteChoice.NON_VOTING
    if label.startswith("in"):
        return VoteChoice.YES
    return VoteChoice.NO if label.startswith("against") else VoteChoice.ABSTAIN


def _sections(text: str, lines: LineNumbers) -> list[_Section]:
    headers = list(SECTION.finditer(text))
    sections = []
    for index, header in enumerate(headers):
        stop = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        end = _body_end(text, header.end(), stop)
        count = int(header.group(2)) if header.group(2) else None
        items = printed_names(text, header.end(), end, lines)
        sections.append(_Section(_choice_of(header.group(1)), count, lines.of(header.start()), items, end))
    return sections


def _body_end(text: str, start: int, stop: int) -> int:
    """A list ends at the next heading, a blank line after its names, or a footnote's line."""
    body = text[start:stop]
    ends = [stop]
    content = re.search(r"\S", body)
    if content:
        paragraph = PARAGRAPH_BREAK.search(body, content.start())
        footnote = FOOTNOTE_START.search(body, body.find("\n", content.start()) + 1 or len(body))
        ends += [start + match.start() for match in (paragraph, footnote) if match]
    return min(ends)


def _resolve_sections(sections, names, on, problems) -> list[RecordedChoice]:
    votes: dict[str, RecordedChoice] = {}
    for section in sections:
        for item in section.items:
            for iso3, printed in resolve_printed_name(item, names, on, problems):
                vote = RecordedChoice(iso3, section.choice, item.line, printed, item.marker)
                _record(votes, vote, problems)
    return list(votes.values())


def _record(votes: dict, vote: RecordedChoice, problems: list) -> None:
    earlier = votes.get(vote.iso3)
    if earlier is None:
        votes[vote.iso3] = vote
        return
    where = f"{SECTION_NAMES[earlier.choice]} on line {earlier.line}"
    message = f"{vote.iso3} ('{vote.printed}') is listed twice: already under {where}"
    problems.append(Problem(vote.line, message))


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    return 0 if word.casefold() in {"none", "no"} else int(word)


def _stated_totals(text: str, lines: LineNumbers) -> StatedTotals | None:
    words = TOTALS_IN_WORDS.search(text)
    figures = TOTALS_IN_FIGURES.search(text)
    first = min((m for m in (words, figures) if m), key=lambda m: m.start(), default=None)
    if first is None:
        return None
    yes, no, abstain = (_number(group) for group in first.groups())
    return StatedTotals(yes, no, abstain, lines.of(first.start()))


def _count_problems(sections, totals, votes) -> list[Problem]:
    problems = []
    for section in sections:
        if section.stated_count is not None and section.stated_count != len(section.items):
            message = (
                f"'{SECTION_NAMES[section.choice]}' states {section.stated_count} "
                f"but lists {len(section.items)} names"
            )
            problems.append(Problem(section.line, message))
    if totals:
        problems += _totals_problems(totals, votes)
    return problems


def _totals_problems(totals: StatedTotals, votes: list[RecordedChoice]) -> list[Problem]:
    problems = []
    stated = [(totals.yes, VoteChoice.YES, "in favour"), (totals.no, VoteChoice.NO, "against")]
    stated.append((totals.abstain, VoteChoice.ABSTAIN, "abstentions"))
    for figure, choice, label in stated:
        listed = sum(1 for vote in votes if vote.choice == choice)
        if figure is not None and figure != listed:
            message = f"the text states {figure} {label} but the lists give {listed}"
            problems.append(Problem(totals.line, message))
    return problems


def _intentions(tail: str, offset: int, lines: LineNumbers, votes, names, on):
    """Footnotes after the lists that declare a delegation's intended vote."""
    intentions, problems = [], []
    for start, note in _footnotes(tail):
        intended = INTENTION.search(note)
        if not intended:
            continue
        line = lines.of(offset + start)
        choice = _intended_choice(intended)
        states = _footnote_states(note, votes, names, on)
        if not states:
            problems.append(Problem(line, "a footnote declares an intended vote but names no state"))
        for iso3 in states:
            intentions.append(DeclaredIntention(iso3, choice, line, " ".join(note.split())))
    return intentions, problems


def _footnotes(tail: str) -> list[tuple[int, str]]:
    """Each footnote (a marked line, or a paragraph) with its offset in `tail`."""
    starts = sorted({m.start() for m in FOOTNOTE_START.finditer(tail)} | _paragraph_starts(tail))
    bounds = starts + [len(tail)]
    return [(bounds[i], tail[bounds[i] : bounds[i + 1]]) for i in range(len(starts))]


def _paragraph_starts(tail: str) -> set[int]:
    return {0} | {match.end() for match in PARAGRAPH_BREAK.finditer(tail)}


def _intended_choice(match: re.Match) -> str:
    if match.group("abstain"):
        return VoteChoice.ABSTAIN
    if match.group("absent"):
        return VoteChoice.NON_VOTING
    return VoteChoice.NO if match.group("vote").casefold() in {"against", "no"} else VoteChoice.YES


def _footnote_states(note: str, votes, names: StateNames, on) -> list[str]:
    marker = FOOTNOTE_START.match(note)
    if marker and marker.group(1):
        marked = [vote.iso3 for vote in votes if vote.marker == marker.group(1)]
        if marked:
            return marked
    body = note[marker.end() :] if marker else note
    adviser = ADVISER.search(body.strip())
    if not adviser:
        return []
    printed = " ".join(adviser.group("names").split())
    found = names.resolve(printed, on=on)
    if len(found) == 1:
        return list(found)
    return [iso3 for iso3, _ in split_on_and(printed, names, on) or []]
