"""python manage.py import_un_votes PATH: load a UN Digital Library voting file (.csv, .csv.gz, -)."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from unrecord.importer import ImportRefused, import_file


class Command(BaseCommand):
    help = "Import recorded votes in the UN Digital Library bulk layout (.csv or .csv.gz; - for stdin)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The voting file, or - to read standard input.")

    def handle(self, *args, path, **options):
        with _ProgressBar(path) as progress:
            try:
                report = import_file(path, progress=progress)
            except ImportRefused as refusal:
                raise CommandError(str(refusal)) from refusal
        for line in report.lines():
            self.stdout.write(line)


class _ProgressBar:
    """A bar over the bytes of the file on a terminal; phase names after reading. Silent when
    the output is not a terminal, so logs and pipes stay clean."""

    def __init__(self, path: str):
        import os

        total = os.path.getsize(path) if path != "-" and os.path.isfile(path) else None
        self.bar = tqdm(
            total=total, unit="B", unit_scale=True, desc="reading", disable=not sys.stderr.isatty()
        )

    def __enter__(self):
        return self

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if phase == "reading":
            self.bar.update(done - self.bar.n)
        else:
            self.bar.set_description(phase)

    def __exit__(self, *exc):
        self.bar.close()
