"""`manage.py load_demo`: load the demo campaign into the database; running it again changes nothing."""

from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo campaign: NKHR's 2014 advocacy for the General Assembly resolution on human "
        "rights in the DPRK (A/RES/69/188). Safe to run again: it only creates what is missing."
    )

    def handle(self, *args, **options):
        report = load_demo()
        for line in report.lines():
            self.stdout.write(line)
