"""`manage.py import_update`: what it stores, idempotence, dry runs, JSON, and bad files."""

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from metrics.models import Metric, MetricValue
from narratives.importing import store
from narratives.models import Entry, Operation
from priorities.models import Area, AreaAlias, Commitment, Period, Plan, Priority
from tests.factories import EntryFactory, UserFactory

EDITIONS = Path(__file__).parent / "editions"
MODELS = (
    Plan,
    Priority,
    Commitment,
    Period,
    Area,
    AreaAlias,
    Operation,
    Entry,
    Metric,
    MetricValue,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_update", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(db, reference_edition_path):
    return json.loads(run(reference_edition_path, "--json"))


def test_reference_edition_is_stored(imported):
    assert (Plan.objects.get().title, Priority.objects.count()) == (
        "Police and Crime Plan 2016-2020",
        7,
    )
    assert Commitment.objects.count() == 12
    period = Period.objects.get(year=2020, quarter=2)
    entries = Entry.objects.filter(period=period)
    assert entries.count() == 95
    assert set(entries.values_list("status", flat=True)) == {Entry.Status.APPROVED}
    assert Operation.objects.count() == 23
    assert Operation.objects.get(key="SHIELD II").entries.count() == 2
    assert imported["warnings"] == [
        "No areas were set up: the shipped areas of Essex Police loaded."
    ]


def test_entries_keep_areas_nesting_and_document_order(imported):
    force = Area.objects.get(kind=Area.Kind.FORCE)
    falcon = Entry.objects.get(text__contains="Operation FALCON")
    assert falcon.area.name == "Rochford"
    assert sorted(falcon.areas.values_list("name", flat=True)) == ["Castle Point", "Rochford"]
    assert [op.key for op in falcon.operations.all()] == ["FALCON"]
    papillion = Entry.objects.get(text__contains="Project Papillion")
    assert (papillion.area, papillion.areas.count()) == (force, 0)
    control_room = Entry.objects.get(text__startswith="The Force Control Room")
    children = list(control_room.children.order_by("order"))
    assert len(children) == 4 and children[0].text.startswith("Call-handling demand")
    assert all(child.order > control_room.order for child in children)
    first = Entry.objects.filter(commitment__priority__number=1, commitment__order=1)
    assert first.order_by("order").first().text.startswith("The Special Constabulary headcount")


def test_figures_are_metric_values_of_their_periods(imported):
    force = Area.objects.get(kind=Area.Kind.FORCE)
    values = {
        (v.metric.code, v.period.label): v.value
        for v in MetricValue.objects.select_related("metric", "period")
    }
    assert len(values) == 25
    assert values[("calls-999", "2020/21 Q1")] == Decimal(91_425 - 16_975)
    assert values[("rc-public-calls", "2019/20 Q2")] == Decimal(23_556 + 5_551)
    assert values[("specials-headcount", "2019/20 Q2")] == Decimal(516)
    assert set(MetricValue.objects.values_list("area", flat=True)) == {force.pk}
    assert not MetricValue.objects.filter(illustrative=True).exists()
    assert Metric.objects.get(code="ksi-casualties").priority.number == 7


def test_importing_twice_duplicates_nothing(imported, reference_edition_path):
    before = counts()
    entry_ids = set(Entry.objects.values_list("pk", flat=True))
    output = run(reference_edition_path)
    assert counts() == before
    assert "95 entries (95 from an earlier import replaced)" in output
    assert not entry_ids & set(Entry.objects.values_list("pk", flat=True))


def test_reimport_leaves_officers_own_entries_alone(imported, reference_edition_path):
    commitment = Commitment.objects.get(priority__number=7)
    own = EntryFactory(
        commitment=commitment, period=Period.objects.get(year=2020, quarter=2), text="Own words."
    )
    run(reference_edition_path)
    assert Entry.objects.filter(pk=own.pk).exists()


def test_reimport_updates_a_changed_figure(imported, reference_edition_path, tmp_path):
    changed = tmp_path / "corrected.txt"
    text = reference_edition_path.read_text(encoding="utf-8")
    changed.write_text(text.replace("91,425 emergency calls", "91,500 emergency calls"))
    run(changed)
    value = MetricValue.objects.get(metric__code="calls-999", period__year=2020, period__quarter=2)
    assert value.value == Decimal(91_500)
    assert MetricValue.objects.count() == 25


def test_dry_run_writes_nothing(db, reference_edition_path):
    output = json.loads(run(reference_edition_path, "--dry-run", "--json"))
    assert len(output["priorities"]) == 7
    assert set(counts().values()) == {0}
    assert "Dry run: nothing was written." in run(reference_edition_path, "--dry-run")
    assert set(counts().values()) == {0}


def test_json_shape(imported):
    # The figures check adds its "findings" beside what the importer reports.
    assert [key for key in imported if key != "findings"] == [
        "title", "period", "data_to", "version", "produced", "priorities", "operations",
        "figures", "warnings", "source",
    ]  # fmt: skip
    assert imported["source"] == "txt"
    assert "page" not in imported["priorities"][0]["commitments"][0]["entries"][0]
    assert (imported["period"], imported["data_to"]) == ("2020/21 Q2", "2020-09")
    assert (imported["version"], imported["produced"]) == ("1.1", "2020-10")
    priority = imported["priorities"][0]
    assert isinstance(priority["number"], int) and isinstance(priority["title"], str)
    entry = priority["commitments"][0]["entries"][2]
    assert entry["children"][0]["operations"] == ["SERVATOR", "GAMBLER"]
    assert {"metric": "calls-999", "period": "2020/21 Q2", "area": None, "value": 91425} in (
        imported["figures"]
    )
    assert "SHIELD II" in imported["operations"]


def test_user_is_recorded(db, reference_edition_path):
    analyst = UserFactory(username="pau-analyst")
    run(reference_edition_path, "--user", "pau-analyst")
    entry = Entry.objects.first()
    assert (entry.created_by, entry.modified_by) == (analyst, analyst)
    assert entry.history.first().history_user == analyst
    assert MetricValue.objects.filter(created_by=analyst).count() == 25
    with pytest.raises(CommandError, match="no such user"):
        run(reference_edition_path, "--user", "nobody")


def test_layout_variants_import(db):
    run(EDITIONS / "variant-2018-19-q4.txt")
    run(EDITIONS / "variant-2019-20-q1-one-line.txt")
    assert Period.objects.filter(year=2018, quarter=4).exists()
    assert Priority.objects.count() == 2
    # One register row per operation, whatever the case it was written in.
    assert list(Operation.objects.values_list("key", flat=True)) == ["KESTREL"]
    assert Entry.objects.get(text__contains="seafront").area.name == "Southend"


def test_unknown_lpa_is_created_under_the_force(db):
    output = json.loads(run(EDITIONS / "variant-2019-20-q1-one-line.txt", "--json"))
    east = Area.objects.get(name="East LPA")
    assert (east.kind, east.parent.name) == (Area.Kind.LPA, "Essex Police")
    assert Entry.objects.get(text__contains="video appointments").area == east
    assert any("East LPA" in warning for warning in output["warnings"])


def test_partial_edition_imports_what_it_holds_with_warnings(db):
    output = json.loads(run(EDITIONS / "partial-cut-short.txt", "--json"))
    assert Entry.objects.count() == 3
    assert sum("is not in the text" in w for w in output["warnings"]) == 5
    assert any("ends mid-sentence" in w for w in output["warnings"])
    human = run(EDITIONS / "partial-cut-short.txt")
    assert "Warning: Priority 7 – Improve Safety on our Roads is not in the text" in human


def test_hostile_strings_are_stored_verbatim(db):
    run(EDITIONS / "hostile.txt")
    assert Priority.objects.get().title == "<b>More</b> Local Policing"
    assert Entry.objects.filter(text__startswith='<script>alert("entry")</script>').exists()
    basildon = Entry.objects.get(area__name="Basildon")
    assert basildon.text.startswith('<img src=x onerror="alert(1)"> and {{ settings.SECRET_KEY }}')


def bad_file(tmp_path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "absent.txt", "no such file"),
        (lambda tmp: tmp, "no .pdf, .docx or .txt files"),
        (lambda tmp: bad_file(tmp, "empty.txt", b""), "the file is empty"),
        (lambda tmp: bad_file(tmp, "blank.txt", b"\n  \n"), "empty"),
        (lambda tmp: bad_file(tmp, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda tmp: bad_file(tmp, "odd.txt", b"Quarter 2 \x81\x8d\x90 2020/21"), "not UTF-8"),
        (lambda tmp: EDITIONS / "not-an-edition-minutes.txt", "no reporting period"),
        (lambda tmp: EDITIONS / "no-period.txt", "no reporting period"),
        (
            lambda tmp: bad_file(tmp, "note.txt", b"Quarterly Update 2019/20 Q1\n\nNo plan.\n"),
            "no priority headings",
        ),
    ],
)
def test_bad_files_fail_clearly_and_write_nothing(db, tmp_path, make, message):
    with pytest.raises(CommandError, match=message):
        run(make(tmp_path))
    assert set(counts().values()) == {0}


def test_too_large_a_file_is_refused(db, tmp_path, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(CommandError, match="more than the 100 allowed"):
        run(bad_file(tmp_path, "big.txt", b"x" * 101))


def test_windows_1252_text_is_read_with_a_warning(db, tmp_path):
    text = (EDITIONS / "variant-2018-19-q4.txt").read_text(encoding="utf-8")
    path = bad_file(tmp_path, "cp1252.txt", text.encode("cp1252"))
    output = json.loads(run(path, "--json"))
    assert output["warnings"][0] == "cp1252.txt is not UTF-8; it was read as Windows-1252 text."
    assert output["priorities"][0]["title"] == "More Local, Visible and Accessible Policing"


def test_the_import_is_one_transaction(db, reference_edition_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_figures", fail)
    with pytest.raises(RuntimeError):
        run(reference_edition_path)
    assert set(counts().values()) == {0}


def test_exit_status_is_non_zero_for_a_bad_file(tmp_path):
    missing = tmp_path / "missing.txt"
    # A throwaway database: the command must not reach any real one.
    database = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "manage.py", "import_update", str(missing)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert f"CommandError: {missing}: no such file" in done.stderr
