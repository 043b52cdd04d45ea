"""Every constraint says in plain words what to fix (core/constraints.py): the messages only,
nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0004_campaign_rolled_over_from'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='campaign',
            name='unique_campaign_name_per_owner',
            constraint=models.UniqueConstraint(fields=('owner', 'name'), name='unique_campaign_name_per_owner', violation_error_message='Your organization has a campaign of this name already: rename it.'),
        ),
        migrations.AlterConstraint(
            model_name='campaign',
            name='campaign_ends_after_it_starts',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='campaign_ends_after_it_starts', violation_error_message='A campaign cannot end before it starts: check the two dates.'),
        ),
        migrations.AlterConstraint(
            model_name='threshold',
            name='count_threshold_has_a_value',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ['min_yes', 'max_no', 'max_abstain']), _negated=True), ('value__isnull', False), _connector='OR'), name='count_threshold_has_a_value', violation_error_message='A threshold that counts votes needs its number: enter the value.'),
        ),
        migrations.AlterConstraint(
            model_name='threshold',
            name='amendment_threshold_names_it',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'amendment_defeated'), _negated=True), ('amendment__isnull', False), _connector='OR'), name='amendment_threshold_names_it', violation_error_message='A threshold on an amendment names the amendment: choose it.'),
        ),
        migrations.AlterConstraint(
            model_name='target',
            name='one_target_per_state',
            constraint=models.UniqueConstraint(fields=('campaign', 'state'), name='one_target_per_state', violation_error_message='This state is a target of this campaign already.'),
        ),
    ]
