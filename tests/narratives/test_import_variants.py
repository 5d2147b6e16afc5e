"""The layouts other converters make of an edition all import whole: one made-up test document
per known variant, each checked for its period, version, priorities, commitments and every
bullet in place."""

import pytest

from narratives.importing.parser import parse_edition
from tests.builders.text_editions import body, cover, expected, outline, read

STALE_HEADER = "Police and Crime Plan 2016-2020 – Quarterly Update 2020/21 Q1"


def parsed(lines: list[str], stored_gazetteer):
    return parse_edition("\n".join(lines) + "\n", gazetteer=stored_gazetteer)


def assert_whole(edition, spec, quarter="2020/21 Q2"):
    assert (edition.cover.period.label, edition.cover.version) == (quarter, spec.version)
    assert read(edition) == expected(spec)


@pytest.mark.parametrize("bullet", ["-", "•", "o", "▪", "*"])
def test_bullets_of_any_common_glyph(stored_gazetteer, bullet):
    spec = outline()
    lines = cover(spec) + body(spec, bullet="•" if bullet == "o" else bullet)
    if bullet == "o":  # Word's "o" for a second-level bullet, under "•" for the first
        lines = [line.replace("  • ", "  o ") for line in lines]
    edition = parsed(lines, stored_gazetteer)
    assert_whole(edition, spec)
    assert edition.all_entries().__next__().area == "Colchester"


def test_heading_lead_in_and_commitment_run_together_on_one_line(stored_gazetteer):
    spec = outline()
    edition = parsed(cover(spec) + body(spec, one_line=True), stored_gazetteer)
    assert_whole(edition, spec)
    assert [p.title for p in edition.priorities] == [
        "Local Policing",
        "Safer Roads",
        "Fewer Burglaries",
    ]


def test_one_line_heading_with_its_first_bullet_on_it_too(stored_gazetteer):
    spec = outline()
    lines = cover(spec) + body(spec, one_line=True, bullet="•")
    # Join each commitment line with the bullet after it: "... communities. • Colchester: ..."
    joined: list[str] = []
    for line in lines:
        after_heading = joined and joined[-1].startswith("Priority ") and "•" not in joined[-1]
        if line.startswith("• ") and after_heading:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    assert_whole(parsed(joined, stored_gazetteer), spec)


@pytest.mark.parametrize("header", [STALE_HEADER, f"1 {STALE_HEADER}", f"{STALE_HEADER} 1"])
def test_a_stale_running_header_does_not_change_the_period(stored_gazetteer, header):
    spec = outline()
    text = body(spec)
    half = len(text) // 2
    lines = [header, ""] + cover(spec) + text[:half] + ["", header.replace(" 1", " 7"), ""]
    edition = parsed(lines + text[half:], stored_gazetteer)
    assert_whole(edition, spec)
    assert edition.cover.plan_title == "Police and Crime Plan 2016-2020"


@pytest.mark.parametrize(
    "marking", ["[Official]", "[OFFICIAL]", "OFFICIAL", "[Official Sensitive]"]
)
def test_the_marking_in_any_of_its_forms(stored_gazetteer, marking):
    spec = outline()
    lines = cover(spec, marking=marking) + body(spec)
    lines[1] = f"{lines[1]} {marking}" if marking.startswith("[") else lines[1]
    edition = parsed(lines, stored_gazetteer)
    assert_whole(edition, spec)
    assert edition.cover.protective_marking == marking.strip("[]").upper()
    assert edition.cover.title == "Police and Crime Plan 2016-2020 Quarterly Update"


def test_page_headers_between_bullets_and_inside_a_wrapped_one(stored_gazetteer):
    spec = outline()
    lines = cover(spec)
    for page, line in enumerate(body(spec), start=1):
        if line.startswith("- Officers visited"):
            # The bullet wraps over a page break: its second half comes after the header.
            head, tail = line.split(" this term")
            lines += [head, "", f"{page} {STALE_HEADER}", "", f"this term{tail}"]
        else:
            lines.append(line)
        if line.startswith("- North LPA"):
            lines.append(f"{page} {STALE_HEADER}")
    edition = parsed(lines, stored_gazetteer)
    assert_whole(edition, spec)
    assert not edition.warnings


def test_an_edition_cut_short_is_imported_as_far_as_it_goes_with_warnings(stored_gazetteer):
    spec = outline()
    contents = ["Contents", ""] + [
        f"Priority {n} – {title} {n + 2}" for n, (title, _) in enumerate(spec.priorities, 1)
    ]
    text = body(spec)
    cut = next(i for i, line in enumerate(text) if line.startswith("Priority 3"))
    lines = cover(spec) + contents + [""] + text[: cut - 2] + ["- Colchester: Patrols were"]
    edition = parsed(lines, stored_gazetteer)
    assert [p.number for p in edition.priorities] == [1, 2]
    assert read(edition)[0] == expected(spec)[0]
    assert any("Priority 3 – Fewer Burglaries is not in the text" in w for w in edition.warnings)
    assert any("ends mid-sentence" in w for w in edition.warnings)


def test_an_edition_of_another_plan_with_other_priorities(stored_gazetteer):
    titles = ["Further Investment in Policing", "Cutting Crime", "Protecting Rural Areas",
              "Preventing Business Crime", "Improving Safety on Our Roads"]  # fmt: skip
    spec = outline("Police, Fire and Crime Plan 2021-2024", titles=titles, year=2022, quarter=3)
    spec.version = "2.1"
    text = cover(spec) + body(spec)
    edition = parsed(text, stored_gazetteer)
    assert_whole(edition, spec, quarter="2022/23 Q3")
    assert edition.cover.plan_title == "Police, Fire and Crime Plan 2021-2024"
    assert not edition.warnings
