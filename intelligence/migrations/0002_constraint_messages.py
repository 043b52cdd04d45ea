"""Every constraint says in plain words what to fix (core/constraints.py): the messages only,
nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intelligence', '0001_initial'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='digestsent',
            name='one_digest_per_manager_and_week',
            constraint=models.UniqueConstraint(fields=('campaign', 'user', 'week'), name='one_digest_per_manager_and_week', violation_error_message="This manager has had this week's digest for this campaign already."),
        ),
    ]
