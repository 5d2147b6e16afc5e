"""Uploaded editions waiting for an analyst's confirmation.

Each upload is kept under a random key in a folder of the uploading user's own, in the media
storage (never served): the confirm form carries only the key, never a file name or a path,
so no one can make the server read another user's upload or any other file. Uploads are
deleted on confirm or cancel, and any left for a day are deleted with the next upload.
"""

import datetime
import json
import re
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "pending-editions"
KEY = re.compile(r"^[A-Za-z0-9_-]{24}$")
KEPT_FOR = datetime.timedelta(days=1)


def _folder(user, key: str) -> str:
    return f"{FOLDER}/{int(user.pk)}/{key}"


def pending_save(*, user, files: list[tuple[str, bytes]]) -> str:
    """Keep the files (name as uploaded, content) for `user`; returns the key."""
    pending_expire()
    key = secrets.token_urlsafe(18)
    folder = _folder(user, key)
    names = []
    for index, (name, content) in enumerate(files):
        default_storage.save(f"{folder}/{index}", ContentFile(content))
        names.append(name)
    manifest = {"names": names, "saved": timezone.now().isoformat()}
    default_storage.save(f"{folder}/manifest.json", ContentFile(json.dumps(manifest).encode()))
    return key


def pending_load(*, user, key: str) -> list[tuple[str, bytes]] | None:
    """The user's files kept under `key`, or None (no such key for this user, or expired)."""
    if not KEY.match(key or ""):
        return None
    folder = _folder(user, key)
    if not default_storage.exists(f"{folder}/manifest.json"):
        return None
    with default_storage.open(f"{folder}/manifest.json") as handle:
        manifest = json.loads(handle.read())
    files = []
    for index, name in enumerate(manifest["names"]):
        with default_storage.open(f"{folder}/{index}") as handle:
            files.append((name, handle.read()))
    return files


def pending_delete(*, user, key: str) -> None:
    if KEY.match(key or ""):
        _remove(_folder(user, key))


def pending_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete uploads kept longer than a day; returns how many."""
    now = now or timezone.now()
    removed = 0
    if not default_storage.exists(FOLDER):
        return 0
    for user_folder in default_storage.listdir(FOLDER)[0]:
        for key in default_storage.listdir(f"{FOLDER}/{user_folder}")[0]:
            manifest = f"{FOLDER}/{user_folder}/{key}/manifest.json"
            saved = (
                default_storage.get_modified_time(manifest)
                if default_storage.exists(manifest)
                else None
            )
            if saved is None or now - saved > KEPT_FOR:
                _remove(f"{FOLDER}/{user_folder}/{key}")
                removed += 1
    return removed


def _remove(folder: str) -> None:
    if not default_storage.exists(folder):
        return
    for name in default_storage.listdir(folder)[1]:
        default_storage.delete(f"{folder}/{name}")
    default_storage.delete(folder)
