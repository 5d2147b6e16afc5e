"""Uploaded editions waiting for an analyst's confirmation, kept as every other pending upload
is (pcp.spreadsheets.pending): under random keys in the uploading user's own folder of Django's
storage, read back only by that user, removed on confirm or cancel, and by the retention
function (pending_imports_expire) when left.

Several files go up at once, so each is one pending upload and a list of (file name, key) is
another: the confirm form carries only that list's key, never a file name or a path.
"""

import json

from pcp.spreadsheets.pending import PendingUploadMissing, PendingUploadStorage, uploads_of


def pending_save(*, user, files: list[tuple[str, bytes]]) -> str:
    """Keep the files (name as uploaded, content) for `user`; returns the key to confirm with."""
    with uploads_of(user):
        listed = []
        for name, content in files:
            upload = PendingUploadStorage(read_mode="rb")
            upload.save(content)
            listed.append([name, upload.name])
        manifest = PendingUploadStorage(read_mode="rb")
        manifest.save(json.dumps(listed).encode())
    return manifest.name


def pending_load(*, user, key: str) -> list[tuple[str, bytes]] | None:
    """The user's files kept under `key`, or None: no such key of this user's (confirmed,
    cancelled, expired, someone else's, or not a key at all)."""
    with uploads_of(user):
        try:
            listed = json.loads(PendingUploadStorage(name=key, read_mode="rb").read())
            return [
                (name, PendingUploadStorage(name=part, read_mode="rb").read())
                for name, part in listed
            ]
        except (PendingUploadMissing, ValueError, TypeError):
            return None


def pending_delete(*, user, key: str) -> None:
    with uploads_of(user):
        manifest = PendingUploadStorage(name=key, read_mode="rb")
        try:
            listed = json.loads(manifest.read())
        except (PendingUploadMissing, ValueError, TypeError):
            return
        for _, part in listed:
            PendingUploadStorage(name=part).remove()
        manifest.remove()
