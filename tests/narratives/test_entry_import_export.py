"""Importing and exporting entries through the admin, as people in each role would: real forms,
on the small force of tests.priorities.world (North officer: Colbury and Eastwick; 2020/21 Q1
closed with approved entries, Q2 open)."""

import csv
import io
from html.parser import HTMLParser

from django.test import override_settings

from narratives.entries.resources import COLUMNS
from narratives.models import Entry, Operation
from priorities.models import AreaAlias
from tests.priorities.world import many_entries
from tests.second_factor import login_verified

IMPORT_URL = "/admin/narratives/entry/import/"
PROCESS_URL = "/admin/narratives/entry/process_import/"
EXPORT_URL = "/admin/narratives/entry/export/"
CSV_FORMAT = "0"
HEADINGS = [
    "id",
    "priority",
    "commitment",
    "period",
    "area",
    "parent",
    "order",
    "text",
    "operations",
]


def csv_file(rows, headings=HEADINGS):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headings)
    writer.writerows(rows)
    upload = io.BytesIO(text.getvalue().encode())
    upload.name = "entries.csv"
    return upload


def upload(client, file):
    return client.post(IMPORT_URL, {"import_file": file, "format": CSV_FORMAT, "resource": "0"})


def confirm(client, response):
    form = response.context["confirm_form"]
    return client.post(PROCESS_URL, {name: form.initial[name] for name in form.initial})


def problems(response):
    """(row, column, reason) for every problem the page lists."""
    result = response.context["result"]
    return [
        (row.number, column, str(message))
        for row in result.invalid_rows
        for column, messages in row.error_dict.items()
        for message in messages
    ]


def export_rows(client) -> list[dict]:
    data = {"format": CSV_FORMAT, "resource": "0"}
    data.update({f"entryresource_{name}": True for name in COLUMNS})
    response = client.post(EXPORT_URL, data)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def state():
    """Every entry as plain values, to show an import wrote nothing."""
    return sorted(Entry.objects.values_list("pk", "text", "status", "revision", "area_id"))


# Export --------------------------------------------------------------------------------------


def test_an_analyst_exports_every_entry_with_natural_keys(client, w):
    login_verified(client, w.analyst)
    rows = {row["text"]: row for row in export_rows(client)}
    assert set(rows) == set(Entry.objects.values_list("text", flat=True))
    last = rows[w.last_colbury.text]
    assert last == {
        "id": str(w.last_colbury.pk),
        "priority": "1",
        "commitment": "1.1",
        "period": "2020/21 Q1",
        "area": "Colbury",
        "parent": "",
        "order": "1",
        "text": w.last_colbury.text,
        "operations": "GAMBIT",
        "status": "approved",
    }
    assert rows[w.last_colbury_child.text]["parent"] == str(w.last_colbury.pk)


def test_a_manager_exports_everything_but_may_not_import(client, w):
    login_verified(client, w.manager)
    assert len(export_rows(client)) == Entry.objects.count()
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, csv_file([])).status_code == 403


def test_an_officer_exports_only_the_entries_of_their_areas(
    client, w, django_assert_max_num_queries
):
    extra = {entry.text for entry in many_entries(w, 30, area=w.eastwick)}
    many_entries(w, 5, area=w.marshby)
    login_verified(client, w.officer)
    # Fixed however many entries: session, user, second factor's device, role and areas, the
    # list's filters, a count, the entries and their operations; the record of the download.
    with django_assert_max_num_queries(17):
        texts = {row["text"] for row in export_rows(client)}
    assert texts == {w.last_colbury.text, w.last_colbury_child.text, w.colbury_draft.text} | extra
    login_verified(client, w.marsh_officer)
    assert {row["text"] for row in export_rows(client)} == {
        w.last_marshby.text,
        w.marshby_draft.text,
    } | {f"Extra patrol report number {n} for Marshby." for n in range(5)}


def test_export_makes_formulas_inert_and_the_file_imports_back_unchanged(client, w):
    w.colbury_draft.text = '=HYPERLINK("http://example.org","Click")'
    w.colbury_draft.save()
    hostile = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.eastwick, text="- a bullet, not a sum"
    )
    login_verified(client, w.officer)
    rows = {row["id"]: row for row in export_rows(client)}
    assert rows[str(w.colbury_draft.pk)]["text"] == '\'=HYPERLINK("http://example.org","Click")'
    assert rows[str(hostile.pk)]["text"] == "'- a bullet, not a sum"
    # The exported file, approved entries of a closed quarter included, goes back in as it is:
    # unchanged rows are skipped, not refused, and nothing is rewritten.
    before = state()
    file = csv_file([[row[name] for name in COLUMNS] for row in rows.values()], list(COLUMNS))
    response = upload(client, file)
    assert problems(response) == []
    confirm(client, response)
    assert state() == before


# Import --------------------------------------------------------------------------------------


def test_a_parent_the_pau_chose_outside_the_officers_areas_survives_a_round_trip(client, w):
    force_wide = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.force, text="Force-wide bullet of the PAU."
    )
    w.colbury_draft.parent = force_wide
    w.colbury_draft.save()
    login_verified(client, w.officer)
    rows = {row["id"]: row for row in export_rows(client)}
    assert str(force_wide.pk) not in rows  # the parent itself is not the officer's to see
    row = rows[str(w.colbury_draft.pk)]
    assert row["parent"] == str(force_wide.pk)
    row["text"] = "Colbury, revised under the PAU's bullet."
    response = upload(client, csv_file([[row[name] for name in HEADINGS]]))
    assert problems(response) == []
    confirm(client, response)
    changed = Entry.objects.get(pk=w.colbury_draft.pk)
    assert (changed.text, changed.parent) == (
        "Colbury, revised under the PAU's bullet.",
        force_wide,
    )
    # Naming that same parent for another entry is still refused.
    other = ["", "1", "1.1", "2020/21 Q2", "Colbury", force_wide.pk, "9", "Sneaky child.", ""]
    response = upload(client, csv_file([other]))
    assert problems(response) == [
        (1, "parent", f'no entry "{force_wide.pk}" among the entries you may see')
    ]


def test_an_officer_previews_then_confirms_new_and_changed_entries(client, w):
    login_verified(client, w.officer)
    rows = [
        ["", "1", "1.2", "2020/21 Q2", "eastwick", "", "4", "Eastwick opened a desk.", "Shield"],
        [w.colbury_draft.pk, "", "1.1", "2020-21 Q2", "Colbury", "", "2", "Colbury, revised.", ""],
        ["", "", "1.1", "2020/21 Q2", "Colbury", w.colbury_draft.pk, "1", "A sub-bullet.", ""],
    ]
    response = upload(client, csv_file(rows))
    assert response.status_code == 200
    assert problems(response) == []
    assert "confirm_form" in response.context
    assert b"Preview" in response.content
    assert Entry.objects.count() == 5 and not Operation.objects.filter(name="Shield").exists()

    done = confirm(client, response)
    assert done.status_code == 302
    new = Entry.objects.get(text="Eastwick opened a desk.")
    assert (new.commitment, new.period, new.area, new.order) == (w.commitment2, w.q2, w.eastwick, 4)
    assert new.status == "draft" and new.created_by == w.officer and new.modified_by == w.officer
    assert [op.name for op in new.operations.all()] == ["Shield"]
    # Recorded as the officer's (the saved entry, then its operations).
    assert new.history.exists() and {r.history_user for r in new.history.all()} == {w.officer}
    changed = Entry.objects.get(pk=w.colbury_draft.pk)
    assert (changed.text, changed.revision, changed.status) == ("Colbury, revised.", 2, "draft")
    assert changed.history.first().history_user == w.officer
    assert Entry.objects.get(text="A sub-bullet.").parent == changed


class PreviewReader(HTMLParser):
    """The import preview's table as text: its headings and, per row, every cell."""

    def __init__(self):
        super().__init__()
        self.inside, self.headings, self.rows, self.cell = False, [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "import-preview" in (dict(attrs).get("class") or ""):
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "table":
            self.inside = False


def preview_of(response) -> list[dict]:
    reader = PreviewReader()
    reader.feed(response.content.decode())
    headings, *rows = reader.rows
    return [dict(zip(headings, row, strict=True)) for row in rows]


def test_the_preview_shows_where_every_row_will_land(client, w):
    login_verified(client, w.officer)
    rows = [
        ["", "1", "1.2", "2020/21 Q2", "eastwick", "", "4", "Eastwick opened a desk.", "Shield"],
        [w.colbury_draft.pk, "", "1.1", "2020-21 Q2", "Colbury", "", "2", "Colbury, revised.", ""],
        ["", "", "1.1", "2020/21 Q2", "Colbury", w.colbury_draft.pk, "1", "A sub-bullet.", ""],
    ]
    shown = preview_of(upload(client, csv_file(rows)))
    where = [
        {k: row[k] for k in ("priority", "commitment", "period", "area", "parent", "operations")}
        for row in shown
    ]
    assert where == [
        {
            "priority": "1",
            "commitment": "1.2",
            "period": "2020/21 Q2",
            "area": "Eastwick",
            "parent": "",
            "operations": "Shield",
        },
        {
            "priority": "1",
            "commitment": "1.1",
            "period": "2020/21 Q2",
            "area": "Colbury",
            "parent": "",
            "operations": "",
        },
        {
            "priority": "1",
            "commitment": "1.1",
            "period": "2020/21 Q2",
            "area": "Colbury",
            "parent": str(w.colbury_draft.pk),
            "operations": "",
        },
    ]
    assert Entry.objects.count() == 5  # a preview writes nothing


def test_status_in_a_file_is_never_read(client, w):
    login_verified(client, w.officer)
    headings = [*HEADINGS, "status"]
    row = [
        "",
        "1",
        "1.1",
        "2020/21 Q2",
        "Colbury",
        "",
        "5",
        "Claims to be approved.",
        "",
        "approved",
    ]
    confirm(client, upload(client, csv_file([row], headings)))
    assert Entry.objects.get(text="Claims to be approved.").status == "draft"


def test_every_bad_row_is_reported_and_nothing_is_written(client, w):
    w.colbury_draft.status = "submitted"
    w.colbury_draft.save()
    eastwick = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.eastwick, text="Eastwick draft."
    )
    login_verified(client, w.officer)
    before = state()
    good = ["", "1", "1.1", "2020/21 Q2", "Colbury", "", "1", "A fine new entry.", ""]
    rows = [
        good,  # row 1
        ["", "1", "1.9", "2020/21 Q2", "Colbury", "", "1", "Text.", ""],  # row 2
        ["", "1", "1.1", "2031/32 Q1", "Colbury", "", "1", "Text.", ""],  # row 3
        ["", "1", "1.1", "2020/21 Q2", "Atlantis", "", "1", "Text.", ""],  # row 4
        ["", "1", "1.1", "2020/21 Q2", "Marshby", "", "1", "Text.", ""],  # row 5
        ["", "1", "1.1", "2020/21 Q1", "Colbury", "", "1", "Text.", ""],  # row 6
        [w.last_colbury.pk, "1", "1.1", "2020/21 Q1", "Colbury", "", "1", "New.", ""],  # row 7
        [w.colbury_draft.pk, "1", "1.1", "2020/21 Q2", "Colbury", "", "2", "New.", ""],  # row 8
        ["", "1", "1.1", "2020/21 Q2", "Colbury", "", "1", "  ", ""],  # row 9
        [eastwick.pk, "1", "1.1", "2020/21 Q2", "Eastwick", "", "1", "Once.", ""],  # row 10
        [eastwick.pk, "1", "1.1", "2020/21 Q2", "Eastwick", "", "1", "Twice.", ""],  # row 11
        [w.marshby_draft.pk, "1", "1.1", "2020/21 Q2", "Colbury", "", "1", "Mine now.", ""],
    ]
    response = upload(client, csv_file(rows))
    found = problems(response)
    assert found == [
        (2, "commitment", 'unknown commitment "1.9"'),
        (3, "period", 'unknown period "2031/32 Q1"'),
        (4, "area", 'unknown area "Atlantis"'),
        (5, "area", '"Marshby" is not one of your areas'),
        (6, "period", '"2020/21 Q1" is not open for entries'),
        (7, "id", f"entry {w.last_colbury.pk} is approved, so an import cannot change it"),
        (8, "id", f"entry {w.colbury_draft.pk} is submitted, so an import cannot change it"),
        (9, "text", "the text is missing"),
        (11, "id", "the same id as row 10"),
        (12, "id", f'no entry "{w.marshby_draft.pk}" among the entries you may see'),
    ]
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "Nothing was imported: 10 rows need correcting" in page
    assert "Columns: id (blank for a new entry)" in page  # the entry page's own help
    assert state() == before


def test_an_analyst_may_write_closed_periods_but_not_approved_entries(client, w):
    login_verified(client, w.analyst)
    rows = [
        ["", "1", "1.1", "2020/21 Q1", "Marshby", "", "2", "Added late by the PAU.", ""],
        [w.last_marshby.pk, "", "1.2", "2020/21 Q1", "Marshby", "", "1", "Rewritten.", ""],
    ]
    response = upload(client, csv_file(rows))
    assert problems(response) == [
        (2, "id", f"entry {w.last_marshby.pk} is approved, so an import cannot change it")
    ]
    response = upload(client, csv_file(rows[:1]))
    confirm(client, response)
    assert Entry.objects.get(text="Added late by the PAU.").period == w.q1


def test_rows_that_turn_wrong_before_confirmation_write_nothing(client, w):
    login_verified(client, w.officer)
    rows = [
        ["", "1", "1.1", "2020/21 Q2", "Colbury", "", "5", "First new entry.", ""],
        [w.colbury_draft.pk, "1", "1.1", "2020/21 Q2", "Colbury", "", "2", "Changed.", ""],
    ]
    response = upload(client, csv_file(rows))
    assert problems(response) == []
    Entry.objects.filter(pk=w.colbury_draft.pk).update(status="approved")  # reviewed meanwhile
    before = state()
    done = confirm(client, response)
    assert done.status_code == 302 and done["Location"].endswith(IMPORT_URL)
    assert state() == before
    assert not Entry.objects.filter(text="First new entry.").exists()
    assert Entry.objects.get(pk=w.colbury_draft.pk).text == "Colbury draft text."


def test_a_file_without_the_required_columns_gets_one_message(client, w):
    login_verified(client, w.analyst)
    response = upload(client, csv_file([["Some text."]], ["text"]))
    errors = [str(error.error) for error in response.context["result"].base_errors]
    assert errors == [
        'The file has no "id", "commitment", "period" or "area" columns, so nothing was '
        "imported. Its first row must name the columns id, commitment, period, area and text; "
        'it names "text".'
    ]


@override_settings(IMPORT_MAX_UPLOAD_BYTES=200)
def test_an_upload_over_the_size_limit_is_refused_with_a_clear_message(client, w):
    login_verified(client, w.officer)
    rows = [["", "1", "1.1", "2020/21 Q2", "Colbury", "", n, "Text.", ""] for n in range(20)]
    file = csv_file(rows)
    size = len(file.getvalue())
    response = upload(client, file)
    assert response.context["form"].errors["import_file"] == [
        f"The file is {size}\xa0bytes; files of up to 200\xa0bytes can be imported. "
        "Split it into smaller files."
    ]
    assert Entry.objects.count() == 5


def test_an_alias_in_the_area_column_is_kept_as_the_entrys_label(client, w):
    AreaAlias.objects.create(name="Colbury Quay", area=w.colbury)
    login_verified(client, w.officer)
    rows = [["", "", "1.1", "2020/21 Q2", "Colbury  Quay", "", "3", "Harbour patrols.", ""]]
    response = upload(client, csv_file(rows))
    assert problems(response) == []
    assert confirm(client, response).status_code == 302
    entry = Entry.objects.get(text="Harbour patrols.")
    assert (entry.area, entry.area_label) == (w.colbury, "Colbury Quay")


def test_each_imported_entry_has_its_history_row_with_its_operations(client, w):
    login_verified(client, w.officer)
    rows = [
        ["", "1", "1.2", "2020/21 Q2", "Eastwick", "", "4", "New, with two.", "Shield, Nightjar"],
        [w.colbury_draft.pk, "", "1.1", "2020/21 Q2", "Colbury", "", "2", "Revised.", "Shield"],
    ]
    confirm(client, upload(client, csv_file(rows)))
    new = Entry.objects.get(text="New, with two.")
    changed = Entry.objects.get(pk=w.colbury_draft.pk)
    for entry, kind, names in ((new, "+", {"Shield", "Nightjar"}), (changed, "~", {"Shield"})):
        record = entry.history.first()
        assert (record.history_type, record.history_user, record.text) == (
            kind,
            w.officer,
            entry.text,
        )
        assert record.revision == entry.revision and record.history_date >= entry.modified_at
        assert {link.operation.name for link in record.operations.all()} == names
        assert {op.name for op in entry.operations.all()} == names
    assert new.history.last().history_type == "+"  # recorded as created
