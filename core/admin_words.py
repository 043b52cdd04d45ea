"""What the admin says to people, shared by every model's admin (through core.admin's
PolicyAdminMixin): an empty list says what to do next; fields that only describe demo data are
hidden while no demo data is loaded; and an add form warns of records it looks like
(core/duplicates.py) before it saves, with links to them and a "save anyway"."""

from django import forms
from django.apps import apps
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from core.duplicates import look_alikes

# Marks demo data (README, "Architecture"): meaningless, and a distraction, in a real deployment.
DEMO_ONLY = "is_illustrative"
SAVE_ANYWAY = "save_anyway"


# -- demo-only fields ----------------------------------------------------------------------------
def _illustrative_tables() -> list[str]:
    return [
        model._meta.db_table
        for model in apps.get_models()
        if not hasattr(model, "pgh_tracked_model")  # the change history's copies
        and any(field.name == DEMO_ONLY for field in model._meta.concrete_fields)
    ]


def illustrative_records_exist(request) -> bool:
    """Whether any demo record is stored, asked once per request (one query)."""
    if not hasattr(request, "_illustrative_records_exist"):
        quote = connection.ops.quote_name
        tables = _illustrative_tables()
        exists = [f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {DEMO_ONLY})" for table in tables]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {' OR '.join(exists) or 'FALSE'}")
            request._illustrative_records_exist = cursor.fetchone()[0]
    return request._illustrative_records_exist


def demo_only_fields(model, request) -> frozenset[str]:
    """The demo-only fields of `model` to hide from `request`'s pages: all of them, while no
    demo record is stored."""
    has_field = any(field.name == DEMO_ONLY for field in model._meta.concrete_fields)
    if not has_field or illustrative_records_exist(request):
        return frozenset()
    return frozenset({DEMO_ONLY})


def _without(entries, hidden: frozenset[str]) -> list:
    def name(entry):
        return entry[0] if isinstance(entry, tuple | list) else entry

    return [entry for entry in entries if name(entry) not in hidden]


class AdminWordsMixin:
    """For ModelAdmins: empty lists that say what to do next, demo-only columns and filters
    hidden without demo data. (Forms: PolicyAdminMixin asks `demo_only_fields`.)"""

    # What to do first, for a list with nothing in it ("Log your first meeting.").
    empty_list_next_step: str | None = None

    @property
    def empty_list_words(self) -> str:
        return self.empty_list_next_step or f"Add the first {self.opts.verbose_name}."

    @property
    def empty_list_import_url(self) -> str | None:
        """The import page of this model, when it has one (django-import-export)."""
        try:
            return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        except NoReverseMatch:
            return None

    def get_list_display(self, request):
        return _without(super().get_list_display(request), demo_only_fields(self.model, request))

    def get_list_filter(self, request):
        return _without(super().get_list_filter(request), demo_only_fields(self.model, request))


class InlineWordsMixin:
    """For inlines: demo-only fields hidden without demo data."""

    def get_fieldsets(self, request, obj=None):
        hidden = demo_only_fields(self.model, request)
        return [
            (name, {**options, "fields": _without(options["fields"], hidden)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), *demo_only_fields(self.model, request)]


# -- look-alikes -----------------------------------------------------------------------------------
def warning_of_look_alikes(form_class, user):
    """`form_class` (an add form) refusing, once, to save a record that looks like one already
    stored: the error links to the look-alikes, and ticking "save anyway" saves it."""

    class LookAlikeForm(form_class):
        save_anyway = forms.BooleanField(required=False, label="Save anyway: it is not one of these records")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.look_alikes = []

        def _post_clean(self):
            super()._post_clean()
            if self.errors or self.cleaned_data.get(SAVE_ANYWAY):
                return
            model = self._meta.model
            self.look_alikes = look_alikes(model, user=user, record=self.instance, data=self.cleaned_data)
            if self.look_alikes:
                self.add_error(None, _warning(model, self.look_alikes))

    LookAlikeForm.__name__ = form_class.__name__
    return LookAlikeForm


def _warning(model, records) -> str:
    links = format_html_join(", ", '<a href="{}" target="_blank" rel="noopener">{}</a>', _links(records))
    return format_html(
        "This looks like {} already recorded: {}. Check it is not the same; if it is not, tick "
        '"Save anyway" and save again.',
        _one_or_more(model, len(records)),
        links,
    )


def _links(records):
    for record in records:
        opts = record._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]), str(record)


def _one_or_more(model, count: int) -> str:
    opts = model._meta
    return f"a {opts.verbose_name}" if count == 1 else f"{count} {opts.verbose_name_plural}"
