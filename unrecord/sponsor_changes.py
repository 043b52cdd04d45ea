"""What a sponsor list pasted from the UN's text would change on a draft, as every room previews
and saves it: each state that joins, joins again, is found to have joined earlier, or withdraws,
and every problem (by line, or by field). Joining keeps the earliest day known; a withdrawal needs
a sponsor to withdraw.

The write is `unrecord.services.record_sponsors`; this module only reads (three queries, a fourth
for an addendum's symbol), whatever the length of the list.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils import timezone

from unrecord.models import DraftRevision, MemberState, Resolution, Sponsorship
from unrecord.printed_lists import Problem
from unrecord.sponsor_text import ListedSponsor, ParsedSponsors, parse_sponsor_list
from unrecord.state_names import StateNames


class Kind(models.TextChoices):
    """Where a list comes from; each says which way its states may go."""

    DRAFT = "draft", "The draft (L-document)"  # its sponsors when it was issued
    ADDENDUM = "addendum", "An addendum"  # states that have become sponsors since
    ORAL = "oral", "An oral revision or meeting"  # states joining or withdrawing
    WITHDRAWAL = "withdrawal", "A withdrawal"  # states withdrawing as sponsors


JOINS_ONLY = (Kind.DRAFT, Kind.ADDENDUM)


class Effect:
    JOINS = "joins"
    JOINS_AGAIN = "joins again"
    JOINED_EARLIER = "joined earlier than recorded"
    DAY_RECORDED = "day of joining recorded"
    ALREADY = "already a sponsor"
    WITHDRAWS = "withdraws"

    values = (JOINS, JOINS_AGAIN, JOINED_EARLIER, DAY_RECORDED, ALREADY, WITHDRAWS)
    unchanged = (ALREADY,)


# "A/C.3/69/L.28/Add.1": an addendum of the draft (or of one of its revisions) by its number.
ADDENDUM_SUFFIX = re.compile(r"/Add\.\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class SponsorChange:
    iso3: str
    state_name: str
    line: int
    effect: str
    joined_on: datetime.date | None  # as they will be
    withdrew_on: datetime.date | None
    on_behalf_of: str = ""

    @property
    def changes_anything(self) -> bool:
        return self.effect not in Effect.unchanged


@dataclass(frozen=True)
class SponsorListResult:
    """A sponsor list read against the draft: its changes, its problems, and whether it was saved."""

    resolution: Resolution
    kind: str
    date: datetime.date
    document: str
    changes: tuple[SponsorChange, ...]
    problems: tuple[Problem, ...]  # in the text, by line
    field_errors: dict[str, list[str]] = field(default_factory=dict)  # of the other fields
    revision: str = ""  # the addendum's symbol, to record as a revision of the draft
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.field_errors

    def errors(self) -> dict[str, list[str]]:
        """Every problem, under the field it concerns: a form's or the API's errors."""
        text = {"text": [str(problem) for problem in self.problems]} if self.problems else {}
        return text | self.field_errors

    def with_effect(self, *effects: str) -> list[SponsorChange]:
        return [change for change in self.changes if change.effect in effects]

    @property
    def joining(self) -> list[SponsorChange]:
        return [change for change in self.changes if change.effect != Effect.WITHDRAWS]

    @property
    def withdrawing(self) -> list[SponsorChange]:
        return self.with_effect(Effect.WITHDRAWS)


def preview_sponsors(
    *,
    resolution: Resolution,
    text: str,
    date: datetime.date,
    kind: str,
    document: str = "",
    names: StateNames | None = None,
) -> SponsorListResult:
    """What saving `text`, a list of `kind` dated `date`, would do to `resolution`'s sponsors."""
    document = " ".join(document.split())
    parsed = parse_sponsor_list(text, on=date, names=names)
    problems = list(parsed.problems) + _kind_problems(parsed, kind)
    sponsorships = sponsorships_of(resolution)
    state_names = _state_names(parsed)
    changes = [
        _joining(sponsor, sponsorships.get(sponsor.iso3), date, state_names) for sponsor in parsed.joined
    ]
    for sponsor in parsed.withdrawn:
        change = _withdrawing(sponsor, sponsorships.get(sponsor.iso3), date, state_names, problems)
        changes += [change] if change else []
    revision, document_errors = _revision(resolution, kind, document)
    return SponsorListResult(
        resolution=resolution,
        kind=kind,
        date=date,
        document=document,
        changes=tuple(sorted(changes, key=lambda change: (change.line, change.state_name))),
        problems=tuple(sorted(problems, key=lambda problem: problem.line)),
        field_errors=_field_errors(kind, date) | document_errors,
        revision=revision,
    )


def _kind_problems(parsed: ParsedSponsors, kind: str) -> list[Problem]:
    if kind == Kind.WITHDRAWAL:
        wrong, told = parsed.joined, "joins the sponsors, but the list is a withdrawal"
    elif kind in JOINS_ONLY:
        wrong, told = parsed.withdrawn, f"withdraws, but a list of kind '{kind}' has states joining only"
    else:
        return []
    hint = f"choose the kind '{Kind.ORAL}' for a text where states join and withdraw"
    return [
        Problem(sponsor.line, f"{sponsor.iso3} ('{sponsor.printed}') {told}: {hint}") for sponsor in wrong
    ]


def _field_errors(kind: str, date: datetime.date) -> dict[str, list[str]]:
    errors = {}
    if kind not in Kind.values:
        errors["kind"] = [f"Not a kind of sponsor list: choose one of {', '.join(Kind.values)}."]
    if date > timezone.localdate():
        errors["date"] = [f"{date} is still to come: a document's day has passed."]
    return errors


def sponsorships_of(resolution: Resolution) -> dict[str, Sponsorship]:
    """The draft's sponsorships by the sponsor's ISO3 code."""
    rows = Sponsorship.objects.filter(resolution=resolution).select_related("state")
    return {row.state.iso3: row for row in rows}


def _state_names(parsed: ParsedSponsors) -> dict[str, str]:
    codes = {sponsor.iso3 for sponsor in parsed.joined + parsed.withdrawn}
    return dict(MemberState.objects.filter(iso3__in=codes).values_list("iso3", "common_name"))


def _joining(sponsor: ListedSponsor, row: Sponsorship | None, day, state_names) -> SponsorChange:
    def change(effect, joined_on, withdrew_on=None):
        return SponsorChange(
            sponsor.iso3,
            state_names.get(sponsor.iso3, sponsor.printed),
            sponsor.line,
            effect,
            joined_on,
            withdrew_on,
            sponsor.on_behalf_of,
        )

    if row is None:
        return change(Effect.JOINS, day)
    earliest = min(row.joined_on, day) if row.joined_on else day
    if row.withdrew_on and day >= row.withdrew_on:
        return change(Effect.JOINS_AGAIN, earliest)  # back among the sponsors, since it first joined
    if row.joined_on is None:
        return change(Effect.DAY_RECORDED, day, row.withdrew_on)
    effect = Effect.JOINED_EARLIER if day < row.joined_on else Effect.ALREADY
    return change(effect, earliest, row.withdrew_on)


def _withdrawing(sponsor: ListedSponsor, row: Sponsorship | None, day, state_names, problems):
    name = state_names.get(sponsor.iso3, sponsor.printed)
    refusal = _withdrawal_refused(row, day)
    if refusal:
        problems.append(Problem(sponsor.line, f"{name} ({sponsor.iso3}) withdraws, but {refusal}"))
        return None
    return SponsorChange(sponsor.iso3, name, sponsor.line, Effect.WITHDRAWS, row.joined_on, day)


def _withdrawal_refused(row: Sponsorship | None, day: datetime.date) -> str:
    if row is None:
        return "it is not a sponsor of this draft"
    if row.withdrew_on is not None:
        return f"it withdrew already on {row.withdrew_on}"
    if row.joined_on is not None and day < row.joined_on:
        return f"it joined the sponsors on {row.joined_on}, after this day"
    return ""


def _revision(resolution: Resolution, kind: str, document: str) -> tuple[str, dict]:
    """The addendum's symbol to record as a revision of the draft: only a plain "Add." of the
    draft's own symbol (or of one of its revisions), and not twice."""
    if kind != Kind.ADDENDUM or not ADDENDUM_SUFFIX.search(document):
        return "", {}
    revisions = DraftRevision.objects.filter(Q(symbol__iexact=document) | Q(resolution=resolution))
    known = dict(revisions.values_list("symbol", "resolution_id"))
    owner = next((owner for symbol, owner in known.items() if symbol.casefold() == document.casefold()), None)
    if owner is not None and owner != resolution.pk:
        return "", {"document": [f"{document} is recorded as a revision of another draft."]}
    own = {symbol.casefold() for symbol in [resolution.draft_symbol, *known]}
    base = ADDENDUM_SUFFIX.sub("", document).casefold()
    return (document if owner is None and base in own else ""), {}
