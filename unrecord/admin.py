"""Admin for the public UN record. Recorded votes are read-only: they come from imports, or with
a roll call pasted from the UN's text (unrecord/pasted_vote_admin.py)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from unfold.admin import ModelAdmin, TabularInline

from core.admin import PolicyAdminMixin, PolicyInlineMixin
from unrecord.job_admin import VoteImportJobAdminMixin
from unrecord.models import (
    Amendment,
    Body,
    DraftRevision,
    MemberState,
    RecordedVote,
    RegionalGroup,
    Resolution,
    ResolutionSeries,
    Session,
    Sponsorship,
    StateCodeAlias,
    VoteChoice,
    VoteEvent,
    VoteImport,
)
from unrecord.pasted_vote_admin import DeclaredIntentionInline, PastedVoteAdminMixin
from unrecord.sponsor_admin import SponsorTextAdminMixin
from unrecord.state_names import LANGUAGE_LABELS, language_names
from unrecord.state_search import states_matching
from unrecord.titles import repaired


class RecordAdmin(PolicyAdminMixin, ModelAdmin):
    """The public UN record: read by everyone, written by record keepers (unrecord/access.py)."""


class StateCodeAliasInline(PolicyInlineMixin, TabularInline):
    model = StateCodeAlias
    extra = 0


@admin.register(MemberState)
class MemberStateAdmin(RecordAdmin):
    list_display = [
        "common_name",
        "iso3",
        "un_name",
        "status",
        "regional_group",
        "group_status",
        "admitted_on",
        "left_on",
    ]
    list_filter = ["status", "regional_group", "group_status"]
    search_fields = ["common_name", "un_name", "formal_name", "iso3"]
    autocomplete_fields = ["successor"]
    filter_horizontal = ["other_groups"]
    readonly_fields = ["names_in_un_languages"]
    inlines = [StateCodeAliasInline]

    def get_search_results(self, request, queryset, search_term):
        # Every name of every state, in the six UN languages too (unrecord/state_search.py).
        return states_matching(queryset, search_term), False

    @admin.display(description="names in the six UN languages (CLDR)")
    def names_in_un_languages(self, state):
        names = language_names(state.iso3, state.status)
        if not names:
            return "None in CLDR (a former member)" if state.status == "historic" else "None in CLDR"
        rows = ((LANGUAGE_LABELS[lang], lang, names[lang]) for lang in names)
        items = format_html_join("", '<li>{}: <span lang="{}" dir="auto">{}</span></li>', rows)
        return format_html("<ul>{}</ul>", items)


@admin.register(RegionalGroup)
class RegionalGroupAdmin(RecordAdmin):
    list_display = ["name", "abbreviation", "state_count"]
    search_fields = ["name", "abbreviation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_state_count=Count("states"))

    @admin.display(description="states", ordering="_state_count")
    def state_count(self, group):
        return group._state_count


@admin.register(Body)
class BodyAdmin(RecordAdmin):
    list_display = ["short_name", "code", "name", "parent"]
    search_fields = ["name", "short_name", "code"]


@admin.register(Session)
class SessionAdmin(RecordAdmin):
    list_display = ["__str__", "body", "number", "opened_on", "closed_on"]
    list_filter = ["body"]
    search_fields = ["number", "body__short_name"]
    list_select_related = ["body"]


@admin.register(ResolutionSeries)
class ResolutionSeriesAdmin(RecordAdmin):
    list_display = ["name", "title_key"]
    search_fields = ["name", "title_key"]


class DraftRevisionInline(PolicyInlineMixin, TabularInline):
    model = DraftRevision
    extra = 0


class SponsorshipInline(PolicyInlineMixin, TabularInline):
    model = Sponsorship
    extra = 0
    autocomplete_fields = ["state"]
    fields = ["state", "role", "on_behalf_of", "joined_on", "withdrew_on"]


class VoteEventInline(PolicyInlineMixin, TabularInline):
    model = VoteEvent
    extra = 0
    fields = [
        "date",
        "body",
        "kind",
        "amendment",
        "result",
        "yes_count",
        "no_count",
        "abstain_count",
        "non_voting_count",
    ]
    show_change_link = True
    fk_name = "resolution"


@admin.register(Resolution)
class ResolutionAdmin(SponsorTextAdminMixin, RecordAdmin):  # and "Add sponsors from text"
    list_display = [
        "symbol",
        "draft_symbol",
        "adopted_symbol",
        "short_title",
        "body",
        "session",
        "series",
        "adopted_on",
    ]
    list_filter = [
        "body",
        ("session", admin.RelatedOnlyFieldListFilter),
        ("series", admin.RelatedOnlyFieldListFilter),
        "is_placeholder",  # stand-ins for next session's drafts (unrecord/placeholders.py)
    ]
    search_fields = ["draft_symbol", "adopted_symbol", "title", "revisions__symbol"]
    autocomplete_fields = ["session", "body", "series"]
    date_hierarchy = "adopted_on"
    list_select_related = ["body", "session__body", "series"]
    inlines = [DraftRevisionInline, SponsorshipInline, VoteEventInline]

    @admin.display(description="title")
    def short_title(self, resolution):
        return repaired(resolution.title)[:90]  # as the API shows it; the form keeps it as recorded


@admin.register(Amendment)
class AmendmentAdmin(RecordAdmin):
    list_display = ["__str__", "resolution", "submitted_on"]
    search_fields = ["symbol", "summary", "resolution__draft_symbol", "resolution__adopted_symbol"]
    autocomplete_fields = ["resolution", "proposed_by"]


@admin.register(VoteEvent)
class VoteEventAdmin(PastedVoteAdminMixin, RecordAdmin):
    list_display = ["__str__", "date", "body", "kind", "result", "published_totals", "roll_call_tally"]
    list_filter = ["body", "kind", "result", ("session", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "resolution__draft_symbol",
        "resolution__adopted_symbol",
        "resolution__title",
        "description",
    ]
    autocomplete_fields = ["resolution", "amendment", "session"]
    date_hierarchy = "date"
    readonly_fields = ["roll_call_tally", "vote_import", "roll_call"]
    inlines = [DeclaredIntentionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("resolution", "amendment", "body", "session")

    def get_changelist_instance(self, request):
        # Tally the shown page only: annotating the whole queryset would make the list's counts
        # group a million recorded votes.
        changelist = super().get_changelist_instance(request)
        tallies = RecordedVote.objects.tallies_for([event.pk for event in changelist.result_list])
        for event in changelist.result_list:
            event.tally = tallies.get(event.pk, {})
        return changelist

    def get_object(self, request, object_id, from_field=None):
        event = super().get_object(request, object_id, from_field)
        if event is not None:
            event.tally = event.recorded_tally()
        return event

    @admin.display(description="published totals (Y-N-A)")
    def published_totals(self, vote_event):
        return vote_event.totals_label

    @admin.display(description="recorded tally (Y-N-A-X)")
    def roll_call_tally(self, vote_event):
        tally = getattr(vote_event, "tally", None)
        if not tally:
            return "no roll call"
        return "-".join(str(tally.get(choice, 0)) for choice in VoteChoice.values)

    @admin.display(description="roll call")
    def roll_call(self, vote_event):
        # A table, not an inline: Django's admin has no forms for a model keyed by two columns
        # (RecordedVote's key is its roll call and state). Votes are corrected by a re-import or
        # by recording the vote from the UN's text, never one by one.
        votes = vote_event.votes.select_related("state", "vote_import").order_by("state__common_name")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (vote.state.common_name, vote.state.iso3, vote.get_choice_display(), vote.vote_import or "")
                for vote in votes
            ),
        )
        if not rows:
            return "no roll call"
        return format_html(
            "<table><thead><tr><th>state</th><th>code</th><th>vote</th><th>import</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )


@admin.register(VoteImport)
class VoteImportAdmin(VoteImportJobAdminMixin, RecordAdmin):
    """Imports: upload a voting file (a job for a worker), then watch it run (unrecord/jobs.py)."""

    list_display = ["source", "status", "progress_figure", "imported_by", "started_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = VoteImportJobAdminMixin.job_fields


@admin.register(StateCodeAlias)
class StateCodeAliasAdmin(RecordAdmin):
    list_display = ["code", "state", "valid_from", "valid_until"]
    search_fields = ["code", "state__common_name"]
    autocomplete_fields = ["state"]


@admin.register(DraftRevision)
class DraftRevisionAdmin(RecordAdmin):
    list_display = ["symbol", "resolution", "issued_on"]
    search_fields = ["symbol", "resolution__draft_symbol", "resolution__adopted_symbol"]
    autocomplete_fields = ["resolution"]
    date_hierarchy = "issued_on"


@admin.register(Sponsorship)
class SponsorshipAdmin(RecordAdmin):
    list_display = ["state", "resolution", "role", "on_behalf_of", "joined_on", "withdrew_on"]
    list_filter = ["role", ("state__regional_group", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "state__common_name",
        "state__iso3",
        "resolution__draft_symbol",
        "resolution__adopted_symbol",
    ]
    autocomplete_fields = ["resolution", "state"]
    list_select_related = ["state", "resolution"]
