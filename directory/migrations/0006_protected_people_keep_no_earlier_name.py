"""A protected person's history keeps no name from before their protection (the real one, as like
as not): each earlier name becomes their pseudonym, as directory.services does from now on."""

from django.db import migrations

FORGET_EARLIER_NAMES = """
UPDATE directory_personevent AS event SET name = person.name
FROM directory_person AS person
WHERE event.pgh_obj_id = person.id AND person.is_protected AND event.name <> person.name
"""


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_identities_sealed_and_their_reads_logged")]

    # Not reversible in substance: the names are gone, which is the point.
    operations = [migrations.RunSQL(FORGET_EARLIER_NAMES, reverse_sql=migrations.RunSQL.noop)]
