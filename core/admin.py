"""Admin building blocks shared by every app: change history from pghistory, CSV export."""

import csv

from django.contrib import admin
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    label_for_field,
    lookup_field,
    unquote,
)
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import capfirst, slugify
from pghistory import core as pghistory_core
from pghistory.models import Events


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
        events = _with_users(list(events_of(obj, inline_models)[:500]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change history: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "events": events,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)


@admin.action(description="Export selected as CSV")
def export_as_csv(modeladmin, request, queryset):
    """Export what the list shows, through the admin's own display logic, so that a column
    that hides something on screen (a protected identity) hides it in the file too."""
    columns = [name for name in modeladmin.get_list_display(request) if name != "action_checkbox"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = slugify(modeladmin.opts.verbose_name_plural)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerow([_column_label(modeladmin, name) for name in columns])
    for obj in queryset:
        writer.writerow([_cell(modeladmin, obj, name) for name in columns])
    return response


def _column_label(modeladmin, name) -> str:
    return capfirst(str(label_for_field(name, modeladmin.model, modeladmin)))


def _cell(modeladmin, obj, name) -> str:
    field, attr, value = lookup_field(name, obj, modeladmin)
    if field is not None:
        text = display_for_field(value, field, "")
    else:
        text = display_for_value(value, "", boolean=getattr(attr, "boolean", False))
    return str(text)
