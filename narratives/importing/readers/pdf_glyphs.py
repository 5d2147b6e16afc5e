"""What a PDF page shows, as positioned glyphs and small drawn marks, read with pypdfium2.

pypdfium2 was chosen over pdfplumber by measurement (bench/importing.py prints both): reading
every character with its box, font size and font took pypdfium2 0.15 s for a 10-page edition
and 1.4 s for 58 pages, pdfplumber 1.0 s and 11.3 s (on a busy machine 0.46/3.1 s against
2.6/23.0 s): 6-8x, for the same facts. pdfplumber is pdfminer.six in Python; pypdfium2 is
Chromium's PDF library, and also tells which glyphs pdfium itself generated.

Only what any producer writes is used: each glyph's loose box (its advance, so letter and word
gaps can be told apart), its font size and whether its font is bold; and small filled shapes,
which some producers (Chromium) draw for list bullets instead of a bullet glyph.
"""

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")
# A list bullet drawn as a shape is a small, roughly square mark (a disc, circle or square).
MARK_MAX, MARK_MIN = 8.0, 1.0


class PdfUnreadable(ValueError):
    """The file is not a PDF pypdfium2 can open; the message says why."""


@dataclass(frozen=True)
class Glyph:
    char: str
    left: float
    right: float
    bottom: float  # PDF space: y grows upwards
    top: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Mark:
    """A small drawn shape: a bullet when it sits just left of a line's first glyph."""

    left: float
    right: float
    bottom: float
    top: float


@dataclass
class PdfPage:
    number: int  # from 1
    width: float
    height: float
    glyphs: list[Glyph]
    marks: list[Mark]


def pdf_pages(data: bytes) -> list[PdfPage]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise PdfUnreadable(f"not a PDF that can be read ({error})") from error
    try:
        return [_page(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()


def _page(page, number: int) -> PdfPage:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        glyphs = _glyphs(textpage)
    finally:
        textpage.close()
    return PdfPage(number, width, height, glyphs, _marks(page))


def _glyphs(textpage) -> list[Glyph]:
    glyphs: list[Glyph] = []
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    bold_of: dict[bytes, bool] = {}
    for index in range(textpage.count_chars()):
        if pdfium_raw.FPDFText_IsGenerated(textpage, index):
            continue  # spaces and line breaks pdfium guessed: gaps are measured instead
        char = chr(pdfium_raw.FPDFText_GetUnicode(textpage, index))
        char = "-" if char == "\x02" else char  # pdfium's code for a hyphen ending a line
        if not char.strip() or char == "\ufffe":
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        pdfium_raw.FPDFText_GetFontInfo(textpage, index, name, len(name), flags)
        font = name.value
        if font not in bold_of:
            bold_of[font] = any(word in font.decode("latin-1").casefold() for word in BOLD_NAMES)
        weight = pdfium_raw.FPDFText_GetFontWeight(textpage, index)
        size = pdfium_raw.FPDFText_GetFontSize(textpage, index)
        glyphs.append(
            Glyph(char, left, right, bottom, top, round(size, 1), bold_of[font] or weight >= 600)
        )
    return glyphs


def _marks(page) -> list[Mark]:
    marks = []
    for item in page.get_objects():
        if item.type != pdfium_raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = item.get_bounds()
        width, height = right - left, top - bottom
        small = MARK_MIN <= width <= MARK_MAX and MARK_MIN <= height <= MARK_MAX
        if small and max(width, height) <= 1.5 * min(width, height):
            marks.append(Mark(left, right, bottom, top))
    return marks
