"""`import_update FOLDER`: every edition in it, oldest first, each file on its own, with a
summary table; a bad file is reported and the others still go in."""

import io
import json
import random

import pytest
import weasyprint
from django.core.management import CommandError, call_command

from narratives.demo.sample_edition import sample_areas
from narratives.importing.batch import edition_folder_import
from narratives.importing.model import NotAnEdition
from narratives.models import Entry
from priorities.models import Period, Plan
from tests.builders.text_editions import body, cover, outline
from tests.narratives.test_import_docx import handmade
from tests.narratives.test_import_pdf_layout import edition_html

QUARTERS = [(year, quarter) for year in (2018, 2019, 2020) for quarter in (1, 2, 3, 4)]
ENTRIES_PER_EDITION = 3 * 2 * 4  # priorities × commitments × bullets (outline at scale 1)


def write_archive(folder) -> list[str]:
    """Twelve editions, four each as PDF, Word and text, named so that their names do not
    sort by age; the expected order (oldest first) is returned."""
    names = []
    order = list(range(12))
    random.Random(15).shuffle(order)
    for index, (year, quarter) in enumerate(QUARTERS):
        spec = outline(year=year, quarter=quarter, version=f"1.{index % 3}")
        kind = ("pdf", "docx", "txt")[index % 3]
        name = f"edition-{order[index]:02d}.{kind}"
        if kind == "pdf":
            content = weasyprint.HTML(string=edition_html(spec, css="")).write_pdf()
        elif kind == "docx":
            content = handmade(spec, boxed=False)
        else:
            content = "\n".join(cover(spec) + body(spec)).encode()
        (folder / name).write_bytes(content)
        names.append(name)
    return names


@pytest.fixture
def archive(db, tmp_path):
    sample_areas()
    names = write_archive(tmp_path)
    (tmp_path / "minutes.txt").write_text("Minutes of the panel meeting.\n\nNothing else.\n")
    (tmp_path / "figures.xlsx").write_bytes(b"PK\x03\x04 not read: not an edition's kind")
    return tmp_path, names


def test_a_folder_of_twelve_editions_imports_oldest_first_with_a_summary(archive):
    folder, names = archive
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 13 files were not imported"):
        call_command("import_update", str(folder), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == [
        "File", "Quarter", "Version", "Priorities", "Commitments", "Entries", "Operations",
        "Figures", "Warnings", "Findings",
    ]  # fmt: skip
    rows = [line.split() for line in lines[1:14]]
    assert [row[0] for row in rows[:12]] == names
    for index, row in enumerate(rows[:12]):
        year, quarter = QUARTERS[index]
        assert row[1:] == [
            f"{year}/{(year + 1) % 100:02d}", f"Q{quarter}", f"1.{index % 3}", "3", "6",
            str(ENTRIES_PER_EDITION), "0", "0", "0", "0",
        ]  # fmt: skip
    assert rows[12] == ["minutes.txt", "not", "imported"]
    assert "Not imported: minutes.txt: not a quarterly update edition" in out.getvalue()
    assert lines[-1] == "12 of 13 files imported."
    assert Period.objects.count() == 12 and Plan.objects.count() == 1
    assert Entry.objects.count() == 12 * ENTRIES_PER_EDITION


def test_json_for_a_folder_lists_each_file_with_its_source(archive):
    folder, names = archive
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_update", str(folder), "--json", "--dry-run", stdout=out)
    files = json.loads(out.getvalue())
    assert [item["file"] for item in files] == [*names, "minutes.txt"]
    assert [item["source"] for item in files[:3]] == ["pdf", "docx", "txt"]
    assert "page" in files[0]["priorities"][0]["commitments"][0]["entries"][0]
    assert "page" not in files[1]["priorities"][0]["commitments"][0]["entries"][0]
    assert "error" in files[-1]
    assert not Entry.objects.exists()  # a dry run writes nothing


def test_each_file_is_atomic(archive, monkeypatch):
    folder, names = archive
    from narratives.importing import store

    real = store._figures
    calls = []

    def fail_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise NotAnEdition("the figures could not be stored")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "_figures", fail_on_the_third)
    done = edition_folder_import(folder=folder, max_bytes=10**7)
    assert [item.name for item in done if item.error] == [names[2], "minutes.txt"]
    assert Entry.objects.count() == 11 * ENTRIES_PER_EDITION
    assert not Entry.objects.filter(period__year=2018, period__quarter=3).exists()
