"""The importer's pure pieces: noise removal, tokens, operations, figures, gazetteer."""

from decimal import Decimal

import pytest

from metrics.catalogue import BY_CODE
from narratives.importing.figures import HEADLINES, extract_figures
from narratives.importing.gazetteer import Gazetteer
from narratives.importing.noise import clean
from narratives.importing.operations import operation_names
from narratives.importing.tokens import ItemToken, LeadInToken, PriorityToken, tokenise
from priorities.periods import Quarter

Q1_2019 = Quarter(2019, 1)


def texts(text: str) -> list[str]:
    return [line.text for line in clean(text).lines if line.text]


def test_noise_is_dropped_and_the_title_kept():
    text = (
        "Police and Crime Plan 2016-2020 Quarterly Update\n"
        "[Official]\n"
        "12\n"
        "Page 3 of 16\n"
        "2 Police and Crime Plan 2016-2020 – Quarterly Update 2018/19 Q4\n"
        "Police and Crime Plan 2016-2020 – Quarterly Update 2018/19 Q4 7\n"
        "- Patrols reached $_{15}$ every ward [OFFICIAL] this quarter.\n"
        "OFFICIAL\n"
    )
    cleaned = clean(text)
    assert texts(text) == [
        "Police and Crime Plan 2016-2020 Quarterly Update",
        "- Patrols reached every ward this quarter.",
    ]
    assert cleaned.marking == "OFFICIAL"
    assert len(cleaned.headers) == 2
    assert [line.number for line in cleaned.lines if line.text] == [1, 7]


def test_numbers_inside_a_bullet_are_not_page_numbers():
    assert texts("Title\n- 15 officers joined.\n  2020 was busy.\n") == [
        "Title",
        "- 15 officers joined.",
        "2020 was busy.",
    ]


def test_indentation_is_kept_for_nesting():
    lines = clean("Title\n- top\n    - nested\n\tstill nested\n").lines
    assert [(line.indent, line.text) for line in lines[1:] if line.text] == [
        (0, "- top"),
        (4, "- nested"),
        (4, "still nested"),
    ]


def tokens_of(text: str, gazetteer: Gazetteer):
    return tokenise(clean("Title\n" + text).lines[1:], lambda t: bool(gazetteer.find(t)))


def test_tokens_join_wrapped_lines_and_split_markers(gazetteer):
    tokens = tokens_of(
        "Priority 4 – Safer Streets\n"
        "Working with partners across the\n"
        "county we will:\n"
        "Reduce knife crime in every district.\n"
        "- · Harlow: Officers visited\n"
        " every secondary school.\n"
        "North LPA\n"
        "• Colchester: A knife amnesty bin was emptied twice.\n",
        gazetteer,
    )
    assert tokens == [
        PriorityToken(4, "Safer Streets", 2),
        LeadInToken("Working with partners across the county we will:", "", 3),
        ItemToken(0, False, "Reduce knife crime in every district.", 5),
        ItemToken(0, True, "Harlow: Officers visited every secondary school.", 6),
        ItemToken(0, False, "North LPA", 8),
        ItemToken(0, True, "Colchester: A knife amnesty bin was emptied twice.", 9),
    ]


def test_one_line_lead_in_splits_off_the_first_bullet(gazetteer):
    tokens = tokens_of(
        "Priority 7 – Roads\n"
        "We will: Cut speeding near schools – with partners. • Vans visited 30 schools.\n",
        gazetteer,
    )
    assert tokens[1:] == [
        LeadInToken("We will:", "Cut speeding near schools – with partners.", 3),
        ItemToken(0, True, "Vans visited 30 schools.", 3),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Operation SHIELD II and later (Operation Shield II).", ["SHIELD II"]),
        ("Operational TALLA was used.", ["TALLA"]),
        ("A Quality Operational Working Group met.", []),
        ("Project Papillion is a project.", []),
        ("Operation WILDCAT (part of Operation SCEPTRE).", ["WILDCAT", "SCEPTRE"]),
        ("The operation to find him was a success.", []),
    ],
)
def test_operation_names(text, names):
    assert operation_names(text) == names


def figures_of(text: str, quarter: Quarter = Q1_2019) -> dict:
    figures, _ = extract_figures(text, quarter=quarter)
    return {(f.metric, f.when): f.value for f in figures}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Staff answered 1,200 emergency calls, an increase of 200 on the previous quarter.",
            {("calls-999", "current"): 1200, ("calls-999", "previous"): 1000},
        ),
        (
            "We took 500 non-emergency calls, down from 650 in the same period in 2018/19.",
            {("calls-101", "current"): 500, ("calls-101", "year_before"): 650},
        ),
        (
            "We took 500 non-emergency calls, down from 650 in the same period in 2016/17.",
            {("calls-101", "current"): 500},
        ),
        (
            "There were 40 killed or seriously injured casualties, a decrease of 5 on the same "
            "period last year.",
            {("ksi-casualties", "current"): 40, ("ksi-casualties", "year_before"): 45},
        ),
        (
            "Handlers dealt with 900 emergency calls (999), 75 fewer than last quarter.",
            {("calls-999", "current"): 900, ("calls-999", "previous"): 975},
        ),
        (
            "Volunteers on the Employer Supported Policing scheme gave 300 hours, in line with "
            "the same period last year (310 hours).",
            {("esp-hours", "current"): 300, ("esp-hours", "year_before"): 310},
        ),
        (
            "Community Special Constables gave 200 hours. This is up from 150 hours the "
            "previous quarter.",
            {("csc-hours", "current"): 200, ("csc-hours", "previous"): 150},
        ),
        (
            "Staff answered 1,200 emergency calls, an increase of 5% on the previous quarter.",
            {("calls-999", "current"): 1200},
        ),
        ("Officers made 41 arrests and seized 2kg of drugs.", {}),
    ],
)
def test_figures_generic_comparisons(text, expected):
    assert figures_of(text) == {key: Decimal(value) for key, value in expected.items()}


def test_figures_number_used_once_by_the_most_specific_phrase():
    text = (
        "Community Special Constables (CSCs) gave 429 hours, down from 590 hours the previous "
        "quarter, as Special Constables went back to their day jobs."
    )
    assert figures_of(text) == {("csc-hours", "current"): 429, ("csc-hours", "previous"): 590}
    both = "The Special Constabulary headcount was 400, with 12 applications and 3 leaving."
    assert figures_of(both) == {
        ("specials-headcount", "current"): 400,
        ("specials-applications", "current"): 12,
        ("specials-leavers", "current"): 3,
    }


def test_figures_note_a_contradiction():
    figures, notes = extract_figures(
        "Staff answered 1,000 emergency calls compared with 900 the previous quarter, "
        "an increase of 50 on the previous quarter.",
        quarter=Q1_2019,
    )
    assert {(f.when, f.value) for f in figures} == {("current", 1000), ("previous", 900)}
    assert len(notes) == 1 and "900" in notes[0] and "950" in notes[0]


def test_every_headline_metric_is_in_the_catalogue():
    assert {headline.code for headline in HEADLINES} <= set(BY_CODE)


def test_gazetteer_labels(gazetteer):
    assert [p.name for p in gazetteer.find("Castle Point and Rochford:")] == [
        "Castle Point",
        "Rochford",
    ]
    assert [p.name for p in gazetteer.find("Saffron Waldon")] == ["Uttlesford"]
    assert [p.name for p in gazetteer.find("clacton")] == ["Tendring"]
    assert [p.name for p in gazetteer.find("Canvey Island")] == ["Castle Point"]
    assert gazetteer.find("Local Policing Support Unit") is None
    assert gazetteer.find("Harlow and the town council") is None
    assert gazetteer.find("Essex Police") is None  # the force is not a label
    assert gazetteer.within("Canvey Island", "South LPA")
    assert not gazetteer.within("Harlow", "South LPA")
