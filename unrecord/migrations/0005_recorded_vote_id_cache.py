"""Recorded votes arrive by the million: a sequence that hands out ids a thousand at a time
saves a fifth of the cost of inserting them (ids may then skip numbers; nothing relies on them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("unrecord", "0004_vote_import_trace_without_db_constraint")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE unrecord_recordedvote ALTER COLUMN id SET CACHE 1000",
            "ALTER TABLE unrecord_recordedvote ALTER COLUMN id SET CACHE 1",
        )
    ]
