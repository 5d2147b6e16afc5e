"""The public search page (`/search/?q=...`) and its CSV download (`&format=csv`)."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page

from narratives.operations import operation_slug
from narratives.search.forms import SearchForm
from narratives.search.models import SearchEntry
from narratives.search.query import terms_parse
from narratives.search.selectors import RANK_AT_MOST, SearchFilters, search_all, search_page
from pcp.spreadsheets.cells import spreadsheet_safe

CSV_COLUMNS = [
    "quarter",
    "version",
    "priority",
    "priority_title",
    "commitment",
    "commitment_text",
    "area",
    "text",
    "operations",
    "link",
]
SECONDS = 300  # as the edition pages: a new version shows within this time


@gzip_page
@cache_control(public=True, max_age=SECONDS)
def search(request):
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid filters are dropped with a message; the rest still apply
    filters = form.filters()
    terms = terms_parse(getattr(form, "cleaned_data", {}).get("q", ""))
    asked = bool(terms) or filters != SearchFilters()
    if asked and request.GET.get("format") == "csv":
        return _csv(request, search_all(terms=terms, filters=filters))
    page = None
    if asked:
        page = search_page(terms=terms, filters=filters, number=request.GET.get("page", 1))
    query = request.GET.copy()
    for name in ("page", "format"):
        query.pop(name, None)
    context = {
        "form": form,
        "asked": asked,
        # Open only when a filter is in use: on a phone, open filters push the results far down.
        "filtered": filters != SearchFilters(),
        "typed": bool(request.GET.get("q", "").strip()),
        "words": bool(terms),
        "cap": f"{RANK_AT_MOST:,}",  # more matches than this are listed newest first
        "page": page,
        "results": [(hit, entry_link(hit.entry), timelines(hit.entry)) for hit in page]
        if page
        else [],
        "query": query.urlencode(),
    }
    return render(request, "search/results.html", context)


def entry_link(entry: SearchEntry) -> str:
    """The entry's anchor in the version of the edition it was found in."""
    args = [entry.period.fy, entry.period.quarter, entry.edition.version]
    url = reverse("narratives:edition_version", args=args)
    return f"{url}#entry-{entry.entry_id}"


def timelines(entry: SearchEntry) -> list[tuple[str, str]]:
    """(name, address) of the timelines the result leads to: its areas' and operations'."""
    areas = [
        (area.name, reverse("timelines:area", args=[area.slug]))
        for area in entry.areas.all()
        if area.slug
    ]
    operations = [
        (f"Operation {key}", reverse("narratives:operation", args=[operation_slug(key)]))
        for key in entry.operation_keys
    ]
    return areas + operations


def _csv(request, entries: list[SearchEntry]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="search-results.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = [
            entry.period.label,
            entry.edition.version,
            entry.priority,
            entry.priority_title,
            f"{entry.priority}.{entry.commitment}",
            entry.commitment_text,
            entry.area_label,
            entry.text,
            "; ".join(entry.operation_keys),
            request.build_absolute_uri(entry_link(entry)),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response
