from collections import defaultdict

from django.db import migrations

# Series keys are now the title's words without function words, in alphabetical order
# (unrecord.series.title_key), so that "Situation on human rights in Myanmar" and "Human rights
# situation in the Islamic Republic of Iran" join the series of "Situation of human rights in
# ...". A stored key is a title cut to the stored length, and a key is its own key, so each
# series' new key is the key of its old one, as a fresh import would compute it. Series whose
# new keys meet are merged into the one with the most resolutions (the lowest id on a tie), the
# campaigns on them included; then resolutions still without a series are linked as an import
# links them.
MERGE = """
    UPDATE unrecord_resolution SET series_id = %(kept)s WHERE series_id = ANY(%(merged)s);
    UPDATE campaigns_campaign SET series_id = %(kept)s WHERE series_id = ANY(%(merged)s);
    DELETE FROM unrecord_resolutionseries WHERE id = ANY(%(merged)s);
"""
# Two statements, so that no key is ever briefly held by two series (unique, checked per row).
REKEY = """
    UPDATE unrecord_resolutionseries SET title_key = '#' || id WHERE id = ANY(%(ids)s);
    UPDATE unrecord_resolutionseries series SET title_key = new.key
    FROM unnest(%(ids)s::bigint[], %(keys)s::text[]) AS new(id, key) WHERE series.id = new.id;
"""


def rekey_series(apps, schema_editor):
    # The series module works on the models as they are at this migration (no field it reads
    # has changed since), so the keys and the linking rules stay in one place.
    from unrecord.series import assign_series, title_key

    ResolutionSeries = apps.get_model("unrecord", "ResolutionSeries")
    by_key = defaultdict(list)
    for series in ResolutionSeries.objects.order_by("pk").values("pk", "title_key"):
        by_key[title_key(series["title_key"])].append(series["pk"])
    counts = _resolution_counts(schema_editor)
    kept_ids, new_keys = [], []
    with schema_editor.connection.cursor() as cursor:
        for key, ids in by_key.items():
            kept = max(ids, key=lambda pk: (counts.get(pk, 0), -pk))
            merged = [pk for pk in ids if pk != kept]
            if merged:
                cursor.execute(MERGE, {"kept": kept, "merged": merged})
            kept_ids.append(kept)
            new_keys.append(key)
        cursor.execute(REKEY, {"ids": kept_ids, "keys": new_keys})
    assign_series()


def _resolution_counts(schema_editor) -> dict[int, int]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT series_id, count(*) FROM unrecord_resolution WHERE series_id IS NOT NULL GROUP BY series_id"
        )
        return dict(cursor.fetchall())


class Migration(migrations.Migration):
    dependencies = [
        ("unrecord", "0011_titles_under_report_headings"),
    ]

    operations = [migrations.RunPython(rekey_series, migrations.RunPython.noop)]
