"""Every narratives admin page (and the review screen) makes a fixed number of queries."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from narratives.models import Edition, Entry, FindingAcceptance, Transition
from narratives.review.views import period_url
from tests.priorities.adminforms import count_queries
from tests.priorities.world import build_world, many_entries
from tests.second_factor import login_verified

# Most queries any of these pages may make, whatever the number of rows (measured: 9-28 with
# the second factor's device, which every signed-in request reads; the entry page's 28 include
# the area tree and its aliases, read to propose the places its text names, and the entries it
# may be nested under).
MAX_QUERIES = 28


@pytest.fixture
def w(db):
    return build_world()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", None)


def _entries(w, n):
    many_entries(w, n)
    return reverse("admin:narratives_entry_changelist")


def _entry_page(w, n):
    parent = w.colbury_draft
    for i in range(n):
        Entry.objects.create(
            commitment=parent.commitment,
            period=parent.period,
            area=w.colbury if i % 2 else w.eastwick,
            parent=parent,
            order=i,
            text=f"Sub-bullet {i}",
        )
        Transition.objects.create(
            entry=parent, from_status="draft", to_status="submitted", by=w.officer
        )
        key = f"figure-{FindingAcceptance.objects.count()}"
        FindingAcceptance.objects.create(entry=parent, key=key, reason="Checked")
    parent.areas.add(w.colbury, w.eastwick)
    parent.operations.add(w.gambit)
    return reverse("admin:narratives_entry_change", args=[parent.pk])


def _entry_history(w, n):
    entry = w.colbury_draft
    for i in range(n):
        entry.text = f"Wording number {i}"
        entry.save()
    return reverse("admin:narratives_entry_history", args=[entry.pk])


def _operation(w, n):
    for entry in many_entries(w, n):
        entry.operations.add(w.gambit)
    return reverse("admin:narratives_operation_change", args=[w.gambit.pk])


def _steps(w, n):
    for _ in range(n):
        Transition.objects.create(
            entry=w.colbury_draft, from_status="draft", to_status="submitted", by=w.officer
        )
    return reverse("admin:narratives_transition_change", args=[Transition.objects.first().pk])


def _acceptances(w, n):
    start = FindingAcceptance.objects.count()
    for i in range(start, start + n):
        FindingAcceptance.objects.create(entry=w.colbury_draft, key=f"k{i}", reason="Fine")
    return reverse(
        "admin:narratives_findingacceptance_change", args=[FindingAcceptance.objects.first().pk]
    )


def _editions(w, n):
    start = Edition.objects.count()
    for i in range(start, start + n):
        Edition.objects.create(
            period=w.q1,
            version=f"1.{i}",
            title="Quarterly Update",
            data_to=datetime.date(2020, 6, 1),
            produced=datetime.date(2020, 7, 1),
        )
    return reverse("admin:narratives_edition_change", args=[Edition.objects.first().pk])


def _deleted(w, n):
    for entry in many_entries(w, n):
        entry.delete()
    return reverse("admin:narratives_entry_deleted")


def _review(w, n):
    for area in (w.colbury, w.eastwick, w.marshby):
        many_entries(w, n, area=area, status=Entry.Status.SUBMITTED)
        many_entries(w, 1, period=w.q1, area=area, status=Entry.Status.APPROVED)
    return period_url(w.q2)


PAGES = {
    "entry list": (_entries, []),
    "entry page": (_entry_page, []),
    "entry history": (_entry_history, []),
    "operation": (_operation, ["narratives_operation_changelist"]),
    "transitions": (_steps, ["narratives_transition_changelist"]),
    "acceptances": (_acceptances, ["narratives_findingacceptance_changelist"]),
    "editions": (_editions, ["narratives_edition_changelist"]),
    "deleted entries": (_deleted, ["narratives_entry_carry_forward"]),
    "review screen": (_review, ["review:index"]),
}


def _urls(grown: str, names: list[str]) -> list[str]:
    return [grown] + [reverse(name if ":" in name else f"admin:{name}") for name in names]


ANALYSTS_ONLY = {"deleted entries", "review screen"}  # refused to officers: permission tests
CASES = [
    (who, page)
    for who in ("superuser", "analyst", "officer")
    for page in PAGES
    if who != "officer" or page not in ANALYSTS_ONLY
]


@pytest.mark.parametrize(("who", "page"), CASES)
def test_pages_make_the_same_queries_for_1_or_30_rows(
    client, w, superuser, page, who, django_assert_max_num_queries
):
    grow, names = PAGES[page]
    login_verified(client, superuser if who == "superuser" else getattr(w, who))
    urls = _urls(grow(w, 1), names)
    for url in urls:
        client.get(url)  # warm per-process caches (content types), as a running server has
    few = [count_queries(client, url) for url in urls]
    grow(w, 29)
    many = [count_queries(client, url) for url in urls]
    assert few == many
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url)
