"""Load the shipped regional groups, member states and bodies (see unrecord/reference_data.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from unrecord.reference_data import load_reference_data

    names = ("RegionalGroup", "Body", "MemberState", "StateCodeAlias")
    load_reference_data(models={name: apps.get_model("unrecord", name) for name in names})


class Migration(migrations.Migration):
    dependencies = [("unrecord", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
