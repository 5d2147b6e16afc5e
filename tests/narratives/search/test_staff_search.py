"""Staff search of entries as they stand, in the entry admin: the public search's engine,
scoped like every other staff page (an officer finds only their areas' entries)."""

import pytest
from django.urls import reverse

from narratives.models import Entry
from narratives.search.staff import entries_search
from tests.priorities.world import build_world
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db
LIST = reverse("admin:narratives_entry_changelist")


@pytest.fixture
def w(db):
    w = build_world()

    def entry(area, text, status=Entry.Status.DRAFT):
        return Entry.objects.create(
            commitment=w.commitment, period=w.q2, area=area, text=text, status=status
        )

    w.colbury_draft = entry(w.colbury, "Colbury officers disrupted two county lines.")
    w.marshby_submitted = entry(
        w.marshby, "Marshby team closed a county line with partners.", Entry.Status.SUBMITTED
    )
    w.unrelated = entry(w.eastwick, "Cadets ran a bike-marking day.")
    return w


def found(client, q: str) -> set[int]:
    response = client.get(LIST, {"q": q})
    assert response.status_code == 200
    return {entry.pk for entry in response.context["cl"].result_list}


def test_an_analyst_finds_drafts_and_submitted_entries_by_stem(client, w):
    login_verified(client, w.analyst)
    assert found(client, "county line") == {w.colbury_draft.pk, w.marshby_submitted.pk}
    assert found(client, '"county lines" Colbury') == {w.colbury_draft.pk}


def test_an_officer_finds_only_their_areas_entries(client, w):
    login_verified(client, w.officer)  # North LPA: Colbury and Eastwick
    assert found(client, "county lines") == {w.colbury_draft.pk}
    login_verified(client, w.marsh_officer)
    assert found(client, "county lines") == {w.marshby_submitted.pk}


def test_the_substring_search_of_names_still_works(client, w):
    login_verified(client, w.analyst)
    assert w.unrelated.pk in found(client, "Eastwick")


@pytest.mark.parametrize("q", ["NEAR(a b) AND *", '"unbalanced', "🙂", "x" * 1000, "' OR 1=1 --"])
def test_hostile_searches_do_not_fail(client, w, q):
    login_verified(client, w.analyst)
    found(client, q)


def test_edits_are_found_at_once_and_deleted_entries_are_not(w):
    entry = w.unrelated
    entry.text = "Cadets ran a quillwort survey."
    entry.save()
    assert list(entries_search(entries=Entry.objects.all(), text="quillwort")) == [entry]
    entry.delete()
    assert not entries_search(entries=Entry.objects.all(), text="quillwort").exists()
