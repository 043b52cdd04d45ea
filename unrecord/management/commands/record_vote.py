"""python manage.py record_vote FILE --date D: save a recorded vote pasted from the UN's text, or
with --dry-run read and check it and print each state's vote, saving nothing."""

import datetime
from pathlib import Path

import pghistory
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from unrecord.models import Body, Resolution, VoteChoice, VoteEvent
from unrecord.pasted_votes import problems_of, resolution_by_symbol
from unrecord.services import record_pasted_vote
from unrecord.vote_text import SECTION_NAMES, ParsedVote, parse_recorded_vote

SECTION_ORDER = (VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN, VoteChoice.NON_VOTING)


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date wants a day as YYYY-MM-DD, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "Save a recorded vote as UN press releases and records print it ('In favour: ... Against: "
        "... Abstain: ... Absent: ...'), with the intentions its footnotes declare, as the record "
        "keeper --user names. With --dry-run, read and check it and print each state's vote: "
        "nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A text file holding the vote as the UN printed it.")
        parser.add_argument("--date", required=True, help="Day of the vote, YYYY-MM-DD.")
        parser.add_argument(
            "--body", default="GA", help="Code of the body that voted: GA (default), GA-C3 ..."
        )
        parser.add_argument(
            "--resolution", help="The draft's or the resolution's symbol, e.g. A/C.3/69/L.28."
        )
        parser.add_argument("--kind", choices=VoteEvent.Kind.values, default=VoteEvent.Kind.WHOLE_DRAFT)
        parser.add_argument(
            "--replace", action="store_true", help="Give the roll call already recorded these votes instead."
        )
        parser.add_argument("--user", help="Username of the record keeper saving the vote (to save).")
        parser.add_argument("--dry-run", action="store_true", help="Read and check; save nothing.")
        parser.add_argument("--format", choices=("csv", "text"), default="csv", help="Output of --dry-run.")

    def handle(self, *args, **options):
        day = _day(options["date"])
        body = _body(options["body"])
        resolution = _resolution(options["resolution"])
        text = self._read(options["file"])
        if options["dry_run"]:
            return self._dry_run(text, day, options)
        author = _record_keeper(options["user"])
        try:
            with pghistory.context(user=author.pk, command="record_vote"):  # the history names them
                event = self._save(author, text, body, day, resolution, options)
        except ValidationError as error:
            raise CommandError(f"{options['file']}: nothing saved.\n{_listed(error)}") from error
        except PermissionDenied as error:
            raise CommandError(f"nothing saved: {error}") from error
        self.stdout.write(f"Saved {event} ({event.totals_label}), vote event {event.pk}.")

    def _save(self, author, text, body, day, resolution, options) -> VoteEvent:
        return record_pasted_vote(
            author=author,
            text=text,
            body=body,
            date=day,
            resolution=resolution,
            kind=options["kind"],
            replace=options["replace"],
        )

    def _dry_run(self, text: str, day: datetime.date, options) -> None:
        parsed = parse_recorded_vote(text, on=day)
        if problems := problems_of(parsed):
            listed = "\n".join(f"  {problem}" for problem in problems)
            raise CommandError(f"{options['file']}: nothing saved; the text has problems:\n{listed}")
        write = self._csv if options["format"] == "csv" else self._summary
        write(parsed)

    def _read(self, path: str) -> str:
        try:
            return Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error

    def _csv(self, parsed: ParsedVote) -> None:
        for iso3, choice in sorted(parsed.choices().items()):
            self.stdout.write(f"{iso3},{choice}")

    def _summary(self, parsed: ParsedVote) -> None:
        for choice in SECTION_ORDER:
            states = sorted(vote.iso3 for vote in parsed.votes if vote.choice == choice)
            self.stdout.write(f"{SECTION_NAMES[choice]} ({len(states)}): {', '.join(states)}")
        if parsed.totals:
            totals = parsed.totals
            self.stdout.write(f"Totals stated on line {totals.line} agree with the lists.")
        for intention in parsed.intentions:
            label = SECTION_NAMES[intention.choice]
            self.stdout.write(f"{intention.iso3} declared it intended: {label} (line {intention.line})")


def _body(code: str) -> Body:
    body = Body.objects.select_related("parent").filter(code__iexact=code).first()
    if body is None:
        known = ", ".join(Body.objects.values_list("code", flat=True))
        raise CommandError(f"--body {code!r} is no body of the record: one of {known}.")
    return body


def _resolution(symbol: str | None) -> Resolution | None:
    if symbol is None:
        return None
    resolution = resolution_by_symbol(symbol)
    if resolution is None:
        raise CommandError(f"--resolution {symbol!r}: no draft, resolution or revision has this symbol.")
    return resolution


def _record_keeper(username: str | None):
    # Whoever saves is named, as in the admin and the API: the record's history says who wrote it,
    # and the access policy decides whether they may.
    if not username:
        raise CommandError("Name the record keeper saving the vote with --user (or read it with --dry-run).")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--user {username!r}: no such user.")
    return user


def _listed(error: ValidationError) -> str:
    lines = []
    for field, messages in error.message_dict.items():
        lines += [f"  {field}: {message}" for message in messages]
    return "\n".join(lines)
