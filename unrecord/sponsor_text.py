"""Read a draft's sponsor list as the UN prints it: which states join the sponsors, which withdraw.

`parse_sponsor_list` reads the heading of an L-document ("Albania, Andorra, ... and United States
of America: draft resolution"), an addendum ("The following countries have become sponsors of the
draft resolution: ..."), a meeting record or oral revision ("Subsequently, Botswana, Panama and
Peru joined the sponsors."; "Sponsors: ...") and withdrawals ("Cuba withdrew as a sponsor"; "...
has withdrawn its co-sponsorship"). Names resolve on the day of the document, and every problem
is kept with its line. It writes nothing: unrecord/services.py `record_sponsors` saves a list
without problems.
"""

import datetime
import re
from dataclasses import dataclass

from unrecord.printed_lists import (
    LineNumbers,
    PrintedName,
    Problem,
    clean_name,
    printed_names,
    resolve_printed_name,
)
from unrecord.state_names import StateNames

JOINS, WITHDRAWS = "joins", "withdraws"
MAX_TEXT = 100_000  # characters a room accepts: an L-document's list of 193 states takes about 3,000
SPONSORS = r"(?:co-?\s?)?sponsors?(?:\s*/\s*(?:co-?\s?)?sponsors?)?"
DRAFT = r"(?:revised\s+)?draft\s+(?:resolution|decision)"
# The L-document's heading: the names come before it.
TABLED_BY = re.compile(rf":\s*{DRAFT}\b", re.IGNORECASE)
JOINED = re.compile(
    r"\b(?:(?:has|have|had)\s+)?(?:also\s+)?(?:subsequently\s+)?"
    rf"(?:(?:joined|become|became)\s+(?:(?:as|the)\s+)?(?:an?\s+)?(?:list\s+of\s+)?{SPONSORS}"
    r"|joined\s+in\s+sponsoring)\b",
    re.IGNORECASE,
)
WITHDREW = re.compile(
    r"\b(?:(?:has|have|had)\s+)?(?:subsequently\s+)?withdr(?:ew|awn)\s+"
    rf"(?:as\s+(?:an?\s+)?{SPONSORS}|(?:its|their)\s+(?:co-?\s?)?sponsorship"
    rf"|(?:(?:its|their)\s+names?\s+)?from\s+(?:the\s+)?(?:list\s+of\s+)?{SPONSORS})\b",
    re.IGNORECASE,
)
# "Sponsors:" or "Additional sponsors:" at the start of a line: the names follow it.
LABEL = re.compile(rf"^[ \t]*(?:additional\s+)?{SPONSORS}\s*:", re.IGNORECASE | re.MULTILINE)
# After "have become sponsors", a colon before the sentence ends means the names follow
# ("... of draft resolution A/C.3/69/L.28: ..."); otherwise they came before ("X joined the sponsors").
NAMES_FOLLOW = re.compile(r"(?:\s+(?:of|to)\s+(?:[^.:]|\.(?=\S)){0,120}?)?\s*:")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")
# Words before the names of a sentence: "The Secretary announced that", "Subsequently, the
# delegations of" (not the "that" of "(on behalf of the States ... that are members of ...)").
LEAD_IN = re.compile(
    r"^\s*(?:[^.()]*?\bthat\s+)?(?:(?:subsequently|in\s+addition|also|moreover|further)\s*,?\s+)*"
    r"(?:the\s+)?(?:(?:delegations?|representatives?)\s+of\s+)?",
    re.IGNORECASE,
)
ON_BEHALF = re.compile(
    r"^(?P<state>.*?)\s*\(\s*on\s+behalf\s+of\s+(?P<group>[^)]*)\)(?P<rest>.*)$", re.I | re.S
)
NOTHING_FOUND = (
    "no sponsor list found: expected '...: draft resolution', 'The following countries have become "
    "sponsors ...: ...', '... joined the sponsors' or '... withdrew as a sponsor'"
)


@dataclass(frozen=True)
class ListedSponsor:
    iso3: str
    line: int
    printed: str
    on_behalf_of: str = ""  # "the European Union", when a state tables the draft for a group


@dataclass(frozen=True)
class ParsedSponsors:
    joined: tuple[ListedSponsor, ...]
    withdrawn: tuple[ListedSponsor, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Statement:
    """One place in the text that names sponsors: the span of its names, and what they do."""

    action: str
    start: int
    end: int
    line: int


def parse_sponsor_list(text: str, *, on: datetime.date, names: StateNames | None = None) -> ParsedSponsors:
    """The states `text`, a document of `on`, lists as joining or leaving a draft's sponsors,
    with every problem by line: a name that resolves to no state or to several, a state listed
    twice, a phrase that names nobody, and a text in which no list is found at all."""
    names = names or StateNames.from_database()
    lines = LineNumbers(text)
    statements = _statements(text, lines)
    if not statements:
        return ParsedSponsors((), (), (Problem(1, NOTHING_FOUND),))
    problems: list[Problem] = []
    listed: dict[str, tuple[str, ListedSponsor]] = {}
    for statement in statements:
        items = printed_names(text, statement.start, statement.end, lines)
        if not items:
            problems.append(Problem(statement.line, f"a list of states that {statement.action} names none"))
        for item in items:
            for sponsor in _resolve(item, names, on, problems):
                _record(listed, statement.action, sponsor, problems)
    joined = tuple(sponsor for action, sponsor in listed.values() if action == JOINS)
    withdrawn = tuple(sponsor for action, sponsor in listed.values() if action == WITHDRAWS)
    return ParsedSponsors(joined, withdrawn, tuple(sorted(problems, key=lambda problem: problem.line)))


@dataclass(frozen=True)
class _Phrase:
    """Words saying what the names beside them do, and whether the names follow (after a colon)."""

    action: str
    start: int
    end: int
    names_follow: bool


def _statements(text: str, lines: LineNumbers) -> list[_Statement]:
    phrases = sorted(_phrases(text), key=lambda phrase: phrase.start)
    statements, done = [], 0
    for index, phrase in enumerate(phrases):
        if phrase.start < done:
            continue  # among the names of the phrase before
        if phrase.names_follow:
            following = phrases[index + 1].start if index + 1 < len(phrases) else len(text)
            start, end = phrase.end, _sentence_end(text, phrase.end, following)
        else:
            start, end = _sentence_start(text, done, phrase.start), phrase.start
        statements.append(_Statement(phrase.action, start, end, lines.of(phrase.start)))
        done = max(end, phrase.end)
    return statements


def _phrases(text: str):
    for match in TABLED_BY.finditer(text):
        yield _Phrase(JOINS, match.start(), match.end(), names_follow=False)
    for match in LABEL.finditer(text):
        yield _Phrase(JOINS, match.start(), match.end(), names_follow=True)
    for action, pattern in ((JOINS, JOINED), (WITHDRAWS, WITHDREW)):
        for match in pattern.finditer(text):
            colon = NAMES_FOLLOW.match(text, match.end())
            yield _Phrase(action, match.start(), colon.end() if colon else match.end(), bool(colon))


def _sentence_start(text: str, floor: int, phrase_start: int) -> int:
    """Where the names before a phrase start: after the sentence before, and its lead-in words."""
    start = floor
    for end in SENTENCE_END.finditer(text, floor, phrase_start):
        start = end.end()
    lead_in = LEAD_IN.match(text[start:phrase_start])
    return start + (lead_in.end() if lead_in else 0)


def _sentence_end(text: str, start: int, stop: int) -> int:
    end = SENTENCE_END.search(text, start, stop)
    return end.start() if end else stop


def _resolve(item: PrintedName, names: StateNames, on: datetime.date, problems: list) -> list[ListedSponsor]:
    group = ""
    on_behalf = ON_BEHALF.match(item.printed)
    if on_behalf:
        printed, _ = clean_name(on_behalf.group("state") + on_behalf.group("rest"))
        group = " ".join(on_behalf.group("group").split())
        item = PrintedName(printed, item.marker, item.line)
    return [
        ListedSponsor(iso3, item.line, printed, group)
        for iso3, printed in resolve_printed_name(item, names, on, problems)
    ]


def _record(listed: dict, action: str, sponsor: ListedSponsor, problems: list) -> None:
    earlier = listed.get(sponsor.iso3)
    if earlier is None:
        listed[sponsor.iso3] = (action, sponsor)
        return
    earlier_action, earlier_sponsor = earlier
    message = (
        f"{sponsor.iso3} ('{sponsor.printed}') is listed twice: it already {earlier_action} "
        f"on line {earlier_sponsor.line}"
    )
    problems.append(Problem(sponsor.line, message))
