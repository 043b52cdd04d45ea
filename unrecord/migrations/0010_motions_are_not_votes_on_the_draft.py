from django.db import migrations

# Roll calls imported before the importer told motions from votes on the draft (see
# unrecord/importer/merge.py, MOTION_TITLE): the same rule, applied to what is stored. A re-import
# of an unchanged file skips unchanged roll calls, so it would not reclassify them.
RECLASSIFY = r"""
    UPDATE unrecord_voteevent SET kind = 'motion'
    WHERE kind = 'draft' AND source_id <> '' AND description ~* '\mmotion\M'
"""


class Migration(migrations.Migration):
    dependencies = [
        ("unrecord", "0009_recorded_votes_by_roll_call_btree"),
    ]

    operations = [migrations.RunSQL(RECLASSIFY, reverse_sql=migrations.RunSQL.noop)]
