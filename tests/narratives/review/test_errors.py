"""What a refused or partly refused approve / return says, at the top of the page: what, and
which entry; the ticks and the comment are kept for the second try, and so are the filters."""

from narratives.entries.workflow import entry_submit
from narratives.models import Entry
from narratives.review import views

Status = Entry.Status


def test_a_return_without_a_comment_is_refused_at_the_top_with_the_ticks_kept(analyst_client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    response = analyst_client.post(
        views.period_url(w.q2),
        {"entries": [w.colbury_draft.pk], "action": "return", "comment": "  "},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.index('id="review-errors"') < page.index('id="count-line"')
    assert page.index("Write a comment saying what should change.") < page.index(
        'id="filters-heading"'
    )
    assert "Your 1 ticked entry is still ticked below." in page
    assert (
        f'id="pick-{w.colbury_draft.pk}" aria-label="Select entry {w.colbury_draft.pk}" checked'
        in page
    )
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.SUBMITTED


def test_a_step_refused_for_one_entry_names_it_and_keeps_it_ticked_with_the_comment(
    analyst_client, w
):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    url = f"{views.period_url(w.q2)}?area={w.force.pk}"
    response = analyst_client.post(
        url,
        {
            "entries": [w.colbury_draft.pk, w.marshby_draft.pk],
            "action": "return",
            "comment": "Say how many.",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    errors = page[page.index('id="review-errors"') : page.index('id="count-line"')]
    assert "Not changed: “Marshby draft text.” is draft, not submitted." in errors
    assert (
        f'<a href="#entry-{w.marshby_draft.pk}" class="pcp-target">Go to this entry</a>' in errors
    )
    assert "still ticked below, with your comment" in errors
    assert "1 entry returned with your comment." in page  # what was done, said too
    assert (
        f'id="pick-{w.marshby_draft.pk}" aria-label="Select entry {w.marshby_draft.pk}" checked'
        in page
    )
    assert f'id="pick-{w.colbury_draft.pk}" aria-label="Select entry {w.colbury_draft.pk}">' in page
    assert ">Say how many.</textarea>" in page
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.RETURNED


def test_a_step_that_did_everything_goes_back_to_the_same_filtered_page(analyst_client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    url = f"{views.period_url(w.q2)}?area={w.north.pk}&status=submitted"
    response = analyst_client.post(url, {"approve_one": w.colbury_draft.pk})
    assert response.status_code == 302
    assert response["Location"] == url
    page = analyst_client.get(url).content.decode()
    assert "1 entry approved." in page


def test_a_refused_post_keeps_the_filters(analyst_client, w):
    response = analyst_client.post(
        f"{views.period_url(w.q2)}?area={w.south.pk}", {"action": "approve"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick at least one entry first." in page
    assert "Marshby draft text." in page and "Colbury draft text." not in page


def test_closed_priorities_open_where_the_ticks_are(analyst_client, w):
    many = [
        Entry(commitment=w.commitment2, period=w.q2, area=w.colbury, text=f"Extra {n}.")
        for n in range(views.OPEN_UP_TO + 1)
    ]
    Entry.objects.bulk_create(many)
    response = analyst_client.post(
        views.period_url(w.q2), {"entries": [w.colbury_draft.pk], "action": "return"}
    )
    assert '<details class="pcp-priority" open>' in response.content.decode()
