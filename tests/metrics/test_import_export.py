"""Importing and exporting metric values through the admin, as a person would: real forms."""

import csv
import io
import re

import openpyxl
import pytest
from django.test import override_settings

from metrics.models import Metric, MetricValue
from priorities.models import Area, Period

IMPORT_URL = "/admin/metrics/metricvalue/import/"
PROCESS_URL = "/admin/metrics/metricvalue/process_import/"
EXPORT_URL = "/admin/metrics/metricvalue/export/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def csv_file(rows, name="values.csv"):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["metric", "period", "area", "value"])
    writer.writerows(rows)
    upload = io.BytesIO(text.getvalue().encode())
    upload.name = name
    return upload


def upload(client, file, file_format=CSV_FORMAT):
    return client.post(IMPORT_URL, {"import_file": file, "format": file_format, "resource": "0"})


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


@pytest.fixture
def setting(db):
    force = Area.objects.create(name="Demo Police", kind=Area.Kind.FORCE)
    north = Area.objects.create(name="North LPA", kind=Area.Kind.LPA, parent=force)
    town = Area.objects.create(name="Rivertown", kind=Area.Kind.DISTRICT, parent=north)
    south = Area.objects.create(name="South LPA", kind=Area.Kind.LPA, parent=force)
    Period.objects.create(year=2020, quarter=1)
    Period.objects.create(year=2020, quarter=2)
    Metric.objects.create(code="calls-999", name="Emergency calls (999) received")
    Metric.objects.create(code="specials-hours", name="Special Constable hours", unit="hours")
    return {"force": force, "north": north, "town": town, "south": south}


def test_upload_shows_a_preview_and_writes_only_when_confirmed(client, analyst, setting):
    client.force_login(analyst)
    response = upload(
        client,
        csv_file(
            [
                ["calls-999", "2020/21 Q2", "Demo Police", "91425"],
                ["calls-999", "2020/21 Q1", "Demo Police", "74,450"],
                ["specials-hours", "2020-21 Q2", "north lpa", "18014.5"],
            ]
        ),
    )
    assert response.status_code == 200
    assert "confirm_form" in response.context
    assert b"Preview" in response.content
    assert MetricValue.objects.count() == 0  # the preview wrote nothing

    done = confirm(client, response)
    assert done.status_code == 302
    stored = {
        (v.metric.code, v.period.label, v.area.name): v.value
        for v in MetricValue.objects.select_related("metric", "period", "area")
    }
    assert stored == {
        ("calls-999", "2020/21 Q2", "Demo Police"): 91425,
        ("calls-999", "2020/21 Q1", "Demo Police"): 74450,
        ("specials-hours", "2020/21 Q2", "North LPA"): pytest.approx(18014.5),
    }
    value = MetricValue.objects.get(value=91425)
    assert value.created_by == analyst and not value.illustrative
    assert value.history.count() == 1


def test_a_second_import_updates_values_and_replaces_illustrative_ones(client, analyst, setting):
    metric = Metric.objects.get(code="calls-999")
    period = Period.objects.get(year=2020, quarter=2)
    MetricValue.objects.create(
        metric=metric, period=period, area=setting["force"], value=91425, illustrative=True
    )
    client.force_login(analyst)
    response = upload(client, csv_file([["calls-999", "2020/21 Q2", "Demo Police", "91425"]]))
    confirm(client, response)
    assert MetricValue.objects.get().illustrative is False


def test_every_bad_row_is_reported_with_its_row_column_and_reason(client, analyst, setting):
    client.force_login(analyst)
    response = upload(
        client,
        csv_file(
            [
                ["calls-999", "2020/21 Q2", "Demo Police", "100"],  # row 1: fine
                ["calls-998", "2020/21 Q2", "Demo Police", "100"],  # row 2
                ["calls-999", "2031/32 Q1", "Demo Police", "100"],  # row 3
                ["calls-999", "2020/21 Q5", "Demo Police", "100"],  # row 4
                ["calls-999", "2020/21 Q2", "Atlantis", "100"],  # row 5
                ["calls-999", "2020/21 Q1", "Demo Police", "lots"],  # row 6
                ["calls-999", "2020/21 Q2", "Demo Police", "120"],  # row 7: duplicate of 1
                ["calls-999", "2020/21 Q1", "South LPA", ""],  # row 8
            ]
        ),
    )
    found = problems(response)
    assert (2, "metric", 'unknown metric "calls-998"') in found
    assert (3, "period", 'unknown period "2031/32 Q1"') in found
    assert any(
        row == 4 and column == "period" and "is not a quarter" in reason
        for row, column, reason in found
    )
    assert (5, "area", 'unknown area "Atlantis"') in found
    assert (6, "value", '"lots" is not a number') in found
    assert (7, "metric, period, area", "the same metric, period and area as row 1") in found
    assert (8, "value", "the value is missing") in found
    assert len(found) == 7
    assert "confirm_form" not in response.context
    assert MetricValue.objects.count() == 0
    page = response.content.decode()
    assert "Nothing was imported: 7 rows need correcting" in page
    assert "Columns: metric (code), period" in page
    # Row 5 of the data is line 6 of the file (the headings are line 1).
    assert re.search(r"<td>5</td>\s*<td>6</td>\s*<td>area</td>", page)


def test_an_import_with_errors_writes_nothing_even_at_confirmation(client, analyst, setting):
    """Rows that passed the preview but fail at confirmation (a period removed meanwhile)."""
    client.force_login(analyst)
    response = upload(
        client,
        csv_file(
            [
                ["calls-999", "2020/21 Q2", "Demo Police", "100"],
                ["calls-999", "2020/21 Q1", "Demo Police", "90"],
            ]
        ),
    )
    Period.objects.filter(year=2020, quarter=1).delete()
    done = confirm(client, response)
    assert done.status_code == 302 and done["Location"].endswith(IMPORT_URL)
    assert MetricValue.objects.count() == 0


def test_an_officer_imports_only_their_areas(client, make_officer, setting):
    Period.objects.filter(year=2020, quarter=2).update(is_open=True)
    officer = make_officer(setting["north"])
    client.force_login(officer)
    response = upload(
        client,
        csv_file(
            [
                ["calls-999", "2020/21 Q2", "Rivertown", "40"],  # a district of their LPA
                ["calls-999", "2020/21 Q2", "South LPA", "50"],
                ["calls-999", "2020/21 Q2", "Demo Police", "90"],
            ]
        ),
    )
    assert problems(response) == [
        (2, "area", '"South LPA" is not one of your areas'),
        (3, "area", '"Demo Police" is not one of your areas'),
    ]
    assert MetricValue.objects.count() == 0
    response = upload(client, csv_file([["calls-999", "2020/21 Q2", "Rivertown", "40"]]))
    confirm(client, response)
    assert MetricValue.objects.get().area == setting["town"]


def test_an_officer_imports_only_for_quarters_open_for_entry(client, make_officer, setting):
    Period.objects.filter(year=2020, quarter=2).update(is_open=True)
    client.force_login(make_officer(setting["north"]))
    response = upload(
        client,
        csv_file(
            [
                ["calls-999", "2020/21 Q2", "Rivertown", "40"],
                ["calls-999", "2020/21 Q1", "Rivertown", "30"],  # closed long ago
            ]
        ),
    )
    assert problems(response) == [
        (2, "period", "2020/21 Q1 is closed for entry; ask the PAU to correct it")
    ]
    assert MetricValue.objects.count() == 0


def test_an_import_raises_the_revision_of_the_values_it_changes(client, analyst, setting):
    client.force_login(analyst)
    row = ["calls-999", "2020/21 Q2", "Demo Police"]
    confirm(client, upload(client, csv_file([[*row, "10"]])))
    assert MetricValue.objects.get().revision == 1
    confirm(client, upload(client, csv_file([[*row, "11"]])))
    value = MetricValue.objects.get()
    assert (value.value, value.revision) == (11, 2)


def test_a_manager_may_not_import(client, manager, setting):
    client.force_login(manager)
    assert client.get(IMPORT_URL).status_code == 403


def test_xlsx_imports_too(client, analyst, setting):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Metric", "Period", "Area", "Value"])
    sheet.append(["calls-999", "2020/21 Q2", "Demo Police", 91425])
    sheet.append(["specials-hours", "2020/21 Q2", "Demo Police", 0.1 + 0.2])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "values.xlsx"
    client.force_login(analyst)
    response = upload(client, data, XLSX_FORMAT)
    assert problems(response) == []
    confirm(client, response)
    assert sorted(str(v) for v in MetricValue.objects.values_list("value", flat=True)) == [
        "0.3000",
        "91425.0000",
    ]


@override_settings(IMPORT_MAX_UPLOAD_BYTES=200)
def test_an_upload_over_the_size_limit_is_refused_with_a_clear_message(client, analyst, setting):
    client.force_login(analyst)
    rows = [["calls-999", "2020/21 Q2", "Demo Police", str(n)] for n in range(20)]
    file = csv_file(rows)
    size = len(file.getvalue())
    response = upload(client, file)
    errors = response.context["form"].errors["import_file"]
    assert errors == [
        f"The file is {size}\xa0bytes; files of up to 200\xa0bytes can be imported. "
        "Split it into smaller files."
    ]
    assert MetricValue.objects.count() == 0


def hostile_setting(setting):
    metric = Metric.objects.get(code="calls-999")
    period = Period.objects.get(year=2020, quarter=2)
    names = ['=HYPERLINK("http://x")', "+SUM(1)", "-2+3", "@cmd", "\tTab", "\rReturn"]
    for index, name in enumerate(names):
        area = Area.objects.create(name=name, kind=Area.Kind.LPA, parent=setting["force"])
        MetricValue.objects.create(metric=metric, period=period, area=area, value=index)
    MetricValue.objects.create(metric=metric, period=period, area=setting["north"], value=-5)
    return names


def test_csv_export_makes_formulas_inert_and_keeps_negative_numbers(client, analyst, setting):
    names = hostile_setting(setting)
    client.force_login(analyst)
    response = client.post(
        EXPORT_URL,
        {
            "format": CSV_FORMAT,
            "resource": "0",
            "metricvalueresource_metric": True,
            "metricvalueresource_period": True,
            "metricvalueresource_area": True,
            "metricvalueresource_value": True,
        },
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["metric", "period", "area", "value"]
    areas = {row[2]: row[3] for row in rows[1:]}
    for name in names:
        assert "'" + name in areas  # a leading apostrophe: text, never a formula
    assert areas["North LPA"] == "-5"  # a negative number is a number, not a formula


def test_xlsx_export_keeps_numbers_as_numbers_and_formulas_as_text(client, analyst, setting):
    names = hostile_setting(setting)
    client.force_login(analyst)
    response = client.post(
        EXPORT_URL,
        {
            "format": XLSX_FORMAT,
            "resource": "0",
            "metricvalueresource_metric": True,
            "metricvalueresource_period": True,
            "metricvalueresource_area": True,
            "metricvalueresource_value": True,
        },
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = {row[2].value: row[3] for row in book.active.iter_rows(min_row=2)}
    for name in names:
        assert cells["'" + name].data_type == "n"
    assert cells["North LPA"].value == -5 and cells["North LPA"].data_type == "n"
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)


def test_a_file_imported_again_skips_unchanged_rows_and_updates_changed_ones(
    client, analyst, setting
):
    client.force_login(analyst)
    rows = [
        ["calls-999", "2020/21 Q2", "Demo Police", "91425"],
        ["calls-999", "2020/21 Q1", "Demo Police", "74450"],
    ]
    confirm(client, upload(client, csv_file(rows)))
    rows[1][3] = "74451"
    response = upload(client, csv_file(rows))
    kinds = [row.import_type for row in response.context["result"].valid_rows()]
    assert kinds == ["skip", "update"]
    confirm(client, response)
    changed = MetricValue.objects.get(period__quarter=1)
    assert changed.value == 74451 and changed.history.count() == 2
    assert MetricValue.objects.get(period__quarter=2).history.count() == 1


@override_settings(IMPORT_MAX_UPLOAD_BYTES=2000)
def test_a_spreadsheet_that_unpacks_to_far_more_than_it_weighs_is_refused(client, analyst, setting):
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 200_000)
    data.seek(0)
    data.name = "values.xlsx"
    assert len(data.getvalue()) < 2000
    client.force_login(analyst)
    response = upload(client, data, XLSX_FORMAT)
    (error,) = response.context["form"].errors["import_file"]
    assert error.startswith("The spreadsheet unpacks to 195.3\xa0KB")


def headed_file(header, rows, name="values.csv"):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    file = io.BytesIO(text.getvalue().encode())
    file.name = name
    return file


def base_errors(response):
    return [str(error.error) for error in response.context["result"].base_errors]


def test_a_file_without_a_required_column_gets_one_message_naming_it(client, analyst, setting):
    client.force_login(analyst)
    rows = [["calls-999", "2020/21 Q2", "Demo Police"], ["calls-999", "2020/21 Q1", "Rivertown"]]
    response = upload(client, headed_file(["Metric", "Period", "Area "], rows))
    assert base_errors(response) == [
        'The file has no "value" column, so nothing was imported. Its first row must name the '
        'columns metric, period, area and value; it names "metric", "period", "area".'
    ]
    assert not response.context["result"].invalid_rows  # not once per row
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert page.count("no &quot;value&quot; column") == 1 and "Traceback" not in page
    assert MetricValue.objects.count() == 0


def test_a_file_missing_several_columns_names_them_all(client, analyst, setting):
    client.force_login(analyst)
    response = upload(client, headed_file(["metrik", "period", "amount"], [["x", "y", "1"]]))
    assert base_errors(response) == [
        'The file has no "metric", "area" or "value" columns, so nothing was imported. Its '
        'first row must name the columns metric, period, area and value; it names "metrik", '
        '"period", "amount".'
    ]
    assert MetricValue.objects.count() == 0
