"""The admin side of import jobs: the upload form, and the job's page with its status, a live
progress figure (static/plenary/import-progress.js polls it), its counts and its rejected rows."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.access import policy_for
from unrecord import jobs
from unrecord.models import VoteImport

PHASE_LABELS = {
    "queued": "waiting for a worker",
    "starting": "starting",
    "reading": "reading the file",
    "checking": "checking the rows",
    "merging": "writing the record",
}
COUNTED = [("roll_calls", "Roll calls"), ("votes", "Recorded votes"), ("resolutions", "Resolutions")]


class VoteImportUploadForm(forms.ModelForm):
    class Meta:
        model = VoteImport
        fields = ["upload"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            raise forms.ValidationError("Choose a voting file to upload (.csv or .csv.gz).")
        previous = jobs.previous_import_of(jobs.file_checksum(upload))
        if previous is not None:
            raise forms.ValidationError(jobs.describe_previous(previous))
        return upload


def progress_label(job: VoteImport) -> str:
    if job.status == VoteImport.Status.DONE:
        return "Done"
    if job.status == VoteImport.Status.FAILED:
        return "Failed"
    return f"{job.progress} % · {PHASE_LABELS.get(job.phase, job.phase or 'waiting for a worker')}"


class VoteImportJobAdminMixin:
    job_fields = [
        "source",
        "status",
        "progress_figure",
        "error",
        "counts",
        "rejected_rows",
        "checksum",
        "imported_by",
        "started_at",
        "finished_at",
        "attempts",
        "upload",
    ]

    class Media:
        js = ["plenary/import-progress.js"]

    def get_fields(self, request, obj=None):
        return ["upload"] if obj is None else self.job_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.job_fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = VoteImportUploadForm
        return super().get_form(request, obj, **kwargs)

    def has_add_permission(self, request):
        return policy_for(VoteImport).can_add(request.user)  # record keepers only

    def has_change_permission(self, request, obj=None):
        return False  # a job's page is for watching it; nothing on it is edited

    def has_delete_permission(self, request, obj=None):
        return False  # imported votes point to their import

    def save_model(self, request, obj, form, change):
        try:
            jobs.queue_import(job=obj, user=request.user)
        except jobs.AlreadyImported as duplicate:  # uploaded twice at once: the form saw neither
            raise PermissionDenied(str(duplicate)) from duplicate

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request, f"“{obj.source}” is queued for import; its progress shows below.", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:unrecord_voteimport_change", args=[obj.pk]))

    def get_urls(self):
        progress = path(
            "<int:object_id>/progress/",
            self.admin_site.admin_view(self.progress_view),
            name="unrecord_voteimport_progress",
        )
        return [progress, *super().get_urls()]

    def progress_view(self, request, object_id):
        """The job's figure as JSON, for the page's polling script."""
        job = VoteImport.objects.filter(pk=object_id).first()
        if job is None:
            raise Http404(f"No import {object_id}.")
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return JsonResponse(
            {
                "status": job.status,
                "progress": 100 if job.status == VoteImport.Status.DONE else job.progress,
                "phase": job.phase,
                "label": progress_label(job),
                "finished": job.is_finished,
            }
        )

    @admin.display(description="progress")
    def progress_figure(self, job):
        if job.is_finished:
            return progress_label(job)
        return format_html(
            '<div data-progress-url="{}">'
            '<progress max="100" value="{}" class="plenary-import-progress"></progress> '
            "<span data-progress-label>{}</span></div>",
            reverse("admin:unrecord_voteimport_progress", args=[job.pk]),
            job.progress,
            progress_label(job),
        )

    @admin.display(description="counts")
    def counts(self, job):
        summary = job.summary or {}
        if not summary:
            return "–"
        rows = [
            ("Rows read", f"{summary.get('rows_read', 0):,}"),
            ("Rows rejected", f"{summary.get('rows_rejected', 0):,}"),
            *((label, _counted(summary.get(key) or {})) for key, label in COUNTED),
            ("Sessions created", summary.get("sessions_created", 0)),
            ("Resolutions linked to a series", summary.get("series_linked", 0)),
            ("States created (check them)", ", ".join(summary.get("states_created") or []) or "none"),
            ("Reconciliation", _reconciliation(summary.get("reconciliation") or {})),
            ("Time", f"{summary.get('seconds', 0):.1f} s"),
        ]
        if summary.get("changed_anything") is False:
            rows.append(("Result", "Nothing changed: the record already held everything in this file."))
        return _table(["", ""], rows)

    @admin.display(description="rejected rows")
    def rejected_rows(self, job):
        summary = job.summary or {}
        rejected = summary.get("rejected") or []
        if not rejected:
            return "none"
        table = _table(["line", "reason"], rejected)
        more = summary.get("rows_rejected", 0) - len(rejected)
        return format_html("{}<p>… and {} more.</p>", table, f"{more:,}") if more > 0 else table


def _counted(counts: dict) -> str:
    text = f"{counts.get('created', 0):,} created, {counts.get('updated', 0):,} updated, "
    text += f"{counts.get('unchanged', 0):,} unchanged"
    return text + (f", {counts['deleted']:,} deleted" if counts.get("deleted") else "")


def _reconciliation(recon: dict) -> str:
    if not recon:
        return "–"
    return (
        f"{recon.get('matching', 0):,} of {recon.get('roll_calls', 0):,} roll calls match their published "
        f"totals; {len(recon.get('mismatches') or [])} do not; {recon.get('without_published_totals', 0)} "
        "publish none."
    )


def _table(headers: list[str], rows) -> str:
    head = format_html_join("", "<th>{}</th>", ((header,) for header in headers)) if any(headers) else ""
    body = format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", rows)
    return format_html('<table class="plenary-import-table"><thead><tr>{}</tr></thead>{}</table>', head, body)
