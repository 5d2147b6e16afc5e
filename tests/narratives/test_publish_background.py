"""Publishing with the database task backend: the request only records and queues; the worker
renders, stores every file and makes the edition public in one step, or leaves the previous
version public and tells the analyst why."""

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from narratives.editions import release
from narratives.editions.publishing import edition_publish, version_next
from narratives.models import Edition, EditionFile
from pcp.accounts.models import Notice
from priorities.roles import ANALYST, MANAGER, user_save_with_role
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db
FORMATS = {"html", "pdf", "docx", "json", "csv"}
RENDER_PDF = release.edition_pdf


@pytest.fixture
def database_tasks(settings, monkeypatch):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }
    # The worker drops stale connections between tasks; inside a test's transaction that would
    # drop the test's own (Django's test client skips the same step for the same reason).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def work_the_queue():
    """What the worker `make serve` starts does: run every queued task, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)


@pytest.fixture
def analyst():
    return user_save_with_role(
        username="pau-analyst", role=ANALYST, password="a-long-test-pass", email="pau@example.org"
    )


@pytest.fixture
def period():
    period = PeriodFactory(year=2020, quarter=2)
    commitment = CommitmentFactory()
    for order, text in enumerate(["Foot patrols covered 30 estates.", "Cadets helped 9 times."]):
        EntryFactory(
            commitment=commitment, period=period, status="approved", order=order, text=text
        )
    return period


def test_the_edition_is_public_only_once_its_files_are_stored(
    period, analyst, client, database_tasks, monkeypatch
):
    def no_rendering_in_the_request(*args, **kwargs):
        raise AssertionError("rendered inside the publishing request")

    monkeypatch.setattr(release, "edition_pdf", no_rendering_in_the_request)
    edition = edition_publish(period=period, version="1.0", by=analyst)
    assert not edition.is_published and not edition.files.exists()
    assert DBTaskResult.objects.filter(task_path__endswith="edition_render").count() == 1
    for path in ("/editions/2020-21/q2/", "/editions/2020-21/q2.pdf", "/editions/2020-21/q2/v1.0/"):
        assert client.get(path).status_code == 404, path
    assert "2020/21 Q2" not in client.get("/editions/").content.decode()

    monkeypatch.setattr(release, "edition_pdf", RENDER_PDF)
    work_the_queue()
    edition.refresh_from_db()
    assert edition.is_published and edition.published_at == edition.publishes_as_of
    files = {file.format: file for file in edition.files.all()}
    assert set(files) == FORMATS
    assert all(default_storage.exists(file.name) for file in files.values())
    page = client.get("/editions/2020-21/q2/")
    assert page.status_code == 200 and "Foot patrols covered 30 estates." in page.content.decode()
    pdf = client.get("/editions/2020-21/q2/v1.0.pdf")
    assert pdf.content.startswith(b"%PDF") and pdf["ETag"] == files["pdf"].etag
    # Staff hear of it (the notice is a task too, run by the same worker).
    assert [m.subject for m in mail.outbox] == ["Quarterly update 2020/21 Q2 version 1.0 published"]


def test_a_failed_render_leaves_the_previous_version_public_and_says_why(
    period, analyst, client, database_tasks, monkeypatch
):
    edition_publish(period=period, version="1.0", by=analyst)
    work_the_queue()
    stored_before = sorted(EditionFile.objects.values_list("name", flat=True))
    mail.outbox.clear()

    def broken(*args, **kwargs):
        raise RuntimeError("the PDF renderer ran out of memory")

    monkeypatch.setattr(release, "edition_pdf", broken)
    reissue = edition_publish(period=period, version="1.1", by=analyst, change_note="Typo fixed.")
    work_the_queue()
    reissue.refresh_from_db()
    assert not reissue.is_published
    assert "the PDF renderer ran out of memory" in reissue.render_error
    assert sorted(EditionFile.objects.values_list("name", flat=True)) == stored_before
    stored = set(default_storage.listdir("editions/2020-21-q2")[0])
    assert stored == {"v1.0"}, "the failed version's files were removed"
    latest = client.get("/editions/2020-21/q2/").content.decode()
    assert "version 1.0" in latest and "version 1.1" not in latest
    assert client.get("/editions/2020-21/q2/v1.1/").status_code == 404
    (notice,) = mail.outbox
    assert notice.to == ["pau@example.org"] and "NOT published" in notice.subject
    assert "ran out of memory" in notice.body
    recorded = Notice.objects.get(kind="not-published")
    assert (recorded.user, recorded.link) == (analyst, "/admin/narratives/edition/publish/")

    # Put right, the same version is asked for again and replaces the failed attempt.
    monkeypatch.setattr(release, "edition_pdf", RENDER_PDF)
    assert version_next(period=period) == "1.1"
    edition_publish(period=period, version="1.1", by=analyst, change_note="Typo fixed.")
    work_the_queue()
    assert list(Edition.objects.filter(period=period).values_list("version", "render_error")) == [
        ("1.0", ""),
        ("1.1", ""),
    ]
    assert "version 1.1" in client.get("/editions/2020-21/q2/").content.decode()


def test_the_admin_says_the_edition_is_on_its_way(period, analyst, client, database_tasks):
    login_verified(client, analyst)
    response = client.post(
        "/admin/narratives/edition/publish/",
        {"period": period.pk, "version": "1.0", "summary_of": period.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "its files are being made" in page
    assert "Making its files: public when all are stored" in page
    work_the_queue()
    page = client.get("/admin/narratives/edition/").content.decode()
    assert "Published" in page


def test_files_carry_etags_and_cache_headers(period, analyst, client):
    edition_publish(period=period, version="1.0", by=analyst)  # the immediate backend: at once
    versioned = client.get("/editions/2020-21/q2/v1.0.pdf")
    assert (
        "immutable" in versioned["Cache-Control"]
        and "max-age=31536000" in versioned["Cache-Control"]
    )
    latest = client.get("/editions/2020-21/q2.pdf")
    assert "max-age=300" in latest["Cache-Control"] and "immutable" not in latest["Cache-Control"]
    again = client.get("/editions/2020-21/q2.pdf", headers={"If-None-Match": latest["ETag"]})
    assert again.status_code == 304 and again.content == b""
    page = client.get("/editions/2020-21/q2/", headers={"Accept-Encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip" and "public" in page["Cache-Control"]


def test_staff_with_a_role_hear_of_a_publication(period, analyst):
    user_save_with_role(username="manager", role=MANAGER, email="manager@example.org")
    user_save_with_role(username="no-mail", role=MANAGER)
    edition_publish(period=period, version="1.0", by=analyst)
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@example.org", "pau@example.org"]
    assert "/editions/2020-21/q2/v1.0/" in mail.outbox[0].body
