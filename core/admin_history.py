"""The admin's History page, from the change history PostgreSQL triggers record (pghistory),
showing each reader only what the access policy lets them see: rows of others left out, fields
the record's own page hides left out, identities only to the organization that holds them."""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from pghistory import core as pghistory_core
from pghistory.models import Events

from core.access import policy_for
from core.history_names import name_changes
from core.sealed import sealed_columns, unseal


def history_models_of(model, inline_models=()) -> list:
    """The tracked models whose events make up the history of one `model` row: the row itself,
    its many-to-many tables and the child rows edited with it."""
    through = [field.remote_field.through for field in model._meta.many_to_many]
    return [model, *through, *inline_models]


def events_of(obj, inline_models=()):
    """Events of `obj` and of the rows edited with it. Other referencing rows (another
    organization's stance on a state, say) are left out: they are not this record's history."""
    tracked = set(history_models_of(type(obj), inline_models))
    event_models = [
        event_model
        for event_model in pghistory_core.event_models(references_model=type(obj))
        if event_model.pgh_tracked_model in tracked
    ]
    if not event_models:
        return Events.objects.none()
    return Events.objects.references(obj).across(*event_models).order_by("-pgh_created_at")


def readable_events(user, obj, events) -> list:
    """`events` of `obj`'s history as `user` may read them: events of rows they may not see are
    dropped, and fields they may not see are taken out of what each event shows."""
    readable = []
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        if model._meta.auto_created:  # a many-to-many table of obj's: ids only, seen with obj
            readable.append(event)
            continue
        policy = policy_for(model)
        version = _version(model, event.pgh_data or {})
        if not policy.can_view_version(user, version):
            continue
        _unseal(model, event)
        hidden = {model._meta.get_field(name).column for name in policy.hidden_in_history(user, obj, version)}
        event.pgh_data = _without(event.pgh_data, hidden)
        event.pgh_diff = _without(event.pgh_diff, hidden)
        readable.append(event)
    return readable


def _unseal(model, event) -> None:
    """Open the sealed values an event holds (core/sealed.py): the aggregate event query reads the
    history tables' columns as stored. Each sealing differs, so a sealed field shows as changed
    only when its text did."""
    columns = sealed_columns(model)
    if not columns or not event.pgh_data:
        return
    opened = {column: unseal(event.pgh_data[column]) for column in columns if event.pgh_data.get(column)}
    event.pgh_data = {**event.pgh_data, **opened}
    diff = dict(event.pgh_diff or {})
    for column in set(columns) & set(diff):
        before, after = (None if value is None else unseal(value) for value in diff[column])
        if before == after:
            del diff[column]
        else:
            diff[column] = [before, after]
    event.pgh_diff = diff if event.pgh_diff is not None else None


def _version(model, data: dict):
    """A row as an event recorded it, as an unsaved instance the policy can judge."""
    return model(**{f.attname: data[f.column] for f in model._meta.concrete_fields if f.column in data})


def _without(values: dict | None, hidden: set[str]) -> dict | None:
    if not values or not hidden:
        return values
    return {name: value for name, value in values.items() if name not in hidden}


def _with_users(events: list) -> list:
    user_ids = {(e.pgh_context or {}).get("user") for e in events} - {None}
    users = get_user_model().objects.in_bulk(user_ids)
    for event in events:
        context = event.pgh_context or {}
        event.actor = users.get(context.get("user"))
        event.url = context.get("url", "")
    return events


class HistoryAdminMixin:
    """Replaces the admin's "History" page with the database-recorded change history."""

    object_history_template = "admin/plenary_object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with id {object_id} that you may see.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        inline_models = [inline.model for inline in self.inlines]
        events = readable_events(request.user, obj, events_of(obj, inline_models)[:500])
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change history: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "events": name_changes(request.user, _with_users(events)),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)
