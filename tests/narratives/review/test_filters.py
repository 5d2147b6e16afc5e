"""The review screen's filters (a GET form: a filtered view is a link), its count line and its
priorities that fold."""

import re
from urllib.parse import urlencode

from django.urls import reverse

from narratives.entries.copies import entries_carry_forward
from narratives.entries.workflow import entry_return, entry_submit
from narratives.models import Entry
from narratives.review.filters import ReviewFilters
from narratives.review.selectors import review_board
from narratives.review.views import OPEN_UP_TO, period_url
from priorities.models import Commitment, Priority
from priorities.selectors import area_tree

Status = Entry.Status


def shown(board) -> set[str]:
    return {entry.text for entry in board.entries}


def page_of(client, w, **query) -> str:
    response = client.get(period_url(w.q2), query)
    assert response.status_code == 200
    return response.content.decode()


def test_area_filter_takes_an_lpa_with_its_districts(analyst_client, w):
    Entry.objects.create(commitment=w.commitment, period=w.q2, area=w.north, text="North text.")
    page = page_of(analyst_client, w, area=w.north.pk)
    assert "North text." in page and "Colbury draft text." in page
    assert "Marshby draft text." not in page
    page = page_of(analyst_client, w, area=w.colbury.pk)
    assert "Colbury draft text." in page and "North text." not in page


def test_area_filter_finds_an_entry_by_an_area_it_names(w):
    both = Entry.objects.create(commitment=w.commitment, period=w.q2, area=w.north, text="Both.")
    both.areas.set([w.colbury, w.eastwick])
    tree = area_tree()
    board = review_board(
        period=w.q2, filters=ReviewFilters(area_ids=frozenset(tree.within(w.eastwick.pk)))
    )
    assert shown(board) == {"Both."}


def test_area_filter_keeps_the_missing_rows_of_that_area(analyst_client, w):
    # Marshby wrote for the second commitment last quarter, not this one.
    assert "Missing" in page_of(analyst_client, w, area=w.south.pk)
    assert "Missing" not in page_of(analyst_client, w, area=w.north.pk)


def test_commitment_filter(analyst_client, w):
    Entry.objects.create(commitment=w.commitment2, period=w.q2, area=w.colbury, text="Reach us.")
    page = page_of(analyst_client, w, commitment=w.commitment2.pk)
    assert "Reach us." in page and "Colbury draft text." not in page
    # Its choices are every commitment of the plan, under its priority.
    assert f'<optgroup label="{w.priority}">' in page_of(analyst_client, w)


def test_status_filter(analyst_client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    page = page_of(analyst_client, w, status="submitted")
    assert "Colbury draft text." in page and "Marshby draft text." not in page
    assert "Missing" not in page  # a row with nothing in that status is left out
    page = page_of(analyst_client, w, status="draft")
    assert "Colbury draft text." not in page and "Marshby draft text." in page


def test_needs_me_is_what_waits_for_the_pau_including_unchanged_copies(analyst_client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    returned = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, text="Back."
    )
    entry_submit(entry=returned, by=w.officer)
    entry_return(entry=returned, by=w.analyst, comment="Add a date.")
    parent, child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    entry_submit(entry=parent, by=w.officer, allow_unchanged=True)
    page = page_of(analyst_client, w, needs_me="on")
    assert "Colbury draft text." in page
    assert parent.text in page and child.text in page  # submitted copies, unchanged
    assert "Back." not in page and "Marshby draft text." not in page
    line = count_line(page)
    assert "3 of 5 entries shown: 3 submitted" in line
    assert "3 need you, 2 of them unchanged from last quarter" in line
    assert f'href="{period_url(w.q2)}?needs_me=on"' in page_of(analyst_client, w)


def test_filters_combine_and_are_in_the_address(analyst_client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_submit(entry=w.marshby_draft, by=w.marsh_officer)
    query = {"area": w.north.pk, "status": "submitted", "commitment": w.commitment.pk}
    page = page_of(analyst_client, w, **query)
    assert "Colbury draft text." in page and "Marshby draft text." not in page
    assert 'method="get"' in page
    # The chosen values stay chosen, the exports and quarter links carry them.
    assert f'<option value="{w.north.pk}" selected>' in page
    assert "status-grid.csv?" + urlencode(query).replace("&", "&amp;") in page
    assert f'href="{period_url(w.q1)}?area={w.north.pk}' in page


def test_a_filter_that_is_not_valid_is_said_at_the_top_and_not_applied(analyst_client, w):
    page = page_of(analyst_client, w, area=999999, status="lost")
    errors = page[page.index('id="review-errors"') :]
    assert errors.index("Filter “Area”") < errors.index("Entries by priority")
    assert "Filter “Status”" in errors
    assert "Colbury draft text." in page and "Marshby draft text." in page


def count_line(page: str) -> str:
    found = re.search(r'<p class="pcp-count-line" id="count-line">(.*?)</p>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_count_line_at_the_top(analyst_client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    page = page_of(analyst_client, w)
    # Eastwick has nothing written this quarter.
    assert count_line(page).startswith(
        "2 entries: 1 draft, 1 submitted; 1 area with nothing written."
    )
    assert page.index('id="count-line"') < page.index("Entries by priority")
    filtered = count_line(page_of(analyst_client, w, area=w.south.pk))
    assert filtered.startswith("1 of 2 entries shown: 1 draft; 0 areas with nothing written.")


def test_priorities_fold_and_open_when_few_entries_are_shown(analyst_client, w):
    second = Priority.objects.create(plan=w.plan, number=2, title="Less crime")
    other = Commitment.objects.create(priority=second, order=1, text="Cut burglary.")
    assert page_of(analyst_client, w).count('<details class="pcp-priority" open>') == 1
    for n in range(OPEN_UP_TO):
        Entry.objects.create(commitment=other, period=w.q2, area=w.colbury, text=f"Burglary {n}.")
    page = page_of(analyst_client, w)
    assert page.count('<details class="pcp-priority">') == 2  # closed, with their counts
    assert (
        f'<summary><span class="pcp-priority-title">{second}</span>: {OPEN_UP_TO} entries (' in page
    )
    # Filtered down to a few, they open.
    page = page_of(analyst_client, w, commitment=w.commitment.pk)
    assert page.count('<details class="pcp-priority" open>') == 1


def test_quarter_links_mark_the_current_quarter(analyst_client, w):
    page = page_of(analyst_client, w)
    assert f'<a href="{period_url(w.q2)}" aria-current="page">2020/21 Q2</a>' in page
    assert reverse("review:index") in page
