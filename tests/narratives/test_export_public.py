"""`export_public DIR`: the public side as static files, served by `python -m http.server`,
shows the same editions and byte-identical pages and files as the application."""

import io
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from narratives.editions.publishing import edition_publish
from narratives.models import Entry, Operation
from priorities.roles import ANALYST, user_save_with_role
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    analyst = user_save_with_role(username="pau-analyst", role=ANALYST)
    period = PeriodFactory(year=2020, quarter=2)
    commitment = CommitmentFactory()
    entry = EntryFactory(
        commitment=commitment,
        period=period,
        status="approved",
        text="Operation LANTERN closed two cannabis farms.",
    )
    entry.operations.add(Operation.objects.create(name="Lantern"))
    edition_publish(period=period, version="1.0", by=analyst)
    Entry.objects.filter(pk=entry.pk).update(text="Operation LANTERN closed three farms.")
    edition_publish(period=period, version="1.1", by=analyst, change_note="Farms recounted.")


@pytest.fixture
def static_server(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    site = tmp_path / "site"
    server = None

    def start():
        nonlocal server
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=site,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.1)
        raise AssertionError("http.server did not start")

    yield site, start
    if server is not None:
        server.terminate()
        server.wait(timeout=10)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return response.read()


def test_the_exported_site_serves_what_the_app_serves(published, client, static_server):
    site, start = static_server
    call_command("export_public", str(site), stdout=io.StringIO())
    base = start()

    quarter = "/editions/2020-21/q2"
    paths = ["/editions/", f"{quarter}/", f"{quarter}/changes/", "/operations/"]
    paths += ["/operations/lantern/", f"{quarter}/v1.0/", f"{quarter}/v1.1/"]
    for fmt in ("pdf", "docx", "json", "csv"):
        paths += [f"{quarter}.{fmt}", f"{quarter}/v1.0.{fmt}", f"{quarter}/v1.1.{fmt}"]
    for path in paths:
        app = client.get(path)
        assert app.status_code == 200, path
        assert fetch(base + path) == app.content, f"{path} differs from the application's"

    listing = fetch(base + "/editions/").decode()
    assert "2020/21 Q2" in listing and f'href="{quarter}/v1.0/"' in listing
    assert b"three farms" in fetch(base + f"{quarter}/")
    assert b"two cannabis farms" in fetch(base + f"{quarter}/v1.0/")
    stylesheet = fetch(base + "/static/css/site.css")
    assert stylesheet == open(finders.find("css/site.css"), "rb").read()  # noqa: SIM115
    assert b"url=/editions/" in fetch(base + "/")


def test_unpublished_and_staff_pages_are_not_exported(published, tmp_path):
    PeriodFactory(year=2020, quarter=3)  # open, nothing published
    site = tmp_path / "site"
    call_command("export_public", str(site), stdout=io.StringIO())
    written = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}
    assert not any("preview" in name or "admin" in name for name in written)
    assert not any("q3" in name for name in written)
    assert "editions/2020-21/q2/v1.1/index.html" in written
