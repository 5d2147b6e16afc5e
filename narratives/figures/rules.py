"""The rules a sentence's figures must keep, as findings where they do not.

Pure functions. Each rule needs every figure it relates to be present and written in full
("3,507", not "over 3,500"); whatever it cannot settle it leaves alone.
"""

import hashlib
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple

from narratives.figures.claims import Change, Share, changes_in, shares_in, template, untemplate
from narratives.figures.numbers import (
    PERCENT,
    Number,
    count_the_same,
    find_numbers,
    format_like,
)


@dataclass(frozen=True)
class Finding:
    """A figure that does not agree with what the numbers give; `key` is stable in its entry."""

    key: str
    sentence: str
    stated: str
    expected: str
    message: str


# A rule's findings, empty when what it checked agrees; None when it could not check.
Checked = list[Finding] | None


def finding_key(rule: str, text: str) -> str:
    """The rule and a digest of the words it read: it lasts until those words change."""
    digest = hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:12]
    return f"{rule}-{digest}"


class SentenceCheck(NamedTuple):
    """What the rules found in a sentence, and how many of its claims they could settle."""

    findings: list[Finding]
    claims: int


def sentence_check(sentence: str) -> SentenceCheck:
    """Every change and share rule over one sentence; a claim counts as checked only when a
    rule could settle it (its figures present and written in full)."""
    numbers = find_numbers(sentence)
    if len(numbers) < 2:
        return SentenceCheck([], 0)
    text = template(sentence, numbers)
    results = []
    for change in changes_in(text, numbers):
        said = _said(text, change.start, change.end, change.x, numbers)
        results.append(change_findings(sentence, said, change))
    for share in shares_in(text, numbers):
        said = untemplate(text[share.start : share.end], numbers)
        results.append(share_findings(sentence, said, share))
    checked = [found for found in results if found is not None]
    return SentenceCheck([f for found in checked for f in found], len(checked))


def sentence_findings(sentence: str) -> list[Finding]:
    return sentence_check(sentence).findings


def _said(text: str, start: int, end: int, x: Number | None, numbers: list[Number]) -> str:
    words = untemplate(text[start:end], numbers)
    return f"{x.text} … {words}" if x is not None and x.text not in words else words


def change_findings(sentence: str, said: str, change: Change) -> Checked:
    """Direction, difference and percentage of one stated change; None when none applies."""
    if any(n.approximate for n in change.figures):
        return None
    x, y, d = change.x, change.y, change.d
    if x is not None and y is not None and x.family == y.family and count_the_same(x, y):
        settled = _settled(_direction(sentence, said, change), _difference(sentence, said, change))
        if settled or x.unit == PERCENT:
            # A wrong difference is reported once, not again as a percentage; and a change
            # between percentages may be in points or per cent, which the words rarely say.
            return settled
        rise = _percentage(sentence, said, change, x.value - y.value, y.value)
        return _settled(settled, rise)
    if d is None or d.unit == PERCENT or change.p is None:
        return None
    if y is not None and y.family == d.family:
        return _percentage(sentence, said, change, d.value, y.value)
    if x is not None and x.family == d.family and change.direction is not None:
        return _percentage(sentence, said, change, d.value, x.value - change.direction * d.value)
    return None


def _settled(*results: Checked) -> Checked:
    """The findings of the rules that applied; None when none did."""
    applied = [found for found in results if found is not None]
    return [f for found in applied for f in found] if applied else None


def _direction(sentence: str, said: str, change: Change) -> Checked:
    x, y = change.x, change.y
    if change.direction is None:
        return None
    if (x.value - y.value) * change.direction > 0:
        return []
    slack = x.tolerance + y.tolerance
    if slack > 0 and abs(Fraction(x.value - y.value)) <= slack:
        return []  # rounded figures this close may still differ either way
    if x.value == y.value:
        actual, right = "the same as", "no change"
    else:
        actual, right = ("more than", "up") if x.value > y.value else ("less than", "down")
    word = "up" if change.direction > 0 else "down"
    return [
        Finding(
            key=finding_key("direction", said),
            sentence=sentence,
            stated=said,
            expected=f"{right}: {x.text} is {actual} {y.text}",
            message=f"The sentence says {word}, but {x.text} is {actual} {y.text}.",
        )
    ]


def _difference(sentence: str, said: str, change: Change) -> Checked:
    x, y, d = change.x, change.y, change.d
    if d is None or d.unit == PERCENT or d.family != x.family:
        return None
    gap = abs(Fraction(x.value - y.value))
    if abs(Fraction(d.value) - gap) <= x.tolerance + y.tolerance + d.tolerance:
        return []
    return [
        Finding(
            key=finding_key("difference", said),
            sentence=sentence,
            stated=d.text,
            expected=format_like(gap, d),
            message=(
                f"The difference between {x.text} and {y.text} is {format_like(gap, d)}, "
                f"not {d.text}."
            ),
        )
    ]


def _percentage(sentence: str, said: str, change: Change, rise, base) -> Checked:
    """A percentage change: the stated one against the rise over the base it grew from."""
    stated = change.p if change.p is not None else change.d
    figures = [n for n in change.figures if n is not stated]
    if stated is None or stated.unit != PERCENT or base <= 0:
        return None
    if not all(n.is_exact and n.unit != PERCENT for n in figures):
        return None
    exact = abs(Fraction(rise)) / Fraction(base) * 100
    return _percent_findings(
        "percentage", sentence, said, stated, exact, f"A change of {abs(rise):,} on {base:,}"
    )


def share_findings(sentence: str, said: str, share: Share) -> Checked:
    """A share: the stated percentage against part over whole; None when it cannot be told."""
    n, t, p = share.n, share.t, share.p
    if any(figure.approximate for figure in (n, t, p)) or not (n.is_exact and t.is_exact):
        return None
    exact = Fraction(n.value) / Fraction(t.value) * 100
    return _percent_findings("share", sentence, said, p, exact, f"{n.text} of {t.text}")


def _percent_findings(
    rule: str, sentence: str, said: str, stated, exact: Fraction, what: str
) -> list[Finding]:
    """A finding when the stated percentage is neither the exact one rounded nor truncated."""
    if percent_agrees(stated, exact):
        return []
    shown = format_like(exact, stated)
    return [
        Finding(
            key=finding_key(rule, said),
            sentence=sentence,
            stated=stated.text,
            expected=shown,
            message=(
                f"{what} is {_two_places(exact)}%, which is {shown} to the precision written, "
                f"not {stated.text}."
            ),
        )
    ]


def percent_agrees(stated: Number, exact: Fraction) -> bool:
    """Right when it is the exact value rounded, or truncated, to the places written."""
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    places = Decimal(1).scaleb(-stated.decimals)
    allowed = {value.quantize(places, rounding=mode) for mode in (ROUND_HALF_UP, ROUND_DOWN)}
    return stated.value in allowed


def _two_places(exact: Fraction) -> str:
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"
