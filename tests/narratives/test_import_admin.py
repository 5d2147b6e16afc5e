"""The analysts' upload page for past editions: read, show, then confirm or cancel; pending
uploads are keyed at random, bound to their uploader, and gone after confirm or cancel."""

import datetime
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from narratives.demo.sample_edition import sample_areas
from narratives.models import Entry
from pcp.spreadsheets.pending import FOLDER, pending_imports_expire
from priorities.roles import ANALYST, MANAGER, OFFICER, user_save_with_role
from tests.builders.text_editions import body, cover, outline
from tests.narratives.test_import_docx import handmade
from tests.second_factor import login_verified

IMPORT = "/admin/narratives/edition/import/"
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def analyst(db, client):
    sample_areas()
    user = user_save_with_role(username="pau-analyst", role=ANALYST, password=PASSWORD)
    login_verified(client, user)
    return user


def text_edition(quarter: int = 2) -> SimpleUploadedFile:
    spec = outline(quarter=quarter)
    content = "\n".join(cover(spec) + body(spec)).encode()
    return SimpleUploadedFile(f"q{quarter}.txt", content, content_type="text/plain")


def word_edition() -> SimpleUploadedFile:
    return SimpleUploadedFile("q3.docx", handmade(outline(quarter=3), boxed=False))


def uploaded(client, *files):
    response = client.post(IMPORT, {"files": list(files)})
    assert response.status_code == 200
    page = response.content.decode()
    key = re.search(r'action="/admin/narratives/edition/import/([^/"]+)/"', page)
    return page, key.group(1) if key else None


KEY = re.compile(r"^[0-9a-f]{32}$")


def pending_files(user) -> list[str]:
    folder = f"{FOLDER}/{user.pk}"
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


def test_the_page_shows_each_files_tree_warnings_and_findings_before_anything_is_stored(
    client, analyst, django_assert_max_num_queries
):
    assert "Import past editions" in client.get("/admin/narratives/edition/").content.decode()
    bad = SimpleUploadedFile("minutes.txt", b"Minutes of the panel.\n\nNothing else.\n")
    with django_assert_max_num_queries(12):
        page, key = uploaded(client, word_edition(), text_edition(), bad)
    assert key and KEY.match(key)
    # Oldest first; the bad file is said to be so, with why.
    assert page.index("q2.txt") < page.index("q3.docx")
    assert "Cannot be imported: minutes.txt: not a quarterly update edition: no reporting" in page
    assert "Priority 1 – Local Policing" in page and "Keep promise 1.1 to our communities." in page
    assert "<strong>Colchester:</strong> Foot patrols covered the high street" in page
    assert "read from DOCX" in page and "read from TXT" in page
    # No server path or file name travels in the form: only the key, in the address.
    assert 'name="key"' not in page and "media" not in page and str(analyst.pk) + "/" not in page
    assert not Entry.objects.exists()
    assert len(pending_files(analyst)) == 3 and key in pending_files(analyst)  # 2 files, list


def test_confirm_imports_each_file_and_deletes_the_upload(client, analyst):
    _, key = uploaded(client, text_edition(2), word_edition())
    response = client.post(f"{IMPORT}{key}/", {"confirm": "Import these editions"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Imported q2.txt: 2020/21 Q2 version 1.0, 24 entries.",
        "Imported q3.docx: 2020/21 Q3 version 1.0, 24 entries.",
    ]
    assert Entry.objects.count() == 48
    assert pending_files(analyst) == []
    # Confirming twice does nothing more.
    assert client.post(f"{IMPORT}{key}/", {"confirm": "1"}).status_code == 404


def test_cancel_deletes_the_upload_and_stores_nothing(client, analyst):
    _, key = uploaded(client, text_edition())
    response = client.post(f"{IMPORT}{key}/", {"cancel": "Cancel"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Nothing was imported."]
    assert not Entry.objects.exists() and pending_files(analyst) == []


def test_an_upload_is_bound_to_its_uploader(client, analyst):
    _, key = uploaded(client, text_edition())
    other = user_save_with_role(username="pau-two", role=ANALYST, password=PASSWORD)
    login_verified(client, other)
    assert client.post(f"{IMPORT}{key}/", {"confirm": "1"}).status_code == 404
    for guess in ("manifest.json", "A" * 24, key[:-1]):
        assert client.post(f"{IMPORT}{guess}/", {"confirm": "1"}).status_code == 404
    assert not Entry.objects.exists() and key in pending_files(analyst)


def test_uploads_left_are_removed_by_the_retention_function(client, analyst):
    _, key = uploaded(client, text_edition())
    assert pending_imports_expire(older_than=datetime.timedelta(hours=1)) == 0
    assert pending_imports_expire(older_than=datetime.timedelta(0)) == 2  # the file, its list
    assert pending_files(analyst) == []
    assert client.post(f"{IMPORT}{key}/", {"confirm": "1"}).status_code == 404


def test_limits_on_size_and_number(client, analyst, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    page, key = uploaded(client, text_edition())
    assert "larger than the 100\xa0bytes allowed per file" in page and key is None
    settings.IMPORT_MAX_UPLOAD_BYTES = 10**6
    page, key = uploaded(client, *[text_edition() for _ in range(21)])
    assert "21 files chosen; up to 20 at once." in page and key is None


@pytest.mark.parametrize("role", [OFFICER, MANAGER])
def test_only_analysts_may_import(client, db, role):
    user = user_save_with_role(username="someone", role=role, password=PASSWORD)
    login_verified(client, user)
    assert client.get(IMPORT).status_code == 403
    assert client.post(f"{IMPORT}{'a' * 24}/", {"confirm": "1"}).status_code == 403
