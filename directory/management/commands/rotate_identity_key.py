"""`manage.py rotate_identity_key`: seal every protected identity, and its history, again under
the first key of PLENARY_IDENTITY_KEYS.

Rotation: put a new key first in PLENARY_IDENTITY_KEYS and keep the old ones after it (every
process then seals with the new key and still opens the old tokens), run this command, and only
then drop the old keys. It runs in one transaction: stopped half-way, nothing has changed.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from directory.services import rotate_identity_key


class Command(BaseCommand):
    help = "Seal every protected identity and its history again under the first of PLENARY_IDENTITY_KEYS."

    def handle(self, *args, **options):
        try:
            resealed = rotate_identity_key()
        except ImproperlyConfigured as refused:  # no key, a malformed one, or the old one dropped
            raise CommandError(str(refused)) from None
        for label, rows in resealed.items():
            self.stdout.write(f"{label}: {rows} row(s) sealed under the first key")
        self.stdout.write(
            self.style.SUCCESS("Done: the keys after the first in PLENARY_IDENTITY_KEYS may now be dropped.")
        )
