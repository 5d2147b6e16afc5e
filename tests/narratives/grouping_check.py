"""Reading an edition back as a reader does: which headings stand above each entry.

Each format is turned into a list of ("heading", level, text) and ("entry", text) events in
reading order; `misplaced` then names every entry printed under a heading whose area does not
contain the entry's own areas. Web and Word say a heading's level (h4/h5, Heading 3/4); PDF
text does not, so there a heading nests under the one above it only if its area lies within.
"""

import io
import re
from html.parser import HTMLParser

from docx import Document
from pypdf import PdfReader

from priorities.area_tree import AreaTree

HEADING_LEVELS = {"h4": 1, "h5": 2}
WORD_LEVELS = {"Heading 3": 1, "Heading 4": 2}


class _WebEvents(HTMLParser):
    def __init__(self):
        super().__init__()
        self.events: list[tuple] = []
        self._heading: int | None = None
        self._text: list[str] = []
        self._li_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in HEADING_LEVELS:
            self._heading, self._text = HEADING_LEVELS[tag], []
        elif tag in ("h2", "h3"):
            self.events.append(("reset",))
        elif tag == "li":
            self._flush_entry()
            self._text = []

    def handle_endtag(self, tag):
        if tag in HEADING_LEVELS and self._heading is not None:
            self.events.append(("heading", self._heading, _clean("".join(self._text))))
            self._heading, self._text = None, []
        elif tag in ("li", "ul", "ol"):
            self._flush_entry()

    def handle_data(self, data):
        self._text.append(data)

    def _flush_entry(self):
        text = _clean("".join(self._text))
        if self._heading is None and text:
            self.events.append(("entry", text))
        self._text = []


def _clean(text: str) -> str:
    return " ".join(text.split())


def web_events(html: str) -> list[tuple]:
    parser = _WebEvents()
    parser.feed(html)
    return parser.events


def word_events(content: bytes) -> list[tuple]:
    events = []
    for paragraph in Document(io.BytesIO(content)).paragraphs:
        style, text = paragraph.style.name, _clean(paragraph.text)
        if style in WORD_LEVELS:
            events.append(("heading", WORD_LEVELS[style], text))
        elif style in ("Heading 1", "Heading 2", "Intense Quote"):
            events.append(("reset",))
        elif text:
            events.append(("entry", text))
    return events


def pdf_events(content: bytes, tree: AreaTree) -> list[tuple]:
    """Lines that are wholly an area label are headings; lines with an entry's marker are
    entries; the rest (cover, contents, footers, commitment) are neither."""
    events = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for line in page.extract_text().splitlines():
            text = _clean(line).lstrip("•–- ").strip()
            if ENTRY.search(text):
                events.append(("entry", text))
            elif text and tree.find_all(text):
                events.append(("heading", None, text))
            elif text.startswith("Priority "):
                events.append(("reset",))
    return events


ENTRY = re.compile(r"\bEntry (\d+)\b")


def numbered(areas_of: dict[int, set[int]]):
    """Finds entries written as "Entry 3 ..." (the property test's)."""

    def locate(text: str):
        match = ENTRY.search(text)
        return (int(match.group(1)), areas_of[int(match.group(1))]) if match else None

    return locate


def misplaced(events: list[tuple], tree: AreaTree, locate, expected: int) -> list[str]:
    """Every entry under a heading that does not contain it ("Entry 3 under North LPA");
    `locate(text)` gives (key, area ids) of the entry a line shows, or None."""
    found, stack, seen = [], [], set()
    for event in events:
        if event[0] == "reset":
            stack = []
        elif event[0] == "heading":
            stack = _push(stack, event, tree)
        elif (located := locate(event[1])) is not None:
            key, areas = located
            seen.add(key)
            for _, heading_text, heading_areas in stack:
                if not all(_within(tree, heading_areas, a) for a in areas):
                    found.append(f"{str(key)[:50]} under {heading_text}")
    assert len(seen) == expected, f"{expected - len(seen)} entries not found in the text"
    return found


def _within(tree: AreaTree, outer: set[int], area: int) -> bool:
    return any(tree.contains(heading, area) for heading in outer)


def _push(stack: list, event: tuple, tree: AreaTree) -> list:
    _, level, text = event
    areas = {a.pk for a in tree.find_all(text) or []}
    if level is not None:  # the format says where the heading sits
        stack = stack[: level - 1]
    else:  # PDF text: a heading sits under the one above only if its area lies within
        while stack and not all(_within(tree, stack[-1][2], a) for a in areas):
            stack = stack[:-1]
    return [*stack, (level, text, areas)]
