"""The officer's and the analyst's journeys, in Chromium against the live server.

Officer: log in, start from last quarter, edit the copied entry, submit it. Analyst: on the
review screen, return it with a comment. Officer: read the comment, fix, resubmit. Analyst:
approve it.
"""

import re

import pytest
from playwright.sync_api import expect

from narratives.models import Entry, Transition
from tests.priorities.world import PASSWORD, build_world
from tests.second_factor import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, server, username):
    page.context.clear_cookies()
    browser_log_in(page, server, username, PASSWORD)
    expect(page.locator("#user-tools")).to_contain_text(username)


def open_entry(page, server, period, text):
    page.goto(f"{server}/admin/narratives/entry/?period__id__exact={period.pk}")
    page.get_by_role("link", name=re.compile(re.escape(text))).first.click()
    expect(page.locator("#id_text")).to_be_visible()


def edit_and_submit(page, new_text):
    page.locator("#id_text").fill(new_text)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.locator("select[name='CHANGE_FORM-action']").select_option(label="Submit for review")
    page.get_by_role("button", name="Run").click()
    # Its sub-bullet still repeats last quarter's words: the officer is asked, and confirms.
    expect(page.locator("h1")).to_contain_text("Submit entries that repeat last quarter unchanged?")
    page.get_by_role("button", name="Submit all, these unchanged too").click()
    expect(page.locator(".messagelist")).to_contain_text("submitted")


def test_officer_and_analyst_journeys(page, live_server):
    w = build_world(password=PASSWORD)
    server = live_server.url

    # The officer starts from last quarter's approved entries.
    log_in(page, server, "north.officer")
    page.goto(f"{server}/admin/narratives/entry/")
    page.get_by_role("link", name="Start from last quarter").click()
    page.get_by_label("Area").select_option(label="North LPA")
    page.get_by_label("Into period").select_option(label="2020/21 Q2")
    page.get_by_role("button", name="Copy last quarter's entries").click()
    expect(page.locator(".messagelist")).to_contain_text("2 approved entries of North LPA copied")
    expect(page.locator("#result_list")).to_contain_text("unchanged ⚠")

    open_entry(page, server, w.q2, "Colbury volunteers gave 120 hours")
    expect(page.locator(".pcp-unchanged")).to_be_visible()
    edit_and_submit(page, "Colbury volunteers gave 135 hours of patrol this quarter.")
    copy = Entry.objects.get(period=w.q2, text__startswith="Colbury volunteers gave 135")
    assert copy.status == Entry.Status.SUBMITTED

    # The analyst returns it from the review screen with a comment.
    log_in(page, server, "pau.analyst")
    page.goto(f"{server}/review/2020-21/q2/")
    expect(page.locator("h1")).to_contain_text("Review 2020/21 Q2")
    expect(page.locator(".pcp-summary")).to_contain_text("Missing")
    page.locator(f"#pick-{copy.pk}").check()
    page.get_by_label("Comment for the officer").fill("Say how many volunteers took part.")
    page.get_by_role("button", name="Return ticked with comment").click()
    expect(page.locator(".messagelist")).to_contain_text("returned with your comment")
    copy.refresh_from_db()
    assert copy.status == Entry.Status.RETURNED

    # The officer sees the comment, fixes the entry and submits it again.
    log_in(page, server, "north.officer")
    open_entry(page, server, w.q2, "Colbury volunteers gave 135 hours")
    expect(page.locator(".pcp-return-comment")).to_contain_text("Say how many volunteers")
    edit_and_submit(page, "Twelve Colbury volunteers gave 135 hours of patrol this quarter.")

    # The analyst approves it with the row's own button.
    log_in(page, server, "pau.analyst")
    page.goto(f"{server}/review/2020-21/q2/")
    page.locator(f"#entry-{copy.pk}").get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("1 entry approved")
    copy.refresh_from_db()
    assert copy.status == Entry.Status.APPROVED
    steps = Transition.objects.filter(entry=copy).values_list("to_status", flat=True)
    assert list(steps) == ["submitted", "returned", "submitted", "approved"]
