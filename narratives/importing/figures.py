"""Headline figures stated in an entry's text, as (metric, which period, value) — pure.

Two steps, both driven by tables rather than by the sentences of one edition:
1. comparison clauses ("an increase of 627 from last quarter", "compared with 516 at the same
   time last year", "in line with the same period last year (912 hours)") are found first, and
   their numbers are set aside;
2. headline phrases ("N emergency calls", "headcount stood at N", "N hours" in an entry about
   Community Special Constables: metrics.phrases, the table the figures check reads too) give
   the current quarter's values, each number used once.
Each comparison then belongs to the headline before it in its sentence (or, for a sentence
starting "This ...", to the last headline of the sentence before).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from metrics.phrases import phrases_compiled
from priorities.periods import Quarter

CURRENT, PREVIOUS, YEAR_BEFORE = "current", "previous", "year_before"

N = r"(?<![\w/.,£$-])(?P<value>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?!\s*%|[\w.,]\d)"
REF = (
    r"(?:(?P<prev>(?:the\s+)?(?:previous|last|preceding|prior)\s+quarter|Q(?P<q>[1-4])\b(?!\s*\d))"
    r"|(?P<year>(?:the\s+)?same\s+(?:time|period|quarter)\s+(?:last\s+year"
    r"|(?:in|of)\s+(?P<fy>\d{4})\s*/\s*\d{2}|(?:of\s+)?the\s+previous\s+year)"
    r"|(?:this\s+time\s+)?last\s+year|a\s+year\s+(?:ago|earlier)))"
)
UP = r"increase|rise|up|higher|more|growth"
DOWN = r"decrease|fall|drop|reduction|down|lower|fewer|decline"
PREP = r"(?:in\s+|at\s+|during\s+|for\s+|over\s+|on\s+)?"
COMPARISONS = (
    # "compared with 516 at the same time last year", "down from 238 KSI casualties in ..."
    re.compile(
        rf"(?:compared\s+(?:with|to)|(?:{UP}|{DOWN})\s+from|than|against|versus)\s+{N}"
        rf"(?:\s+[\w()'-]+){{0,3}}?\s*,?\s+{PREP}{REF}",
        re.I,
    ),
    # "an increase of 16,975 (22.5%) on the previous quarter"
    re.compile(
        rf"(?P<dir>{UP}|{DOWN})\s+(?:of\s+|by\s+)?{N}(?:\s*\([^)]*\))?(?:\s+[\w-]+){{0,2}}?\s+"
        rf"(?:on|from|compared\s+(?:with|to)|against|over|since|than)\s+{REF}",
        re.I,
    ),
    # "16,975 more than the previous quarter"
    re.compile(rf"{N}(?:\s*\([^)]*\))?\s+(?P<dir>more|fewer|higher|lower)\s+than\s+{REF}", re.I),
    # "in line with the same period last year (912 hours)"
    re.compile(
        rf"(?:in\s+line\s+with|similar\s+to|compared\s+(?:with|to)|the\s+same\s+as|level\s+with)"
        rf"\s+{REF}\s*\(\s*{N}",
        re.I,
    ),
)
INCREASE = re.compile(rf"^(?:{UP})$", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£(“\"'‘])")
FOLLOW_ON = re.compile(r"^(?:This|That|It|These|Which)\b")


# The words naming each metric: the table the figures check reads too, with this reader's number.
HEADLINES = phrases_compiled(figure=N, hours=N + r"\s+hours")


@dataclass(frozen=True)
class Figure:
    metric: str
    when: str  # CURRENT, PREVIOUS or YEAR_BEFORE
    value: Decimal


@dataclass(frozen=True)
class _Hit:
    metric: str
    start: int
    value: Decimal


@dataclass(frozen=True)
class _Comparison:
    start: int
    when: str
    value: Decimal
    change: int  # 0: the value is the other period's; +1/-1: it is an increase/decrease


def extract_figures(text: str, *, quarter: Quarter | None = None) -> tuple[list[Figure], list[str]]:
    """The figures an entry states, and notes where it contradicts itself."""
    comparisons = _comparisons(text, quarter)
    set_aside = {c.start for c in comparisons}
    hits = _headlines(text, set_aside)
    figures = [Figure(hit.metric, CURRENT, hit.value) for hit in hits]
    sentences = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
    for comparison in comparisons:
        hit = _owner(comparison, hits, sentences, text)
        if hit is None:
            continue
        value = hit.value - comparison.change * comparison.value
        if comparison.change == 0:
            value = comparison.value
        if value >= 0:
            figures.append(Figure(hit.metric, comparison.when, value))
    return _first_of_each(figures)


def _comparisons(text: str, quarter: Quarter | None) -> list[_Comparison]:
    found: dict[int, _Comparison] = {}
    for pattern in COMPARISONS:
        for match in pattern.finditer(text):
            when = _when(match, quarter)
            if when is None or match.start("value") in found:
                continue
            direction = match.groupdict().get("dir")
            change = 0 if direction is None else (1 if INCREASE.match(direction) else -1)
            found[match.start("value")] = _Comparison(
                match.start("value"), when, _number(match.group("value")), change
            )
    return sorted(found.values(), key=lambda c: c.start)


def _when(match: re.Match, quarter: Quarter | None) -> str | None:
    if match.group("prev"):
        return PREVIOUS
    if match.group("q"):
        named = int(match.group("q"))
        return PREVIOUS if quarter and quarter.previous().quarter == named else None
    if match.group("fy") and (quarter is None or int(match.group("fy")) != quarter.year - 1):
        return None
    return YEAR_BEFORE


def _headlines(text: str, set_aside: set[int]) -> list[_Hit]:
    """One headline a metric: the first figure its phrases name that no earlier row claimed."""
    hits: dict[str, _Hit] = {}
    claimed = set(set_aside)
    for phrase in HEADLINES:
        if phrase.code in hits or not phrase.applies_to(text):
            continue
        for match in phrase.pattern.finditer(text):
            if match.start("value") not in claimed:
                claimed.add(match.start("value"))
                value = _number(match.group("value"))
                hits[phrase.code] = _Hit(phrase.code, match.start("value"), value)
                break
    return sorted(hits.values(), key=lambda hit: hit.start)


def _owner(comparison: _Comparison, hits: list[_Hit], sentences: list[int], text: str):
    """The headline a comparison belongs to: the one before it in its sentence, else the one
    after it there, else (for "This is a decrease from ...") the last of the sentence before."""
    index = max(i for i, start in enumerate(sentences) if start <= comparison.start)
    start, end = sentences[index], (sentences + [len(text) + 1])[index + 1]
    same = [hit for hit in hits if start <= hit.start < end]
    before = [hit for hit in same if hit.start < comparison.start]
    if before:
        return before[-1]
    if same:
        return same[0]
    if index and FOLLOW_ON.match(text[start:]):
        earlier = [hit for hit in hits if sentences[index - 1] <= hit.start < start]
        return earlier[-1] if earlier else None
    return None


def _first_of_each(figures: list[Figure]) -> tuple[list[Figure], list[str]]:
    kept: dict[tuple[str, str], Figure] = {}
    notes: list[str] = []
    for figure in figures:
        key = (figure.metric, figure.when)
        if key not in kept:
            kept[key] = figure
        elif kept[key].value != figure.value:
            notes.append(
                f"{figure.metric} ({figure.when.replace('_', ' ')}): the text states "
                f"{_plain(kept[key].value)} and also implies {_plain(figure.value)}; "
                f"{_plain(kept[key].value)} is kept"
            )
    return list(kept.values()), notes


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _plain(value: Decimal) -> str:
    return f"{value:,}"
