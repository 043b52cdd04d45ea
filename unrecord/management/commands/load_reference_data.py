"""Load the regional groups, member states and UN bodies that Plenary ships."""

from django.core.management.base import BaseCommand
from django.db import transaction

from unrecord import models
from unrecord.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Create missing member states, regional groups and bodies from unrecord/data/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also reset rows edited in the admin to the shipped data.",
        )

    @transaction.atomic
    def handle(self, *args, overwrite=False, **options):
        report = load_reference_data(
            models={
                name: getattr(models, name)
                for name in ("RegionalGroup", "Body", "MemberState", "StateCodeAlias")
            },
            overwrite=overwrite,
        )
        self.stdout.write(f"{len(report.created)} created, {len(report.updated)} updated.")
