"""Uploads held safely between preview and confirmation, read whatever program saved them,
and refused quickly when too big: the bulk import of figures, as an analyst uses it."""

import datetime
import io
import os

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils import timezone

from metrics.models import MetricValue
from pcp.spreadsheets.pending import FOLDER, pending_imports_expire
from tests.metrics import test_import_export
from tests.metrics.test_import_export import (
    CSV_FORMAT,
    PROCESS_URL,
    XLSX_FORMAT,
    confirm,
    csv_file,
    problems,
    upload,
)

setting = test_import_export.setting  # the same small force, metrics and quarters
pytestmark = pytest.mark.usefixtures("setting")

ROWS = [["calls-999", "2020/21 Q2", "Demo Police", "91425"]]


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pending_files(media) -> list[str]:
    folder = media / FOLDER
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_confirm_form_carries_a_random_key_not_a_server_path(client, analyst, media):
    client.force_login(analyst)
    response = upload(client, csv_file(ROWS))
    key = response.context["confirm_form"].initial["import_file_name"]
    assert len(key) == 32 and set(key) <= set("0123456789abcdef")
    assert "/" not in response.content.decode().split(key)[0][-200:]  # no folder before it
    assert pending_files(media) == [f"{analyst.pk}/{key}"]
    confirm(client, response)
    assert MetricValue.objects.count() == 1
    assert pending_files(media) == []  # gone once imported


@pytest.mark.parametrize("name", ["../../../etc/hostname", "/tmp/victim.csv", "victim.csv"])
def test_a_post_naming_another_file_reads_and_deletes_nothing(client, analyst, name):
    victim = "/tmp/victim.csv"
    with open(victim, "w") as handle:
        handle.write("metric,period,area,value\ncalls-999,2020/21 Q2,Demo Police,1\n")
    client.force_login(analyst)
    preview = upload(client, csv_file(ROWS))
    form = {key: value for key, value in preview.context["confirm_form"].initial.items()}
    form["import_file_name"] = name
    response = client.post(PROCESS_URL, form, follow=True)
    assert MetricValue.objects.count() == 0
    assert os.path.exists(victim)
    assert "no longer waiting to be imported" in response.content.decode()
    os.remove(victim)


def test_another_users_pending_upload_cannot_be_confirmed(client, analyst, media):
    from priorities.roles import ANALYST, user_save_with_role

    client.force_login(analyst)
    preview = upload(client, csv_file(ROWS))
    form = dict(preview.context["confirm_form"].initial)
    other = user_save_with_role(username="pau-2", role=ANALYST, password="another-long-pass-1")
    client.force_login(other)
    client.post(PROCESS_URL, form)
    assert MetricValue.objects.count() == 0
    assert len(pending_files(media)) == 1  # still the first analyst's, untouched


@override_settings(IMPORT_MAX_ROWS=50)
def test_a_file_with_too_many_rows_is_refused_before_any_row_is_checked(client, analyst):
    client.force_login(analyst)
    rows = [["calls-999", "2020/21 Q2", "Demo Police", "x"]] * 51
    response = upload(client, csv_file(rows))
    assert response.context["form"].errors["import_file"] == [
        "The file has 51 rows; up to 50 can be imported at once, so nothing was imported. "
        "Split it into smaller files."
    ]


@override_settings(IMPORT_MAX_ROW_ERRORS=10)
def test_checking_stops_after_the_first_wrong_rows_and_says_how_many_were_not_checked(
    client, analyst
):
    client.force_login(analyst)
    rows = [["calls-999", "2020/21 Q2", "Nowhere", "1"]] * 25
    response = upload(client, csv_file(rows))
    assert len({row for row, _, _ in problems(response)}) == 10
    page = response.content.decode()
    assert "The first 10 wrong rows are listed; the other 15 rows were not checked." in page


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")],
)
def test_files_saved_by_excel_and_others_import(client, analyst, encoding, bom):
    from priorities.models import Area

    Area.objects.filter(name="Rivertown").update(name="Rivertown Café")
    text = "metric,period,area,value\r\ncalls-999,2020/21 Q2,Rivertown Café,12\r\n"
    upload_file = io.BytesIO(bom + text.encode(encoding))
    upload_file.name = "values.csv"
    client.force_login(analyst)
    response = upload(client, upload_file)
    assert problems(response) == []
    confirm(client, response)
    assert MetricValue.objects.get().area.name == "Rivertown Café"


def test_a_spreadsheet_chosen_as_csv_is_named_for_what_it_is(client, analyst):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["metric", "period", "area", "value"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "values.csv"
    client.force_login(analyst)
    response = upload(client, data, CSV_FORMAT)
    (error,) = response.context["form"].errors["import_file"]
    assert error.startswith("This is not a CSV file")


def test_a_csv_chosen_as_xlsx_is_named_for_what_it_is(client, analyst):
    client.force_login(analyst)
    response = upload(client, csv_file(ROWS, name="values.xlsx"), XLSX_FORMAT)
    (error,) = response.context["form"].errors["import_file"]
    assert error.startswith("This is not a XLSX file") or error.startswith("This is not an XLSX")
    assert "Error" not in error  # no library exception's name


def test_a_small_spreadsheet_that_unpacks_many_times_its_size_is_refused(client, analyst):
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<c>0</c>" * 400_000)
    data.seek(0)
    data.name = "values.xlsx"
    client.force_login(analyst)
    response = upload(client, data, XLSX_FORMAT)
    (error,) = response.context["form"].errors["import_file"]
    assert error.startswith("The spreadsheet unpacks to 3.1\xa0MB although it weighs")


def test_abandoned_pending_uploads_expire(client, analyst, media):
    client.force_login(analyst)
    upload(client, csv_file(ROWS))
    (name,) = pending_files(media)
    assert pending_imports_expire(older_than=datetime.timedelta(hours=1)) == 0
    path = media / FOLDER / name
    old = (timezone.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(path, (old, old))
    assert pending_imports_expire(older_than=datetime.timedelta(hours=1)) == 1
    assert not default_storage.exists(f"{FOLDER}/{name}")
