"""Every constraint says in plain words what to fix (core/constraints.py): the messages only,
nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0003_document_extracted_text'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='signature',
            name='signature_names_a_signatory',
            constraint=models.CheckConstraint(condition=models.Q(('organization__isnull', False), ('person__isnull', False), _connector='OR'), name='signature_names_a_signatory', violation_error_message='A signature names who signed: choose an organization or a person.'),
        ),
    ]
