"""A PDF page's glyphs as lines: grouped by position, split where a wide gap parts them
(columns, floated page numbers), words spaced by measured gaps, bullets found by glyph or by a
small drawn mark just left of the text."""

import re
from collections import Counter
from dataclasses import dataclass

from narratives.importing.readers.pdf_glyphs import Glyph, Mark, PdfPage

BULLET_GLYPHS = "•·▪◦●○■□‣⁃➢➤►▶✓"
DASH_BULLETS = "-–—*"
WORD_GAP = 0.15  # of the font size: wider than letter-spacing, narrower than a space
SEGMENT_GAP = 1.8  # of the font size: wider than any gap inside a line of text
PAGES = re.compile(r"^\d{1,4}(?:[-–]\d{1,4})?$")
SAME_LINE = 0.4  # of the font size: how far apart two glyphs' middles may be on one line


@dataclass
class PdfLine:
    page: int
    left: float  # the text's left edge, after any bullet
    right: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    bullet_at: float | None = None  # left edge of the bullet, when the line starts one
    # Set while lines are joined into blocks: the column's left edge, the last line's right
    # edge and page.
    edge: float = 0.0
    last_right: float = 0.0
    page_last: int = 0

    @property
    def indent_at(self) -> float:
        return self.left if self.bullet_at is None else self.bullet_at


def page_lines(page: PdfPage) -> list[PdfLine]:
    """The page's lines, top to bottom and, within a row, left to right."""
    lines = []
    for row in _rows(page.glyphs):
        for segment in _segments(row):
            line = _line(segment, page.number)
            if line.text:
                lines.append(_with_bullet(line, page.marks))
    return lines


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    ordered = sorted(glyphs, key=lambda g: -(g.bottom + g.top) / 2)
    rows: list[list[Glyph]] = []
    middle = None
    for glyph in ordered:
        centre = (glyph.bottom + glyph.top) / 2
        if middle is None or middle - centre > SAME_LINE * max(glyph.size, 1.0):
            rows.append([])
            middle = centre
        rows[-1].append(glyph)
    return [sorted(row, key=lambda g: g.left) for row in rows]


def _segments(row: list[Glyph]) -> list[list[Glyph]]:
    segments = [[row[0]]]
    for before, glyph in zip(row, row[1:], strict=False):
        if glyph.left - before.right > SEGMENT_GAP * max(glyph.size, before.size, 1.0):
            segments.append([])
        segments[-1].append(glyph)
    # A page number or range set apart at the end of a row ("Priority 1 – Title     3-5")
    # belongs to the row: a contents entry, not a column.
    if len(segments) > 1 and PAGES.match("".join(g.char for g in segments[-1])):
        segments[-2:] = [segments[-2] + segments[-1]]
    return segments


def _line(glyphs: list[Glyph], page: int) -> PdfLine:
    bullet_at = None
    first = glyphs[0]
    if len(glyphs) > 1 and _is_marker(first, glyphs[1]):
        bullet_at, glyphs = first.left, glyphs[1:]
    parts = [glyphs[0].char]
    for before, glyph in zip(glyphs, glyphs[1:], strict=False):
        if glyph.left - before.right > WORD_GAP * max(glyph.size, 1.0):
            parts.append(" ")
        parts.append(glyph.char)
    size = Counter(g.size for g in glyphs).most_common(1)[0][0]
    letters = [g for g in glyphs if g.char.isalnum()] or glyphs
    return PdfLine(
        page=page,
        left=glyphs[0].left,
        right=glyphs[-1].right,
        top=max(g.top for g in glyphs),
        bottom=min(g.bottom for g in glyphs),
        size=size,
        bold=sum(g.bold for g in letters) * 2 > len(letters),
        text="".join(parts),
        bullet_at=bullet_at,
    )


def _is_marker(first: Glyph, after: Glyph) -> bool:
    """A bullet glyph, or a dash standing apart from the word after it."""
    spaced = after.left - first.right > WORD_GAP * max(after.size, 1.0)
    return first.char in BULLET_GLYPHS or (first.char in DASH_BULLETS and spaced)


def _with_bullet(line: PdfLine, marks: list[Mark]) -> PdfLine:
    """A line with a small drawn mark just left of it, level with its text, starts a bullet
    (Chromium draws list bullets as shapes, not glyphs)."""
    if line.bullet_at is not None:
        return line
    for mark in marks:
        middle = (mark.bottom + mark.top) / 2
        if line.bottom <= middle <= line.top and 0 < line.left - mark.right < 2.5 * line.size:
            line.bullet_at = mark.left
            break
    return line


PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*-)?$", re.I)
BAND = 0.1  # the top and bottom tenth of a page hold running headers, footers, page numbers


def running_lines(pages: list[list[PdfLine]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, index) of running headers and footers, and page numbers. A running line sits in
    the top or bottom band, is no larger than the body text, and its words (numbers aside)
    recur at the same place on another page; a heading repeated at the top of pages is larger,
    and stays."""
    found: set[tuple[int, int]] = set()
    seen: Counter = Counter()
    keyed: list[list[tuple[int, str]]] = []
    body_size = _body_size(pages)
    for lines, height in zip(pages, heights, strict=True):
        keys = []
        for index, line in enumerate(lines):
            band = "top" if line.bottom > height * (1 - BAND) else None
            band = "bottom" if line.top < height * BAND else band
            if band and line.size <= body_size + 0.5 and _set_apart(line, lines, band):
                # Where it sits is part of it: a footer is at the same place on every page.
                place = round(line.top / 4), round(line.left / 4)
                keys.append((index, f"{band}:{place}:{_numberless(line.text)}"))
        keyed.append(keys)
        seen.update({key for _, key in keys})
    for number, (lines, keys) in enumerate(zip(pages, keyed, strict=True)):
        for index, key in keys:
            if seen[key] >= 2 or PAGE_NUMBER.match(lines[index].text):
                found.add((number, index))
    banded = {(number, index) for number, keys in enumerate(keyed) for index, _ in keys}
    return found - _within_body(pages, found, banded)


def _within_body(pages: list[list[PdfLine]], found: set, banded: set) -> set[tuple[int, int]]:
    """Lines found repeating that sit where body text sits on other pages: body text too (an
    edition whose sections look alike repeats a line at a page's top without it running)."""
    body = [
        (line.bottom, line.top)
        for number, lines in enumerate(pages)
        for index, line in enumerate(lines)
        if (number, index) not in banded
    ]
    kept = set()
    for number, index in found:
        line = pages[number][index]
        if PAGE_NUMBER.match(line.text):
            continue
        if any(bottom < line.top - 1 and top > line.bottom + 1 for bottom, top in body):
            kept.add((number, index))
    return kept


def _set_apart(line: PdfLine, lines: list[PdfLine], band: str) -> bool:
    """A header or footer stands apart from the body: the nearest line on its inner side is
    more than a line's height away (a page's last bullet follows the one before closely)."""
    if band == "top":
        gaps = [line.bottom - other.top for other in lines if other.top < line.bottom]
    else:
        gaps = [other.bottom - line.top for other in lines if other.bottom > line.top]
    return not gaps or min(gaps) > line.size


def _body_size(pages: list[list[PdfLine]]) -> float:
    sizes: Counter = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _numberless(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())
