"""The reference edition imported and published, the world every search test starts from."""

import io

import pytest
from django.core.management import call_command

from narratives.editions import release
from narratives.models import Entry, Period
from priorities.roles import ANALYST, user_save_with_role


@pytest.fixture(autouse=True)
def _quick_files(monkeypatch):
    """Search reads only what a version froze as data; the PDF and Word files it also renders
    (seconds each, tested in tests/narratives/) are stood in for by small bytes here."""
    monkeypatch.setattr(release, "edition_pdf", lambda edition: b"%PDF-1.7 search test")
    monkeypatch.setattr(release, "edition_docx", lambda edition: b"PK search test")


@pytest.fixture
def reference(db, reference_edition_path):
    out = io.StringIO()
    call_command("import_update", str(reference_edition_path), "--publish", stdout=out)
    assert "Published 2020/21 Q2 version 1.1" in out.getvalue()
    return Period.objects.get(year=2020, quarter=2)


@pytest.fixture
def analyst(db):
    return user_save_with_role(username="search-analyst", role=ANALYST)


def a_reference_entry(text_part: str) -> Entry:
    return Entry.objects.get(text__contains=text_part)
