"""Spreadsheets in the admin: import (CSV or Excel, at /admin/<app>/<model>/import/, with a
preview) and export of a model, asked of its access policy like every other room.

- Who may import is who may add the model (an analyst may not); who may export, who may see it.
- The preview runs the whole file through the services and rolls back; a file with any error is
  refused with its errors by row, in the spreadsheet's own numbering (the header is row 1), and
  nothing is written. The import itself rolls back whole if a row fails by then.
- The export holds the rows of the list as the user sees it (its search and filters), through the
  resource's policy (core.spreadsheet_resources); a template to fill in is a link away.
"""

import csv

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from unfold.contrib.import_export.forms import ExportForm, ImportForm

from core.access import policy_for
from core.spreadsheet_columns import LIST_SEPARATOR, day_help

# The first data row of a file is row 2 of the spreadsheet that shows it: its header is row 1.
HEADER_ROWS = 1
MESSAGES_SHOWN = 10


def row_problems(result) -> list[str]:
    """Every error of an import's `result`, one line each: "Row 5, state: no state called
    'Kenyaa'; did you mean Kenya?"."""
    problems = [f"The file: {error.error}" for error in result.base_errors]
    for row in result.error_rows:
        problems += [f"Row {row.number + HEADER_ROWS}: {error.error}" for error in row.errors]
    for row in result.invalid_rows:
        for name, messages_ in row.error_dict.items():
            where = f"Row {row.number + HEADER_ROWS}" + ("" if name == NON_FIELD_ERRORS else f", {name}")
            problems += [f"{where}: {message}" for message in messages_]
    return problems


class SpreadsheetAdminMixin(ImportExportMixin):
    """For a PolicyAdminMixin admin whose `resource_classes` are PolicyResources."""

    formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = ImportForm
    export_form_class = ExportForm
    import_template_name = "admin/plenary_import.html"

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def has_import_permission(self, request):
        return policy_for(self.model).can_add(request.user)

    def has_export_permission(self, request):
        return policy_for(self.model).may(request.user, "view")

    def get_import_data_kwargs(self, **kwargs):
        # A row that fails at the import itself (someone changed a record since the preview)
        # takes every other row with it: all or nothing.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_import_context_data(self, **kwargs):
        resource = self.get_import_resource_classes(None)[0]
        return {
            **super().get_import_context_data(**kwargs),
            "guide": resource.guide,
            "day_formats": day_help(),
            "list_separator": LIST_SEPARATOR,
        }

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None:
            response.context_data["problems"] = row_problems(result)
        return response

    def process_result(self, result, request):
        problems = row_problems(result)
        if not problems:
            return super().process_result(result, request)
        for problem in [
            *problems[:MESSAGES_SHOWN],
            "Nothing was imported: correct these rows and upload again.",
        ]:
            messages.error(request, problem)
        return HttpResponseRedirect(reverse(f"admin:{self._info()}_import", current_app=self.admin_site.name))

    # -- a template to fill in -------------------------------------------------------------------
    def get_urls(self):
        template = path(
            "import/template/",
            self.admin_site.admin_view(self.import_file_template),
            name=f"{self._info()}_import_template",
        )
        return [template, *super().get_urls()]

    def import_file_template(self, request):
        """A CSV with the columns an import reads and one example row."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0](user=request.user)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}-template.csv"'
        csv.writer(response).writerows(resource.template_rows())
        return response

    def _info(self) -> str:
        return "{}_{}".format(*self.get_model_info())
