"""Import time per page for an edition's PDF, Word and text file, at 1x and 10x the reference's
size, and the PDF libraries side by side (the choice of pypdfium2 rests on this).

    .venv/bin/python bench/importing.py [--scales 1 10]

Sets Django up on a throwaway SQLite database, builds a made-up edition per scale, renders its
PDF (WeasyPrint) and Word file, takes the PDF reader's text as the text file, then times each
step of importing each (reading, parsing, storing; stored in a transaction rolled back, so each
format imports into the same database). Per page means per page of the edition's PDF.
"""

import argparse
import tempfile
import time

from throwaway import django_setup


def clock(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def files_for(scale: int) -> dict[str, bytes]:
    from django.db import transaction

    from bench.data import sample_edition
    from narratives.editions.assembly import edition_assemble
    from narratives.editions.rendering.docx import edition_docx
    from narratives.editions.rendering.pdf import edition_pdf
    from narratives.importing.readers.pdf import read_pdf
    from priorities.models import Period

    period = Period.objects.create(year=2000 + scale, quarter=2)
    with transaction.atomic():
        sample_edition(period, scale=scale)
    edition = edition_assemble(period=period)
    pdf = edition_pdf(edition)
    return {"pdf": pdf, "docx": edition_docx(edition), "txt": read_pdf(pdf).text.encode()}


def import_steps(content: bytes, name: str) -> tuple[float, float, float]:
    """Seconds to read, parse and store one file (the store rolled back)."""
    from django.db import transaction

    from narratives.importing.parser import parse_document
    from narratives.importing.readers import edition_document_from_bytes
    from narratives.importing.store import edition_store, gazetteer_from_db

    document, read = clock(edition_document_from_bytes, content, name=name, max_bytes=10**9)
    edition, parse = clock(parse_document, document, gazetteer=gazetteer_from_db())
    with transaction.atomic():
        _, store = clock(edition_store, edition=edition, source=name)
        transaction.set_rollback(True)
    return read, parse, store


def pdf_libraries(content: bytes) -> None:
    """Every character with its box and font: pypdfium2 (used) beside pdfplumber."""
    from narratives.importing.readers.pdf_glyphs import pdf_pages

    _, pdfium = clock(pdf_pages, content)
    try:
        import io

        import pdfplumber
    except ImportError:
        print("      pdfplumber not installed: the comparison is skipped")
        return

    def plumber():
        with pdfplumber.open(io.BytesIO(content)) as document:
            return sum(len(page.chars) for page in document.pages)

    _, plumbed = clock(plumber)
    print(f"      characters with fonts: pypdfium2 {pdfium:.3f} s, pdfplumber {plumbed:.3f} s "
          f"({plumbed / pdfium:.1f}x)")  # fmt: skip


def bench(scale: int) -> None:
    from narratives.importing.readers.pdf_glyphs import pdf_pages

    files = files_for(scale)
    pages = len(pdf_pages(files["pdf"]))
    print(f"{scale:>3}x  {pages} pages")
    for kind in ("pdf", "docx", "txt"):
        read, parse, store = import_steps(files[kind], f"edition.{kind}")
        total = read + parse + store
        print(
            f"{scale:>3}x  {kind:<5} read {read:6.3f} s  parse {parse:6.3f} s  store {store:6.3f} s"
            f"  = {total:6.3f} s, {1000 * total / pages:6.1f} ms per page"
        )
    pdf_libraries(files["pdf"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pcp-bench-") as directory:
        django_setup(directory)
        for scale in options.scales:
            bench(scale)


if __name__ == "__main__":
    main()
