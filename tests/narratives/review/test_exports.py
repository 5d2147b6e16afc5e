"""The review screen's exports: the status grid and the comments, CSV and XLSX, read back;
with the page's filters; analysts only; recorded as downloads; formulas made inert."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from narratives.entries.workflow import entry_return, entry_submit
from narratives.models import Entry
from pcp.accounts.models import DownloadRecord
from tests.second_factor import login_verified

GRID, COMMENTS = "status-grid", "comments"


def url(what: str, fmt: str) -> str:
    return reverse("review:export", args=["2020-21", "q2", what, fmt])


def rows_of(response, fmt: str) -> list[list]:
    assert response.status_code == 200
    if fmt == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        return list(csv.reader(io.StringIO(response.content.decode())))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


def as_dicts(rows: list[list]) -> list[dict]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def returned(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_return(entry=w.colbury_draft, by=w.analyst, comment='=HYPERLINK("http://x") say when.')
    return w.colbury_draft


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_status_grid(analyst_client, w, fmt):
    entry_submit(entry=w.marshby_draft, by=w.marsh_officer)
    response = analyst_client.get(url(GRID, fmt))
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="review-2020-21-q2-status-grid.{fmt}"'
    )
    rows = as_dicts(rows_of(response, fmt))
    by_key = {(str(row["Commitment"]), row["Area"]): row for row in rows}
    written = {("1.1", "Colbury"), ("1.1", "Marshby"), ("1.2", "Marshby")}
    # Eastwick has nothing written at all: a row for it under each commitment.
    assert set(by_key) == written | {("1.1", "Eastwick"), ("1.2", "Eastwick")}
    assert {key for key, row in by_key.items() if row["Nothing written in the area"] == "no"} == (
        written
    )
    marshby = by_key[("1.1", "Marshby")]
    assert [str(marshby[k]) for k in ("Draft", "Submitted", "Returned", "Approved", "Entries")] == [
        "0", "1", "0", "0", "1",
    ]  # fmt: skip
    assert marshby["Commitment text"] == "Grow the volunteer police family."
    assert (by_key[("1.2", "Marshby")]["Missing"], by_key[("1.1", "Colbury")]["Missing"]) == (
        "yes",
        "no",
    )
    if fmt == "xlsx":  # counts stay numbers
        assert marshby["Submitted"] == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_status_grid_has_the_areas_with_nothing_written(analyst_client, w, fmt):
    Entry.objects.filter(area=w.marshby, period=w.q2).delete()
    rows = as_dicts(rows_of(analyst_client.get(url(GRID, fmt)), fmt))
    silent = [row for row in rows if row["Nothing written in the area"] == "yes"]
    assert [(str(row["Commitment"]), row["Area"]) for row in silent] == [
        ("1.1", "Eastwick"), ("1.1", "South LPA"), ("1.1", "Marshby"),
        ("1.2", "Eastwick"), ("1.2", "South LPA"), ("1.2", "Marshby"),
    ]  # fmt: skip
    officers = {row["Area"]: row["Officers (areas with nothing written)"] for row in silent}
    assert officers == {
        "Eastwick": "north.officer",
        "South LPA": "no officer assigned",
        "Marshby": "marshby.officer",
    }
    eastwick = silent[0]
    counts = ("Draft", "Submitted", "Returned", "Approved", "Entries")
    assert [str(eastwick[k]) for k in counts] == ["0"] * 5
    assert (eastwick["Missing"], eastwick["Commitment text"]) == (
        "yes",
        "Grow the volunteer police family.",
    )
    if fmt == "xlsx":
        assert eastwick["Entries"] == 0


def test_status_grid_areas_with_nothing_written_follow_the_filters(analyst_client, w):
    one = {"commitment": w.commitment2.pk}
    rows = as_dicts(rows_of(analyst_client.get(url(GRID, "csv"), one), "csv"))
    assert {(row["Commitment"], row["Area"]) for row in rows} == {
        ("1.2", "Marshby"), ("1.2", "Eastwick"),
    }  # fmt: skip
    south = as_dicts(rows_of(analyst_client.get(url(GRID, "csv"), {"area": w.south.pk}), "csv"))
    assert "Eastwick" not in {row["Area"] for row in south}
    # A filter on the entries themselves: an area with none has none to match.
    status = as_dicts(rows_of(analyst_client.get(url(GRID, "csv"), {"status": "draft"}), "csv"))
    assert status and {row["Nothing written in the area"] for row in status} == {"no"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_comments_with_formulas_made_inert(analyst_client, w, returned, fmt):
    rows = as_dicts(rows_of(analyst_client.get(url(COMMENTS, fmt)), fmt))
    assert len(rows) == 1
    row = rows[0]
    assert row["Entry"] == "Colbury draft text."
    assert str(row["Entry id"]) == str(returned.pk)
    assert (row["Area"], row["Who"], row["Step"], row["State now"]) == (
        "Colbury", "pau.analyst", "Returned", "Returned",
    )  # fmt: skip
    assert row["Commitment"] == "1.1 Grow the volunteer police family."
    assert row["Comment"] == '\'=HYPERLINK("http://x") say when.'
    assert len(row["When"]) == len("2020-10-01 09:30")


def test_an_entry_text_that_looks_like_a_formula_is_inert_too(analyst_client, w, returned):
    Entry.objects.filter(pk=returned.pk).update(text="@SUM(A1:A9) patrols")
    rows = as_dicts(rows_of(analyst_client.get(url(COMMENTS, "csv")), "csv"))
    assert rows[0]["Entry"] == "'@SUM(A1:A9) patrols"


def test_exports_take_the_page_filters(analyst_client, w, returned):
    south = {"area": w.south.pk}
    grid = as_dicts(rows_of(analyst_client.get(url(GRID, "csv"), south), "csv"))
    assert {row["Area"] for row in grid} == {"Marshby"}
    assert as_dicts(rows_of(analyst_client.get(url(COMMENTS, "csv"), south), "csv")) == []
    north = analyst_client.get(url(COMMENTS, "xlsx"), {"area": w.north.pk, "status": "returned"})
    assert len(as_dicts(rows_of(north, "xlsx"))) == 1
    assert 'filename="review-2020-21-q2-comments-filtered.xlsx"' in north["Content-Disposition"]


def test_a_filter_that_is_not_valid_exports_nothing(analyst_client, w):
    response = analyst_client.get(url(GRID, "csv"), {"area": 999999})
    assert response.status_code == 400
    assert "Nothing exported: Area:" in response.content.decode()


def test_unknown_export_or_format_is_404(analyst_client, w):
    assert analyst_client.get(url("everything", "csv")).status_code == 404
    assert analyst_client.get(url(GRID, "pdf")).status_code == 404


def test_exports_are_for_analysts_only(client, w):
    for what in (GRID, COMMENTS):
        assert client.get(url(what, "csv")).status_code == 302  # to sign in
    for user in (w.officer, w.manager):
        login_verified(client, user)
        for what in (GRID, COMMENTS):
            for fmt in ("csv", "xlsx"):
                assert client.get(url(what, fmt)).status_code == 403
    assert not DownloadRecord.objects.exists()


def test_exports_are_recorded_as_downloads(analyst_client, w):
    analyst_client.get(url(GRID, "xlsx"), {"area": w.north.pk})
    record = DownloadRecord.objects.get()
    assert (record.username, record.kind) == ("pau.analyst", DownloadRecord.Kind.REVIEW_EXPORT)
    assert record.what == "review-2020-21-q2-status-grid-filtered.xlsx"
    assert record.path == f"{url(GRID, 'xlsx')}?area={w.north.pk}"
