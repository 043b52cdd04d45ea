"""Every constraint says in plain words what to fix (core/constraints.py): the messages only,
nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advocacy', '0008_stances_belong_to_the_organization'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='followup',
            name='done_follow_up_has_completion_date',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('completed_on__isnull', False), ('status', 'done')), models.Q(('status', 'done'), _negated=True), _connector='OR'), name='done_follow_up_has_completion_date', violation_error_message='A follow-up marked done needs the date it was done.'),
        ),
        migrations.AlterConstraint(
            model_name='remindersent',
            name='one_reminder_per_user_and_day',
            constraint=models.UniqueConstraint(fields=('user', 'date'), name='one_reminder_per_user_and_day', violation_error_message="This user has had today's reminder already."),
        ),
        migrations.AlterConstraint(
            model_name='stance',
            name='meeting_evidence_names_the_meeting',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('evidence', 'meeting'), _negated=True), ('meeting__isnull', False), _connector='OR'), name='meeting_evidence_names_the_meeting', violation_error_message='A stance said at a meeting names the meeting: choose it.'),
        ),
        migrations.AlterConstraint(
            model_name='stance',
            name='vote_evidence_names_the_vote',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('evidence', 'vote'), _negated=True), ('vote_event__isnull', False), _connector='OR'), name='vote_evidence_names_the_vote', violation_error_message='A stance shown by a vote names the roll call: choose it.'),
        ),
    ]
