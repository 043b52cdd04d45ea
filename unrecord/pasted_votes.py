"""A roll call pasted from the UN's text, as every room shows and saves it: the resolution named
by its symbol, the session a day falls in, the result a tally gives, the roll call it would replace,
and the preview (each state's vote in four columns, the declared intentions, the problems by line).

The write itself is `unrecord.services.record_pasted_vote`; this module only reads.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from unrecord.models import Body, MemberState, Resolution, Session, VoteChoice, VoteEvent
from unrecord.vote_text import SECTION_NAMES, ParsedVote

COLUMN_ORDER = (VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN, VoteChoice.NON_VOTING)
COLUMN_LABELS = {
    VoteChoice.YES: "In favour",
    VoteChoice.NO: "Against",
    VoteChoice.ABSTAIN: "Abstaining",
    VoteChoice.NON_VOTING: "Absent",
}
# The Assembly opens its regular session on the Tuesday of the third week of September, counting
# from the first week with a working day (rule 1 of its rules of procedure); from its 78th session
# (5 September 2023) a week earlier, the second week's Tuesday.
FIRST_SESSION_OPENING_A_WEEK_EARLIER = 2023
FIRST_MEETING = datetime.date(1946, 1, 10)


def resolution_by_symbol(symbol: str) -> Resolution | None:
    """The resolution known by `symbol`: its draft's, the adopted resolution's or a revision's."""
    symbol = " ".join(symbol.split())
    if not symbol:
        return None
    named = (
        Q(draft_symbol__iexact=symbol)
        | Q(adopted_symbol__iexact=symbol)
        | Q(revisions__symbol__iexact=symbol)
    )
    return Resolution.objects.select_related("session").filter(named).distinct().first()


def general_assembly_session_on(day: datetime.date) -> int:
    """The number of the Assembly's regular session in progress on `day` (the 69th from
    16 September 2014 to 14 September 2015)."""
    number = day.year - 1945 if day >= _opening_day(day.year) else day.year - 1946
    return max(number, 1)  # the first session opened in January 1946, the second in September 1947


def _opening_day(year: int) -> datetime.date:
    first = datetime.date(year, 9, 1)
    # Monday of the first week holding a working day of September: a Saturday or Sunday the 1st
    # leaves that week to August.
    monday = first - datetime.timedelta(days=first.weekday())
    if first.weekday() >= 5:
        monday += datetime.timedelta(days=7)
    weeks_before = 1 if year >= FIRST_SESSION_OPENING_A_WEEK_EARLIER else 2
    return monday + datetime.timedelta(weeks=weeks_before, days=1)


def session_number_for(*, body: Body, day: datetime.date, resolution: Resolution | None) -> int | None:
    """The session a vote of `body` on `day` belongs to: the resolution's, when it met in the same
    organ; else, for the Assembly and its committees, the regular session in progress that day.
    Other organs number their sessions otherwise: None (staff may set it in the admin)."""
    home = body.session_body
    if resolution is not None and resolution.session_id and resolution.session.body_id == home.pk:
        return resolution.session.number
    if home.code == "GA":
        return general_assembly_session_on(day)
    return None


def existing_session(*, body: Body, number: int) -> Session | None:
    return Session.objects.filter(body=body.session_body, number=number).first()


def result_of(parsed: ParsedVote) -> str:
    """Adopted when more states voted yes than no: the simple majority of the members present and
    voting (abstentions do not count), which decides most votes of the Assembly and all of its
    committees'; an equally divided vote rejects the proposal. A vote needing two-thirds (an
    "important question") is not known from the text: a record keeper corrects the result."""
    yes, no = parsed.count(VoteChoice.YES), parsed.count(VoteChoice.NO)
    return VoteEvent.Result.ADOPTED if yes > no else VoteEvent.Result.REJECTED


def same_roll_call(
    *, body: Body, day: datetime.date, resolution: Resolution | None, kind: str, lock: bool = False
) -> VoteEvent | None:
    """The roll call already recorded on the same resolution, in the same body, on the same day and
    of the same kind, if any. With `lock`, locked until the write commits."""
    same = VoteEvent.objects.filter(body=body, date=day, kind=kind)
    if lock:
        same = same.select_for_update(of=("self",))
    same = same.filter(resolution=resolution) if resolution else same.filter(resolution__isnull=True)
    return same.order_by("pk").first()


@dataclass(frozen=True)
class Column:
    choice: str
    label: str
    states: tuple[MemberState, ...]

    @property
    def count(self) -> int:
        return len(self.states)


@dataclass(frozen=True)
class ShownIntention:
    state: MemberState
    choice: str
    note: str
    line: int

    @property
    def label(self) -> str:
        return SECTION_NAMES[self.choice]


@dataclass(frozen=True)
class VotePreview:
    """What staff check before saving: every state's vote by column, the intentions, the problems."""

    parsed: ParsedVote
    columns: tuple[Column, ...]
    intentions: tuple[ShownIntention, ...]

    @property
    def problems(self) -> list[str]:
        return problems_of(self.parsed)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {column.choice: column.count for column in self.columns}


def input_errors(parsed: ParsedVote, *, date: datetime.date, kind: str) -> dict[str, list[str]]:
    """Why a pasted vote may not be saved, by field ({} when it may): the text's problems by line,
    a day the Assembly had not met by or that is still to come, a kind of vote the record lacks."""
    errors = {}
    if problems := problems_of(parsed):
        errors["text"] = problems
    if date < FIRST_MEETING:
        errors["date"] = [f"The General Assembly first met on {FIRST_MEETING}: no recorded vote before."]
    elif date > timezone.localdate():
        errors["date"] = [f"{date} is still to come: a recorded vote has a day that has passed."]
    if kind not in VoteEvent.Kind.values:
        errors["kind"] = [f"Not a kind of vote: choose one of {', '.join(VoteEvent.Kind.values)}."]
    return errors


def problems_of(parsed: ParsedVote) -> list[str]:
    """Every reason not to save `parsed`, by line: the parser's, or lists that name no state."""
    problems = [str(problem) for problem in parsed.problems]
    if not problems and not parsed.votes:
        problems.append("line 1: the lists name no state")
    return problems


def preview_of(parsed: ParsedVote) -> VotePreview:
    """`parsed` with each state's names, in one query."""
    codes = {vote.iso3 for vote in parsed.votes} | {intention.iso3 for intention in parsed.intentions}
    states = MemberState.objects.in_bulk(codes, field_name="iso3") if codes else {}
    columns = tuple(
        Column(
            choice,
            COLUMN_LABELS[choice],
            tuple(sorted((states[v.iso3] for v in parsed.votes if v.choice == choice), key=_by_name)),
        )
        for choice in COLUMN_ORDER
    )
    intentions = tuple(
        ShownIntention(states[i.iso3], i.choice, i.note, i.line)
        for i in parsed.intentions
        if i.iso3 in states
    )
    return VotePreview(parsed, columns, intentions)


def _by_name(state: MemberState) -> str:
    return state.common_name
