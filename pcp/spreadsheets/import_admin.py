"""What every bulk import page of the admin does (django-import-export): all or nothing at
confirmation, pending uploads kept for their user only, and a limit on what is uploaded."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from import_export.forms import ImportForm

from pcp.spreadsheets.pending import PendingUploadAdminMixin
from pcp.spreadsheets.reading import text_rows_problem, unpacked_problem


class AllOrNothingImportAdminMixin(PendingUploadAdminMixin):
    """For an import admin: a row that turned wrong between preview and confirmation (the data
    changed meanwhile) stops the whole import, rather than writing the rows that still pass.
    (And pending uploads kept as PendingUploadAdminMixin says.)"""

    def process_dataset(self, dataset, form, request, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                "Nothing was imported: some rows are no longer valid. "
                "Upload the file again to see which.",
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)


class SizeLimitedImportForm(ImportForm):
    """Refuses files over settings.IMPORT_MAX_UPLOAD_BYTES, and spreadsheets that unpack to
    far more, before anything reads them."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; files of up to "
                f"{filesizeformat(limit)} can be imported. Split it into smaller files."
            )
        problem = unpacked_problem(upload) or text_rows_problem(upload)
        if problem:
            raise ValidationError(problem)
        return upload
