"""The figures check of an entry's text: its own arithmetic, then the stored metric values.

`check_text` is pure and needs only the words; `entry_findings` adds the comparison with the
metric values of the entry's period and area, which the caller loads for a whole batch at once
(`selectors.metric_values_for_entries`).
"""

import re
from collections.abc import Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from metrics.phrases import CompiledPhrase
from narratives.figures.claims import changes_in, template
from narratives.figures.numbers import (
    HOURS,
    KILOGRAMS,
    PERCENT,
    POUNDS,
    Number,
    find_numbers,
    format_like,
)
from narratives.figures.phrases import OTHER_TIME, phrases_for
from narratives.figures.rules import Finding, SentenceCheck, finding_key, sentence_check

__all__ = [
    "Finding",
    "StoredFigure",
    "TextCheck",
    "check_text",
    "entry_check",
    "entry_findings",
    "metric_findings",
    "text_check",
]

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[-•·]\s)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£\"'‘“(])")
UNIT_OF_METRIC = {"percent": PERCENT, "pounds": POUNDS, "kilograms": KILOGRAMS}


class StoredFigure(NamedTuple):
    """A metric value as the check needs it, without the ORM."""

    code: str
    name: str
    unit: str  # Metric.Unit value
    value: Decimal
    period: str  # "2020/21 Q2"
    area: str


def sentences(text: str) -> list[str]:
    """The text's sentences, with line breaks and runs of spaces made single spaces.

    A blank line or a bulleted line starts afresh; other line breaks are wrapping.
    """
    found = []
    for paragraph in PARAGRAPH_BREAK.split(text):
        flat = " ".join(paragraph.split())
        found += [part for part in SENTENCE_END.split(flat) if part]
    return found


class TextCheck(NamedTuple):
    """The findings over a text and the number of claims the check could settle in it: an
    entry with no findings is only "right" as far as those claims go."""

    findings: list[Finding]
    claims: int


def check_text(text: str) -> list[Finding]:
    """Findings of the change and share rules over every sentence of the text."""
    return text_check(text).findings


def text_check(text: str, stored: Mapping[str, StoredFigure] | None = None) -> TextCheck:
    """The change and share rules over every sentence, then the figures against `stored`."""
    split = sentences(text)
    checks = [sentence_check(sentence) for sentence in split]
    against = []
    if stored:
        phrases = phrases_for(((f.code, f.name) for f in stored.values()), text)
        against = [_sentence_metrics(sentence, stored, phrases) for sentence in split]
    findings = [f for check in checks + against for f in check.findings]
    return TextCheck(_unique_keys(findings), sum(check.claims for check in checks + against))


def entry_check(*, entry, metric_values: Mapping) -> TextCheck:
    """The entry's own check and that against its period's and area's stored values.

    `metric_values` maps (period id, area id) to {metric code: StoredFigure}, as the selector
    returns it for a batch of entries.
    """
    return text_check(entry.text, metric_values.get((entry.period_id, entry.area_id), {}))


def entry_findings(*, entry, metric_values: Mapping) -> list[Finding]:
    return entry_check(entry=entry, metric_values=metric_values).findings


def metric_findings(text: str, stored: Mapping[str, StoredFigure]) -> list[Finding]:
    """Figures the text gives for a metric that differ from the value stored for it."""
    if not stored:
        return []
    phrases = phrases_for(((f.code, f.name) for f in stored.values()), text)
    return [
        f
        for sentence in sentences(text)
        for f in _sentence_metrics(sentence, stored, phrases).findings
    ]


def _sentence_metrics(
    sentence: str, stored: Mapping[str, StoredFigure], phrases: list[CompiledPhrase]
) -> SentenceCheck:
    """The sentence's figures against the stored values, read by `phrases` (phrases_for)."""
    if OTHER_TIME.search(sentence):
        return SentenceCheck([], 0)
    numbers = find_numbers(sentence)
    text = template(sentence, numbers)
    # Figures a change compares with, or states as the difference, are not this quarter's.
    changes = changes_in(text, numbers)
    taken = {id(n) for change in changes for n in change.figures if n is not change.x}
    findings, claims = [], 0
    for phrase in phrases:
        figure = stored[phrase.code]
        if (found := _first_figure(phrase, text, numbers, taken, figure)) is None:
            continue
        match, number = found
        taken.add(id(number))
        claims += 1
        if not figure_agrees(number, figure.value):
            findings.append(_metric_finding(sentence, match.group(0), number, figure))
    return SentenceCheck(findings, claims)


def _first_figure(phrase: CompiledPhrase, text: str, numbers, taken: set[int], figure):
    """The first figure not yet taken that the phrase names, as the importer reads it: a later
    one in the same sentence ("916 hours, in line with last year (912 hours)") is a comparison."""
    for match in phrase.pattern.finditer(text):
        number = numbers[int(match["n"])]
        if id(number) in taken or not _comparable(number, figure):
            continue
        if phrase.of_hours and number.unit != HOURS:  # "{hours}": a figure of hours only
            continue
        return match, number
    return None


def _comparable(number: Number, figure: StoredFigure) -> bool:
    return not number.approximate and number.family == UNIT_OF_METRIC.get(figure.unit, "count")


def figure_agrees(number: Number, value: Decimal) -> bool:
    """Exact figures must equal the stored value; rounded ones ("£5.4m") its rounding or cut."""
    if number.is_exact:
        return number.value == value
    step = number.step
    allowed = {(value / step).quantize(Decimal(1), rounding=m) for m in (ROUND_HALF_UP, ROUND_DOWN)}
    return number.value / step in allowed


def _metric_finding(sentence, matched, number: Number, figure: StoredFigure) -> Finding:
    expected = format_like(figure.value, number)
    return Finding(
        key=finding_key(f"metric-{figure.code}", matched),
        sentence=sentence,
        stated=number.text,
        expected=expected,
        message=(
            f"The stored {figure.name} for {figure.period}, {figure.area} is {expected}; "
            f"the entry says {number.text}."
        ),
    )


def _unique_keys(findings: list[Finding]) -> list[Finding]:
    """A sentence written twice gives the same key twice; the second gets a count."""
    seen: dict[str, int] = {}
    unique = []
    for finding in findings:
        seen[finding.key] = seen.get(finding.key, 0) + 1
        if seen[finding.key] > 1:
            finding = Finding(**{**finding.__dict__, "key": f"{finding.key}-{seen[finding.key]}"})
        unique.append(finding)
    return unique
