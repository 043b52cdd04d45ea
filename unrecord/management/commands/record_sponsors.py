"""python manage.py record_sponsors FILE --resolution SYMBOL --date D --kind KIND: save the sponsors
a draft's L-document, addendum, oral revision or withdrawal lists, or with --dry-run show what
saving would change, saving nothing."""

from pathlib import Path

import pghistory
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from unrecord.management.commands.record_vote import _day, _listed, _resolution
from unrecord.services import record_sponsors
from unrecord.sponsor_changes import Kind, SponsorListResult, preview_sponsors


class Command(BaseCommand):
    help = (
        "Save the sponsors of a draft as the UN prints them: an L-document's heading ('Albania, "
        "...: draft resolution'), an addendum ('The following countries have become sponsors: "
        "...'), a meeting record ('X and Y joined the sponsors') or a withdrawal ('X withdrew as a "
        "sponsor'), as the record keeper --user names. With --dry-run, show what would change: "
        "nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A text file holding the list as the UN printed it.")
        parser.add_argument(
            "--resolution", required=True, help="The draft's or the resolution's symbol, e.g. A/C.3/69/L.28."
        )
        parser.add_argument("--date", required=True, help="Day of the document or meeting, YYYY-MM-DD.")
        parser.add_argument("--kind", required=True, choices=Kind.values, help="Where the list comes from.")
        parser.add_argument("--document", default="", help="The document's symbol, e.g. A/C.3/69/L.28/Add.1.")
        parser.add_argument("--user", help="Username of the record keeper saving the list (to save).")
        parser.add_argument("--dry-run", action="store_true", help="Read and check; save nothing.")

    def handle(self, *args, **options):
        day = _day(options["date"])
        resolution = _resolution(options["resolution"])
        text = _read(options["file"])
        fields = {"resolution": resolution, "text": text, "date": day}
        fields |= {"kind": options["kind"], "document": options["document"]}
        if options["dry_run"]:
            result = preview_sponsors(**fields)
            if not result.ok:
                raise CommandError(
                    f"{options['file']}: nothing saved.\n{_listed(ValidationError(result.errors()))}"
                )
            return self._show(result, "Would change")
        author = _record_keeper(options["user"])
        try:
            with pghistory.context(user=author.pk, command="record_sponsors"):  # the history names them
                result = record_sponsors(author=author, **fields)
        except ValidationError as error:
            raise CommandError(f"{options['file']}: nothing saved.\n{_listed(error)}") from error
        except PermissionDenied as error:
            raise CommandError(f"nothing saved: {error}") from error
        self._show(result, "Saved")

    def _show(self, result: SponsorListResult, verb: str) -> None:
        for change in result.changes:
            self.stdout.write(f"{change.iso3}  {change.effect}  ({change.state_name}, line {change.line})")
        changed = sum(1 for change in result.changes if change.changes_anything)
        summary = f"{verb} {changed} sponsorships of {result.resolution}"
        if result.revision:
            summary += f"; {result.revision} recorded as a revision of the draft"
        self.stdout.write(summary + ".")


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {path}: {error}") from error


def _record_keeper(username: str | None):
    # Whoever saves is named, as in the admin and the API: the history says who changed the
    # sponsors, and the access policy decides whether they may.
    if not username:
        raise CommandError(
            "Name the record keeper saving the sponsors with --user (or check with --dry-run)."
        )
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--user {username!r}: no such user.")
    return user
