"""The words that name each catalogued metric beside a figure: one table for every reader.

The importer (narratives.importing.figures) reads an imported entry's headline figures with it,
and the figures check (narratives.figures.check) compares an entry's figures with the stored
values with it, so both take the same sentence to state the same metric. Each row is a regular
expression with `{n}` where the figure stands, so the words must touch the figure ("78,753
non-emergency calls" is not read as emergency calls), and, for words too common alone ("429
hours"), a context that must occur somewhere in the entry (case-sensitive, so acronyms stay
acronyms). Each reader puts its own figure pattern in place of `{n}`, and of `{hours}`, a figure
of hours: the importer reads "429 hours" as a number and a word, the figures check as one
figure with its unit.

Order matters: a more specific row claims its figure first ("429 hours" in an entry about
Community Special Constables is theirs, not the Special Constabulary's).
"""

import re
from typing import NamedTuple


class MetricPhrase(NamedTuple):
    code: str  # metrics.catalogue code
    pattern: str  # a regular expression with {n} (or {hours}) where the figure stands
    context: str | None = None  # must occur somewhere in the entry (case-sensitive)
    # False: the importer's only. The importer sets a sentence's comparisons aside before it
    # reads headlines and takes one figure a metric; the figures check reads every sentence
    # and would take a comparison's figure ("in line with last year (912 hours)").
    checked: bool = True


class CompiledPhrase(NamedTuple):
    code: str
    pattern: re.Pattern
    context: re.Pattern | None
    of_hours: bool  # its figure is a figure of hours ({hours})

    def applies_to(self, text: str) -> bool:
        """Whether the entry's text gives the context this phrase needs, if it needs one."""
        return self.context is None or self.context.search(text) is not None


SPECIALS = r"Special Constab|\bSpecials\b"
RESOLUTION_CENTRE = r"Resolution Centre|\bRC\b"

PHRASES: tuple[MetricPhrase, ...] = (
    MetricPhrase("calls-999", r"{n}\s+(?:emergency|999)\s+calls"),
    MetricPhrase("calls-101", r"{n}\s+non-emergency\s+calls"),
    MetricPhrase("live-chat", r"Live\s+Chat\s+(?:has\s+)?(?:seen|had|handled)\s+{n}"),
    MetricPhrase("live-chat", r"{n}\s+(?:live\s+chat\s+)?(?:interactions|chats)", r"Live Chat"),
    MetricPhrase(
        "online-asb-reports",
        r"{n}\s+(?:online\s+)?reports\s+(?:\w+\s+)?(?:generated|made|received|submitted)",
        r"(?i:online\b.{0,60}(?:anti-social behaviour|ASB))",
    ),
    MetricPhrase(
        "rc-investigations",
        r"{n}\s+(?:case\s+)?investigations\s+were\s+received",
    ),
    MetricPhrase(
        "rc-investigations",
        r"{n}\s+(?:crime\s+)?investigations\s+(?:were\s+|have\s+been\s+)?received",
        RESOLUTION_CENTRE,
    ),
    MetricPhrase("rc-public-calls", r"{n}\s+public\s+calls\s+were\s+processed"),
    MetricPhrase("rc-public-calls", r"{n}\s+public\s+calls", RESOLUTION_CENTRE),
    MetricPhrase(
        "specials-headcount",
        r"Special\s+Constabulary\s+headcount\s+(?:stood\s+at|was|is|of)\s+{n}",
    ),
    MetricPhrase(
        "specials-headcount", r"headcount\s+(?:stood\s+at|of|was|is|reached)\s+{n}", SPECIALS
    ),
    MetricPhrase(
        "specials-applications",
        r"{n}\s+applications\s+to\s+(?:join\s+)?the\s+Special\s+Constabulary",
    ),
    MetricPhrase("specials-applications", r"{n}\s+applications", SPECIALS),
    MetricPhrase("specials-joiners", r"{n}\s+(?:\w+\s+){0,2}?(?:have\s+|has\s+)?joined", SPECIALS),
    MetricPhrase("specials-leavers", r"{n}\s+(?:have\s+|has\s+)?(?:leaving|left)\b", SPECIALS),
    MetricPhrase("csc-hours", r"CSCs\s+(?:have\s+)?contributed\s+(?:a\s+total\s+of\s+)?{n}"),
    MetricPhrase("csc-hours", r"{hours}", r"Community Special Constable|\bCSCs?\b"),
    MetricPhrase("esp-hours", r"{hours}", r"Employer Supported Policing|\bESP\b"),
    MetricPhrase(
        "specials-hours", r"Special\s+Constables\s+(?:have\s+)?(?:recorded|worked|given)\s+{n}"
    ),
    # "Special Constab" also stands in ESP and CSC sentences, whose other hours are not theirs.
    MetricPhrase("specials-hours", r"{hours}", SPECIALS, checked=False),
    MetricPhrase("hate-crimes-hirc", r"reporting\s+of\s+{n}\s+hate\s+crimes"),
    MetricPhrase("hate-crimes-hirc", r"{n}\s+hate\s+crimes", r"Reporting Centre|\bHIRCs?\b"),
    MetricPhrase("ksi-casualties", r"{n}\s+(?:killed\s+(?:and|or)\s+seriously\s+injured|KSI)\b"),
    MetricPhrase(
        "road-fatalities",
        r"{n}\s+(?:(?:of\s+(?:these|them|those)\s+)?were\s+)?(?:road\s+)?fatalities",
    ),
)

CODES = frozenset(phrase.code for phrase in PHRASES)


def phrases_compiled(
    *, figure: str, hours: str, checking: bool = False
) -> tuple[CompiledPhrase, ...]:
    """The table, in its order, with the reader's own patterns (each with a named group) for a
    figure in place of `{n}` and for a figure of hours in place of `{hours}`; case is ignored
    in the phrase, not in its context. `checking`: for the figures check (rows it reads)."""
    return tuple(
        CompiledPhrase(
            phrase.code,
            re.compile(
                phrase.pattern.replace("{n}", figure).replace("{hours}", hours), re.IGNORECASE
            ),
            re.compile(phrase.context) if phrase.context else None,
            "{hours}" in phrase.pattern,
        )
        for phrase in PHRASES
        if phrase.checked or not checking
    )
