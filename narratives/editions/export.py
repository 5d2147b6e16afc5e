"""The public side as static files, for any web server or CDN to serve without Django.

Starting from the editions list, the operation register and the areas, every public page they
link to is rendered by the application's own views, as an anonymous reader gets it, and written
where a static server finds it for the same address (`/editions/` → `editions/index.html`,
`/editions/2020-21/q2.pdf` → `editions/2020-21/q2.pdf`), with the static files the pages use.
A page's bytes are the application's; links keep their addresses, so the folder is served at
the site's root. Query strings have no static form: a comparison chosen with ?from=/?to= is
served as that page's default comparison.
"""

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import Resolver404, resolve

START = ("/editions/", "/operations/", "/areas/")
# The public views; anything else a page links to (log in, previews, admin) is left out.
PUBLIC_VIEWS = {
    "narratives:edition_list",
    "narratives:edition",
    "narratives:edition_file",
    "narratives:edition_version",
    "narratives:edition_version_file",
    "narratives:edition_changes",
    "narratives:operation_list",
    "narratives:operation",
    "timelines:area_list",
    "timelines:area",
    "timelines:area_csv",
    "timelines:operation_csv",
}
LINK = re.compile(rb'(?:href|src)="(/[^"#?]*)')
HOME = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    '<meta http-equiv="refresh" content="0; url=/editions/"><title>Quarterly Update</title>'
    '</head><body><a href="/editions/">Published editions</a></body></html>\n'
)


@dataclass
class Exported:
    pages: list[str] = field(default_factory=list)
    static: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # linked, but not found (404)


def public_export(*, directory: Path, limit: int = 100_000) -> Exported:
    """Write every public page reachable from the editions list, operation register and areas."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text(HOME, encoding="utf-8")
    done, queue, static = Exported(), list(START), set()
    seen = set(queue)
    while queue and len(done.pages) < limit:
        path = queue.pop(0)
        body = _render(path)
        if body is None:
            done.missing.append(path)
            continue
        _write(directory, path, body)
        done.pages.append(path)
        links = LINK.findall(body) if path.endswith("/") else []  # pages, not files
        for link in (found.decode() for found in links):
            if link.startswith(settings.STATIC_URL):
                static.add(link)
            elif link not in seen and _is_public(link):
                seen.add(link)
                queue.append(link)
    for link in sorted(static):
        if _copy_static(directory, link):
            done.static.append(link)
        else:
            done.missing.append(link)
    return done


def _is_public(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in PUBLIC_VIEWS


def _render(path: str) -> bytes | None:
    """The page as the application serves it to an anonymous reader (no compression)."""
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    if response.status_code != 200:
        return None
    return response.content


def _target(directory: Path, path: str) -> Path:
    relative = urlsplit(path).path.lstrip("/")
    if not relative or relative.endswith("/"):
        relative += "index.html"
    target = (directory / relative).resolve()
    if directory.resolve() not in target.parents:
        raise ValueError(f"{path} would be written outside {directory}")
    return target


def _write(directory: Path, path: str, body: bytes) -> None:
    target = _target(directory, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)


def _copy_static(directory: Path, link: str) -> bool:
    """Copy a static file from the collected files (production) or the apps' folders."""
    name = link[len(settings.STATIC_URL) :]
    collected = Path(settings.STATIC_ROOT) / name
    found = collected if collected.is_file() else finders.find(name)
    if not found:
        return False
    source = Path(found)
    target = _target(directory, link)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return True
