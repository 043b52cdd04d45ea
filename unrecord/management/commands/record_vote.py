"""Read a recorded vote pasted from the UN's text and show each state's vote (dry run only)."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unrecord.models import VoteChoice
from unrecord.vote_text import SECTION_NAMES, ParsedVote, parse_recorded_vote

SECTION_ORDER = (VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN, VoteChoice.NON_VOTING)


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date wants a day as YYYY-MM-DD, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "Read a recorded vote as UN press releases and records print it ('In favour: ... "
        "Against: ... Abstain: ... Absent: ...') and print each state's vote. Only --dry-run is "
        "available: nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A text file holding the vote as the UN printed it.")
        parser.add_argument("--date", required=True, help="Day of the vote, YYYY-MM-DD.")
        parser.add_argument("--dry-run", action="store_true", help="Read and check; save nothing.")
        parser.add_argument("--format", choices=("csv", "text"), default="csv")

    def handle(self, *args, **options):
        if not options["dry_run"]:
            raise CommandError(
                "Saving a pasted vote is not available yet: run with --dry-run to read and check it."
            )
        parsed = parse_recorded_vote(self._read(options["file"]), on=_day(options["date"]))
        if not parsed.ok:
            problems = "\n".join(f"  {problem}" for problem in parsed.problems)
            raise CommandError(f"{options['file']}: nothing saved; the text has problems:\n{problems}")
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
