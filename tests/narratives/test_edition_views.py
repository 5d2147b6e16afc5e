"""Public edition pages and files, analysts' preview, comparisons and the operation register."""

import json

import pytest

from narratives.editions.publishing import edition_publish
from narratives.models import Entry, Operation
from priorities.roles import ANALYST, MANAGER, user_save_with_role
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():
    return user_save_with_role(username="pau-analyst", role=ANALYST, password="a-long-test-pass")


@pytest.fixture
def period():
    period = PeriodFactory(year=2020, quarter=2)
    commitment = CommitmentFactory()
    lantern = Operation.objects.create(name="Lantern")
    entry = EntryFactory(
        commitment=commitment,
        period=period,
        status="approved",
        order=1,
        text="Operation LANTERN closed two cannabis farms.",
    )
    entry.operations.add(lantern)
    EntryFactory(
        commitment=commitment,
        period=period,
        status="approved",
        order=2,
        text="Cadets helped at 9 community events.",
    )
    EntryFactory(
        commitment=commitment,
        period=period,
        status="returned",
        order=3,
        text="An entry sent back for more detail.",
    )
    return period


@pytest.fixture
def published(period, analyst):
    return edition_publish(period=period, version="1.0", by=analyst)


def test_anonymous_reader_sees_the_latest_published_edition(
    client, published, django_assert_max_num_queries
):
    # Period, versions, the chosen version's HTML, and the request's savepoint and release.
    with django_assert_max_num_queries(5):
        response = client.get("/editions/2020-21/q2/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Operation LANTERN</a> closed two cannabis farms." in page
    assert 'href="/operations/lantern/"' in page
    assert "sent back for more detail" not in page
    with django_assert_max_num_queries(3):
        listing = client.get("/editions/")
    assert "2020/21 Q2" in listing.content.decode()


@pytest.mark.parametrize(
    ("suffix", "content_type", "disposition"),
    [
        (".pdf", "application/pdf", "inline"),
        (
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "attachment",
        ),
        (".json", "application/json; charset=utf-8", "inline"),
        (".csv", "text/csv; charset=utf-8", "attachment"),
    ],
)
def test_files_have_their_content_type_and_a_filename(
    client, published, suffix, content_type, disposition, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        latest = client.get(f"/editions/2020-21/q2{suffix}")
    version = client.get(f"/editions/2020-21/q2/v1.0{suffix}")
    assert latest.status_code == version.status_code == 200
    assert latest["Content-Type"] == content_type
    assert latest["Content-Disposition"] == (
        f'{disposition}; filename="quarterly-update-2020-21-q2-v1.0{suffix}"'
    )
    assert latest.content == version.content


@pytest.mark.parametrize(
    "path",
    [
        "/editions/2020-21/q3/",  # no such period
        "/editions/2020-22/q2/",  # not a financial year
        "/editions/2020-21/q5/",
        "/editions/2020-21/q2/v2.0/",  # no such version
        "/editions/2020-21/q2/v2.0.pdf",
    ],
)
def test_missing_editions_are_404(client, published, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_period_is_not_visible_to_the_public(client, period):
    for path in ("/editions/2020-21/q2/", "/editions/2020-21/q2.pdf", "/editions/2020-21/q2.json"):
        assert client.get(path).status_code == 404
    assert "2020/21 Q2" not in client.get("/editions/").content.decode()


def test_older_versions_stay_at_their_address(client, published, analyst, period):
    Entry.objects.filter(text__startswith="Cadets").update(text="Cadets helped at 11 events.")
    edition_publish(period=period, version="1.1", by=analyst, change_note="Cadet count fixed.")
    latest = client.get("/editions/2020-21/q2/").content.decode()
    older = client.get("/editions/2020-21/q2/v1.0/").content.decode()
    assert "11 events" in latest and "Cadet count fixed." in latest
    assert "9 community events" in older and "not the latest version" in older
    assert (
        json.loads(client.get("/editions/2020-21/q2/v1.0.json").content)["publication"]["version"]
        == "1.0"
    )


def test_preview_is_for_analysts_only(client, period, analyst, django_assert_max_num_queries):
    path = "/editions/2020-21/q2/preview/"
    anonymous = client.get(path)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    manager = user_save_with_role(username="chief", role=MANAGER, password="a-long-test-pass")
    login_verified(client, manager)
    assert client.get(path).status_code == 403
    login_verified(client, analyst)
    # Session, user, second factor's device, permissions (user's, groups'); period; the
    # assembly's fixed five; the request's savepoints; the record of the preview's download.
    with django_assert_max_num_queries(14):
        page = client.get(path).content.decode()
    assert "An entry sent back for more detail." in page
    assert '<span class="status status-returned">Returned</span>' in page
    assert "Preview, not published" in page
    pdf = client.get("/editions/2020-21/q2/preview.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get("/editions/2020-21/q2/preview.docx").content.startswith(b"PK")


def test_changes_between_versions(
    client, published, analyst, period, django_assert_max_num_queries
):
    Entry.objects.filter(text__startswith="Cadets").update(text="Cadets helped at 11 events.")
    Entry.objects.filter(status="returned").update(status="approved")
    Entry.objects.filter(text__startswith="Operation").delete()
    edition_publish(period=period, version="1.1", by=analyst, change_note="Updated.")
    with django_assert_max_num_queries(5):
        page = client.get("/editions/2020-21/q2/changes/").content.decode()
    assert "1 entries added, 1 removed, 1 changed" in page
    assert "<del>9 community</del>" in page and "<ins>11</ins>" in page
    again = client.get("/editions/2020-21/q2/changes/?from=1.0&to=1.0").content.decode()
    assert "0 entries added, 0 removed, 0 changed" in again


def test_changes_against_the_previous_quarter(client, published, analyst):
    q3 = PeriodFactory(year=2020, quarter=3)
    commitment = CommitmentFactory()
    EntryFactory(
        commitment=commitment,
        period=q3,
        status="approved",
        text="Cadets helped at 9 community events.",
    )
    edition_publish(period=q3, version="1.0", by=analyst)
    page = client.get("/editions/2020-21/q3/changes/").content.decode()
    assert "Compared with 2020/21 Q2" in page
    assert "0 entries added, 1 removed, 0 changed" in page


def test_operation_register_lists_published_mentions(
    client, published, django_assert_max_num_queries
):
    # Operations the published editions name; the operation; the latest version of each
    # quarter and its JSON; the entries withheld since (none here); savepoints.
    with django_assert_max_num_queries(7):
        page = client.get("/operations/lantern/").content.decode()
    assert "Operation LANTERN closed two cannabis farms." in page
    assert "/editions/2020-21/q2/#entry-" in page
    assert client.get("/operations/no-such-thing/").status_code == 404
    assert "Operation Lantern" in client.get("/operations/").content.decode()


def test_an_operation_whose_name_makes_no_address_is_shown_unlinked(client, period, analyst):
    # A name of symbols only has no URL form; it must not break publishing or the register.
    symbols = Operation.objects.create(name="***")
    entry = Entry.objects.get(text__startswith="Cadets")
    entry.text = "Cadets helped at 9 community events under *** and Operation LANTERN."
    entry.save()
    entry.operations.add(symbols)
    edition_publish(period=period, version="1.0", by=analyst)
    page = client.get("/editions/2020-21/q2/").content.decode()
    assert "under *** and" in page
    register = client.get("/operations/").content.decode()
    assert "<li>Operation ***</li>" in register
    assert 'href="/operations/lantern/"' in register


def test_operations_sharing_an_address_show_each_others_mentions(client, period, analyst):
    hyphenated = Operation.objects.create(name="Lantern-")
    entry = Entry.objects.get(text__startswith="Cadets")
    entry.operations.add(hyphenated)
    edition_publish(period=period, version="1.0", by=analyst)
    page = client.get("/operations/lantern/").content.decode()
    assert "Operation LANTERN closed two cannabis farms." in page
    assert "Cadets helped at 9 community events." in page
