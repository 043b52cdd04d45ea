"""A spreadsheet of one model (django-import-export's resource), read and written as every other
room reads and writes: through the model's access policy and its services.

- Each row is written by the model's service (core.services), with the importing user as its
  author: the policy decides whether they may add or change it, claims it for their organization,
  and checks every reference against what they may link to. Nothing is saved directly.
- A row names an existing record by its `id` only among those the user may see; any other id is
  refused, never created. Without an id, a row adds a record.
- A row's errors are reported in words, by column; with any error in any row nothing is written
  (the admin's preview rolls back, and so does the import itself: see core.spreadsheet_admin).
- The export holds only rows the user may see, leaves blank the fields and links the policy hides
  from them (another organization's confidential notes, its unshared campaigns), and writes every
  cell so that no spreadsheet takes it for a formula (core.spreadsheets).
"""

from diff_match_patch import diff_match_patch
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from import_export import fields, resources, widgets

from core.access import Forbidden, policy_for
from core.services import writes_for
from core.spreadsheet_columns import EMPTY, RecordColumn, RecordsColumn, cell_text
from core.spreadsheets import spreadsheet_safe

MISSING_CODES = frozenset({"null", "blank", "required"})


def column(name: str, widget=None, *, keeps_default: bool = False) -> fields.Field:
    """A column named as the model's field; `keeps_default`: an empty cell leaves the field's
    default (a choice, a flag, today's date) instead of emptying it."""
    return fields.Field(
        attribute=name,
        column_name=name,
        widget=widget or widgets.CharWidget(),
        saves_null_values=not keeps_default,
    )


def id_column() -> fields.Field:
    """The record's id: written in exports, read only to find the record a row changes."""
    return fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(), readonly=True)


class MarkedDiff(resources.Diff):
    """The preview's changes, each cell marked up with <ins> and <del> alone: import-export's own
    diff colours them with style attributes, which Plenary's Content-Security-Policy refuses."""

    TAGS = {
        diff_match_patch.DIFF_INSERT: "ins",
        diff_match_patch.DIFF_DELETE: "del",
        diff_match_patch.DIFF_EQUAL: "span",
    }

    def as_html(self):
        return [self._cell(before, after) for before, after in zip(self.left, self.right, strict=False)]

    def _cell(self, before, after):
        differ = diff_match_patch()
        changes = differ.diff_main("" if self.new else force_str(before), force_str(after))
        differ.diff_cleanupSemantic(changes)
        return format_html_join("", "<{0}>{1}</{0}>", ((self.TAGS[op], text) for op, text in changes))


class PolicyResource(resources.ModelResource):
    """Base of every spreadsheet: `user` is who imports or exports. `example` is the row the
    import page's template shows; `guide` says how to fill each column."""

    example: dict = {}
    guide: str = ""

    class Meta:
        use_transactions = True
        import_id_fields = ["id"]
        skip_unchanged = False
        clean_model_instances = False  # validate_instance below checks what the file sets

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._many: dict = {}

    @classmethod
    def get_diff_class(cls):
        return MarkedDiff

    def get_queryset(self):
        return policy_for(self._meta.model).scope(self.user, super().get_queryset())

    # -- import --------------------------------------------------------------------------------
    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("user", self.user)
        return super().import_data(dataset, **kwargs)

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        if new and cell_text(row.get("id")):
            noun = self._meta.model._meta.verbose_name
            raise ValidationError(
                {
                    "id": f"no {noun} with id {cell_text(row['id'])} among those you may see: "
                    "leave it empty to add a new one"
                }  # fmt: skip
            )
        return instance, new

    def import_instance(self, instance, row, **kwargs):
        """The row's plain columns set on `instance`, its lists of records kept for the service."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self._many = {}
        for field in self._columns(row, many=True):
            try:
                self._many[field.attribute] = field.clean(row, **kwargs)
            except ValueError as error:
                errors[field.attribute] = [str(error)]
        self.fill_defaults(instance)
        if errors:
            raise ValidationError(errors)

    def fill_defaults(self, instance) -> None:
        """What a row may leave empty that the import fills in (a follow-up's assignee)."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The fields this spreadsheet sets, checked as a form checks them (present, a valid
        choice, short enough, unique); the service checks the rest when it writes."""
        errors = dict(import_validation_errors or {})
        unset = {f.name for f in instance._meta.concrete_fields} - self._set_attributes() | set(errors)
        for check in (instance.clean_fields, instance.validate_unique):
            try:
                check(exclude=unset)
            except ValidationError as error:
                errors = _in_words(error).update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        data = {
            field.attribute: _value(instance, field.attribute) for field in self._columns(row, many=False)
        }
        try:
            self.write(instance, data | self._many)
        except Forbidden as refused:
            raise ValidationError({NON_FIELD_ERRORS: [str(refused)]}) from None

    def write(self, instance, data: dict) -> None:
        """Save the row through the model's service, as the importing user."""
        writes_for(self._meta.model).save(author=self.user, record=instance, data=data)

    def save_m2m(self, instance, row, **kwargs):
        pass  # the service set them with the record (save_instance)

    def _columns(self, row, *, many: bool):
        """The columns of the file that set a field: those present, not read-only."""
        return [
            field
            for field in self.get_import_fields()
            if field.column_name in row
            and not field.readonly
            and isinstance(field.widget, widgets.ManyToManyWidget) == many
        ]

    def _set_attributes(self) -> set[str]:
        return {field.attribute for field in self.get_import_fields() if not field.readonly}

    # -- export --------------------------------------------------------------------------------
    def export(self, queryset=None, **kwargs):
        queryset = (
            self.get_queryset()
            if queryset is None
            else policy_for(self._meta.model).scope(self.user, queryset)
        )
        return super().export(queryset=self._with_related(queryset), **kwargs)

    def _with_related(self, queryset):
        """The records each row names, fetched with the rows: the query count does not grow with them."""
        one = [f.attribute for f in self.get_export_fields() if isinstance(f.widget, RecordColumn)]
        many = [f.attribute for f in self.get_export_fields() if isinstance(f.widget, RecordsColumn)]
        return queryset.select_related(*one).prefetch_related(*many)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        unshown = self._unshown(instance)
        return [
            ""
            if field.attribute in unshown
            else spreadsheet_safe(self.export_field(field, instance, **kwargs))
            for field in self.get_export_fields(selected_fields)
        ]

    def _unshown(self, instance) -> frozenset[str]:
        policy = policy_for(self._meta.model)
        return policy.hidden_fields(self.user, instance) | policy.unseen_links(self.user, instance)

    def template_rows(self) -> list[list[str]]:
        """The header of a file this spreadsheet imports, and one example row."""
        columns = [f.column_name for f in self.get_import_fields() if not f.readonly]
        return [columns, [spreadsheet_safe(self.example.get(name, "")) for name in columns]]


def _value(instance, name: str):
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:  # a required reference left empty: validate_instance said so
        return None


def _in_words(error: ValidationError) -> ValidationError:
    """Django's "This field cannot be null." for an empty cell, as staff would say it."""
    return ValidationError(
        {
            name: [EMPTY if e.code in MISSING_CODES else e for e in errors]
            for name, errors in error.error_dict.items()
        }
    )
