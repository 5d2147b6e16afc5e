"""Staff search of entries as they stand (drafts, submitted, returned, approved), with the
public search's engine: stemming and phrases over the entry's text. The caller passes the
entries the user may already see (the admin's scoped queryset, priorities.scoping), so the
search can never widen what a user reaches."""

from django.db.models import Q, QuerySet

from narratives.models import Entry
from narratives.search import engine
from narratives.search.query import terms_parse


def entries_search(*, entries: QuerySet[Entry], text: str) -> QuerySet[Entry]:
    """The entries whose text holds every word and phrase of `text` (none for no words)."""
    terms = terms_parse(text)
    if not terms:
        return entries.none()
    return engine.entries_matching(entries, terms)


def entries_search_or(*, entries: QuerySet[Entry], text: str, also: QuerySet[Entry]) -> QuerySet:
    """`entries` found by full text, or in `also` (the admin's own substring search of the
    commitment, area and operation names), as one queryset of `entries`."""
    found = entries_search(entries=entries, text=text).values("pk")
    return entries.filter(Q(pk__in=found) | Q(pk__in=also.values("pk")))
