"""The edition as PDF through WeasyPrint, with real page numbers in the contents.

The contents' page ranges can only be known after layout, so the document is laid out twice:
first with placeholders of the same width to learn on which page each priority starts (from
WeasyPrint's anchors), then with the ranges filled in. Each priority starts on a new page, so
one ends on the page before the next begins.
"""

import dataclasses
import logging
import os
from functools import cache

from django.contrib.staticfiles import finders

from narratives.editions.assembled import AssembledEdition
from narratives.editions.rendering.web import edition_print_document

STYLESHEET = "css/edition.css"
_PLACEHOLDER = "00-00"

# WeasyPrint reports each layout step at INFO; the site logs INFO, so keep its steps quiet.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Where HarfBuzz's subsetting library is missing, WeasyPrint subsets fonts with fontTools, which
# stamps the current time into each font's `head` table unless SOURCE_DATE_EPOCH says otherwise
# (the reproducible-builds convention it follows). A fixed epoch keeps the promise that the same
# edition gives the same bytes on every machine; nothing in a font's date is read by anyone.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")


@cache
def _weasyprint():
    """WeasyPrint, imported on first use: importing it parses its stylesheets (slow)."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        """The PDF needs nothing from outside; refuse any URL an entry's text might carry."""

        def fetch(self, url, headers=None):
            raise ValueError(f"PDF rendering fetches nothing ({url})")

    path = finders.find(STYLESHEET)
    if not path:
        raise FileNotFoundError(f"static file {STYLESHEET} not found")
    with open(path, encoding="utf-8") as handle:
        stylesheet = weasyprint.CSS(string=handle.read(), url_fetcher=NoFetching())
    return weasyprint.HTML, NoFetching, stylesheet


def _layout(edition: AssembledEdition):
    html_class, fetcher, stylesheet = _weasyprint()
    html = html_class(string=edition_print_document(edition), url_fetcher=fetcher())
    return html.render(stylesheets=[stylesheet])


def _with_pages(edition: AssembledEdition, ranges: dict[str, str]) -> AssembledEdition:
    priorities = tuple(
        dataclasses.replace(p, pages=ranges.get(p.anchor, _PLACEHOLDER)) for p in edition.priorities
    )
    return dataclasses.replace(edition, priorities=priorities)


def page_ranges(document, anchors: list[str]) -> dict[str, str]:
    """{anchor: "3-5"} from a laid-out document, pages counted from 1."""
    starts = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            if anchor in anchors and anchor not in starts:
                starts[anchor] = number
    ordered = sorted(starts.items(), key=lambda item: item[1])
    ranges = {}
    for index, (anchor, start) in enumerate(ordered):
        end = ordered[index + 1][1] - 1 if index + 1 < len(ordered) else len(document.pages)
        ranges[anchor] = str(start) if end <= start else f"{start}-{end}"
    return ranges


def edition_pdf(edition: AssembledEdition) -> bytes:
    anchors = [p.anchor for p in edition.priorities]
    document = _layout(_with_pages(edition, {}))
    ranges = page_ranges(document, anchors)
    # Filling in the numbers could, in principle, move a page break; lay out until stable.
    for _ in range(3):
        document = _layout(_with_pages(edition, ranges))
        settled = page_ranges(document, anchors)
        if settled == ranges:
            break
        ranges = settled
    # Tagged: a structure tree and the document's language, for screen readers.
    return document.write_pdf(pdf_tags=True)
