"""Admin building blocks shared by every app: the access policy applied to every part of a model's
admin (lists, pages, inlines, choices, filters, lookups, history, exports), writes through the
model's services, saves refused when someone else changed the record meanwhile, and CSV export."""

import csv

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import display_for_field, display_for_value, label_for_field, lookup_field
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import BooleanField
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponse
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.text import capfirst, slugify

from core.access import policy_for
from core.admin_history import HistoryAdminMixin
from core.admin_words import (
    SAVE_ANYWAY,
    AdminWordsMixin,
    InlineWordsMixin,
    demo_only_fields,
    warning_of_look_alikes,
)
from core.dates import LocaleDatesMixin
from core.services import writes_for
from core.spreadsheets import spreadsheet_safe
from core.versions import version_of_page

# The hidden field of a change form that says which version of the page it was opened at.
OPENED_VERSION = "_version"
STALE_EDIT = (
    "Someone else changed this record since you opened it, and nothing you entered here was saved: "
    "saving would have overwritten their change. Reload the page to see their change, then make "
    "yours again."
)


@admin.action(description="Export selected as CSV")
def export_as_csv(modeladmin, request, queryset):
    """Export what the list shows, through the admin's own display logic, so that a column
    that hides something on screen (a protected identity) hides it in the file too. Cells are
    values, not the list's HTML, and safe to open in a spreadsheet."""
    columns = [name for name in modeladmin.get_list_display(request) if name != "action_checkbox"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = slugify(modeladmin.opts.verbose_name_plural)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerow([_column_label(modeladmin, name) for name in columns])
    for obj in queryset:
        writer.writerow([spreadsheet_safe(_cell(modeladmin, obj, name)) for name in columns])
    return response


def _column_label(modeladmin, name) -> str:
    return capfirst(str(label_for_field(name, modeladmin.model, modeladmin)))


def _cell(modeladmin, obj, name) -> str:
    field, attr, value = lookup_field(name, obj, modeladmin)
    if isinstance(value, bool) or getattr(attr, "boolean", False) or isinstance(field, BooleanField):
        return {True: "yes", False: "no"}.get(value, "")  # the list shows an icon, as HTML
    shown = display_for_field(value, field, "") if field is not None else display_for_value(value, "")
    # What the admin renders as HTML (a link, an icon) is written as its text; what a user typed
    # is written as typed, angle brackets and all.
    return strip_tags(shown) if isinstance(shown, SafeData) else str(shown)


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter on a relation that offers only the related rows the user may see."""

    def field_choices(self, field, request, model_admin):
        visible = policy_for(field.related_model).scope(request.user).values("pk")
        return field.get_choices(include_blank=False, limit_choices_to={"pk__in": visible}, ordering=())


class ScopedRelatedOnlyFieldListFilter(admin.RelatedOnlyFieldListFilter):
    """The related rows the listed records point at, among those the user may see: a partner's
    shared meeting may be filed under the owner's unshared campaign, whose name is not theirs."""

    def field_choices(self, field, request, model_admin):
        listed = model_admin.get_queryset(request).distinct().values_list(f"{self.field_path}__pk", flat=True)
        visible = policy_for(field.related_model).scope(request.user).filter(pk__in=listed).values("pk")
        return field.get_choices(include_blank=False, limit_choices_to={"pk__in": visible}, ordering=())


class _ValidIdsOnly:
    """A value the form refused (text where an id goes) is not looked up when the page is shown
    again with its errors: Django's autocomplete widget would filter the ids by it, and fail."""

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta.pk
        return super().optgroups(name, [item for item in value if _is_id(target, item)], attr)


class SafeAutocompleteSelect(_ValidIdsOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidIdsOnly, AutocompleteSelectMultiple):
    pass


def _is_id(field, value) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class LinkableChoicesMixin:
    """A form's choice of a related record offers only what the user may link to."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _linkable_choices(formfield, db_field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _linkable_choices(formfield, db_field, request)


class PolicyAdminMixin(AdminWordsMixin, LocaleDatesMixin, LinkableChoicesMixin, HistoryAdminMixin):
    """Asks the model's access policy (core/access.py) everywhere the admin decides something,
    and saves through the model's services (core/services.py): lists and lookups show what the
    user may see; pages hide the fields they may not see and lock those they may not change;
    choices offer only what they may link to; only the filters the admin declares may be used
    in its URLs."""

    actions = [export_as_csv]
    # Unfold's hook inside the change form: where the hidden field with the opened version goes.
    change_form_before_template = "admin/plenary_opened_version.html"

    # -- what the user may see ---------------------------------------------------------------
    def get_queryset(self, request):
        return policy_for(self.model).scope(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        # A record reaches a page only through get_queryset, which the policy has scoped.
        policy = policy_for(self.model)
        return policy.may(request.user, "view") or self.has_change_permission(request, obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return policy_for(self.model).can_add(request.user)

    def has_change_permission(self, request, obj=None):
        policy = policy_for(self.model)
        return policy.may(request.user, "change") if obj is None else policy.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        policy = policy_for(self.model)
        return policy.may(request.user, "delete") if obj is None else policy.can_delete(request.user, obj)

    # -- fields --------------------------------------------------------------------------------
    def get_fields(self, request, obj=None):
        # The opened version and "save anyway" are the form's own fields, not the model's: they
        # go in no fieldset.
        return [
            name for name in super().get_fields(request, obj) if name not in (OPENED_VERSION, SAVE_ANYWAY)
        ]

    def get_exclude(self, request, obj=None):
        unshown = _unshown(self.model, request.user, obj) | demo_only_fields(self.model, request)
        return [*(super().get_exclude(request, obj) or []), *sorted(unshown)]

    def get_readonly_fields(self, request, obj=None):
        locked = policy_for(self.model).locked_fields(request.user, obj)
        return [*super().get_readonly_fields(request, obj), *sorted(locked)]

    def get_fieldsets(self, request, obj=None):
        hidden = _unshown(self.model, request.user, obj) | demo_only_fields(self.model, request)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_search_results(self, request, queryset, search_term):
        # The autocomplete behind a form's choice offers what the user may link to, not all
        # they may see (a partner's shared campaign is seen, never filed under).
        if getattr(request.resolver_match, "url_name", None) == "autocomplete":
            queryset = policy_for(self.model).linkable(request.user, queryset)
        return super().get_search_results(request, queryset, search_term)

    # -- lists ---------------------------------------------------------------------------------
    def get_list_filter(self, request):
        return [_scoped_filter(self.model, entry) for entry in super().get_list_filter(request)]

    def lookup_allowed(self, lookup, value, request=None):
        """Only the filters this admin declares (and its date hierarchy) may be used in its URLs:
        never a lookup on a field the user may not see, spelled out letter by letter."""
        declared = [*_filter_paths(self.list_filter), *([self.date_hierarchy] if self.date_hierarchy else [])]
        if not any(lookup == path or lookup.startswith(path + LOOKUP_SEP) for path in declared):
            return False
        return super().lookup_allowed(lookup, value, request)

    # -- writes go through the model's services, on the version the editor opened ----------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = _checked_by_services(
            super().get_form(request, obj, change=change, **kwargs), request.user
        )
        if obj is None:  # an add: warn of records it looks like (core/duplicates.py)
            form_class = warning_of_look_alikes(form_class, request.user)
        return _refusing_stale_saves(
            form_class, lambda record, lock: self.page_version(request, record, lock=lock)
        )

    def page_version(self, request, record, *, lock: bool = False) -> str | None:
        """The version of what the change page of `record` shows `request`'s user: the record and
        the rows of its inlines, which the page saves with it."""
        rows = [
            _inline_rows(inline, request, record) for inline in self.get_inline_instances(request, record)
        ]
        return version_of_page(record, rows, lock=lock)

    def save_model(self, request, obj, form, change):
        writes_for(self.model).save(author=request.user, record=obj, data=_form_data(form, self.model))

    def save_related(self, request, form, formsets, change):
        # The many-to-many values were saved with the record by its service.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # sorts the rows into new, changed and deleted (for the log)
        writes = writes_for(formset.model)
        for row in formset.deleted_objects:
            writes.delete(author=request.user, record=row)
        saved = {id(row) for row in formset.new_objects} | {id(row) for row, _ in formset.changed_objects}
        for row_form in formset.forms:
            if id(row_form.instance) in saved:
                data = _form_data(row_form, formset.model) | {formset.fk.name: formset.instance}
                writes.save(author=request.user, record=row_form.instance, data=data)

    def delete_model(self, request, obj):
        writes_for(self.model).delete(author=request.user, record=obj)

    def delete_queryset(self, request, queryset):
        writes = writes_for(self.model)
        for obj in queryset:
            writes.delete(author=request.user, record=obj)


class PolicyInlineMixin(InlineWordsMixin, LocaleDatesMixin, LinkableChoicesMixin):
    """Inline rows follow their own model's policy for what is listed (a partner is not shown
    the owner's unshared follow-ups under a shared meeting) and the parent's for what is written."""

    def get_queryset(self, request):
        return policy_for(self.model).scope(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        return policy_for(self.model).may(request.user, "view")

    def has_add_permission(self, request, obj=None):
        return policy_for(self.model).may(request.user, "add") and self._holds_parent(request, obj)

    def has_change_permission(self, request, obj=None):
        return policy_for(self.model).may(request.user, "change") and self._holds_parent(request, obj)

    def has_delete_permission(self, request, obj=None):
        return policy_for(self.model).may(request.user, "delete") and self._holds_parent(request, obj)

    def _holds_parent(self, request, obj) -> bool:
        return obj is None or policy_for(obj).holds(request.user, obj)

    def get_exclude(self, request, obj=None):
        locked = policy_for(self.model).locked_fields(request.user)
        return [*(super().get_exclude(request, obj) or []), *sorted(locked)]


def _unshown(model, user, obj) -> frozenset[str]:
    policy = policy_for(model)
    return policy.hidden_fields(user, obj) | policy.unseen_links(user, obj)


def _checked_by_services(form_class, author):
    """`form_class`, validated by the model's services as well as its own fields: a rule of the
    service (the co-sponsor an event at Headquarters needs) is an error beside the field."""

    class CheckedForm(form_class):
        def _post_clean(self):
            super()._post_clean()
            if self.errors:
                return
            model = self._meta.model
            try:
                writes_for(model).check(author=author, record=self.instance, data=_form_data(self, model))
            except ValidationError as error:
                self._update_errors(_on_shown_fields(error, self.fields))

    CheckedForm.__name__ = form_class.__name__
    return CheckedForm


class _OpenedVersionField(forms.CharField):
    """The version a change form was opened at, sent back unseen: never itself a change of the
    record (the change message and the history leave it out)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


def _refusing_stale_saves(form_class, page_version):
    """`form_class`, carrying the version of the page it was opened at, and refusing to save when
    the page's version is another by then: the second of two editors would otherwise overwrite the
    first's change, in the record or in its inlines, without either knowing."""

    class VersionedForm(form_class):
        _version = _OpenedVersionField(required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk is not None and not self.is_bound:
                self.initial[OPENED_VERSION] = page_version(self.instance, lock=False)

        @property
        def opened_version(self):
            return self[OPENED_VERSION]  # for the template: its variables may not start with "_"

        def clean(self):
            cleaned = super().clean()
            opened = cleaned.get(OPENED_VERSION)
            # The admin saves in one transaction: the rows stay locked from here until it commits.
            # A form sent without the field (a script) is saved as before; a new record has none.
            if opened and self.instance.pk is not None and page_version(self.instance, lock=True) != opened:
                raise ValidationError(STALE_EDIT, code="stale")
            return cleaned

    VersionedForm.__name__ = form_class.__name__
    return VersionedForm


def _inline_rows(inline, request, record):
    """The rows an inline shows under `record`: those of its own queryset under that parent."""
    parent_link = inline.get_formset(request, record).fk.name
    return inline.get_queryset(request).filter(**{parent_link: record})


def _on_shown_fields(error: ValidationError, fields) -> ValidationError:
    """An error about a field the form does not show is said about the form as a whole."""
    if not hasattr(error, "error_dict"):
        return error
    shown = {}
    for name, errors in error.error_dict.items():
        shown.setdefault(name if name in fields else NON_FIELD_ERRORS, []).extend(errors)
    return ValidationError(shown)


def _linkable_choices(formfield, db_field, request):
    if formfield is not None and hasattr(formfield, "queryset"):
        formfield.queryset = policy_for(db_field.related_model).linkable(request.user, formfield.queryset)
    return formfield


def _form_data(form, model) -> dict:
    """What a model form sets on its record: its fields that are the model's own. Not its id: an
    inline row's form has one, cleaned to the row itself, to say which row it is."""
    names = {
        f.name for f in model._meta.get_fields() if (f.concrete and not f.auto_created) or f.many_to_many
    }
    return {name: value for name, value in form.cleaned_data.items() if name in names and name in form.fields}


def _filter_paths(list_filter) -> list[str]:
    """The query parameters the admin's declared filters use: a field path, or the parameter
    of a filter class of its own."""
    paths = []
    for entry in list_filter:
        name = entry[0] if isinstance(entry, tuple) else entry
        paths.append(name if isinstance(name, str) else name.parameter_name)
    return paths


def _scoped_filter(model, entry):
    """A relation named in list_filter lists only the related rows the user may see."""
    if isinstance(entry, tuple) and entry[1] is admin.RelatedOnlyFieldListFilter:
        return (entry[0], ScopedRelatedOnlyFieldListFilter)
    if not isinstance(entry, str) or LOOKUP_SEP in entry:
        return entry
    field = model._meta.get_field(entry)
    return (entry, ScopedRelatedFieldListFilter) if field.is_relation else entry
