"""The search index of published editions: one row per entry of each published version's public
set, copied from its frozen content, so a result says exactly what was published.

Full text: PostgreSQL keeps a stored `tsvector` (`vector`, English stemming, GIN index);
SQLite keeps an FTS5 table (`narratives_search_fts`, porter stemming) fed by triggers on this
table. Both are created by migration 0006 on their own database only.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from priorities.models import Area, Period


class SearchEntry(models.Model):
    edition = models.ForeignKey(
        "narratives.Edition", on_delete=models.CASCADE, related_name="search_entries"
    )
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    # year * 10 + quarter (20202 for 2020/21 Q2): quarter ranges as one integer comparison.
    quarter_key = models.PositiveIntegerField()
    is_latest = models.BooleanField(default=False, help_text="The quarter's latest version")
    position = models.PositiveIntegerField(help_text="Order within the edition")
    entry_id = models.PositiveIntegerField(help_text="The entry's anchor in the edition page")
    priority = models.PositiveSmallIntegerField()
    priority_title = models.CharField(max_length=300)
    commitment = models.PositiveSmallIntegerField(help_text="Its order within the priority")
    commitment_text = models.TextField()
    area_label = models.CharField(max_length=300, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="+")
    # "|SHIELD II|NIGHTJAR|": operation keys, delimited so one key is found as `|KEY|`.
    operations = models.TextField(blank=True)
    text = models.TextField()
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-quarter_key", "position"]
        verbose_name_plural = "search entries"
        indexes = [
            models.Index(fields=["is_latest", "quarter_key"], name="search_latest_quarter"),
            # Newest first (the model's order): a search with too many matches to rank lists
            # them in this order, reading only a page's worth of rows, on every version too.
            models.Index(fields=["-quarter_key", "position"], name="search_newest_first"),
            GinIndex(fields=["vector"], name="search_entry_vector"),
        ]

    def __str__(self) -> str:
        return f"{self.edition_id}: {self.text[:60]}"

    @property
    def operation_keys(self) -> list[str]:
        return [key for key in self.operations.split("|") if key]
