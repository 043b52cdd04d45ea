"""The admin's "Record a vote from text" page, on the vote events' list: paste a roll call as the UN
prints it, preview every state's vote in four columns with the declared intentions and any problem
by line, then save it through `unrecord.services.record_pasted_vote`. Saving parses the text sent
with the form again: a preview is never trusted."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from unfold.admin import TabularInline
from unfold.decorators import action
from unfold.widgets import (
    UnfoldAdminSelectWidget,
    UnfoldAdminTextareaWidget,
    UnfoldBooleanWidget,
)

from core.access import policy_for
from core.admin import PolicyInlineMixin, SafeAutocompleteSelect
from core.dates import LocaleDateField, LocaleDateWidget
from unrecord import pasted_votes
from unrecord.models import Body, DeclaredIntention, Resolution, VoteEvent
from unrecord.services import record_pasted_vote
from unrecord.vote_text import parse_recorded_vote

MAX_TEXT = 100_000  # characters: a roll call of 193 states, wrapped and footnoted, takes about 5,000
TEMPLATE = "admin/unrecord/voteevent/record_from_text.html"


class PastedVoteForm(forms.Form):
    text = forms.CharField(
        label="The vote as the UN prints it",
        max_length=MAX_TEXT,
        strip=False,
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 16}),
        help_text='Paste "In favour: … Against: … Abstaining: … Absent: …" from the press release, meeting '
        "record or report, with the totals and footnotes around the lists.",
    )
    body = forms.ModelChoiceField(
        Body.objects.all(), to_field_name="code", widget=UnfoldAdminSelectWidget, empty_label=None
    )
    date = LocaleDateField(widget=LocaleDateWidget, help_text="Names are read as the UN printed them then.")
    kind = forms.ChoiceField(
        choices=VoteEvent.Kind.choices, initial=VoteEvent.Kind.WHOLE_DRAFT, widget=UnfoldAdminSelectWidget
    )
    replace = forms.BooleanField(
        required=False,
        widget=UnfoldBooleanWidget,
        help_text="Give the roll call already recorded (same draft, body, day and kind) these votes instead.",
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed to search, as on a vote event's own page: the record holds thousands of resolutions.
        search = SafeAutocompleteSelect(VoteEvent._meta.get_field("resolution"), admin_site)
        self.fields["resolution"] = forms.ModelChoiceField(
            Resolution.objects.all(),
            required=False,
            widget=search,
            help_text="The draft or resolution voted on, if known: type its symbol.",
        )
        self.order_fields(["text", "body", "date", "resolution", "kind", "replace"])

    def add_service_errors(self, error: ValidationError) -> None:
        """The service's refusal beside the fields it names; the text's problems are the preview's."""
        for name, messages_ in error.message_dict.items():
            if name != "text":
                self.add_error(name if name in self.fields else None, messages_)


class DeclaredIntentionInline(PolicyInlineMixin, TabularInline):
    """The intentions declared beside the roll call, read-only: they come with the pasted text."""

    model = DeclaredIntention
    fields = ["state", "choice", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0
    verbose_name_plural = "declared intentions (the recorded votes stand as recorded)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")


class PastedVoteAdminMixin:
    """For the vote events' admin: the "Record a vote from text" button and page, shown only to
    those the access policy lets add vote events (record keepers)."""

    actions_list = ["record_from_text"]

    def has_record_from_text_permission(self, request) -> bool:
        return policy_for(VoteEvent).can_add(request.user)

    @action(description="Record a vote from text", url_path="from-text", permissions=["record_from_text"])
    def record_from_text(self, request):
        form = PastedVoteForm(request.POST or None, admin_site=self.admin_site, initial=_initial())
        preview, earlier = None, None
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)  # as sent: an error added to the form takes its field out
            if "save" in request.POST:
                saved = self._save(request, form, data)
                if saved is not None:
                    return saved
            preview, earlier = _preview(form, data)
        return TemplateResponse(request, TEMPLATE, self._page(request, form, preview, earlier))

    def _save(self, request, form: PastedVoteForm, data: dict) -> HttpResponseRedirect | None:
        try:
            event = record_pasted_vote(author=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
            return None
        message = f"Saved {event} ({event.totals_label}) with its {event.votes.count()} recorded votes."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:unrecord_voteevent_change", args=[event.pk]))

    def _page(self, request, form, preview, earlier) -> dict:
        may_save = (
            preview is not None
            and preview.ok
            and not form.errors
            and (earlier is None or form["replace"].value())
        )
        return {
            **self.admin_site.each_context(request),
            "title": "Record a vote from text",
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "preview": preview,
            "earlier": earlier,
            "may_save": may_save,
        }


def _initial() -> dict:
    return {"body": "GA-C3", "kind": VoteEvent.Kind.WHOLE_DRAFT}


def _preview(form: PastedVoteForm, data: dict):
    """The text's reading and the roll call saving would replace; errors of the day or kind added
    to the form, the text's problems shown with the preview."""
    parsed = parse_recorded_vote(data["text"], on=data["date"])
    errors = pasted_votes.input_errors(parsed, date=data["date"], kind=data["kind"])
    for name in ("date", "kind"):
        if name in errors and name in form.cleaned_data:  # not said twice after a refused save
            form.add_error(name, errors[name])
    earlier = pasted_votes.same_roll_call(
        body=data["body"], day=data["date"], resolution=data["resolution"], kind=data["kind"]
    )
    return pasted_votes.preview_of(parsed), earlier
