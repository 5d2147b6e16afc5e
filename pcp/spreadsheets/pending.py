"""Uploads waiting for confirmation, kept in Django's storage under a random key and the
uploader's id.

django-import-export writes each previewed file to the temp folder and puts its path in the
confirm form; whoever posts the form may name any file there, and the server reads and deletes
it. Here the form carries only a random key, the file lives under the uploading user's folder,
and a key posted by anyone else (or twice, or after expiry) finds nothing.
"""

import contextlib
import datetime
import re
from contextvars import ContextVar
from uuid import uuid4

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from import_export.tmp_storages import BaseStorage

from pcp.spreadsheets.reading import NotThisFormat, decoded_text

FOLDER = "pending-imports"
_KEY = re.compile(r"^[0-9a-f]{32}$")
_uploader: ContextVar[int | None] = ContextVar("pending_import_uploader", default=None)


class PendingUploadMissing(LookupError):
    """The key names no upload of this user's (confirmed, cancelled, expired or not theirs)."""


@contextlib.contextmanager
def uploads_of(user):
    """Binds pending uploads saved or read inside the block to `user`."""
    token = _uploader.set(user.pk)
    try:
        yield
    finally:
        _uploader.reset(token)


def _path(user_id: int, key: str) -> str:
    return f"{FOLDER}/{user_id}/{key}"


class PendingUploadStorage(BaseStorage):
    """import-export's temporary storage, bound to the user of the request (uploads_of)."""

    def _location(self) -> str:
        user_id = _uploader.get()
        if user_id is None:
            raise PendingUploadMissing("no user is bound to this upload")
        if not self.name or not _KEY.match(str(self.name)):
            raise PendingUploadMissing("not a pending upload key")
        return _path(user_id, self.name)

    def save(self, data) -> None:
        self.name = uuid4().hex
        content = data if isinstance(data, bytes) else data.encode("utf-8")
        default_storage.save(self._location(), ContentFile(content))

    def read(self):
        location = self._location()
        if not default_storage.exists(location):
            raise PendingUploadMissing(self.name)
        with default_storage.open(location, "rb") as handle:
            data = handle.read()
        return data if "b" in self.read_mode else decoded_text(data)

    def remove(self) -> None:
        with contextlib.suppress(PendingUploadMissing):
            default_storage.delete(self._location())


def pending_imports_expire(*, older_than: datetime.timedelta) -> int:
    """Deletes pending uploads nobody confirmed or cancelled within `older_than`; returns how
    many. For the retention command a scheduler runs."""
    cutoff = timezone.now() - older_than
    removed = 0
    if not default_storage.exists(FOLDER):
        return 0
    users, _ = default_storage.listdir(FOLDER)
    for user in users:
        _, keys = default_storage.listdir(f"{FOLDER}/{user}")
        for key in keys:
            path = f"{FOLDER}/{user}/{key}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
    return removed


class PendingUploadAdminMixin:
    """For an import admin: previews keep the upload as a pending upload of the user's, the
    confirm step reads only the user's own, and a file that is not what its format says gets
    a plain sentence instead of a library exception's name."""

    tmp_storage_class = PendingUploadStorage

    def import_action(self, request, **kwargs):
        with uploads_of(request.user):
            return super().import_action(request, **kwargs)

    def process_import(self, request, **kwargs):
        with uploads_of(request.user):
            try:
                return super().process_import(request, **kwargs)
            except PendingUploadMissing:
                messages.error(
                    request,
                    "That upload is no longer waiting to be imported (it was imported, "
                    "cancelled or expired). Nothing was imported: upload the file again.",
                )
                opts = self.model._meta
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_import")
                return HttpResponseRedirect(url)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, NotThisFormat):
            form.add_error("import_file", str(e))
            return
        formats = self.get_import_formats()
        try:
            chosen = formats[int(form.cleaned_data["format"])]().get_title().upper()
        except (KeyError, IndexError, ValueError, TypeError):
            chosen = "CSV or XLSX"
        form.add_error(
            "import_file",
            f"This is not a {chosen} file: it could not be read as one. Choose the format the "
            "file was saved in, or save it again as CSV (UTF-8) or XLSX.",
        )
