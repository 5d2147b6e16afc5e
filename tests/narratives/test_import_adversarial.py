"""The importer against awkward and hostile edition files: encodings, cut and shuffled texts,
other kinds of document, look-alike area labels, operation names, and importing twice."""

import io

import pytest
from django.core.management import CommandError, call_command

from narratives.importing.gazetteer import Gazetteer
from narratives.importing.operations import operation_names
from narratives.importing.parser import parse_edition
from narratives.models import Edition, Entry, Operation
from priorities.models import Area, Commitment, Priority

COVER = (
    "Police and Crime Plan 2016-2020 Quarterly Update\n\nQuarter 3 - 2021/22\n\n"
    "Data to December 2021\n\nVersion 1.0\nProduced January 2022\n"
    "Performance Analysis Unit, Essex Police\n\n"
)
PRIORITY_1 = (
    "Priority 1 – Policing Close to Home\n\nWe will:\n\n"
    "Keep officers on foot in every town centre.\n\n"
)


def parse(text: str, gazetteer: Gazetteer):
    return parse_edition(text, gazetteer=gazetteer)


def entries(edition) -> list:
    return list(edition.all_entries())


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_update", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path, content: str | bytes, name: str = "edition.txt"):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# 1. Line endings, BOM, spaces and typography


def test_crlf_bom_nbsp_tabs_and_smart_punctuation(db, tmp_path):
    body = (
        PRIORITY_1 + "- North LPA:\n- Colchester: Foot patrols doubled in the high street.\n"
        "\t- Two “new” beat officers started — both full time.\n"
        "- South LPA\n\tBasildon: Drop-in\u00a0surgeries ran every week.\n"
    )
    path = write(tmp_path, ("\ufeff" + COVER + body).replace("\n", "\r\n"))
    out = run(path)
    assert "Imported" in out
    basildon = Entry.objects.get(text="Drop-in surgeries ran every week.")
    assert basildon.area.name == "Basildon"
    nested = Entry.objects.get(text__startswith="Two “new” beat officers")
    assert (nested.parent.text, nested.area.name) == (
        "Foot patrols doubled in the high street.",
        "Colchester",
    )
    assert Entry.objects.count() == 3
    assert not Entry.objects.filter(text__contains="\u00a0").exists()


def test_a_bare_area_bullet_does_not_swallow_the_line_after_it(gazetteer):
    edition = parse(
        COVER + PRIORITY_1 + "- West LPA\nHarlow: A new youth club opened.\n", gazetteer
    )
    [entry] = entries(edition)
    assert (entry.area, entry.text) == ("Harlow", "A new youth club opened.")


# 2. Cover only, cut short, out of order, headings with page numbers


def test_a_cover_and_contents_without_priorities_is_not_an_edition(db, tmp_path):
    contents = "Contents\n\n| Priority 1 – Policing Close to Home | 3-5 |\n"
    with pytest.raises(CommandError, match="no priority headings found"):
        run(write(tmp_path, COVER + contents))
    assert not Priority.objects.exists()


def test_a_file_cut_mid_bullet_imports_with_a_warning(db, tmp_path):
    path = write(tmp_path, COVER + PRIORITY_1 + "- Foot patrols in Harlow rose to 140 hours and")
    out = run(path)
    assert "ends mid-sentence" in out
    assert Entry.objects.get().text == "Foot patrols in Harlow rose to 140 hours and"


def test_priorities_out_of_order_and_repeated_with_another_dash(gazetteer):
    text = COVER + (
        "Priority 2 – Less Nuisance in Our Streets\n\nWe will:\n\nCut nuisance near shops.\n\n"
        "- Nuisance calls fell in the quarter.\n\n"
        "Priority 1 – Policing Close to Home\n\nWe will:\n\nKeep officers on foot.\n\n"
        "- Foot patrols rose.\n\n"
        "Priority 2 - Less Nuisance in Our Streets\n\n"
        "- Shop owners reported fewer problems.\n"
    )
    edition = parse(text, gazetteer)
    assert [p.number for p in edition.priorities] == [2, 1]
    two = edition.priorities[0]
    assert len(two.commitments) == 1
    assert [e.text for e in two.commitments[0].entries] == [
        "Nuisance calls fell in the quarter.",
        "Shop owners reported fewer problems.",
    ]


def test_priority_headings_with_a_trailing_page_number(gazetteer):
    text = COVER + (
        "Contents\n\nPriority 1 – Policing Close to Home 3\nPriority 2 – Less Nuisance 4-5\n\n"
        "Priority 1 – Policing Close to Home 3\n\nWe will:\n\nKeep officers on foot.\n\n"
        "- Foot patrols rose.\n\n"
        "Priority 2 – Less Nuisance 4\n\nWe will:\n\nCut nuisance near shops.\n\n"
        "- Nuisance calls fell.\n"
    )
    edition = parse(text, gazetteer)
    assert [(p.number, p.title) for p in edition.priorities] == [
        (1, "Policing Close to Home"),
        (2, "Less Nuisance"),
    ]
    assert [[e.text for c in p.commitments for e in c.entries] for p in edition.priorities] == [
        ["Foot patrols rose."],
        ["Nuisance calls fell."],
    ]
    assert edition.cover.period.label == "2021/22 Q3"
    assert not any("not in the text" in warning for warning in edition.warnings)


# 3. Hostile content and other kinds of file


def test_script_and_a_very_long_line_are_kept_as_plain_text(db, tmp_path):
    long_line = "Patrols " + "continued " * 10_000 + "all quarter."
    body = PRIORITY_1 + "- <script>alert('entry')</script> was typed by mistake.\n- " + long_line
    run(write(tmp_path, COVER + body + "\n"))
    assert Entry.objects.filter(text__startswith="<script>alert('entry')</script>").exists()
    assert Entry.objects.get(text__startswith="Patrols continued").text == long_line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Quarter 3 - 2021/22\nPriority 1 - Home\n\x00\x00\x00We will:\n", "binary file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF file"),
        (
            b"<!DOCTYPE html>\n<html><body><p>Quarter 3 - 2021/22</p>"
            b"<p>Priority 1 - Home</p></body></html>\n",
            "an HTML or XML page",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", "a Word, Excel or zip file"),
        (b"priority,commitment,text\n1,Foot patrols,More\n", "no reporting period found"),
    ],
)
def test_other_kinds_of_file_are_refused_clearly(db, tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, content))
    assert not Commitment.objects.exists() and not Entry.objects.exists()


def test_a_file_just_over_the_limit_is_refused(db, tmp_path, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10_000
    path = write(tmp_path, COVER + PRIORITY_1 + "- " + "a" * 10_000 + ".\n")
    with pytest.raises(CommandError, match="more than the 10,000 allowed"):
        run(path)


def test_a_latin_1_file_with_pound_signs(db, tmp_path):
    body = PRIORITY_1 + "- Colchester: The scheme saved £12,000 this quarter.\n"
    latin_1 = (COVER + body).replace("–", "-").encode("latin-1")  # Latin-1 has no en dash
    out = run(write(tmp_path, latin_1))
    assert "read as Windows-1252" in out
    assert Entry.objects.get().text == "The scheme saved £12,000 this quarter."


# 4. Labels that look like areas, unknown LPAs, districts under another LPA


def test_look_alike_labels_are_not_areas_and_wrong_lpa_keeps_the_tree(gazetteer):
    text = (
        COVER
        + PRIORITY_1
        + (
            "- Note: the figures are provisional.\n"
            "- Update: the team grew by two.\n"
            "- Colchester Police are leading a drive on cycle theft.\n"
            "- East LPA:\n- A new rural team started.\n"
            "- North LPA:\n  - Basildon: A district listed under the wrong heading.\n"
        )
    )
    edition = parse(text, gazetteer)
    found = {entry.text: entry.area for entry in entries(edition)}
    assert found == {
        "Note: the figures are provisional.": None,
        "Update: the team grew by two.": None,
        "Colchester Police are leading a drive on cycle theft.": None,
        "A new rural team started.": "East LPA",
        "A district listed under the wrong heading.": "Basildon",
    }
    assert edition.new_areas == [("East LPA", "lpa")]
    assert any("Basildon is listed under North LPA" in w for w in edition.warnings)
    assert any('"East LPA" is not a known area' in w for w in edition.warnings)


def test_a_district_after_another_lpas_heading_is_not_moved(db, tmp_path):
    body = PRIORITY_1 + "- North LPA:\n- Thurrock: Extra patrols near the port.\n"
    out = run(write(tmp_path, COVER + body))
    assert "Thurrock is listed under North LPA; it is kept under West LPA." in out
    assert Area.objects.get(name="Thurrock").parent.name == "West LPA"
    assert Entry.objects.get().area.name == "Thurrock"


# 5. Operations


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Operations TALLA and GLOSS ran together.", ["TALLA", "GLOSS"]),
        ("Operations TALLA, GLOSS & SHIELD II ran.", ["TALLA", "GLOSS", "SHIELD II"]),
        ("The Operations Team and Control Room met.", []),
        # Conservative: "Op." is too short a cue; editions spell "Operation" out.
        ("Op. FALCON started in June.", []),
        ("operational demand and Operational policing rose.", []),
    ],
)
def test_operation_lists_and_look_alikes(text, names):
    assert operation_names(text) == names


def test_one_operation_whatever_its_case(db, tmp_path):
    body = PRIORITY_1 + (
        "- Operation SHIELD II ran in May.\n- Operation Shield II ran again in June.\n"
        "- Operations TALLA and GLOSS carried on.\n- Operational planning went on.\n"
    )
    run(write(tmp_path, COVER + body))
    assert sorted(Operation.objects.values_list("key", flat=True)) == [
        "GLOSS",
        "SHIELD II",
        "TALLA",
    ]


# 6. Importing and publishing twice


def test_import_and_publish_twice_is_a_no_op_the_second_time(db, tmp_path):
    path = write(tmp_path, COVER + PRIORITY_1 + "- Foot patrols rose in Harlow.\n")
    assert "Published 2021/22 Q3 version 1.0." in run(path, "--publish")
    again = run(path, "--publish")
    assert "version 1.0 was already published; it is not published again." in again
    assert Edition.objects.count() == 1
    assert Entry.objects.count() == 1


# Values the database could not keep: refused or left out with a reason, never a traceback


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Police and Crime Plan " + "for every town " * 20 + "Quarterly Update\n\n"
            "Quarter 3 - 2021/22\n\n" + PRIORITY_1 + "- Patrols.\n",
            "line 1: the title is 321 characters long",
        ),
        (
            COVER
            + "Priority 1 – "
            + "Safer streets " * 30
            + "\n\nWe will:\n\nPatrol.\n\n- Done.\n",
            "line 11: the title of priority 1 is 419 characters long",
        ),
        ("Quarter 2 - 0000/01\n\n" + PRIORITY_1 + "- Patrols.\n", "no reporting period found"),
        ("Quarter 4 - 9999/00\n\n" + PRIORITY_1 + "- Patrols.\n", "no reporting period found"),
    ],
)
def test_overlong_titles_and_impossible_years_are_refused(db, tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, text))
    assert not Priority.objects.exists()


def test_an_overlong_operation_name_and_a_year_zero_month_are_left_out(db, tmp_path):
    cover = COVER.replace("Data to December 2021", "Data to June 0000")
    body = PRIORITY_1 + "- Operation " + "KINGFISHER" * 15 + " ran; Operation HERON too.\n"
    out = run(write(tmp_path, cover + body))
    assert "The cover states no data month." in out
    assert list(Operation.objects.values_list("name", flat=True)) == ["HERON"]
