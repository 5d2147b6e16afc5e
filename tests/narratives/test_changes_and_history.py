"""Changes and history that say where: the changes page names each entry's area as printed;
the history pages show whole texts with the words removed and added marked, escaped."""

import pytest
from django.urls import reverse

from narratives.editions.publishing import edition_publish
from narratives.editions.rendering.changes import Change
from narratives.models import Entry
from priorities.history import word_diff, word_diff_html
from tests.narratives.timeline_world import timeline_world
from tests.priorities.world import build_world
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db

LONG = (
    "Operation LANTERN officers visited 40 licensed venues across the town centre and "
    "spoke with door staff about county lines."
)


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("Patrols visited 9 parks.", "Patrols visited 11 parks.") == (
        ("equal", "Patrols visited"),
        ("delete", "9"),
        ("insert", "11"),
        ("equal", "parks."),
    )
    html = word_diff_html("a <b>bold</b> claim", "a <script>alert(1)</script> claim")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        '<del><span class="visually-hidden">removed: </span>&lt;b&gt;bold&lt;/b&gt;</del>' in html
    )


def test_changes_page_names_the_area_of_each_changed_entry(client):
    world = timeline_world(quarters=1)
    period = world.periods[0]
    Entry.objects.filter(pk=world.entries[1]["rochford"].pk).update(text="Rochford lanes, more.")
    Entry.objects.filter(pk=world.entries[1]["southend"].pk).delete()
    edition_publish(period=period, version="1.1", by=world.analyst, change_note="More.")
    text = client.get("/editions/2020-21/q1/changes/").content.decode()
    assert "Changed – Priority 1, commitment 1, Rochford</h2>" in text
    assert "Removed – Priority 1, commitment 1, Seafront</h2>" in text  # as written


def test_a_change_without_any_area_says_only_the_commitment():
    entry = {"priority": 2, "commitment": 3, "label": "", "lpa": "", "district": "", "area": ""}
    assert Change("added", None, entry).where == "Priority 2, commitment 3"
    assert Change("added", None, {**entry, "lpa": "North LPA"}).area == "North LPA"


@pytest.fixture
def w():
    return build_world()


def test_entry_history_shows_whole_texts_with_a_word_difference(client, w):
    entry = w.colbury_draft
    entry.text, entry.area_label = LONG, "Colbury town"
    entry.save()
    entry.text = LONG.replace("40 licensed", "52 licensed").replace("county lines", "<b>drugs</b>")
    entry.status = Entry.Status.SUBMITTED
    entry.save()
    login_verified(client, w.analyst)
    response = client.get(reverse("admin:narratives_entry_history", args=[entry.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "chars]" not in page
    assert '<del><span class="visually-hidden">removed: </span>40</del>' in page
    assert '<ins><span class="visually-hidden">added: </span>52</ins>' in page
    # Hostile text is shown as text, never as markup.
    assert "&lt;b&gt;drugs&lt;/b&gt;" in page and "<b>drugs</b>" not in page
    assert "door staff about" in page  # the unchanged words, in full
    assert "Draft&nbsp;&rarr;&nbsp;&nbsp;Submitted" in page  # a choice's labels
    assert '<ins><span class="visually-hidden">added: </span>Colbury town</ins>' in page


def test_other_history_pages_show_word_differences_too(client, w):
    commitment = w.commitment
    commitment.text = "Work with schools on knife crime."
    commitment.save()
    commitment.text = "Work with schools and youth clubs on knife crime."
    commitment.save()
    login_verified(client, w.analyst)
    response = client.get(reverse("admin:priorities_commitment_history", args=[commitment.pk]))
    assert response.status_code == 200
    assert '<ins><span class="visually-hidden">added: </span>and youth clubs</ins>' in (
        response.content.decode()
    )
