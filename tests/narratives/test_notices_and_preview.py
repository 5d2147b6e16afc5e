"""E-mail notices of review steps (queued as tasks), and the preview PDF kept until an entry of
the period changes."""

import pytest
from django.core import mail

from narratives.editions import preview
from narratives.entries.workflow import entries_approve, entries_return, entry_save, entry_submit
from priorities.roles import ANALYST, user_save_with_role
from tests.priorities.world import build_world
from tests.second_factor import login_verified


@pytest.fixture
def w(db):
    return build_world()


def test_the_officer_who_submitted_hears_of_a_return_with_the_comment(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    mail.outbox.clear()
    entries_return(entries=[w.colbury_draft], by=w.analyst, comment="Give the number of hours.")
    (notice,) = mail.outbox
    assert notice.to == ["north.officer@example.org"]
    assert notice.subject == "Quarterly update 2020/21 Q2: 1 entry returned for changes"
    assert "Give the number of hours." in notice.body and "Colbury draft text." in notice.body
    assert f"/admin/narratives/entry/{w.colbury_draft.pk}/change/" in notice.body


def test_one_approval_notice_per_officer_listing_their_entries(w, settings):
    settings.PCP_SITE_URL = "https://update.example.org/"
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_submit(entry=w.marshby_draft, by=w.marsh_officer)  # no e-mail address: not told
    mail.outbox.clear()
    entries_approve(entries=[w.colbury_draft, w.marshby_draft], by=w.analyst)
    (notice,) = mail.outbox
    assert notice.subject == "Quarterly update 2020/21 Q2: 1 entry approved"
    assert "https://update.example.org/admin/narratives/entry/" in notice.body
    assert "Marshby" not in notice.body


def test_no_notice_when_the_reviewer_submitted_it_themselves(w):
    w.analyst.email = "pau@example.org"
    w.analyst.save()
    entry_submit(entry=w.colbury_draft, by=w.analyst)
    mail.outbox.clear()
    entries_approve(entries=[w.colbury_draft], by=w.analyst)
    assert mail.outbox == []


@pytest.fixture
def renders(monkeypatch):
    """Counts the preview PDFs actually rendered."""
    made = []
    real = preview.edition_pdf

    def counted(edition):
        made.append(edition)
        return real(edition)

    monkeypatch.setattr(preview, "edition_pdf", counted)
    return made


def test_the_preview_pdf_is_kept_until_an_entry_of_the_period_changes(w, client, renders):
    analyst = user_save_with_role(username="pau-2", role=ANALYST, password="a-long-test-pass")
    login_verified(client, analyst)
    first = client.get("/editions/2020-21/q2/preview.pdf")
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert client.get("/editions/2020-21/q2/preview.pdf").content == first.content
    assert len(renders) == 1

    w.colbury_draft.text = "Colbury volunteers gave 140 hours."
    entry_save(entry=w.colbury_draft, by=w.officer, expected_revision=w.colbury_draft.revision)
    client.get("/editions/2020-21/q2/preview.pdf")
    assert len(renders) == 2
    entry_submit(entry=w.colbury_draft, by=w.officer)  # a review step changes it too
    client.get("/editions/2020-21/q2/preview.pdf")
    assert len(renders) == 3
    # Only the latest preview of the quarter is kept.
    assert len(preview.default_storage.listdir("previews/2020-21-q2")[1]) == 1


def test_with_a_task_worker_the_page_waits_for_the_pdf(w, client, settings, renders):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }
    login_verified(client, user_save_with_role(username="pau-3", role=ANALYST, password="x" * 20))
    waiting = client.get("/editions/2020-21/q2/preview.pdf")
    assert waiting.status_code == 202 and renders == []
    assert "Preparing the preview PDF of 2020/21 Q2" in waiting.content.decode()
    client.get("/editions/2020-21/q2/preview.pdf")  # reloading queues nothing more
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="preview_pdf_render").count() == 1
