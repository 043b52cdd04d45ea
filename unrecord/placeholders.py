"""Stand-ins for next session's draft of a series, before the UN publishes it.

A campaign rolled over to next session (campaigns.services.roll_over_campaign) needs a draft to
point its thresholds at before the draft exists. The stand-in is a Resolution marked
`is_placeholder`: never decided, so no series reading, projection history or export takes it for
the UN's record (those read decided resolutions and roll calls only), and its symbol and title
say what it is. One per series and session, shared by every campaign that waits for that draft:
it names nothing but the public series and session.

When the real draft of that series and session is recorded (an import, or a record keeper's
entry), `replace_placeholders` moves every reference to the stand-in (campaigns' thresholds and
resolutions, stances) onto the real draft and deletes the stand-in. It finds the references by
the model's relations, so this layer need not know the apps above it.
"""

from django.db import models, transaction

from unrecord.models import Resolution, ResolutionSeries, Session


def next_session(session: Session) -> Session:
    """The session after `session`, in the same body: a fact known ahead (the Assembly meets
    every year), recorded bare (no dates) when the record does not hold it yet."""
    following, _ = Session.objects.get_or_create(body=session.body, number=session.number + 1)
    return following


def real_draft(*, series: ResolutionSeries, session: Session) -> Resolution | None:
    """The series' draft in `session` as the record holds it, if it does."""
    drafts = Resolution.objects.filter(series=series, session=session, is_placeholder=False)
    return drafts.order_by("adopted_symbol", "draft_symbol", "pk").first()


@transaction.atomic
def placeholder_draft(*, series: ResolutionSeries, session: Session, body=None) -> Resolution:
    """The stand-in for the series' draft in `session`: the one already made, or a new one."""
    placeholder, _ = Resolution.objects.get_or_create(
        series=series,
        session=session,
        is_placeholder=True,
        defaults={
            "draft_symbol": f"Placeholder: {session.body.code} {session.number}, series {series.pk}",
            "title": f"Next session's draft of “{series.name}” (placeholder: the UN has not published it)",
            "body": body,
        },
    )
    return placeholder


@transaction.atomic
def replace_placeholders() -> int:
    """Replace every stand-in whose real draft is now on record; how many were replaced."""
    replaced = 0
    for placeholder in Resolution.objects.filter(is_placeholder=True).select_related("series", "session"):
        real = real_draft(series=placeholder.series, session=placeholder.session)
        if placeholder.series_id and placeholder.session_id and real is not None:
            _move_references(placeholder, real)
            placeholder.delete()
            replaced += 1
    return replaced


def _move_references(placeholder: Resolution, real: Resolution) -> None:
    """Point every row that refers to `placeholder` at `real`. History rows keep what they were."""
    for relation in Resolution._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or _is_history(relation.related_model):
            continue  # forward fields, and what history recorded
        if relation.many_to_many:
            _move_links(relation.field, placeholder, real)
        elif not relation.related_model._meta.auto_created:  # a link table: moved above, as links
            name = relation.field.name
            relation.related_model._base_manager.filter(**{name: placeholder}).update(**{name: real})


def _move_links(field: models.ManyToManyField, placeholder: Resolution, real: Resolution) -> None:
    """Move the many-to-many links (a campaign's resolutions) from `placeholder` to `real`; a
    row linked to both keeps one link."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = through._base_manager.filter(**{target: placeholder})
    linked_to_real = through._base_manager.filter(**{target: real}).values(source)
    links.filter(**{f"{source}__in": linked_to_real}).delete()
    links.update(**{target: real})


def _is_history(model) -> bool:
    return hasattr(model, "pgh_tracked_model") or model._meta.app_label == "pghistory"
