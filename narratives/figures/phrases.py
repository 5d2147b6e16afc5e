"""Which words in an entry name which metric, as the figures check reads them.

The words are the one table beside the metric catalogue (metrics.phrases), which the importer
reads too; here `{n}` becomes the figures check's token for a number. A metric a force adds in
the admin is found by its own name written right after a figure ("4,999 Live Chat interactions").
"""

import re
from collections.abc import Iterable

from metrics.phrases import CompiledPhrase, phrases_compiled
from narratives.figures.claims import NUM

# A figure that covers some other stretch of time than the entry's quarter is not the quarter's.
OTHER_TIME = re.compile(
    r"\b(?:since|to date|so far|year to date|financial year|six months|twelve months|"
    r"12 months|per (?:day|week|month)|annual|annually|each year)\b",
    re.IGNORECASE,
)
FIGURE = NUM.format(r"(?P<n>\d+)")
# A figure of hours is one figure here, its unit with it ("1,234 hours"), so `{hours}` is a
# figure; check.py takes it for a row `of_hours` only when its unit is hours.
TABLE = phrases_compiled(figure=FIGURE, hours=FIGURE, checking=True)


def _by_name(name: str) -> re.Pattern:
    words = re.escape(name).replace(r"\ ", r"\s+")
    return re.compile(FIGURE + " " + words + r"\b", re.IGNORECASE)


def phrases_for(metrics: Iterable[tuple[str, str]], text: str) -> list[CompiledPhrase]:
    """The phrases of the metrics given as (code, name): the table's rows for them whose
    context the entry's `text` gives, in the table's order, then each metric by its own name
    (the only words a metric added in the admin has)."""
    metrics = dict(metrics)
    rows = [row for row in TABLE if row.code in metrics and row.applies_to(text)]
    by_name = [CompiledPhrase(code, _by_name(name), None, False) for code, name in metrics.items()]
    return rows + by_name
