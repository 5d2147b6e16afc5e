"""Which words in an entry name which metric: a small table of the ways the update writes them.

Each phrase is a regular expression with `{n}` where the figure stands, so the words must touch
the figure: "78,753 non-emergency calls" is not read as emergency calls. A metric a force adds in
the admin is found by its own name written right after a figure ("4,999 Live Chat interactions").
"""

import re

from narratives.figures.claims import NUM

PHRASES: dict[str, tuple[str, ...]] = {
    "specials-headcount": (r"Special Constabulary headcount (?:stood at|was|is|of) {n}",),
    "specials-applications": (r"{n} applications to (?:join )?the Special Constabulary",),
    "specials-hours": (r"Special Constables (?:have )?(?:recorded|worked|given) {n}",),
    "csc-hours": (r"CSCs (?:have )?contributed (?:a total of )?{n}",),
    "calls-101": (r"{n} non-emergency calls",),
    "calls-999": (r"{n} emergency calls",),
    "live-chat": (r"Live Chat (?:has )?(?:seen|had|handled) {n}",),
    "rc-investigations": (r"{n} (?:case )?investigations were received",),
    "rc-public-calls": (r"{n} public calls were processed",),
    "hate-crimes-hirc": (r"reporting of {n} hate crimes",),
    "ksi-casualties": (r"{n} (?:killed (?:and|or) seriously injured|KSI) casualties",),
    "road-fatalities": (r"{n} (?:road )?fatalities", r"{n} of these were fatalities"),
}
# A figure that covers some other stretch of time than the entry's quarter is not the quarter's.
OTHER_TIME = re.compile(
    r"\b(?:since|to date|so far|year to date|financial year|six months|twelve months|"
    r"12 months|per (?:day|week|month)|annual|annually|each year)\b",
    re.IGNORECASE,
)
FIGURE = NUM.format(r"(?P<n>\d+)")


def compiled(phrase: str) -> re.Pattern:
    return re.compile(phrase.replace("{n}", FIGURE), re.IGNORECASE)


COMPILED = {code: tuple(compiled(p) for p in phrases) for code, phrases in PHRASES.items()}


def phrases_for(code: str, name: str) -> tuple[re.Pattern, ...]:
    """The table's phrases for a catalogue metric, or the metric's own name after a figure."""
    if code in COMPILED:
        return COMPILED[code]
    return (compiled(r"{n} " + re.escape(name).replace(r"\ ", r"\s+") + r"\b"),)
