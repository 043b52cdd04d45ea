"""Admin for organizations, partnerships, people, their protected identities and colleagues.
Who may see and change what is the access policies' to say (directory/access.py)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from unfold.admin import ModelAdmin, StackedInline
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from core.access import policy_for
from core.admin import PolicyAdminMixin, PolicyInlineMixin
from core.admin import export_as_csv as export_list_as_csv
from core.spreadsheet_admin import SpreadsheetAdminMixin
from directory import services
from directory.models import IdentityRead, Organization, Partnership, Person, PersonIdentity, User
from directory.spreadsheets import OrganizationResource, PersonResource

SHARING_FIELDS = ["owner", "shared_with_partners", "is_illustrative"]


class OwnedAdminMixin(PolicyAdminMixin):
    """For records an organization owns: what is owned and shared comes after what the record is
    about. The owner is shown, never chosen: it is the writer's organization."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return _sharing_last(fieldsets) if self.fieldsets is None else fieldsets


def _sharing_last(fieldsets):
    fields = [f for _, options in fieldsets for f in options["fields"]]
    return [
        (None, {"fields": [f for f in fields if f not in SHARING_FIELDS]}),
        ("Ownership and sharing", {"fields": [f for f in SHARING_FIELDS if f in fields]}),
    ]


class PersonIdentityInline(PolicyInlineMixin, StackedInline):
    """Shown only to users holding the explicit identity permission (no role grants it), and
    only to the organization that protected the person (or a partner it shares it with)."""

    model = PersonIdentity
    fields = ["real_name", "notes", "shared_with_partners"]
    can_delete = False
    extra = 0


class IdentityReadsLogged:
    """Every page of the admin that shows a real name (a change page or its inline, a list, a
    change history) records who was shown which, as it is shown (directory.services)."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if cl is not None and cl.model is PersonIdentity:
            _log(request, cl.result_list, IdentityRead.Room.ADMIN)
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        _log(request, _identities_on_change_page(response), IdentityRead.Room.ADMIN)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        _log(request, _identities_in_history(response), IdentityRead.Room.HISTORY)
        return response


def _log(request, identities, room) -> None:
    services.log_identity_reads(reader=request.user, identities=list(identities), room=room)


def _identities_on_change_page(response) -> list[PersonIdentity]:
    context = getattr(response, "context_data", None) or {}
    shown = [context["original"]] if isinstance(context.get("original"), PersonIdentity) else []
    for inline in context.get("inline_admin_formsets", []):
        if inline.formset.model is PersonIdentity:
            shown += [form.instance for form in inline.formset.forms if form.instance.pk]
    return shown


def _identities_in_history(response) -> list[PersonIdentity]:
    """The identities whose past versions the history page shows (as the events recorded them)."""
    events = (getattr(response, "context_data", None) or {}).get("events", [])
    return [
        PersonIdentity(
            pk=event.pgh_obj_id, person_id=event.pgh_data["person_id"], owner_id=event.pgh_data["owner_id"]
        )
        for event in events
        if event.pgh_obj_model == PersonIdentity._meta.label and event.pgh_data
    ]


@admin.register(Organization)
class OrganizationAdmin(SpreadsheetAdminMixin, PolicyAdminMixin, ModelAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name", "acronym", "kind", "state", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["state"]


@admin.action(description="Accept the selected proposals")
def accept(modeladmin, request, queryset):
    _each(modeladmin, request, queryset, services.accept_partnership, "accepted")


@admin.action(description="End the selected partnerships (or withdraw proposals)")
def end(modeladmin, request, queryset):
    _each(modeladmin, request, queryset, services.end_partnership, "ended")


def _each(modeladmin, request, queryset, service, done: str) -> None:
    count = 0
    for partnership in queryset:
        try:
            service(author=request.user, partnership=partnership)
            count += 1
        except (PermissionDenied, ValidationError) as refused:
            modeladmin.message_user(request, f"{partnership}: {refused}", messages.ERROR)
    if count:
        modeladmin.message_user(request, f"{count} partnership(s) {done}.", messages.SUCCESS)


@admin.register(Partnership)
class PartnershipAdmin(PolicyAdminMixin, ModelAdmin):
    """A manager proposes a partnership here; a manager of the other organization accepts it with
    the list's action; either may end it. Partners read each other's shared records."""

    list_display = ["proposer", "partner", "status", "proposed_by", "proposed_at", "accepted_at", "ended_at"]
    list_filter = ["status"]
    fields = ["proposer", "partner", "status", "proposed_by", "proposed_at", "accepted_by", "accepted_at",
              "ended_by", "ended_at"]  # fmt: skip
    autocomplete_fields = ["partner"]
    actions = [accept, end]

    def get_fields(self, request, obj=None):
        return ["partner"] if obj is None else self.fields  # a proposal names the partner, no more

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # its course is set by actions


@admin.register(Person)
class PersonAdmin(SpreadsheetAdminMixin, IdentityReadsLogged, PolicyAdminMixin, ModelAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "category", "title", "organization", "state", "is_protected", "is_illustrative"]
    list_filter = ["category", "is_protected", "is_illustrative", ("state", admin.RelatedOnlyFieldListFilter)]
    # Only the public name and title: searching a real name must not reveal who is protected.
    search_fields = ["name", "title"]
    autocomplete_fields = ["organization", "state"]
    inlines = [PersonIdentityInline]


@admin.register(PersonIdentity)
class PersonIdentityAdmin(IdentityReadsLogged, OwnedAdminMixin, ModelAdmin):
    list_display = ["person", "real_name", "owner"]
    # Real names are sealed (core/sealed.py): the database can neither search nor sort them.
    search_fields = ["person__name"]
    sortable_by = ["person", "owner"]
    autocomplete_fields = ["person"]
    actions = ["export_as_csv"]

    @admin.action(description="Export selected as CSV")
    def export_as_csv(self, request, queryset):
        """The list's export, each row a real name: recorded in the log of identity reads."""
        identities = list(queryset.select_related("person"))
        response = export_list_as_csv(self, request, identities)
        _log(request, identities, IdentityRead.Room.EXPORT)
        return response


@admin.register(IdentityRead)
class IdentityReadAdmin(PolicyAdminMixin, ModelAdmin):
    """Who was shown which protected person's real name, when and where: for the managers of the
    organization that holds the identities, to read only (directory/access.py)."""

    list_display = ["read_at", "reader_username", "pseudonym", "room", "owner"]
    list_filter = ["room"]
    search_fields = ["reader_username", "pseudonym"]
    date_hierarchy = "read_at"
    actions = [export_list_as_csv]


class PlenaryUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username"]


class PlenaryUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(PolicyAdminMixin, DjangoUserAdmin, ModelAdmin):
    """Managers add colleagues to their own organization, set their role and deactivate them;
    the admin's staff status follows the role. Superusers alone grant explicit permissions."""

    form = PlenaryUserChangeForm
    add_form = PlenaryUserCreationForm
    change_password_form = AdminPasswordChangeForm
    list_display = ["username", "first_name", "last_name", "organization", "role", "is_active"]
    list_filter = ["role", "organization", "is_active", "is_superuser"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Plenary", {"fields": ["organization", "role"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2", "organization", "role"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        # A new colleague's page leaves out what only a superuser sets; a colleague's page shows
        # it read-only (get_readonly_fields).
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        locked = policy_for(User).locked_fields(request.user, obj)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in locked]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else super().get_readonly_fields(request, obj)
