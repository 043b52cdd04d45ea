"""Every constraint says in plain words what to fix (core/constraints.py): the messages only,
nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('unrecord', '0016_resolution_placeholder'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='memberstate',
            name='state_leaves_after_admission',
            constraint=models.CheckConstraint(condition=models.Q(('left_on__isnull', True), ('admitted_on__isnull', True), ('left_on__gte', models.F('admitted_on')), _connector='OR'), name='state_leaves_after_admission', violation_error_message='A state cannot leave before it was admitted: check the two dates.'),
        ),
        migrations.AlterConstraint(
            model_name='session',
            name='unique_session_number',
            constraint=models.UniqueConstraint(fields=('body', 'number'), name='unique_session_number', violation_error_message='This body has a session with this number already.'),
        ),
        migrations.AlterConstraint(
            model_name='resolution',
            name='resolution_has_a_symbol',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('draft_symbol', ''), _negated=True), models.Q(('adopted_symbol', ''), _negated=True), _connector='OR'), name='resolution_has_a_symbol', violation_error_message='Give the resolution its draft symbol or its adopted symbol.'),
        ),
        migrations.AlterConstraint(
            model_name='resolution',
            name='unique_draft_symbol',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_symbol', ''), _negated=True), fields=('draft_symbol',), name='unique_draft_symbol', violation_error_message='Another resolution has this draft symbol already.'),
        ),
        migrations.AlterConstraint(
            model_name='resolution',
            name='unique_adopted_symbol',
            constraint=models.UniqueConstraint(condition=models.Q(('adopted_symbol', ''), _negated=True), fields=('adopted_symbol',), name='unique_adopted_symbol', violation_error_message='Another resolution has this adopted symbol already.'),
        ),
        migrations.AlterConstraint(
            model_name='sponsorship',
            name='one_sponsorship_per_state',
            constraint=models.UniqueConstraint(fields=('resolution', 'state'), name='one_sponsorship_per_state', violation_error_message='This state is already listed as a sponsor of this resolution.'),
        ),
        migrations.AlterConstraint(
            model_name='sponsorship',
            name='sponsor_withdraws_after_joining',
            constraint=models.CheckConstraint(condition=models.Q(('withdrew_on__isnull', True), ('joined_on__isnull', True), ('withdrew_on__gte', models.F('joined_on')), _connector='OR'), name='sponsor_withdraws_after_joining', violation_error_message='A sponsor cannot withdraw before it joined: check the two dates.'),
        ),
        migrations.AlterConstraint(
            model_name='amendment',
            name='unique_amendment_symbol',
            constraint=models.UniqueConstraint(condition=models.Q(('symbol', ''), _negated=True), fields=('symbol',), name='unique_amendment_symbol', violation_error_message='Another amendment has this symbol already.'),
        ),
        migrations.AlterConstraint(
            model_name='voteevent',
            name='adoption_without_vote_has_no_totals',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('result', 'without_vote'), _negated=True), models.Q(('yes_count__isnull', True), ('no_count__isnull', True), ('abstain_count__isnull', True)), _connector='OR'), name='adoption_without_vote_has_no_totals', violation_error_message='Adopted without a vote: leave the yes, no and abstain totals empty.'),
        ),
        migrations.AlterConstraint(
            model_name='voteevent',
            name='unique_vote_event_source_id',
            constraint=models.UniqueConstraint(condition=models.Q(('source_id', ''), _negated=True), fields=('source_id',), name='unique_vote_event_source_id', violation_error_message='A roll call with this source id has been imported already.'),
        ),
        migrations.AlterConstraint(
            model_name='recordedvote',
            name='one_vote_per_state',
            constraint=models.UniqueConstraint(fields=('state', 'vote_event'), include=('choice',), name='one_vote_per_state', violation_error_message="This state's vote in this roll call is recorded already."),
        ),
        migrations.AlterConstraint(
            model_name='declaredintention',
            name='one_declared_intention_per_state',
            constraint=models.UniqueConstraint(fields=('vote_event', 'state'), name='one_declared_intention_per_state', violation_error_message="This state's intention for this roll call is recorded already."),
        ),
    ]
