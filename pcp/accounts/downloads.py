"""Which responses count as a download of non-public data, and recording them (who, what, when).

Decided by address, in one place, so that a new export or private page is recorded without its
view knowing: any file a signed-in user is sent (it has a Content-Disposition) except the public
edition files, and the private pages listed below (previews, internal editions).
"""

import re
from fnmatch import fnmatchcase

from pcp.accounts.models import DownloadRecord

Kind = DownloadRecord.Kind
# Pages that are themselves non-public data, by URL name (fnmatch patterns).
PRIVATE_PAGES = ("narratives:*preview*", "narratives:*internal*")
# Files anyone may fetch: a signed-in user downloading them is not recorded.
PUBLIC_FILES = ("narratives:edition_file", "narratives:edition_version_file")
KINDS = (
    ("narratives:*internal*", Kind.INTERNAL_EDITION),
    ("narratives:*preview*", Kind.PREVIEW),
    ("dashboards:*", Kind.DASHBOARD_CSV),
    ("review:*", Kind.REVIEW_EXPORT),
    ("admin:*", Kind.ADMIN_EXPORT),
)
FILENAME = re.compile(r'filename="?([^";]+)"?')


def _matches(name: str, patterns) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in patterns)


def download_kind(*, view_name: str, response) -> str | None:
    """The kind of download this response is, or None if it is not one we record."""
    if response.status_code != 200:
        return None
    is_file = response.has_header("Content-Disposition")
    if not (_matches(view_name, PRIVATE_PAGES) or (is_file and view_name not in PUBLIC_FILES)):
        return None
    return next((kind for pattern, kind in KINDS if fnmatchcase(view_name, pattern)), Kind.OTHER)


def download_record(*, request, response, kind: str) -> DownloadRecord:
    found = FILENAME.search(response.get("Content-Disposition", ""))
    what = found.group(1) if found else f"Page {request.resolver_match.view_name}"
    return DownloadRecord.objects.create(
        user=request.user,
        username=request.user.get_username(),
        kind=kind,
        what=what[:300],
        path=request.get_full_path()[:500],
        address=request.META.get("REMOTE_ADDR") or None,
    )
