"""A recorded vote keeps its roll call's date (RecordedVote.date), so that a state's votes come
in date order from one index, vote_by_state_and_date, which takes over from one_vote_per_state
(the key, (roll call, state), already allows one vote per state per roll call).

The vote's key to its roll call becomes (vote_event_id, date), to the roll call's (id, date),
ON UPDATE CASCADE: the database refuses a vote whose date is not its roll call's, and gives a
roll call's new date to its votes. Django knows no key of two columns: its own one-column
constraint is dropped (db_constraint=False) and this one written here, under the name
ROLL_CALL_AND_DATE_KEY."""

import django.db.models.deletion
from django.db import migrations, models

VOTES, ROLL_CALLS = "unrecord_recordedvote", "unrecord_voteevent"
ROLL_CALL_AND_DATE_KEY = "recorded_vote_roll_call_and_its_date"


class Migration(migrations.Migration):
    dependencies = [
        ("unrecord", "0020_vote_event_session_index_in_the_composite"),
    ]

    operations = [
        migrations.AddField(
            model_name="recordedvote",
            name="date",
            field=models.DateField(editable=False, help_text="The roll call's date.", null=True),
        ),
        migrations.RunSQL(
            sql=f"UPDATE {VOTES} vote SET date = roll_call.date FROM {ROLL_CALLS} roll_call "
            "WHERE roll_call.id = vote.vote_event_id",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="recordedvote",
            name="date",
            field=models.DateField(editable=False, help_text="The roll call's date."),
        ),
        migrations.RemoveConstraint(
            model_name="recordedvote",
            name="one_vote_per_state",
        ),
        migrations.AddIndex(
            model_name="recordedvote",
            index=models.Index(
                fields=["state", "date", "vote_event"], include=("choice",), name="vote_by_state_and_date"
            ),
        ),
        migrations.AlterField(
            model_name="recordedvote",
            name="vote_event",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="votes",
                to="unrecord.voteevent",
            ),
        ),
        migrations.AddConstraint(
            model_name="voteevent",
            constraint=models.UniqueConstraint(
                fields=("id", "date"),
                name="vote_event_with_its_date",
                violation_error_message="This roll call is recorded already.",
            ),
        ),
        migrations.RunSQL(
            sql=f"ALTER TABLE {VOTES} ADD CONSTRAINT {ROLL_CALL_AND_DATE_KEY} "
            f"FOREIGN KEY (vote_event_id, date) REFERENCES {ROLL_CALLS} (id, date) "
            "ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED",
            reverse_sql=f"ALTER TABLE {VOTES} DROP CONSTRAINT {ROLL_CALL_AND_DATE_KEY}",
        ),
    ]
