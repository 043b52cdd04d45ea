"""Admin for outreach: meetings, side events, follow-ups and stances."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from unfold.admin import ModelAdmin, StackedInline, TabularInline

from advocacy import services
from advocacy.meeting_entry import a_week_on, meeting_entry
from advocacy.models import FollowUp, Incident, Meeting, SideEvent, Stance
from advocacy.rules import check_state_met, subject_said_at_meeting
from advocacy.spreadsheets import FollowUpResource, MeetingResource
from campaigns.models import Campaign
from core.access import policy_for
from core.admin import PolicyAdminMixin, PolicyInlineMixin, export_as_csv
from core.spreadsheet_admin import SpreadsheetAdminMixin
from directory.admin import OwnedAdminMixin
from directory.models import User


class FollowUpInline(PolicyInlineMixin, TabularInline):
    model = FollowUp
    fk_name = "meeting"
    extra = 1
    fields = ["description", "assignee", "due_on", "status"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "assignee":
            field.initial = request.user.pk
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "due_on":
            field.initial = a_week_on  # what is agreed at a meeting is mostly done within the week
        return field


class StanceSaidForm(forms.ModelForm):
    """One state's stance said at the meeting, checked against what the meeting's own form sets
    (the states met, its resolutions and campaigns), which are saved only after this is checked:
    the same rules the service applies (advocacy/rules.py), shown beside the row's fields."""

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        position = self.fields.get("position")
        if position is not None and position.choices[0][0] != "":
            # Nothing picked until the user picks: a row the form filled in for a state must never
            # be saved as the first choice ("Supports") because no one looked at it.
            position.choices = [("", "Pick what they said"), *position.choices]

    def has_changed(self):
        # A new row holding only a state met (the form fills one in per state) says nothing until a
        # position is picked: like an empty row, it saves nothing and asks for nothing.
        if self.instance.pk is None and set(super().changed_data) <= {"state"}:
            return False
        return super().has_changed()

    def clean(self):
        cleaned = super().clean()
        links = _meeting_links(self.meeting)
        if links is None or cleaned.get("DELETE"):
            return cleaned
        try:
            check_state_met(state=cleaned.get("state"), states_met=links["states"])
            if not cleaned.get("resolution") and not cleaned.get("series"):
                cleaned["resolution"], cleaned["series"] = subject_said_at_meeting(
                    resolutions=links["resolutions"], campaigns=links["campaigns"]
                )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class StancesSaidFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "meeting": self.instance}


def _meeting_links(meeting) -> dict | None:
    """The states, resolutions and campaigns of `meeting` as its form is setting them (see
    MeetingAdmin.save_form), else as stored; None for a new meeting whose form was refused."""
    pending = getattr(meeting, "links_being_saved", None)
    if pending is not None:
        return pending
    if meeting is None or meeting.pk is None:
        return None
    return {name: list(getattr(meeting, name).all()) for name in ("states", "resolutions", "campaigns")}


class StanceSaidInline(PolicyInlineMixin, TabularInline):
    """What each state met said: one stance per state, dated and evidenced by the meeting."""

    model = Stance
    fk_name = "meeting"
    form = StanceSaidForm
    formset = StancesSaidFormSet
    extra = 1  # an empty row left as it is saves nothing
    verbose_name = "stance said"
    verbose_name_plural = "stances said (one per state met; the resolution is the meeting's unless named)"
    fields = ["state", "position", "confidence", "resolution", "series", "note"]
    autocomplete_fields = ["state", "resolution", "series"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note":
            field.widget.attrs["rows"] = 2  # a line or two, in a row of a table
        return field


@admin.register(Meeting)
class MeetingAdmin(SpreadsheetAdminMixin, OwnedAdminMixin, ModelAdmin):
    resource_classes = [MeetingResource]
    empty_list_next_step = "Log your first meeting: whom you met, what you asked, what they said."
    list_display = ["date", "place", "states_met", "stances_said", "campaign_names", "is_illustrative"]
    # Each relation offers only what the listed meetings name, among what the user may see
    # (core.admin.ScopedRelatedOnlyFieldListFilter): never a stranger's campaign.
    list_filter = [
        ("states", admin.RelatedOnlyFieldListFilter),
        ("states__regional_group", admin.RelatedOnlyFieldListFilter),
        ("campaigns", admin.RelatedOnlyFieldListFilter),
        ("owner", admin.RelatedOnlyFieldListFilter),
        "date",
        "is_illustrative",
    ]
    search_fields = ["place", "ask", "summary", "states__common_name", "states__iso3"]
    date_hierarchy = "date"
    autocomplete_fields = [
        "states",
        "representatives",
        "attendees",
        "partner_organizations",
        "campaigns",
        "resolutions",
    ]
    confidential_fields = ("confidential_notes",)
    fieldsets = [
        # What it takes to log a meeting in under a minute comes first.
        (None, {"fields": ["date", "states", "campaigns", "ask", "commitments"]}),
        ("People", {"fields": ["representatives", "attendees", "partner_organizations"]}),
        (
            "Details",
            {
                "fields": [
                    "place",
                    "resolutions",
                    "summary",
                    "confidential_notes",
                    "owner",
                    "shared_with_partners",
                    "is_illustrative",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [StanceSaidInline, FollowUpInline]

    class Media:
        # One "stance said" row per state met, filled in as the states are chosen.
        js = ["admin/js/jquery.init.js", "advocacy/meeting_form.js"]

    def get_queryset(self, request):
        # Only the campaigns the reader may see are named: a partner's view of a shared meeting
        # leaves out the owner's unshared campaigns it is filed under.
        campaigns = Prefetch("campaigns", queryset=policy_for(Campaign).scope(request.user))
        stances = Prefetch("stances", queryset=policy_for(Stance).scope(request.user).select_related("state"))
        return super().get_queryset(request).prefetch_related("states", campaigns, stances)

    def save_form(self, request, form, change):
        meeting = super().save_form(request, form, change)
        # The stances' rows are checked against the states met and the subjects this same form
        # sets, which its service saves only after the rows are checked (StanceSaidForm).
        meeting.links_being_saved = {
            name: list(form.cleaned_data.get(name) or []) for name in ("states", "resolutions", "campaigns")
        }
        return meeting

    def save_model(self, request, obj, form, change):
        """Nothing yet: the meeting is written with its stances and follow-ups in save_related."""

    def save_related(self, request, form, formsets, change):
        # One service call writes the meeting, the stances said at it and its follow-ups, in the
        # admin's transaction; the rows are sorted first for the change message of the log.
        for formset in formsets:
            formset.save(commit=False)
        services.record_meeting(
            author=request.user, record=form.instance, **meeting_entry(request, form, formsets)
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        active = policy_for(Campaign).linkable(request.user).filter(status=Campaign.Status.ACTIVE)
        if "campaigns" not in initial and len(active[:2]) == 1:
            initial["campaigns"] = [active.get().pk]  # the one campaign in progress
        return initial

    @admin.display(description="states met")
    def states_met(self, meeting):
        return ", ".join(state.common_name for state in meeting.states.all())

    @admin.display(description="stances said")
    def stances_said(self, meeting):
        return "; ".join(f"{s.state.common_name}: {s.get_position_display()}" for s in meeting.stances.all())

    @admin.display(description="campaigns")
    def campaign_names(self, meeting):
        return ", ".join(campaign.name for campaign in meeting.campaigns.all())


class IncidentInline(PolicyInlineMixin, StackedInline):
    model = Incident
    extra = 0
    autocomplete_fields = ["state"]


@admin.register(SideEvent)
class SideEventAdmin(OwnedAdminMixin, ModelAdmin):
    list_display = ["title", "date", "location", "venue", "cosponsor_names", "is_illustrative"]
    list_filter = ["location", "is_illustrative", "body"]
    search_fields = ["title", "venue", "description", "outcome"]
    date_hierarchy = "date"
    autocomplete_fields = [
        "body",
        "session",
        "organizers",
        "cosponsors",
        "speakers",
        "delegations_present",
        "campaigns",
    ]
    inlines = [IncidentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cosponsors")

    @admin.display(description="co-sponsors")
    def cosponsor_names(self, side_event):
        return ", ".join(state.common_name for state in side_event.cosponsors.all())


@admin.action(description="Mark selected follow-ups done")
def mark_done(modeladmin, request, queryset):
    done = services.mark_follow_ups_done(follow_ups=queryset, user=request.user)
    modeladmin.message_user(request, f"{done} follow-up(s) marked done.", messages.SUCCESS)


class OverdueFilter(admin.SimpleListFilter):
    title = "due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("week", "Due within a week")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today=today)
        if self.value() == "week":
            return queryset.open().filter(due_on__gte=today, due_on__lte=today + timezone.timedelta(days=7))
        return queryset


@admin.register(FollowUp)
class FollowUpAdmin(SpreadsheetAdminMixin, OwnedAdminMixin, ModelAdmin):
    resource_classes = [FollowUpResource]
    list_display = [
        "description", "assignee_name", "due_on", "status", "state", "campaign_name", "is_illustrative",
    ]  # fmt: skip
    list_filter = [OverdueFilter, "status", ("assignee", admin.RelatedOnlyFieldListFilter), "is_illustrative"]
    search_fields = ["description", "state__common_name"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["meeting", "side_event", "campaign", "state"]
    list_select_related = ["state"]
    actions = [mark_done, export_as_csv]

    def get_queryset(self, request):
        # A partner's shared follow-up names its campaign and owner only where the reader may see
        # them: not the owner's unshared campaign, nor the owner's staff.
        return (
            super()
            .get_queryset(request)
            .annotate(
                shown_campaign=_name_if_visible(request.user, Campaign, "campaign_id", "name"),
                shown_assignee=_name_if_visible(request.user, User, "assignee_id", "username"),
            )
        )

    def get_changeform_initial_data(self, request):
        return {"assignee": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description="owner", ordering="shown_assignee")
    def assignee_name(self, follow_up):
        return follow_up.shown_assignee

    @admin.display(description="campaign", ordering="shown_campaign")
    def campaign_name(self, follow_up):
        return follow_up.shown_campaign


def _name_if_visible(user, model, reference: str, name: str) -> Subquery:
    visible = policy_for(model).scope(user).filter(pk=OuterRef(reference))
    return Subquery(visible.values(name)[:1])


@admin.register(Stance)
class StanceAdmin(OwnedAdminMixin, ModelAdmin):
    list_display = ["state", "subject", "position", "as_of", "evidence", "confidence", "is_illustrative"]
    list_filter = [
        "position",
        "evidence",
        "confidence",
        ("state__regional_group", admin.RelatedOnlyFieldListFilter),
        ("series", admin.RelatedOnlyFieldListFilter),
        "is_illustrative",
    ]
    search_fields = ["state__common_name", "state__iso3", "note", "resolution__draft_symbol", "series__name"]
    date_hierarchy = "as_of"
    autocomplete_fields = ["state", "resolution", "series", "meeting", "vote_event"]
    list_select_related = ["state", "resolution", "series"]

    @admin.display(description="on")
    def subject(self, stance):
        return stance.resolution or stance.series


@admin.register(Incident)
class IncidentAdmin(PolicyAdminMixin, ModelAdmin):
    list_display = ["kind", "side_event", "state"]
    list_filter = ["kind"]
    search_fields = ["description", "side_event__title"]
    autocomplete_fields = ["side_event", "state"]
    list_select_related = ["side_event", "state"]
