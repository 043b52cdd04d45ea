"""The directory out of the box: the permanent mission of every member state and observer state
(directory/missions.py), beside those already recorded."""

from django.db import migrations


def add_missions(apps, schema_editor):
    from directory.missions import add_missing_missions

    add_missing_missions(
        Organization=apps.get_model("directory", "Organization"),
        MemberState=apps.get_model("unrecord", "MemberState"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_protected_people_keep_no_earlier_name"),
        ("unrecord", "0002_reference_data"),
    ]

    # Going back leaves them: they are ordinary directory entries by then, perhaps linked to.
    operations = [migrations.RunPython(add_missions, migrations.RunPython.noop)]
