"""The full-text engine behind every search, one adapter per database.

PostgreSQL: the stored `tsvector` (English stemming) matched with `SearchQuery`, ranked with
`SearchRank`, highlighted with `SearchHeadline`. SQLite: the FTS5 tables (porter stemming)
matched with MATCH, ranked by bm25, highlighted with `snippet()`. Both take the same `Terms`,
so no input reaches either engine as an operator. Highlights come back marked with MARK_START
and MARK_END (control characters no published text holds) for the page to escape and mark up.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from narratives.search.query import Terms

MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 30


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_query(terms: Terms) -> SearchQuery:
    query = None
    for term in terms.terms:
        kind = "phrase" if len(term) > 1 else "plain"
        part = SearchQuery(" ".join(term), config="english", search_type=kind)
        query = part if query is None else query & part
    return query


def matching(entries: QuerySet, terms: Terms) -> QuerySet:
    """The index rows among `entries` that hold every term (unordered)."""
    if _postgres():
        return entries.filter(vector=_pg_query(terms))
    return entries.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM narratives_search_fts WHERE narratives_search_fts MATCH %s",
            [terms.fts5()],
        )
    )


def ranked_ids(entries: QuerySet, terms: Terms, *, offset: int = 0, limit: int | None = None):
    """Ids of the index rows among `entries` holding every term, best first (then by the
    model's order), from `offset`; all of them when `limit` is None."""
    if _postgres():
        rank = SearchRank(F("vector"), _pg_query(terms), normalization=1)
        order = ["-rank", *entries.model._meta.ordering]
        rows = matching(entries, terms).annotate(rank=rank).order_by(*order)
        ids = rows.values_list("pk", flat=True)
        return list(ids[offset:] if limit is None else ids[offset : offset + limit])
    inner, params = entries.order_by().values("pk").query.sql_with_params()
    sql = (
        "SELECT rowid FROM narratives_search_fts WHERE narratives_search_fts MATCH %s "
        f"AND +rowid IN ({inner}) ORDER BY rank, rowid LIMIT %s OFFSET %s"
    )  # `+rowid`: filter the matches; a bare `rowid IN` would run the MATCH once per id
    with connection.cursor() as cursor:
        cursor.execute(sql, [terms.fts5(), *params, -1 if limit is None else limit, offset])
        return [row[0] for row in cursor.fetchall()]


def snippets(ids: list[int], terms: Terms) -> dict[int, str]:
    """Each index row's text around what matched, highlights marked (one query)."""
    if not ids:
        return {}
    if _postgres():
        from narratives.search.models import SearchEntry

        headline = SearchHeadline(
            "text",
            _pg_query(terms),
            config="english",
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        rows = SearchEntry.objects.filter(pk__in=ids).annotate(snippet=headline)
        return dict(rows.values_list("pk", "snippet"))
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT rowid, snippet(narratives_search_fts, 0, %s, %s, ' … ', {SNIPPET_WORDS}) "
        f"FROM narratives_search_fts WHERE narratives_search_fts MATCH %s AND rowid IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [MARK_START, MARK_END, terms.fts5(), *ids])
        return dict(cursor.fetchall())


def entries_matching(entries: QuerySet, terms: Terms) -> QuerySet:
    """Staff search of entries as they stand (drafts too): the same terms on `Entry.text`."""
    if _postgres():
        # The same expression as the GIN index entry_text_search, so the index is used.
        return entries.annotate(text_search=SearchVector("text", config="english")).filter(
            text_search=_pg_query(terms)
        )
    return entries.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM narratives_entry_fts WHERE narratives_entry_fts MATCH %s",
            [terms.fts5()],
        )
    )


def vectors_update(entries: QuerySet) -> None:
    """Store the search vector of these index rows (PostgreSQL; SQLite's triggers do it)."""
    if _postgres():
        entries.update(
            vector=SearchVector("text", weight="A", config="english")
            + SearchVector("area_label", weight="B", config="english")
        )
