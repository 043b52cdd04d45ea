"""Spreadsheet files for the import tests, and the admin's import as staff go through it: upload,
preview, confirm (core/spreadsheet_admin.py)."""

import csv
import io

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

# The admin's import formats, in the order its form offers them.
FORMATS = {"csv": "0", "xlsx": "1"}


def csv_file(rows: list[list], name: str = "rows.csv") -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "rows.xlsx") -> SimpleUploadedFile:
    sheet = tablib.Dataset(*rows[1:], headers=rows[0])
    return SimpleUploadedFile(name, sheet.export("xlsx"), content_type="application/vnd.ms-excel")


def preview(client, changelist: str, upload: SimpleUploadedFile):
    """Upload `upload` to the import page of the admin at `changelist` (/admin/<app>/<model>/)."""
    kind = upload.name.rsplit(".", 1)[-1]
    return client.post(
        f"{changelist}import/", {"format": FORMATS[kind], "resource": "0", "import_file": upload}
    )


def confirm(client, changelist: str, previewed):
    """Confirm the import `previewed` (the preview's response), as its button does."""
    form = previewed.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(f"{changelist}process_import/", data)


def import_rows(client, changelist: str, upload: SimpleUploadedFile):
    """Upload, check the preview offers to confirm, confirm: the final response."""
    previewed = preview(client, changelist, upload)
    assert previewed.status_code == 200, previewed.status_code
    assert previewed.context.get("confirm_form") is not None, previewed.context.get("problems")
    return confirm(client, changelist, previewed)


def exported_rows(response) -> list[dict]:
    assert response.status_code == 200, response.status_code
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
