"""The analysts' page for bringing in past editions: choose PDF, Word or text files, read what
each holds (priorities, commitments, entries with their areas, warnings, figures findings),
then confirm or cancel. Nothing is stored until confirmed; each file then goes in on its own.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path

from narratives.importing.batch import (
    FileImport,
    edition_documents_import,
    edition_documents_preview,
)
from narratives.importing.pending import pending_delete, pending_load, pending_save
from narratives.importing.readers import EditionFileError, edition_document_from_bytes
from priorities.scoping import user_may

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented way): each checked as a file."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            raise ValidationError("Choose at least one file.")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class EditionFilesForm(forms.Form):
    files = MultipleFileField(
        widget=MultipleFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
        help_text=f"PDF, Word (.docx) or text files of past editions, up to {MAX_FILES} at once.",
    )

    def clean_files(self) -> list:
        uploads = self.cleaned_data["files"]
        if len(uploads) > MAX_FILES:
            raise ValidationError(f"{len(uploads)} files chosen; up to {MAX_FILES} at once.")
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        too_big = [upload.name for upload in uploads if upload.size > limit]
        if too_big:
            raise ValidationError(
                f"{', '.join(too_big)}: larger than the {filesizeformat(limit)} allowed per file."
            )
        return uploads


class EditionImportAdminMixin:
    """For the Edition admin: "Import past editions" (analysts only)."""

    def import_urls(self) -> list:
        upload = self.admin_site.admin_view(self.import_view)
        decide = self.admin_site.admin_view(self.import_decide_view)
        return [
            path("import/", upload, name="narratives_edition_import"),
            path("import/<str:key>/", decide, name="narratives_edition_import_decide"),
        ]

    def import_view(self, request):
        _analyst_only(request)
        form = EditionFilesForm(request.POST or None, request.FILES or None)
        previews: list[FileImport] = []
        key = ""
        if request.method == "POST" and form.is_valid():
            files = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
            previews = _read(files, by=None, preview=True)
            readable = {item.name for item in previews if not item.error}
            kept = [(name, content) for name, content in files if name in readable]
            if kept:  # only what can be imported waits for the confirmation
                key = pending_save(user=request.user, files=kept)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import past editions",
            "opts": self.model._meta,
            "form": form,
            "previews": previews,
            "key": key,
        }
        return TemplateResponse(request, "admin/narratives/edition/import.html", context)

    def import_decide_view(self, request, key: str):
        _analyst_only(request)
        if request.method != "POST":
            return redirect("admin:narratives_edition_import")
        files = pending_load(user=request.user, key=key)
        if files is None:
            raise Http404("No such upload waiting for you (it may have been confirmed already).")
        pending_delete(user=request.user, key=key)
        if "confirm" not in request.POST:
            self.message_user(request, "Nothing was imported.", messages.INFO)
            return redirect("admin:narratives_edition_import")
        for item in _read(files, by=request.user, preview=False):
            if item.error:
                self.message_user(request, f"Not imported: {item.error}", messages.ERROR)
            else:
                row = item.row()
                self.message_user(
                    request,
                    f"Imported {item.name}: {row['quarter']} version {row['version']}, "
                    f"{row['entries']} entries.",
                    messages.SUCCESS,
                )
        return redirect("admin:narratives_edition_import")


def _analyst_only(request) -> None:
    if not user_may(request.user, "narratives.publish_edition"):
        raise PermissionDenied("Only analysts (PAU) may import past editions.")


def _read(files: list[tuple[str, bytes]], *, by, preview: bool) -> list[FileImport]:
    """Each file read and imported (or for a preview read and checked), oldest edition first."""
    named, failed = [], []
    for name, content in files:
        try:
            document = edition_document_from_bytes(
                content, name=name, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES
            )
        except EditionFileError as error:
            failed.append(FileImport(name=name, error=str(error)))
            continue
        named.append((name, document))
    if preview:
        return edition_documents_preview(named) + failed
    return edition_documents_import(named, by=by) + failed
