"""Fill the search index: published versions not yet in it, or (--rebuild) all of them again."""

from django.core.management.base import BaseCommand

from narratives.search.indexing import search_index_missing, search_index_rebuild
from narratives.search.models import SearchEntry


class Command(BaseCommand):
    help = "Index published editions for search (those missing; --rebuild: every one again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Empty the index and index every version"
        )

    def handle(self, *args, rebuild: bool = False, **options):
        versions = search_index_rebuild() if rebuild else search_index_missing()
        rows = SearchEntry.objects.count()
        self.stdout.write(f"Indexed {versions} published version(s); {rows} entries searchable.")
