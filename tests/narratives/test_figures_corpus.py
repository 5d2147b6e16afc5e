"""The check over every bullet of the reference edition finds its two known mistakes, no more."""

import re

from narratives.figures.check import check_text

BULLET = re.compile(r"^\s*[-•·]\s+(?:[-•·]\s+)?")


def bullets(text: str) -> list[str]:
    """Each bullet with its wrapped lines; unbulleted paragraphs count as one each."""
    found: list[str] = []
    current = None
    for line in text.splitlines():
        if BULLET.match(line):
            found += [current] if current else []
            current = BULLET.sub("", line)
        elif line.strip() and current is not None and line.startswith(" "):
            current += " " + line.strip()
        else:
            found += [current] if current else []
            current = None
            found += [line.strip()] if line.strip() else []
    return found + ([current] if current else [])


def test_reference_edition_has_exactly_the_known_wrong_figures(reference_edition_path):
    text = reference_edition_path.read_text(encoding="utf-8")
    every = bullets(text)
    assert len(every) > 100  # the splitter really read the edition
    found = [(f.stated, f.expected) for bullet in every for f in check_text(bullet)]
    assert found == [
        # 16,975 on 74,450 (the quarter before) is 22.80%, not 22.5%.
        ("22.5%", "22.8%"),
        # 254 KSI casualties against 238 the year before is up, not down.
        ("254 … down from 238", "up: 254 is more than 238"),
    ]


def test_reference_edition_agreeing_figures_are_read_and_pass(reference_edition_path):
    """The right ones are silent because they agree, not because the check missed them."""
    text = reference_edition_path.read_text(encoding="utf-8")
    calls_101 = next(b for b in bullets(text) if "78,753" in b)
    retained = next(b for b in bullets(text) if "80.7%" in b)
    fatalities = next(b for b in bullets(text) if "fatalities up from" in b)
    assert check_text(calls_101) == []
    assert check_text(calls_101.replace("1,950 (2.5%)", "1,950 (2.7%)"))[0].expected == "2.5%"
    assert check_text(retained) == []
    assert check_text(retained.replace("80.7%", "70.7%"))[0].expected == "80.8%"
    assert check_text(fatalities.replace("up from 10", "down from 10")) != []


def test_whole_edition_as_one_text_gives_the_same_findings(reference_edition_path):
    text = reference_edition_path.read_text(encoding="utf-8")
    assert [f.expected for f in check_text(text)] == ["22.8%", "up: 254 is more than 238"]
