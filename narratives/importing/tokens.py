"""The body of an edition as a stream of tokens: priority headings, lead-ins, bullets, paragraphs.

Wrapped lines are joined here: a line without a bullet marker continues the bullet or paragraph
above it (a paragraph only until its sentence ends), and a line starting in lower case after a
page break continues what the page broke.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from narratives.importing.cover import body_heading
from narratives.importing.noise import Line

# Bullets as converters write them: dashes, "•" and its kin, Word's "o" for a second level,
# and the Symbol/Wingdings code points a converter leaves when it cannot map the glyph.
MARKER = re.compile(r"^(?:[-–—*](?:\s+|$)|o\s+|[•·▪◦●○■□‣⁃➢➤►▶✓\uf0b7\uf0a7\uf076\uf0d8](?:\s*))+")
LEAD_IN_START = re.compile(
    r"^(?:We\s+will|Working\b|With\b|Together\b|Through\b|In\s+partnership\b|Alongside\b)", re.I
)
# A lead-in that starts inside a heading's line: "We will:", or a few words ending "we will:".
RUN_ON_LEAD_IN = re.compile(
    r"\s(?:We\s+will\s*:|(?:Working|With|Together|Through|In\s+partnership|Alongside)\b"
    r"(?:\s+\S+){0,6}?\s+we\s+will\s*:)"
)
LEAD_IN = re.compile(r"^(?P<lead>.{0,300}?\bwe\s+will)\s*:\s*(?P<rest>.*)$", re.I | re.S)
# In the one-line layout the first bullet follows the commitment on the same line.
INLINE_BULLET = re.compile(r"\s[•·▪●]\s*|(?<=[.!?])\s+[-–]\s+(?=\S)")
ENDS_SENTENCE = re.compile(r"[.!?:;]['\"’”)]?$")


@dataclass(frozen=True)
class PriorityToken:
    number: int
    title: str
    line: int


@dataclass(frozen=True)
class LeadInToken:
    lead_in: str
    commitment: str  # "" when the sentence follows on its own line
    line: int


@dataclass
class ItemToken:
    """A bullet (bullet=True) or a paragraph without a marker, with its indentation."""

    indent: int
    bullet: bool
    text: str
    line: int


Token = PriorityToken | LeadInToken | ItemToken


def tokenise(lines: list[Line], is_heading: Callable[[str], bool]) -> list[Token]:
    """Tokens of the body; `is_heading` says whether a line is an area or sub-heading."""
    blocks: list[ItemToken | PriorityToken] = []
    gap = False
    for line in lines:
        if not line.text:
            gap = True
            continue
        _take_line(blocks, line, gap, is_heading)
        gap = False
    tokens: list[Token] = []
    for block in blocks:
        tokens.extend(_classify(block))
    return tokens


def _take_line(blocks: list, line: Line, gap: bool, is_heading: Callable[[str], bool]) -> None:
    marker = MARKER.match(line.text)
    if marker and line.text[marker.end() :].strip():
        blocks.append(ItemToken(line.indent, True, line.text[marker.end() :].strip(), line.number))
        return
    if marker:  # a marker alone on its line: the bullet's text follows on the next line
        blocks.append(ItemToken(line.indent, True, "", line.number))
        return
    heading = body_heading(line.text)
    if heading:
        # "Priority 1 – Title We will: Commitment ..." on one line: the heading ends where
        # the lead-in starts, and the rest is read as a line of its own.
        run_on = RUN_ON_LEAD_IN.search(heading[1])
        title = heading[1][: run_on.start()].strip() if run_on else heading[1]
        blocks.append(PriorityToken(heading[0], title, line.number))
        if run_on:
            rest = Line(line.number, line.indent, heading[1][run_on.start() :].strip())
            _take_line(blocks, rest, False, is_heading)
        return
    last = blocks[-1] if blocks and isinstance(blocks[-1], ItemToken) else None
    if last is not None and _continues(last, line.text, gap, is_heading):
        last.text = f"{last.text} {line.text}".strip()
        return
    blocks.append(ItemToken(line.indent, False, line.text, line.number))


def _continues(last: ItemToken, text: str, gap: bool, is_heading: Callable[[str], bool]) -> bool:
    if LEAD_IN_START.match(text) and LEAD_IN.match(text):
        return False
    if not last.text:
        return not gap
    if gap:
        # Across a page break only a sentence cut mid-way carries on, in lower case.
        return text[:1].islower() and not ENDS_SENTENCE.search(last.text)
    if is_heading(last.text):
        return False  # "- South LPA" then "Basildon: ...": a heading does not wrap into text
    if last.bullet:
        return not (ENDS_SENTENCE.search(last.text) and is_heading(text))
    return not ENDS_SENTENCE.search(last.text)


def _classify(block: ItemToken | PriorityToken) -> list[Token]:
    if isinstance(block, PriorityToken) or block.bullet:
        return [block]
    match = LEAD_IN.match(block.text) if LEAD_IN_START.match(block.text) else None
    if match is None:
        return [block]
    lead_in = " ".join(match.group("lead").split()) + ":"
    rest = match.group("rest").strip()
    split = INLINE_BULLET.search(rest)
    if split is None:
        return [LeadInToken(lead_in, rest, block.line)]
    first_bullet = rest[split.end() :].strip()
    return [
        LeadInToken(lead_in, rest[: split.start()].strip(), block.line),
        ItemToken(block.indent, True, first_bullet, block.line),
    ]
