"""Each role starts where its work is, in Chromium against the live server, one quarter's loop:

the officer lands on My quarter, sees the deadline, writes and submits; the analyst lands on the
review screen, filters to one area and returns the entry with a comment; the officer gets the
e-mail, sees the returned entry with the comment on My quarter, fixes it and submits again; the
analyst approves it and downloads the status grid; the manager lands on the dashboards.
"""

import csv
import io
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from narratives.models import Entry, Transition
from tests.priorities.world import PASSWORD, build_world
from tests.second_factor import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRITTEN = "Eastwick's front counter now opens on Saturday mornings."
FIXED = "Eastwick's front counter now opens 9am to noon on Saturdays from 5 September."
COMMENT = "Say which Saturdays, and the hours."


def sign_in(page, server: str, username: str, lands_on: str) -> None:
    page.context.clear_cookies()
    browser_log_in(page, server, username, PASSWORD)
    page.wait_for_url(f"{server}{lands_on}")


def officer_writes_and_submits(page, server: str, w) -> Entry:
    sign_in(page, server, "north.officer", "/my-quarter/")
    expect(page.locator(".mq-deadline")).to_contain_text("14 days left")
    page.get_by_role("link", name="Write for 1.2 in Eastwick").click()
    page.locator("#id_text").fill(WRITTEN)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.get_by_role("link", name="My quarter").first.click()
    page.get_by_role("button", name="Submit all 2 ready drafts").click()
    expect(page.locator(".messagelist")).to_contain_text("2 entries submitted for review")
    entry = Entry.objects.get(text=WRITTEN)
    assert (entry.status, entry.area, entry.period) == (Entry.Status.SUBMITTED, w.eastwick, w.q2)
    return entry


def analyst_filters_and_returns(page, server: str, w, entry: Entry) -> None:
    sign_in(page, server, "pau.analyst", "/review/2020-21/q2/")
    page.get_by_label("Area", exact=True).select_option(str(w.eastwick.pk))
    page.get_by_role("button", name="Show").click()
    entries = page.locator(".pcp-entries")
    expect(entries).to_contain_text(WRITTEN)
    expect(entries).not_to_contain_text("Marshby")
    page.get_by_role("checkbox", name=f"Select entry {entry.pk}").check()
    page.get_by_label("Comment for the officer").fill(COMMENT)
    page.get_by_role("button", name="Return ticked with comment").click()
    expect(page.locator(".messagelist")).to_contain_text("1 entry returned with your comment")


def officer_reads_the_mail_fixes_and_resubmits(page, server: str, entry: Entry) -> None:
    to_officer = [m for m in mail.outbox if "north.officer@" in ",".join(m.to)]
    assert to_officer, [m.to for m in mail.outbox]
    assert COMMENT in to_officer[-1].body and f"/entry/{entry.pk}/" in to_officer[-1].body

    sign_in(page, server, "north.officer", "/my-quarter/")
    returned = page.locator(".mq-returned")
    expect(returned).to_contain_text(WRITTEN)
    expect(returned.locator(".mq-comment")).to_contain_text(COMMENT)
    returned.get_by_role("link", name="Correct this entry").click()
    page.locator("#id_text").fill(FIXED)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("link", name="My quarter").first.click()
    page.get_by_role("button", name="Submit 1 ready draft").click()
    expect(page.locator(".messagelist")).to_contain_text("1 entry submitted for review")


def analyst_approves_and_downloads_the_grid(page, server: str, entry: Entry) -> list[dict]:
    sign_in(page, server, "pau.analyst", "/review/2020-21/q2/")
    page.locator(f"#entry-{entry.pk}").get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("1 entry approved")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV of the status grid").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_each_role_starts_where_its_work_is_through_a_quarter(page, live_server):
    w = build_world(password=PASSWORD)
    server = live_server.url

    entry = officer_writes_and_submits(page, server, w)
    analyst_filters_and_returns(page, server, w, entry)
    officer_reads_the_mail_fixes_and_resubmits(page, server, entry)
    grid = analyst_approves_and_downloads_the_grid(page, server, entry)

    entry.refresh_from_db()
    assert (entry.text, entry.status) == (FIXED, Entry.Status.APPROVED)
    steps = Transition.objects.filter(entry=entry).values_list("to_status", flat=True)
    assert list(steps) == ["submitted", "returned", "submitted", "approved"]
    eastwick = [row for row in grid if "Eastwick" in ",".join(row.values())]
    assert eastwick, grid

    sign_in(page, server, "command.manager", "/dashboards/")
    expect(page.locator("h1")).to_be_visible()
