"""Write vote events, their motions and the organizations they refer to as Popolo JSON."""

from contextlib import contextmanager
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from unrecord.models import Resolution, Session, VoteEvent
from unrecord.popolo import DEFAULT_CHUNK_SIZE, write_popolo


class Command(BaseCommand):
    help = "Write vote events as a Popolo JSON document (to stdout unless --output is given)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--session", type=int, metavar="N", help="Only vote events of session N, e.g. 69."
        )
        parser.add_argument(
            "--resolution",
            metavar="SYMBOL",
            help="Only votes on this resolution and its amendments: a draft, revision or adopted symbol.",
        )
        parser.add_argument(
            "--source-id",
            dest="source_ids",
            nargs="+",
            action="extend",
            default=[],
            metavar="ID",
            help="Only the vote events with these roll-call ids at the source.",
        )
        parser.add_argument("--output", default="-", metavar="PATH", help="File to write; - for stdout.")
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=DEFAULT_CHUNK_SIZE,
            help=f"Vote events read at once (default {DEFAULT_CHUNK_SIZE}).",
        )

    def handle(self, *args, session, resolution, source_ids, output, chunk_size, **options):
        vote_events = VoteEvent.objects.order_by("date", "id")
        if session is not None:
            vote_events = vote_events.filter(session__in=_sessions_numbered(session))
        if resolution:
            found = _resolution_with_symbol(resolution)
            vote_events = vote_events.filter(Q(resolution=found) | Q(amendment__resolution=found))
        if source_ids:
            vote_events = vote_events.filter(source_id__in=_known_source_ids(source_ids))
        with _writer(output, self.stdout) as write:
            written = write_popolo(write, vote_events, chunk_size=chunk_size)
        noun = "vote event" if written == 1 else "vote events"
        self.stderr.write(f"Wrote {written} {noun} to {'stdout' if output == '-' else output}.")


def _sessions_numbered(number: int):
    sessions = Session.objects.filter(number=number)
    if not sessions.exists():
        raise CommandError(f"No session is numbered {number}.")
    return sessions


def _resolution_with_symbol(symbol: str) -> Resolution:
    found = (
        Resolution.objects.filter(
            Q(draft_symbol__iexact=symbol)
            | Q(adopted_symbol__iexact=symbol)
            | Q(revisions__symbol__iexact=symbol)
        )
        .order_by("pk")
        .first()
    )
    if found is None:
        raise CommandError(
            f'No resolution has the symbol "{symbol}". Give a draft symbol such as A/C.3/69/L.28, '
            "a revision such as A/C.3/69/L.28/Rev.1 or an adopted one such as A/RES/69/188."
        )
    return found


def _known_source_ids(source_ids: list[str]) -> list[str]:
    known = set(VoteEvent.objects.filter(source_id__in=source_ids).values_list("source_id", flat=True))
    if unknown := [source_id for source_id in source_ids if source_id not in known]:
        raise CommandError(f"No vote event has the source id {', '.join(unknown)}.")
    return source_ids


@contextmanager
def _writer(output: str, stdout):
    """A write function for stdout or for the file at `output`. The file appears only once
    the export is complete, so that a failed run leaves no truncated export behind."""
    if output == "-":
        yield partial(stdout.write, ending="")
        return
    target = Path(output)
    unfinished = target.with_name(target.name + ".part")
    try:
        handle = unfinished.open("w", encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
    try:
        with handle:
            yield handle.write
    except BaseException:
        unfinished.unlink(missing_ok=True)
        raise
    unfinished.replace(target)
