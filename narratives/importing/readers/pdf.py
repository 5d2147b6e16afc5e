"""An edition's PDF as text lines for the parser, using what the PDF says about its layout.

- Lines come from glyph positions (any producer's content order, e.g. bullets drawn last).
- Running headers and footers are found by repetition across pages, page numbers dropped.
- Two columns (a run of lines that all keep to one side of the page's middle, with lines on
  both sides) are read left column first.
- A block (heading, paragraph, bullet) continues over lines of the same size and weight that
  follow closely at its text's left edge, also across a page break; a word hyphenated at a
  line's end is joined (keeping the hyphen when the document spells the word with one).
- Bullets are found by glyph or drawn mark and nested by their indent.
"""

import re
from collections import Counter

from narratives.importing.readers.document import PDF, EditionDocument, LineWriter
from narratives.importing.readers.pdf_columns import Placed, reading_order
from narratives.importing.readers.pdf_glyphs import pdf_pages
from narratives.importing.readers.pdf_lines import PdfLine, page_lines, running_lines

PRIORITY = re.compile(r"^Priority\s+\d{1,2}\s*[-–—:.]")
ENDS_SENTENCE = re.compile(r"[.!?:;]['\"’”)]?$")
HYPHENS = "-\u2010\u00ad"
LEVEL_STEP = 6.0  # points: bullets this much further right are one level deeper
CLOSE = 0.8  # of the font size: the widest gap between lines of one block


def read_pdf(data: bytes) -> EditionDocument:
    pages = pdf_pages(data)
    by_page = [page_lines(page) for page in pages]
    running = running_lines(by_page, [page.height for page in pages])
    headers: list[str] = []
    kept: list[list[PdfLine]] = []
    for number, lines in enumerate(by_page):
        kept.append([])
        for index, line in enumerate(lines):
            if (number, index) in running:
                headers.append(line.text)
            else:
                kept[-1].append(line)
    every = [line for lines in kept for line in lines]
    left = min((line.indent_at for line in every), default=0.0)
    right = max((line.right for line in every), default=0.0)
    body = [placed for lines in kept for placed in reading_order(lines, left=left, right=right)]
    writer = LineWriter()
    _write_blocks(writer, body)
    return EditionDocument(
        text=writer.text,
        source=PDF,
        pages=writer.pages,
        page_count=len(pages),
        headers=list(dict.fromkeys(headers)),
    )


def _write_blocks(writer: LineWriter, body: list[Placed]) -> None:
    levels = _bullet_levels([x.line.bullet_at - x.left for x in body if x.line.bullet_at])
    words = _document_words(x.line.text for x in body)
    rights = sorted(x.line.right for x in body)
    page_right = rights[int(len(rights) * 0.95)] if rights else 0.0
    blocks: list[tuple[PdfLine, str]] = []
    for placed in body:
        line, right = placed.line, placed.right or page_right
        if blocks and _continues(blocks[-1][0], line, blocks[-1][1], right, placed.left):
            block, text = blocks[-1]
            blocks[-1] = (block, _joined(text, line.text, words))
            block.bottom, block.last_right, block.page_last = line.bottom, line.right, line.page
            continue
        line.edge, line.last_right, line.page_last = placed.left, line.right, line.page
        blocks.append((line, line.text))
    sizes = Counter({block.size: 0 for block, _ in blocks})
    sizes.update({block.size: len(text) for block, text in blocks})
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    in_body = False
    for block, text in blocks:
        in_body = in_body or bool(PRIORITY.match(text))
        bullet = block.bullet_at is not None
        if in_body and not bullet and _topic_heading(block, text, body_size):
            text = f"{text}:"  # "The Force Control Room (FCR)" in bold heads what follows
        level = levels(block.bullet_at - block.edge) if bullet else 0
        writer.block(text, level=level, bullet=bullet, page=block.page)


def _topic_heading(block: PdfLine, text: str, body_size: float) -> bool:
    """A short bold line of the body's size, not ending as a sentence does: a heading over
    the bullets after it, said with the colon a text conversion would show."""
    short = len(text) <= 80 and not re.search(r"[.!?:;,]$", text) and not PRIORITY.match(text)
    return block.bold and short and abs(block.size - body_size) <= 0.5


def _continues(block: PdfLine, line: PdfLine, text: str, right: float, edge: float) -> bool:
    if line.bullet_at is not None or abs(line.size - block.size) > 0.5:
        return False
    carries_on = line.text[:1].islower() and not ENDS_SENTENCE.search(text)
    if line.bold != block.bold and not carries_on:
        return False  # a heading does not run into the paragraph after it, nor a bullet on
    if edge != block.edge and not carries_on:
        return False  # another column: only a sentence cut mid-way goes on there
    # Wrapped text lines up under the text, or under the bullet when it was typed inline.
    start = block.left if block.bullet_at is None else min(block.left, block.bullet_at)
    if not start - 2 <= line.left <= block.left + 2 * line.size:
        return False
    if not carries_on and not _wrapped(block.last_right, line, right):
        return False  # the line before ended short of the margin: its paragraph ended
    if line.page == block.page_last:
        return edge != block.edge or 0 <= block.bottom - line.top <= CLOSE * line.size
    # Across a page break only text cut mid-sentence carries on.
    return line.page == block.page_last + 1 and not ENDS_SENTENCE.search(text)


def _wrapped(last_right: float, line: PdfLine, right: float) -> bool:
    """Whether the line before was full: the first word of this one would not have fitted."""
    first_word = len(line.text.split(" ", 1)[0]) + 1
    word_width = (line.right - line.left) * first_word / max(len(line.text), 1)
    return last_right + word_width >= right - 1.5 * line.size


def _joined(text: str, more: str, words: set[str]) -> str:
    """The line joined to the block, a word broken at the line's end made whole again."""
    cut = re.search(rf"(\w+)([{HYPHENS}])$", text)
    tail = re.match(r"\w+", more)
    if not cut or not tail or not more[:1].islower():
        return f"{text} {more}"
    head, hyphen = cut.group(1), cut.group(2)
    hyphenated = f"{head}-{tail.group(0)}".casefold()
    if hyphen == "\u00ad":
        keep = False  # a soft hyphen is only ever a break
    elif hyphenated in words:
        keep = True
    elif f"{head}{tail.group(0)}".casefold() in words:
        keep = False
    else:
        keep = hyphen != "\u2010"  # typesetters' hyphenation marks a break with U+2010
    return f"{text[: cut.end(1)]}{'-' if keep else ''}{more}"


def _document_words(texts) -> set[str]:
    """The words the document writes within its lines, hyphenated ones ("anti-social") as
    written: they decide whether a hyphen at a line's end is the word's own or a break."""
    found = set()
    for text in texts:
        inner = text[:-1]
        found.update(m.group(0).casefold() for m in re.finditer(r"\w+(?:-\w+)*", inner))
    return found


def _bullet_levels(offsets: list[float]):
    """Bullet depth from indent: the commonest bullet position is the top level (bullets
    further left count as top level too), each further position one deeper."""
    if not offsets:
        return lambda offset: 0
    base = Counter(round(offset) for offset in offsets).most_common(1)[0][0]
    steps = sorted({round((o - base) / LEVEL_STEP) for o in offsets if o - base >= LEVEL_STEP / 2})

    def level(offset: float) -> int:
        if offset - base < LEVEL_STEP / 2:
            return 0
        return 1 + _index(steps, round((offset - base) / LEVEL_STEP))

    return level


def _index(steps: list[int], step: int) -> int:
    return next((i for i, known in enumerate(steps) if known >= step), len(steps) - 1)
