from django.db import migrations

# As unrecord.importer.merge.REPORT_HEADING had it when this migration was written.
REPORT_HEADING = r"^A/[0-9]+/[0-9]+[^ ]* +[^ ]+ +- "

# Resolutions imported before the importer read the titles of sessions 71-73 from the
# agenda-title column (see unrecord/importer/merge.py, REPORT_HEADING): the same swap, applied to
# what is stored, since a re-import skips unchanged roll calls and never overwrites a title.
# Their series came from the heading, which many resolutions share, so they are unlinked here and
# the series only the headings made are dropped; the next migration, which rebuilds every series
# key, links them again by their own titles.
UNDER_A_HEADING = f"title ~ '{REPORT_HEADING}' AND agenda_item <> ''"
READ_TITLES_UNDER_REPORT_HEADINGS = [
    f"""CREATE TEMP TABLE heading_series AS
        SELECT DISTINCT series_id FROM unrecord_resolution WHERE {UNDER_A_HEADING} AND series_id IS NOT NULL""",
    f"""UPDATE unrecord_resolution SET title = agenda_item, agenda_item = title, series_id = NULL
        WHERE {UNDER_A_HEADING}""",
    f"""UPDATE unrecord_voteevent event SET description = resolution.title
        FROM unrecord_resolution resolution
        WHERE event.resolution_id = resolution.id AND event.description ~ '{REPORT_HEADING}'
            AND NOT resolution.title ~ '{REPORT_HEADING}'""",
    """DELETE FROM unrecord_resolutionseries series USING heading_series heading
        WHERE series.id = heading.series_id
            AND NOT EXISTS (SELECT 1 FROM unrecord_resolution r WHERE r.series_id = series.id)
            AND NOT EXISTS (SELECT 1 FROM campaigns_campaign c WHERE c.series_id = series.id)""",
    "DROP TABLE heading_series",
]


class Migration(migrations.Migration):
    dependencies = [
        ("unrecord", "0010_motions_are_not_votes_on_the_draft"),
        # Its series may be a campaign's, which keeps it.
        ("campaigns", "0002_initial"),
    ]

    operations = [migrations.RunSQL(READ_TITLES_UNDER_REPORT_HEADINGS, reverse_sql=migrations.RunSQL.noop)]
