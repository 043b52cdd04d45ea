"""Stances belong to the organization that records them and are about a resolution or a series,
not a campaign: one stance serves every campaign of the organization on that resolution. A
meeting's single "stance expressed" becomes one stance per state met. (Issue 14.)

Existing stances take their campaign's owner and sharing; one without a resolution takes the
campaign's series, else its latest resolution. A campaign with neither leaves its stances without
a subject: the migration stops and names those campaigns rather than delete anything (give them a
series or a resolution, then migrate again). A meeting's stance expressed becomes a stance of each
state met on each resolution of the meeting, else on each of its campaigns' subjects, unless that
state's stance was recorded at the meeting already; where no stance can be made (no state or no
subject), the words are kept in the meeting's summary.

Backwards, each stance goes to every campaign of its organization on its subject (a copy each;
one that serves none is dropped), and a meeting's stance expressed is the position of its first
stance: lossy, but a working schema again.
"""

import django.db.models.deletion
import django.utils.timezone
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, Q

MEETING = "meeting"


def _latest_resolution(campaign):
    return campaign.resolutions.order_by(
        F("session__number").desc(nulls_last=True), F("adopted_on").desc(nulls_last=True), "-id"
    ).first()


def _subject_of_campaign(campaign) -> tuple:
    if campaign.series_id is not None:
        return (None, campaign.series_id)
    latest = _latest_resolution(campaign)
    return (latest.pk, None) if latest else (None, None)


def stances_of_the_organization(apps, schema_editor):
    Stance = apps.get_model("advocacy", "Stance")
    without_subject = set()
    for stance in Stance.objects.select_related("campaign").order_by("pk").iterator():
        campaign = stance.campaign
        stance.owner_id = campaign.owner_id
        stance.shared_with_partners = campaign.shared_with_partners
        if stance.resolution_id is None:
            stance.resolution_id, stance.series_id = _subject_of_campaign(campaign)
        if stance.resolution_id is None and stance.series_id is None:
            without_subject.add(f"{campaign.name} (id {campaign.pk})")
        stance.save(update_fields=["owner", "shared_with_partners", "resolution", "series"])
    if without_subject:
        raise RuntimeError(
            "These campaigns have stances but no series and no resolution, so their stances would be "
            f"about nothing: {', '.join(sorted(without_subject))}. Give each a series or a resolution "
            "(or delete those stances), then migrate again."
        )


def _campaigns_on(Campaign, stance):
    subject = Q(pk__in=[])
    if stance.resolution_id is not None:
        subject |= Q(resolutions=stance.resolution_id)
        if stance.resolution.series_id is not None:
            subject |= Q(series_id=stance.resolution.series_id)
    if stance.series_id is not None:
        subject |= Q(series_id=stance.series_id) | Q(resolutions__series_id=stance.series_id)
    return list(Campaign.objects.filter(subject, owner_id=stance.owner_id).distinct().order_by("pk"))


def stances_back_to_campaigns(apps, schema_editor):
    Stance = apps.get_model("advocacy", "Stance")
    Campaign = apps.get_model("campaigns", "Campaign")
    for stance in Stance.objects.select_related("resolution").order_by("pk"):
        campaigns = _campaigns_on(Campaign, stance)
        if not campaigns:
            stance.delete()
            continue
        stance.campaign = campaigns[0]
        stance.save(update_fields=["campaign"])
        for campaign in campaigns[1:]:
            stance.pk = None
            stance.campaign = campaign
            stance.save()


def _meeting_subjects(meeting) -> list[tuple]:
    resolutions = [(resolution.pk, None) for resolution in meeting.resolutions.order_by("pk")]
    if resolutions:
        return resolutions
    subjects = []
    for campaign in meeting.campaigns.order_by("pk"):
        subject = _subject_of_campaign(campaign)
        if subject != (None, None) and subject not in subjects:
            subjects.append(subject)
    return subjects


def stances_from_meetings(apps, schema_editor):
    Meeting = apps.get_model("advocacy", "Meeting")
    Stance = apps.get_model("advocacy", "Stance")
    labels = dict(Meeting._meta.get_field("stance_expressed").choices)
    for meeting in Meeting.objects.exclude(stance_expressed="").order_by("pk").iterator():
        states, subjects = list(meeting.states.order_by("pk")), _meeting_subjects(meeting)
        if not states or not subjects:
            said = labels.get(meeting.stance_expressed, meeting.stance_expressed)
            meeting.summary = "\n\n".join(filter(None, [meeting.summary, f"What they told us: {said}."]))
            meeting.save(update_fields=["summary"])
            continue
        recorded = set(Stance.objects.filter(meeting=meeting).values_list("state_id", flat=True))
        for state in states:
            if state.pk in recorded:
                continue
            for resolution_id, series_id in subjects:
                Stance.objects.create(
                    owner_id=meeting.owner_id,
                    shared_with_partners=meeting.shared_with_partners,
                    is_illustrative=meeting.is_illustrative,
                    state=state,
                    resolution_id=resolution_id,
                    series_id=series_id,
                    position=meeting.stance_expressed,
                    as_of=meeting.date,
                    evidence=MEETING,
                    meeting=meeting,
                )


def stance_expressed_from_stances(apps, schema_editor):
    Meeting = apps.get_model("advocacy", "Meeting")
    Stance = apps.get_model("advocacy", "Stance")
    for meeting in Meeting.objects.filter(stances__isnull=False).distinct():
        first = Stance.objects.filter(meeting=meeting).order_by("pk").first()
        meeting.stance_expressed = first.position
        meeting.save(update_fields=["stance_expressed"])


# History rows of a stance take the owner of the campaign they were recorded under (or of the
# stance's campaign); a row whose campaign and stance are both gone belongs to nobody and goes.
EVENT_OWNERS = """
UPDATE advocacy_stanceevent e SET owner_id = c.owner_id
  FROM campaigns_campaign c WHERE c.id = e.campaign_id;
UPDATE advocacy_stanceevent e SET owner_id = c.owner_id
  FROM advocacy_stance s JOIN campaigns_campaign c ON c.id = s.campaign_id
  WHERE e.owner_id IS NULL AND s.id = e.pgh_obj_id;
DELETE FROM advocacy_stanceevent WHERE owner_id IS NULL;
"""
IMMEDIATE = "SET CONSTRAINTS ALL IMMEDIATE"
EVENT_CAMPAIGNS = """
UPDATE advocacy_stanceevent e SET campaign_id = s.campaign_id
  FROM advocacy_stance s WHERE s.id = e.pgh_obj_id;
DELETE FROM advocacy_stanceevent WHERE campaign_id IS NULL;
"""


def _owner(**kwargs):
    return models.ForeignKey(
        help_text="The organization this record belongs to.",
        related_name="+",
        to="directory.organization",
        **kwargs,
    )


def _event_owner(**kwargs):
    return _owner(
        db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_query_name="+", **kwargs
    )


SERIES_HELP = "The recurring resolution it is about, whichever year's text is voted on."
SHARED_HELP = "Partner organizations may read it (never change it)."
ILLUSTRATIVE_HELP = "Invented for the demo, not from a source: shown as illustrative."


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0007_stance_vote_event_protected"),
        ("campaigns", "0002_initial"),
        ("directory", "0006_protected_people_keep_no_earlier_name"),
        ("unrecord", "0014_record_keepers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # No history is written while the rows move: the triggers come back at the end.
        *[
            pgtrigger.migrations.RemoveTrigger(model_name=model, name=name)
            for model in ("meeting", "stance")
            for name in ("insert_insert", "update_update", "delete_delete")
        ],
        migrations.AddField(
            model_name="stance",
            name="owner",
            field=_owner(null=True, on_delete=django.db.models.deletion.PROTECT),
        ),
        migrations.AddField(
            model_name="stanceevent",
            name="owner",
            field=_event_owner(null=True),
        ),
        migrations.AddField(
            model_name="stance",
            name="series",
            field=models.ForeignKey(
                blank=True,
                help_text=SERIES_HELP,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="stances",
                to="unrecord.resolutionseries",
            ),
        ),
        migrations.AddField(
            model_name="stanceevent",
            name="series",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=SERIES_HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="unrecord.resolutionseries",
            ),
        ),
        *[
            operation
            for model in ("stance", "stanceevent")
            for operation in (
                migrations.AddField(
                    model_name=model,
                    name="shared_with_partners",
                    field=models.BooleanField(default=False, help_text=SHARED_HELP),
                ),
                migrations.AddField(
                    model_name=model,
                    name="created_at",
                    field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=model, name="updated_at", field=models.DateTimeField(auto_now=True)
                ),
            )
        ],
        # Nullable for a moment, so that going backwards can fill it again before it is required.
        migrations.AlterField(
            model_name="stance",
            name="campaign",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="stances",
                to="campaigns.campaign",
            ),
        ),
        migrations.AlterField(
            model_name="stanceevent",
            name="campaign",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="campaigns.campaign",
            ),
        ),
        # Deferred foreign-key checks of the rows moved must be done before a table is altered
        # again in this transaction (PostgreSQL refuses otherwise), both ways.
        migrations.RunSQL(IMMEDIATE, IMMEDIATE),
        migrations.RunSQL(EVENT_OWNERS, EVENT_CAMPAIGNS),
        migrations.RunPython(stances_of_the_organization, stances_back_to_campaigns),
        migrations.RunPython(stances_from_meetings, stance_expressed_from_stances),
        migrations.RunSQL(IMMEDIATE, IMMEDIATE),
        migrations.RemoveField(model_name="meeting", name="stance_expressed"),
        migrations.RemoveField(model_name="meetingevent", name="stance_expressed"),
        migrations.RemoveField(model_name="stance", name="campaign"),
        migrations.RemoveField(model_name="stanceevent", name="campaign"),
        migrations.AlterField(
            model_name="stance",
            name="owner",
            field=_owner(on_delete=django.db.models.deletion.PROTECT),
        ),
        migrations.AlterField(
            model_name="stanceevent",
            name="owner",
            field=_event_owner(),
        ),
        migrations.AlterModelOptions(
            name="stance",
            options={"ordering": ["state__common_name", "-as_of", "-id"]},
        ),
        migrations.AlterField(
            model_name="stance",
            name="is_illustrative",
            field=models.BooleanField(default=False, help_text=ILLUSTRATIVE_HELP),
        ),
        migrations.AlterField(
            model_name="stanceevent",
            name="is_illustrative",
            field=models.BooleanField(default=False, help_text=ILLUSTRATIVE_HELP),
        ),
        migrations.AlterField(
            model_name="stance",
            name="resolution",
            field=models.ForeignKey(
                blank=True,
                help_text="The resolution it is about; or name its series instead.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="stances",
                to="unrecord.resolution",
            ),
        ),
        migrations.AlterField(
            model_name="stanceevent",
            name="resolution",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The resolution it is about; or name its series instead.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="unrecord.resolution",
            ),
        ),
        migrations.AddConstraint(
            model_name="stance",
            constraint=models.CheckConstraint(
                condition=models.Q(("resolution__isnull", False), ("series__isnull", False), _connector="OR"),
                name="stance_names_a_resolution_or_series",
                violation_error_message="Name the resolution or the series this stance is about.",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="meeting",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "advocacy_meetingevent" ("ask", "commitments", "confidential_notes", "created_at", "date", "id", "is_illustrative", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "shared_with_partners", "summary", "updated_at") VALUES (NEW."ask", NEW."commitments", NEW."confidential_notes", NEW."created_at", NEW."date", NEW."id", NEW."is_illustrative", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."place", NEW."shared_with_partners", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="f1b0a39b4d52372e0c9973f9ab4edd83c53ec8a8",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_5b060",
                    table="advocacy_meeting",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="meeting",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "advocacy_meetingevent" ("ask", "commitments", "confidential_notes", "created_at", "date", "id", "is_illustrative", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "shared_with_partners", "summary", "updated_at") VALUES (NEW."ask", NEW."commitments", NEW."confidential_notes", NEW."created_at", NEW."date", NEW."id", NEW."is_illustrative", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."place", NEW."shared_with_partners", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="25e36c2eeea338ec717f00af9335d18ac0cba5cf",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_0b625",
                    table="advocacy_meeting",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="meeting",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "advocacy_meetingevent" ("ask", "commitments", "confidential_notes", "created_at", "date", "id", "is_illustrative", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "shared_with_partners", "summary", "updated_at") VALUES (OLD."ask", OLD."commitments", OLD."confidential_notes", OLD."created_at", OLD."date", OLD."id", OLD."is_illustrative", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."place", OLD."shared_with_partners", OLD."summary", OLD."updated_at"); RETURN NULL;',
                    hash="db21decc9dbb5f99e496f9df3f620bc6a0418f08",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_4076f",
                    table="advocacy_meeting",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="stance",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "advocacy_stanceevent" ("as_of", "confidence", "created_at", "evidence", "id", "is_illustrative", "meeting_id", "note", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "recorded_by_id", "resolution_id", "series_id", "shared_with_partners", "source_url", "state_id", "updated_at", "vote_event_id") VALUES (NEW."as_of", NEW."confidence", NEW."created_at", NEW."evidence", NEW."id", NEW."is_illustrative", NEW."meeting_id", NEW."note", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."position", NEW."recorded_by_id", NEW."resolution_id", NEW."series_id", NEW."shared_with_partners", NEW."source_url", NEW."state_id", NEW."updated_at", NEW."vote_event_id"); RETURN NULL;',
                    hash="15b3eb80fb6f55ca47ddbe04f11fdd77bed89297",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_e7a00",
                    table="advocacy_stance",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="stance",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "advocacy_stanceevent" ("as_of", "confidence", "created_at", "evidence", "id", "is_illustrative", "meeting_id", "note", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "recorded_by_id", "resolution_id", "series_id", "shared_with_partners", "source_url", "state_id", "updated_at", "vote_event_id") VALUES (NEW."as_of", NEW."confidence", NEW."created_at", NEW."evidence", NEW."id", NEW."is_illustrative", NEW."meeting_id", NEW."note", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."position", NEW."recorded_by_id", NEW."resolution_id", NEW."series_id", NEW."shared_with_partners", NEW."source_url", NEW."state_id", NEW."updated_at", NEW."vote_event_id"); RETURN NULL;',
                    hash="44ae89f70ee1928bdea720581577fac0d96ab185",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_671d8",
                    table="advocacy_stance",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="stance",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "advocacy_stanceevent" ("as_of", "confidence", "created_at", "evidence", "id", "is_illustrative", "meeting_id", "note", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "recorded_by_id", "resolution_id", "series_id", "shared_with_partners", "source_url", "state_id", "updated_at", "vote_event_id") VALUES (OLD."as_of", OLD."confidence", OLD."created_at", OLD."evidence", OLD."id", OLD."is_illustrative", OLD."meeting_id", OLD."note", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."position", OLD."recorded_by_id", OLD."resolution_id", OLD."series_id", OLD."shared_with_partners", OLD."source_url", OLD."state_id", OLD."updated_at", OLD."vote_event_id"); RETURN NULL;',
                    hash="810bea9c911d6bc3438c8ea0a10fde4b852c57f1",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_e396f",
                    table="advocacy_stance",
                    when="AFTER",
                ),
            ),
        ),
    ]
