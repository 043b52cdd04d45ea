"""Every constraint says in plain words what to fix (core/constraints.py): the messages only,
nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0007_missions_out_of_the_box'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='organization',
            name='mission_names_its_state',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'mission'), _negated=True), ('state__isnull', False), _connector='OR'), name='mission_names_its_state', violation_error_message='A permanent mission belongs to a state: choose the state.'),
        ),
        migrations.AlterConstraint(
            model_name='user',
            name='user_belongs_to_an_organization',
            constraint=models.CheckConstraint(condition=models.Q(('is_superuser', True), ('organization__isnull', False), _connector='OR'), name='user_belongs_to_an_organization', violation_error_message='Choose the organization this user works for.'),
        ),
        migrations.AlterConstraint(
            model_name='person',
            name='diplomat_represents_a_state',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('category', 'diplomat'), _negated=True), ('state__isnull', False), _connector='OR'), name='diplomat_represents_a_state', violation_error_message='A diplomat represents a state: choose the state.'),
        ),
    ]
