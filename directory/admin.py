"""Admin for organizations, people and users, and the ownership rules every admin applies."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from unfold.admin import ModelAdmin, StackedInline
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from core.admin import HistoryAdminMixin, export_as_csv
from directory.models import Organization, Person, PersonIdentity, User
from directory.ownership import OwnedQuerySet


def _limit_to_visible(formfield, request):
    """Choices among owned records (campaigns, meetings) list only what the user may see."""
    if formfield is not None and isinstance(formfield.queryset, OwnedQuerySet):
        formfield.queryset = formfield.queryset.visible_to(request.user)
    return formfield


class ScopedChoicesMixin:
    """Applies ownership to every foreign-key and many-to-many choice list of a form."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is User and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(organization_id=request.user.organization_id)
        return _limit_to_visible(super().formfield_for_foreignkey(db_field, request, **kwargs), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _limit_to_visible(super().formfield_for_manytomany(db_field, request, **kwargs), request)


class VisibleRecordsAdminMixin(ScopedChoicesMixin, HistoryAdminMixin):
    """Lists what the user may see; lets them change only what their organization owns."""

    actions = [export_as_csv]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def _owns(self, request, obj) -> bool:
        return obj is None or obj.is_owned_by(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owns(request, obj)


class OwnedAdminMixin(VisibleRecordsAdminMixin):
    """For records an organization owns: users see their own and their partners' shared
    records, change only their own, and never pick the owner (it is their organization)."""

    confidential_fields: tuple[str, ...] = ()

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser:
            excluded.append("owner")
        if obj is not None and not obj.is_owned_by(request.user):
            excluded.extend(self.confidential_fields)
        return excluded

    def get_fieldsets(self, request, obj=None):
        hidden = set(self.get_exclude(request, obj))
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets is None:
            fieldsets = _sharing_last(fieldsets)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def save_model(self, request, obj, form, change):
        if not change and not obj.owner_id:
            obj.owner = request.user.organization
        super().save_model(request, obj, form, change)


class OwnedPartAdminMixin(VisibleRecordsAdminMixin):
    """For rows owned through a parent record (a campaign's targets, a letter's signatures):
    visible where the parent is, changed only by the parent's owner."""

    parent_field = "campaign"

    def _owns(self, request, obj) -> bool:
        return obj is None or getattr(obj, self.parent_field).is_owned_by(request.user)


SHARING_FIELDS = ["owner", "shared_with_partners", "is_illustrative"]


def _sharing_last(fieldsets):
    """The fields every owned record inherits go after what the record is about."""
    fields = [f for _, options in fieldsets for f in options["fields"]]
    return [
        (None, {"fields": [f for f in fields if f not in SHARING_FIELDS]}),
        ("Ownership and sharing", {"fields": [f for f in SHARING_FIELDS if f in fields]}),
    ]


class OwnedPartInlineMixin:
    """Inline rows of an owned record (a campaign's targets) follow their parent's owner."""

    def _parent_owned(self, request, obj) -> bool:
        return obj is None or obj.is_owned_by(request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_owned(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_owned(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_owned(request, obj)


class PersonIdentityInline(OwnedPartInlineMixin, StackedInline):
    """Shown only to users holding the explicit identity permission (no role grants it)."""

    model = PersonIdentity
    fields = ["real_name", "notes", "shared_with_partners"]
    can_delete = False
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def _parent_owned(self, request, obj) -> bool:
        return True  # a person is not owned; the identity's own owner is checked by get_queryset


@admin.register(Organization)
class OrganizationAdmin(ScopedChoicesMixin, HistoryAdminMixin, ModelAdmin):
    list_display = ["name", "acronym", "kind", "state", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["state", "partners"]
    actions = [export_as_csv]


@admin.register(Person)
class PersonAdmin(ScopedChoicesMixin, HistoryAdminMixin, ModelAdmin):
    list_display = ["name", "category", "title", "organization", "state", "is_protected", "is_illustrative"]
    list_filter = ["category", "is_protected", "is_illustrative", ("state", admin.RelatedOnlyFieldListFilter)]
    # Only the public name and title: searching a real name must not reveal who is protected.
    search_fields = ["name", "title"]
    autocomplete_fields = ["organization", "state"]
    inlines = [PersonIdentityInline]
    actions = [export_as_csv]

    def save_formset(self, request, form, formset, change):
        for identity in formset.save(commit=False):
            if not identity.owner_id:
                identity.owner = request.user.organization
            identity.save()
        formset.save_m2m()

    def history_view(self, request, object_id, extra_context=None):
        # Before a person was protected, their name may have been the real one.
        person = self.get_object(request, object_id)
        if person is not None and person.is_protected and not request.user.can_see_protected_identities():
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)


@admin.register(PersonIdentity)
class PersonIdentityAdmin(OwnedAdminMixin, ModelAdmin):
    list_display = ["person", "real_name", "owner"]
    search_fields = ["person__name", "real_name"]
    autocomplete_fields = ["person"]


class PlenaryUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username"]


class PlenaryUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, ModelAdmin):
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
