"""Reads for search: the filtered set of published entries, a page of ranked results with
highlighted snippets, and every result for the CSV download."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from narratives.public import entry_ids_withheld
from narratives.search import engine
from narratives.search.models import SearchEntry
from narratives.search.query import Terms
from priorities.models import Area

PER_PAGE = 20
# Ranked up to this many matches; beyond, newest first (ranking them all is too slow).
RANK_AT_MOST = 1000


@dataclass(frozen=True)
class SearchFilters:
    quarter_from: int | None = None  # quarter keys: year * 10 + quarter
    quarter_to: int | None = None
    priority: int | None = None
    commitment: tuple[int, int] | None = None  # (priority, commitment order)
    area_ids: frozenset[int] = frozenset()  # the area chosen and every area below it
    operation: str = ""  # an operation's key
    all_versions: bool = False


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    snippet: SafeString


def search_entries(filters: SearchFilters) -> QuerySet[SearchEntry]:
    """The published entries the filters allow, before any words are matched."""
    entries = SearchEntry.objects.all()
    # Withheld since it was published (marked not for publication, or naming an operation so
    # marked, or nested under one): out of search as out of the timelines, till a re-issue.
    withheld = entry_ids_withheld()  # public.py's one rule, nested entries included
    if withheld:
        entries = entries.exclude(entry_id__in=withheld)
    if not filters.all_versions:
        entries = entries.filter(is_latest=True)
    if filters.quarter_from:
        entries = entries.filter(quarter_key__gte=filters.quarter_from)
    if filters.quarter_to:
        entries = entries.filter(quarter_key__lte=filters.quarter_to)
    if filters.priority:
        entries = entries.filter(priority=filters.priority)
    if filters.commitment:
        entries = entries.filter(priority=filters.commitment[0], commitment=filters.commitment[1])
    if filters.area_ids:
        through = SearchEntry.areas.through.objects.filter(area_id__in=filters.area_ids)
        entries = entries.filter(pk__in=through.values("searchentry_id"))
    if filters.operation:
        entries = entries.filter(operations__contains=f"|{filters.operation}|")
    return entries


class _Results:
    """What Paginator needs from a search (a count and slices, one query each), under one rule
    for both databases: ranking reads every match, so only a search with at most RANK_AT_MOST
    matches is ranked. More than that (a common word matches most entries) are counted only up
    to the cap and listed newest first, which the index search_newest_first serves by reading
    a page's worth of rows; the pages then reach the RANK_AT_MOST newest."""

    def __init__(self, entries: QuerySet, terms: Terms):
        self.entries, self.terms = entries, terms
        self.found = engine.matching(entries, terms) if terms else entries
        self.more = False  # known after count(): more than RANK_AT_MOST matched

    def count(self) -> int:
        found = _count_past_cap(self.found)
        self.more = found > RANK_AT_MOST
        return min(found, RANK_AT_MOST)

    @property
    def ranked(self) -> bool:
        return bool(self.terms) and not self.more

    def __getitem__(self, part: slice) -> list[int]:
        if self.ranked:
            limit = part.stop - part.start
            return engine.ranked_ids(self.entries, self.terms, offset=part.start, limit=limit)
        return list(self.found.values_list("pk", flat=True)[part])


def _count_past_cap(found: QuerySet) -> int:
    """How many rows, counting no further than one past RANK_AT_MOST (one query): exact up to
    the cap, so a small result is counted as before and a big one stops reading early."""
    return found.order_by()[: RANK_AT_MOST + 1].count()


def search_page(*, terms: Terms, filters: SearchFilters, number: int | str = 1) -> Page:
    """One page of results, best first (newest first when there are too many to rank);
    `page.object_list` holds `Hit`s, `page.more` says more than `page.paginator.count`
    matched, `page.ranked` whether they are best first."""
    source = _Results(search_entries(filters), terms)
    page = Paginator(source, PER_PAGE).get_page(number)
    ids = list(page.object_list)
    marked = engine.snippets(ids, terms) if terms else {}
    areas = Prefetch("areas", queryset=Area.objects.only("id", "name", "slug").order_by("name"))
    rows = _shown().prefetch_related(areas).in_bulk(ids)
    page.object_list = [Hit(rows[pk], highlighted(marked.get(pk) or rows[pk].text)) for pk in ids]
    page.more, page.ranked = source.more, source.ranked
    return page


def search_all(*, terms: Terms, filters: SearchFilters) -> list[SearchEntry]:
    """Every result (the CSV download), in the page's order: best first when ranked."""
    entries = search_entries(filters)
    found = engine.matching(entries, terms) if terms else entries
    if terms and _count_past_cap(found) <= RANK_AT_MOST:
        ids = engine.ranked_ids(entries, terms)
    else:
        ids = list(found.values_list("pk", flat=True))
    rows = _shown().in_bulk(ids)
    return [rows[pk] for pk in ids]


def _shown() -> QuerySet[SearchEntry]:
    """Index rows with what a result shows: not the edition's frozen files (megabytes)."""
    return SearchEntry.objects.select_related("period", "edition").only(
        *(f.name for f in SearchEntry._meta.concrete_fields if f.name != "vector"),
        "period__year",
        "period__quarter",
        "edition__version",
    )


def highlighted(marked: str) -> SafeString:
    """The engine's marked snippet as HTML: the text escaped, then the marks made <mark>."""
    html = escape(marked).replace(engine.MARK_START, "<mark>").replace(engine.MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added
