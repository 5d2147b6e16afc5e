"""The edition as HTML: the fragment that the web page shows and that publishing freezes."""

from django.template.loader import render_to_string

from narratives.editions.assembled import AssembledEdition


def edition_html(edition: AssembledEdition) -> str:
    """The edition's article, operations linked to their register pages."""
    return render_to_string("editions/_edition.html", {"edition": edition, "link_operations": True})


def edition_print_document(edition: AssembledEdition) -> str:
    """A whole HTML document laid out for paper: what a browser prints (bench/editions.py
    compares our PDF with Chromium printing it)."""
    return render_to_string("editions/pdf.html", {"edition": edition})
