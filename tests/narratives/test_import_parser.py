"""The edition parser (pure: text in, dataclasses out) on the reference edition and on the
layouts other editions use. The fixtures under editions/ are written in the project's words."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from narratives.importing.gazetteer import Gazetteer
from narratives.importing.model import NotAnEdition
from narratives.importing.parser import parse_edition
from priorities.periods import Quarter

EDITIONS = Path(__file__).parent / "editions"
MARKER = re.compile(r"^\s*(?:[-•·]\s*)+")


@pytest.fixture
def reference(reference_edition_path, gazetteer):
    return parse_edition(reference_edition_path.read_text(encoding="utf-8"), gazetteer=gazetteer)


def fixture_edition(name: str, gazetteer: Gazetteer):
    return parse_edition((EDITIONS / name).read_text(encoding="utf-8"), gazetteer=gazetteer)


def entry_with(edition, words: str):
    found = [entry for entry in edition.all_entries() if words in entry.text]
    assert len(found) == 1, f"{words!r} is in {len(found)} entries"
    return found[0]


def test_reference_cover(reference):
    cover = reference.cover
    assert cover.period == Quarter(2020, 2)
    assert reference.as_json()["period"] == "2020/21 Q2"
    assert reference.as_json()["data_to"] == "2020-09"
    assert (cover.version, reference.as_json()["produced"]) == ("1.1", "2020-10")
    assert cover.producing_unit.endswith("Essex Police")
    assert cover.force_name == "Essex Police"
    assert cover.plan_title == "Police and Crime Plan 2016-2020"
    assert reference.warnings == []


def test_reference_priorities_and_commitments(reference):
    assert [p.number for p in reference.priorities] == [1, 2, 3, 4, 5, 6, 7]
    assert [len(p.commitments) for p in reference.priorities] == [3, 1, 1, 2, 2, 2, 1]
    # "(DA)" is an abbreviation the heading carries, not part of the priority's title.
    assert not reference.priorities[2].title.endswith("(DA)")
    leads = {c.lead_in for _, c in reference.commitments()}
    assert "We will:" in leads and "Working with partners we will:" in leads
    # Priority 3 states lead-in and commitment on one line.
    third = reference.priorities[2].commitments[0]
    assert third.lead_in.endswith("we will:") and third.text.startswith("Support victims")


def test_every_bullet_of_the_reference_is_in_an_entry(reference, reference_edition_path, gazetteer):
    texts = [entry.text for entry in reference.all_entries()]
    lines = reference_edition_path.read_text(encoding="utf-8").splitlines()
    bullets = [MARKER.sub("", line) for line in lines if MARKER.match(line)]
    assert len(bullets) > 90
    for bullet in bullets:
        if gazetteer.find(bullet):
            continue  # an area heading such as "- North LPA:" or "- Chelmsford"
        label, _, rest = bullet.partition(":")
        words = rest.strip() if gazetteer.find(label) else bullet
        head = re.sub(r"\s*\$_\{\d+\}\$", "", words)[:50]
        assert any(head in text for text in texts), f"bullet not imported: {bullet[:60]!r}"


@pytest.mark.parametrize(
    ("words", "area", "areas"),
    [
        ("Community Safety Engagement officers were introduced", "West LPA", ["West LPA"]),
        ("cuckooing", "Thurrock", ["Thurrock"]),
        ("prolific gang", "Castle Point", ["Castle Point", "Rochford"]),
        ("Operation OXYGEN", "Basildon", ["Basildon"]),
        ("Operation ERASURE", "Castle Point", ["Castle Point"]),
        ("Zone Wardens", "Colchester", ["Colchester"]),
        ("nights of action", "Colchester", ["Colchester"]),
        ("Operation LUSCOMBE", "Chelmsford", ["Chelmsford"]),
        ("licencing review", "Chelmsford", ["Chelmsford"]),
        ("Traveller encampment", "Uttlesford", ["Uttlesford"]),
        ("disposal of rubbish", "Braintree", ["Braintree"]),
        ("Town Tasking Group", "Tendring", ["Tendring"]),
        ("Operational TALLA", "West LPA", ["West LPA"]),
        ("forest rangers", "Epping Forest", ["Epping Forest"]),
        ("Project Papillion", None, []),
        ("peer to peer support", "North LPA", ["North LPA"]),
        ("two dedicated officers", "South LPA", ["South LPA"]),
        ("Operation SHIELD II", "West LPA", ["West LPA"]),
        ("Operation RAPTOR", "Colchester", ["Colchester"]),
        ("Harwich", "Tendring", ["Tendring"]),
        ("Operation CLOCKWORK", "Rochford", ["Rochford"]),
        ("bag snatches", "Basildon", ["Basildon"]),
        ("Operation WILDCAT", "West LPA", ["West LPA"]),
        ("cuckooed addresses", "Chelmsford", ["Chelmsford"]),
        ("knife arches", "Chelmsford", ["Chelmsford"]),
        ("days of action", "Braintree", ["Braintree", "Uttlesford"]),
        ("Operation FALCON", "Rochford", ["Rochford", "Castle Point"]),
        ("Ports as a Community", "West LPA", ["West LPA"]),
        ("Black Lives Matter", "Colchester", ["Colchester"]),
        ("residential care home", "Chelmsford", ["Chelmsford"]),
        ("Haredi", "Castle Point", ["Castle Point"]),
        ("Operation BARBERSHOP", None, []),
        ("Killed and seriously injured", None, []),
        ("Local Policing Support Unit", None, []),
    ],
)
def test_reference_entries_carry_their_area(reference, words, area, areas):
    entry = entry_with(reference, words)
    assert (entry.area, entry.areas) == (area, areas)


def test_area_labels_are_stripped_but_other_labels_kept(reference):
    assert entry_with(reference, "Operation CLOCKWORK").text.startswith("Operation CLOCKWORK")
    assert entry_with(reference, "Haredi").text.startswith("Engagement")
    assert entry_with(reference, "Numerous successes").text.startswith("Local Policing Support")


def test_reference_nesting(reference):
    assert len(entry_with(reference, "Numerous successes").children) == 4
    assert len(entry_with(reference, "Neighbourhood Watch (NHW) currently").children) == 3
    specials = entry_with(reference, "18,014 hours")
    assert [c.operations for c in specials.children] == [["SERVATOR", "GAMBLER"]]
    control_room = entry_with(reference, "Force Control Room (FCR)")
    assert control_room.text.endswith(":") and len(control_room.children) == 4
    assert len(entry_with(reference, "The Resolution Centre (RC):").children) == 3


def test_reference_noise_is_gone_and_wrapped_lines_joined(reference):
    texts = [entry.text for entry in reference.all_entries()]
    assert not any("$" in text or "[Official]" in text for text in texts)
    assert "harder to reach groups" in entry_with(reference, "harder to reach").text
    oxygen = entry_with(reference, "Operation OXYGEN").text
    assert "Nitrous Oxide cannisters. Joint patrols" in oxygen
    assert oxygen.endswith("form patrol plans.")


def test_reference_operations_once_each(reference):
    assert set(reference.operations) == {
        "SERVATOR", "GAMBLER", "OXYGEN", "ERASURE", "LUSCOMBE", "TALLA", "CONSIDER",
        "ENCOMPASS", "SHIELD II", "ENVISION", "RAPTOR", "CLOCKWORK", "WILDCAT", "SCEPTRE",
        "MARSHALL", "SULFUR", "WHITING", "MONACO", "PRODUCE", "FALCON", "GLOSS", "BARBERSHOP",
        "CALLA",
    }  # fmt: skip
    assert len(reference.operations) == 23
    assert entry_with(reference, "Operation MARSHALL").operations == ["MARSHALL", "Shield II"]


def test_reference_figures(reference):
    q2, q1, last_year = "2020/21 Q2", "2020/21 Q1", "2019/20 Q2"
    figures = {(f["metric"], f["period"]): f["value"] for f in reference.as_json()["figures"]}
    assert figures == {
        ("calls-999", q2): 91_425,
        ("calls-999", q1): 91_425 - 16_975,
        ("calls-101", q2): 78_753,
        ("calls-101", q1): 76_803,
        ("specials-headcount", q2): 506,
        ("specials-headcount", last_year): 516,
        ("specials-applications", q2): 245,
        ("specials-joiners", q2): 36,
        ("specials-leavers", q2): 41,
        ("specials-hours", q2): 18_014,
        ("csc-hours", q2): 429,
        ("csc-hours", q1): 590,
        ("esp-hours", q2): 916,
        ("esp-hours", last_year): 912,
        ("live-chat", q2): 4_999,
        ("online-asb-reports", q2): 910,
        ("rc-investigations", q2): 3_507,
        ("rc-investigations", q1): 3_507 - 627,
        ("rc-public-calls", q2): 23_556,
        ("rc-public-calls", last_year): 23_556 + 5_551,
        ("hate-crimes-hirc", q2): 97,
        ("ksi-casualties", q2): 254,
        ("ksi-casualties", last_year): 238,
        ("road-fatalities", q2): 16,
        ("road-fatalities", last_year): 10,
    }
    assert {f.area for f in reference.figures} == {None}


def test_older_layout_with_page_headers_bullets_and_markup(gazetteer):
    edition = fixture_edition("variant-2018-19-q4.txt", gazetteer)
    assert edition.cover.period == Quarter(2018, 4)
    assert edition.as_json()["data_to"] == "2019-03"
    assert edition.cover.protective_marking == "OFFICIAL"
    # The commitment repeated after the page break is one commitment.
    assert [len(p.commitments) for p in edition.priorities] == [1, 1]
    texts = [entry.text for entry in edition.all_entries()]
    assert not any(re.search(r"Quarterly Update|Official|\$|^\d+$", text) for text in texts)
    cadets = entry_with(edition, "litter picks")
    assert cadets.text.endswith("a coffee morning for older residents.")
    assert [child.text[:20] for child in cadets.children] == ["One cadet unit colle"]
    assert entry_with(edition, "seafront").text.endswith("to the local watch scheme.")
    assert entry_with(edition, "seafront").area == "Southend"
    assert entry_with(edition, "shopping precinct").text.endswith("through the spring and summer.")
    assert entry_with(edition, "youth worker").text == (
        "A youth worker now joins the Friday patrols so that young people have someone to talk to."
    )
    assert entry_with(edition, "farm buildings").areas == ["Castle Point", "Rochford"]
    assert edition.operations == ["KESTREL"]  # "Operation Kestrel" is the same operation
    assert edition.warnings == []


def test_one_line_lead_in_commitment_and_first_bullet(gazetteer):
    edition = fixture_edition("variant-2019-20-q1-one-line.txt", gazetteer)
    assert edition.cover.period == Quarter(2019, 1)  # found in the running header
    first, second = (p.commitments[0] for p in edition.priorities)
    assert (first.lead_in, first.text) == (
        "We will:",
        "Make it simpler to reach the police by phone and online.",
    )
    assert first.entries[0].text.startswith("Call handlers answered 80,120")
    assert second.lead_in == "Working with partners we will:"
    assert second.entries[0].areas == ["Braintree", "Uttlesford"]
    assert [e.area for e in second.entries] == [
        "Braintree",
        "Uttlesford",
        "Tendring",
        "Castle Point",
    ]
    assert edition.priorities[1].title == "Crack Down on Anti-social Behaviour"


def test_unknown_lpa_heading_becomes_a_new_area_with_a_warning(gazetteer):
    edition = fixture_edition("variant-2019-20-q1-one-line.txt", gazetteer)
    assert edition.new_areas == [("East LPA", "lpa")]
    assert entry_with(edition, "video appointments").area == "East LPA"
    assert any('"East LPA" is not a known area' in warning for warning in edition.warnings)
    assert gazetteer.find_one("East LPA") is None  # the caller's gazetteer is left as it was


def test_comparisons_with_a_named_quarter_and_more_than(gazetteer):
    edition = fixture_edition("variant-2019-20-q1-one-line.txt", gazetteer)
    figures = {(f.metric, f.period.label): f.value for f in edition.figures}
    assert figures == {
        ("calls-999", "2019/20 Q1"): Decimal(80_120),
        ("calls-999", "2018/19 Q4"): Decimal(80_120 - 3_200),
        ("calls-101", "2019/20 Q1"): Decimal(70_500),
        ("calls-101", "2018/19 Q4"): Decimal(72_000),
    }


def test_partial_edition_is_read_as_far_as_it_goes(gazetteer):
    edition = fixture_edition("partial-cut-short.txt", gazetteer)
    assert [p.number for p in edition.priorities] == [1, 2]
    assert entry_with(edition, "every flat").area == "Basildon"
    missing = [w for w in edition.warnings if "is not in the text" in w]
    assert len(missing) == 5 and missing[0].startswith("Priority 3 – Breaking the Cycle")
    assert any("ends mid-sentence" in warning for warning in edition.warnings)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ((EDITIONS / "not-an-edition-minutes.txt").read_text(), "no reporting period"),
        ((EDITIONS / "no-period.txt").read_text(), "no reporting period"),
        ("Quarterly Update 2019/20 Q1\n\nA newsletter with no priorities.\n", "no priority"),
    ],
)
def test_not_an_edition(gazetteer, text, reason):
    with pytest.raises(NotAnEdition, match=reason):
        parse_edition(text, gazetteer=gazetteer)


def test_hostile_strings_are_plain_text(gazetteer):
    edition = fixture_edition("hostile.txt", gazetteer)
    assert edition.priorities[0].title == "<b>More</b> Local Policing"
    assert edition.priorities[0].commitments[0].text == "Keep <i>text</i> as text & never run it."
    assert entry_with(edition, "<script>").text.startswith('<script>alert("entry")</script>')
    basildon = entry_with(edition, "onerror")
    assert basildon.area == "Basildon"
    assert "{{ settings.SECRET_KEY }} and '; DROP TABLE narratives_entry; --" in basildon.text


def test_json_shape(reference):
    data = reference.as_json()
    assert set(data) == {
        "title", "period", "data_to", "version", "produced", "priorities", "operations",
        "figures", "warnings", "source",
    }  # fmt: skip
    commitment = data["priorities"][0]["commitments"][0]
    assert set(commitment) == {"lead_in", "text", "entries"}
    assert set(commitment["entries"][0]) == {
        "text", "area", "areas", "label", "label_heading", "operations", "children",
    }  # fmt: skip
    assert set(data["figures"][0]) == {"metric", "period", "area", "value"}
    json.dumps(data)  # plain data all the way down
