"""The Resolution admin's "Add sponsors from text" page: paste a draft's sponsor list as the UN
prints it (an L-document's, an addendum's, an oral revision's, a withdrawal), preview the states
that join or withdraw and every problem by line, and save it through
`unrecord.services.record_sponsors` once the preview is clean. Saving reads the text again: a
preview is never trusted. Only users the policy lets change sponsorships see the page."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from unfold.decorators import action
from unfold.widgets import (
    UnfoldAdminSelectWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
)

from core.access import policy_for
from core.dates import LocaleDateField, LocaleDateWidget
from unrecord.models import Sponsorship
from unrecord.services import record_sponsors
from unrecord.sponsor_changes import Kind, preview_sponsors
from unrecord.sponsor_text import MAX_TEXT

TEMPLATE = "admin/unrecord/resolution/sponsors_from_text.html"


class SponsorTextForm(forms.Form):
    text = forms.CharField(
        max_length=MAX_TEXT,
        strip=False,
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 14}),
        help_text="As the UN prints it: “Albania, …: draft resolution”; “The following countries "
        "have become sponsors of the draft resolution: …”; “X and Y joined the sponsors”; “X withdrew "
        "as a sponsor”.",
    )
    date = LocaleDateField(widget=LocaleDateWidget, help_text="Day of the document or meeting.")
    kind = forms.ChoiceField(choices=Kind.choices, widget=UnfoldAdminSelectWidget)
    document = forms.CharField(
        required=False,
        max_length=60,
        widget=UnfoldAdminTextInputWidget,
        help_text="The document's symbol; an addendum's (A/C.3/69/L.28/Add.1) is recorded as a revision.",
    )


class SponsorTextAdminMixin:
    """For the Resolution admin: the button on a draft's page, and the page it opens."""

    actions_detail = ["add_sponsors_from_text"]

    def has_add_sponsors_from_text_permission(self, request, object_id=None) -> bool:
        return policy_for(Sponsorship).can_add(request.user)  # record keepers only

    @action(
        description="Add sponsors from text",
        url_path="sponsors-from-text",
        permissions=["add_sponsors_from_text"],
    )
    def add_sponsors_from_text(self, request, object_id):
        resolution = self.get_object(request, unquote(object_id))
        if resolution is None:
            raise Http404(f"No resolution with id {object_id}.")
        form = SponsorTextForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            fields = {"resolution": resolution, **form.cleaned_data}
            if "_save" in request.POST:
                saved = self._save(request, form, fields)
                if saved is not None:
                    return saved
            else:
                preview = preview_sponsors(**fields)
                _show_errors(form, preview.field_errors)  # the text's problems show in the preview
        context = {
            **self.admin_site.each_context(request),
            "title": f"Add sponsors from text: {resolution}",
            "opts": self.opts,
            "original": resolution,
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(request, TEMPLATE, context)

    def _save(self, request, form, fields):
        try:
            result = record_sponsors(author=request.user, **fields)
        except ValidationError as error:
            _show_errors(form, error.message_dict)
            return None
        changed = sum(1 for change in result.changes if change.changes_anything)
        message = f"{changed} sponsorships of {result.resolution} saved from the text."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:unrecord_resolution_change", args=[result.resolution.pk]))


def _show_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    for name, messages_of_field in errors.items():
        for message in messages_of_field:
            form.add_error(name if name in form.fields else None, message)
