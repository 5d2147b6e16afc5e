"""Read an edition's text into dataclasses: cover, priorities, commitments, entries, figures.

Pure: no ORM. The areas come in as a Gazetteer (plain data). A text that is not an edition
raises NotAnEdition; an edition cut short is read as far as it goes, with warnings.
"""

import copy
import re

from narratives.importing.cover import (
    PRIORITY_TITLE_MAX,
    body_heading,
    contents_row,
    priority_heading,
    read_cover,
)
from narratives.importing.figures import CURRENT, PREVIOUS, extract_figures
from narratives.importing.gazetteer import Gazetteer
from narratives.importing.model import (
    NotAnEdition,
    ParsedCommitment,
    ParsedEdition,
    ParsedFigure,
    ParsedPriority,
)
from narratives.importing.noise import Line, clean, header_marking
from narratives.importing.readers.document import EditionDocument
from narratives.importing.tokens import (
    ENDS_SENTENCE,
    LEAD_IN_START,
    ItemToken,
    LeadInToken,
    Token,
    tokenise,
)
from narratives.importing.tree import AreaReader, entries_of

ABBREVIATION = re.compile(r"\s*\([A-Z]{2,6}\)$")


def parse_document(document: EditionDocument, *, gazetteer: Gazetteer) -> ParsedEdition:
    """An edition read by any reader: its source, and each entry's page when it has pages."""
    edition = parse_edition(document.text, gazetteer=gazetteer, headers=document.headers)
    edition.source = document.source
    edition.warnings[:0] = document.notes
    if document.pages is not None:
        last = len(document.pages)
        for entry in edition.all_entries():
            entry.page = document.pages[min(entry.line, last) - 1] if entry.line else None
    return edition


def parse_edition(text: str, *, gazetteer: Gazetteer, headers: list[str] = ()) -> ParsedEdition:
    if not text.strip():
        raise NotAnEdition("the file is empty")
    cleaned = clean(text)
    cleaned.headers.extend(headers)
    cleaned.marking = cleaned.marking or header_marking(headers)
    lines = cleaned.lines
    start = _body_start(lines)
    warnings: list[str] = []
    cover = read_cover(lines[:start], cleaned.headers, warnings)
    cover.protective_marking = cleaned.marking
    if start == len(lines):
        raise NotAnEdition('no priority headings found (an edition has "Priority 1 – ..." etc.)')
    reader = AreaReader(copy.deepcopy(gazetteer), warnings)
    tokens = tokenise(lines[start:], reader.is_heading)
    builder = _Builder(warnings)
    for token in tokens:
        builder.take(token)
    edition = ParsedEdition(cover=cover, priorities=builder.priorities, warnings=warnings)
    for _, commitment in edition.commitments():
        commitment.entries = entries_of(builder.items[id(commitment)], reader)
    edition.new_areas = reader.new_areas
    edition.figures = _figures(edition)
    _check_complete(edition, [row for line in lines[:start] if (row := contents_row(line.text))])
    _check_ending(tokens, warnings)
    return edition


def _body_start(lines: list[Line]) -> int:
    """The first priority heading not followed by another (a contents list without page
    numbers); failing that, the first "Priority 1 – Title 3" row that is followed by its
    lead-in rather than by more contents rows (a heading with its page number)."""
    texts = [(i, line.text) for i, line in enumerate(lines) if line.text]
    headings = [priority_heading(text) is not None for _, text in texts] + [False]
    found = next((i for n, (i, _) in enumerate(texts) if headings[n] and not headings[n + 1]), None)
    if found is not None:
        return found
    for (i, text), (_, after) in zip(texts, texts[1:], strict=False):
        if body_heading(text) and LEAD_IN_START.match(after):
            return i
    return len(lines)


class _Builder:
    """Follows the headings: which priority and commitment each bullet belongs to."""

    def __init__(self, warnings: list[str]):
        self.warnings = warnings
        self.priorities: list[ParsedPriority] = []
        self.items: dict[int, list[ItemToken]] = {}
        self.priority: ParsedPriority | None = None
        self.commitment: ParsedCommitment | None = None
        self.lead_in: LeadInToken | None = None  # waiting for its commitment sentence
        self.after_heading = False

    def take(self, token: Token) -> None:
        if isinstance(token, ItemToken):
            self._item(token)
            return
        self.after_heading = not isinstance(token, LeadInToken)
        if isinstance(token, LeadInToken):
            self.lead_in = token
            if token.commitment:
                self._commit(token.lead_in, token.commitment, token.line)
            return
        self.lead_in = None
        self.priority = next((p for p in self.priorities if p.number == token.number), None)
        if self.priority is None:
            title = ABBREVIATION.sub("", token.title).strip()
            if len(title) > PRIORITY_TITLE_MAX:
                raise NotAnEdition(
                    f"line {token.line}: the title of priority {token.number} is "
                    f"{len(title):,} characters long (at most {PRIORITY_TITLE_MAX}); is the "
                    "heading run together with the text after it?"
                )
            self.priority = ParsedPriority(number=token.number, title=title)
            self.priorities.append(self.priority)
        # A heading repeated after a page break carries on with the commitment it broke.
        self.commitment = self.priority.commitments[-1] if self.priority.commitments else None

    def _item(self, token: ItemToken) -> None:
        after_heading, self.after_heading = self.after_heading, False
        if self.lead_in is not None and not token.bullet:
            self._commit(self.lead_in.lead_in, token.text, token.line)
        elif after_heading and not token.bullet and self._find(token.text):
            self.commitment = self._find(token.text)  # repeated without its lead-in
        elif self.commitment is None and not token.bullet and self.lead_in is None:
            self.warnings.append(f"line {token.line}: a commitment without a lead-in.")
            self._commit("", token.text, token.line)
        elif self.commitment is None or self.lead_in is not None:
            self.warnings.append(
                f"line {token.line}: text before any commitment of priority "
                f"{self.priority.number} is left out: {token.text[:60]!r}"
            )
        else:
            self.items[id(self.commitment)].append(token)

    def _commit(self, lead_in: str, text: str, line: int) -> None:
        self.lead_in = None
        existing = self._find(text)
        if existing is not None:
            self.commitment = existing
            return
        self.commitment = ParsedCommitment(lead_in=lead_in, text=text, line=line)
        self.priority.commitments.append(self.commitment)
        self.items[id(self.commitment)] = []

    def _find(self, text: str) -> ParsedCommitment | None:
        key = same_text_key(text)
        return next((c for c in self.priority.commitments if same_text_key(c.text) == key), None)


def same_text_key(text: str) -> str:
    """Compare commitments as words only: case, spacing, dashes and end stops ignored."""
    return " ".join(re.sub(r"[^\w%£&]+", " ", text.casefold()).split())


def _figures(edition: ParsedEdition) -> list[ParsedFigure]:
    quarter = edition.cover.period
    periods = {CURRENT: quarter, PREVIOUS: quarter.previous()}
    found: dict[tuple, ParsedFigure] = {}
    for entry in edition.all_entries():
        figures, notes = extract_figures(entry.text, quarter=quarter)
        edition.warnings.extend(f"line {entry.line}: {note}." for note in notes)
        for figure in figures:
            period = periods.get(figure.when, quarter.year_before())
            key = (figure.metric, period, entry.area)
            if key not in found:
                found[key] = ParsedFigure(figure.metric, period, entry.area, figure.value)
            elif found[key].value != figure.value:
                edition.warnings.append(
                    f"line {entry.line}: {figure.metric} for {period.label} is stated twice "
                    f"({found[key].value} and {figure.value}); the first is kept."
                )
    return list(found.values())


def _check_complete(edition: ParsedEdition, contents: list) -> None:
    warnings = edition.warnings
    found = {priority.number for priority in edition.priorities}
    listed = {row.number: row.title for row in contents}
    expected = listed or {n: "" for n in range(1, max(found) + 1)}
    for number, title in sorted(expected.items()):
        if number not in found:
            named = f"Priority {number}" + (f" – {title}" if title else "")
            warnings.append(f"{named} is not in the text; the edition may be cut short.")
    for priority in edition.priorities:
        if not priority.commitments:
            warnings.append(f"Priority {priority.number} has no commitments.")
        for commitment in priority.commitments:
            if not commitment.entries:
                warnings.append(
                    f"Priority {priority.number}, commitment {commitment.text[:60]!r} "
                    f"(line {commitment.line}) has no entries."
                )


def _check_ending(tokens: list[Token], warnings: list[str]) -> None:
    last = next((t for t in reversed(tokens) if isinstance(t, ItemToken) and t.text), None)
    if last is not None and not ENDS_SENTENCE.search(last.text):
        warnings.append(
            f"line {last.line}: the text ends mid-sentence (…{last.text[-40:]!r}); "
            "the edition looks cut short."
        )
