"""Notices of review steps and publication (recorded for the home page, e-mailed as tasks), and
the preview PDF kept until an entry of the period changes."""

import pytest
from django.core import mail

from narratives import notices
from narratives.editions import preview
from narratives.editions.publishing import edition_publish
from narratives.entries.workflow import entries_approve, entries_return, entry_save, entry_submit
from narratives.models import Entry
from pcp.accounts.models import Notice
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


def test_a_return_is_recorded_as_a_notice_with_the_comment_and_a_link(w, settings):
    settings.PCP_SITE_URL = "https://update.example.org"
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entries_return(entries=[w.colbury_draft], by=w.analyst, comment="Give the number of hours.")
    (notice,) = Notice.objects.all()
    link = f"/admin/narratives/entry/{w.colbury_draft.pk}/change/"
    assert (notice.user, notice.kind, notice.link) == (w.officer, "returned", link)
    assert "Give the number of hours." in notice.body
    (message,) = mail.outbox
    assert message.subject == notice.subject
    assert "Give the number of hours." in message.body
    assert f"https://update.example.org{link}" in message.body


def test_the_notice_goes_with_the_step_or_not_at_all(w, monkeypatch):
    from narratives.entries import workflow

    entry_submit(entry=w.colbury_draft, by=w.officer)

    def broken(messages):
        raise RuntimeError("the mail queue is down")

    monkeypatch.setattr(notices, "emails_queue", broken)
    with pytest.raises(RuntimeError):
        workflow.entries_return(entries=[w.colbury_draft], by=w.analyst, comment="Hours?")
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.status == "submitted" and not Notice.objects.exists()


def test_several_entries_returned_link_to_the_list_of_them(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    other = Entry.objects.create(
        commitment=w.commitment2, period=w.q2, area=w.colbury, order=5, text="Second entry."
    )
    entry_submit(entry=other, by=w.officer)
    entries_return(entries=[w.colbury_draft, other], by=w.analyst, comment="Both need dates.")
    (notice,) = Notice.objects.all()
    assert notice.subject == "Quarterly update 2020/21 Q2: 2 entries returned for changes"
    assert notice.link == ("/my-quarter/2020-21/q2/")


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
    # The officer without an address is not e-mailed, but sees the notice on their home page.
    assert sorted(Notice.objects.values_list("user__username", "kind")) == [
        ("marshby.officer", "approved"),
        ("north.officer", "approved"),
    ]


def test_publication_is_a_notice_to_the_quarters_writers_and_staff(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entries_approve(entries=[w.colbury_draft], by=w.analyst)
    mail.outbox.clear()
    Notice.objects.all().delete()
    edition_publish(period=w.q2, version="1.0", by=w.analyst)
    notice = Notice.objects.get(user=w.officer)
    assert notice.kind == "published" and notice.link == "/editions/2020-21/q2/v1.0/"
    assert notice.subject == "Quarterly update 2020/21 Q2 version 1.0 published"
    assert set(Notice.objects.values_list("user__username", flat=True)) == {
        "north.officer",
        "marshby.officer",
        "pau.analyst",
        "command.manager",
    }
    (message,) = mail.outbox  # the only one with an e-mail address
    assert message.to == ["north.officer@example.org"]
    assert "/editions/2020-21/q2/v1.0/" in message.body


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
