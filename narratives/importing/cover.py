"""The cover (title, quarter, data month, version, produced, unit) and the contents table."""

import datetime
import re
from dataclasses import dataclass

from narratives.importing.model import Cover, NotAnEdition
from narratives.importing.noise import Line
from priorities.periods import Quarter, quarter_of_month

MONTHS = {
    name.casefold(): number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?P<year>\d{4})"
PERIODS = (
    re.compile(
        r"\bQuarter\s+(?P<q>[1-4])\s*[-–—,:]?\s*(?P<y>\d{4})\s*[/-]\s*(?P<y2>\d{2,4})\b", re.I
    ),
    re.compile(
        r"\b(?P<y>\d{4})\s*[/-]\s*(?P<y2>\d{2,4})\s*[-–—,]?\s*(?:Quarter\s*|Q)(?P<q>[1-4])\b", re.I
    ),
    re.compile(r"\bQ(?P<q>[1-4])\s*[-–—,]?\s*(?P<y>\d{4})\s*[/-]\s*(?P<y2>\d{2,4})\b", re.I),
)
DATA_TO = re.compile(r"\bData\s+(?:up\s+)?to\s*:?\s*(?:the\s+)?(?:end\s+of\s+)?" + MONTH, re.I)
VERSION = re.compile(r"\bVersion\s*:?\s*v?(?P<version>\d{1,2}(?:\.\d{1,2})?)\b", re.I)
PRODUCED = re.compile(
    r"\bProduced\s*:?\s*(?:in\s+|on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + MONTH, re.I
)
PRODUCED_BY = re.compile(r"\bProduced\s+by\s*:?\s*(?P<unit>.+)$", re.I)
# Years an edition of the plan can be about; "June 0000" or "9999/00" is a typo, not a date.
YEARS = range(1990, 2101)
# Longest cover and heading texts the database keeps (Plan.title, Priority.title,
# Edition.producing_unit): longer ones are lines run together, refused with where they are.
PLAN_TITLE_MAX, PRIORITY_TITLE_MAX, UNIT_MAX = 200, 300, 200
PRIORITY = re.compile(r"^Priority\s+(?P<number>\d{1,2})\s*[-–—:.]\s*(?P<title>\S.*?)\s*$", re.I)
PAGE_RANGE = re.compile(r"(?:\s*\.{2,}\s*|\s+)(?P<pages>\d{1,3}(?:\s*[-–]\s*\d{1,3})?)$")
TABLE_RULE = re.compile(r"^\|[\s:|-]*\|$")


@dataclass(frozen=True)
class ContentsRow:
    number: int
    title: str


def priority_heading(text: str) -> tuple[int, str] | None:
    """ "Priority 2 – Crack Down on ..." → (2, "Crack Down on ..."); a contents row is not one."""
    match = PRIORITY.match(text)
    if not match or PAGE_RANGE.search(match.group("title")):
        return None
    return int(match.group("number")), match.group("title")


def body_heading(text: str) -> tuple[int, str] | None:
    """A heading in the body, where a converted page may leave its page number after the title:
    "Priority 1 – Local Policing 3" → (1, "Local Policing"). Table rows stay contents rows."""
    heading = priority_heading(text)
    if heading or text.startswith("|") or ".." in text:
        return heading
    row = contents_row(text)
    return (row.number, row.title) if row and row.title else None


def contents_row(text: str) -> ContentsRow | None:
    """A row of the contents table: "| Priority 1 – Title | 3-5 |" or "Priority 1 – Title .. 3"."""
    if text.startswith("|"):
        cells = [cell.strip() for cell in text.strip("|").split("|") if cell.strip()]
        text = " ".join(cells)
    match = PRIORITY.match(text)
    pages = match and PAGE_RANGE.search(match.group("title"))
    if not pages:
        return None
    return ContentsRow(int(match.group("number")), match.group("title")[: pages.start()].strip())


def is_contents_noise(text: str) -> bool:
    return bool(TABLE_RULE.match(text)) or text.casefold() in {"contents", "table of contents"}


def read_cover(cover_lines: list[Line], headers: list[str], warnings: list[str]) -> Cover:
    """The cover's details; NotAnEdition when no reporting period is stated anywhere."""
    texts = [line.text for line in cover_lines if line.text]
    # The cover's own period line before the title's, and both before page headers: a
    # header or title left from another quarter's edition does not change the period.
    period = _first_period(texts[1:]) or _first_period(texts[:1]) or _first_period(headers)
    if period is None:
        raise NotAnEdition(
            'no reporting period found (an edition states one such as "Quarter 2 - 2020/21")'
        )
    cover = Cover(title=texts[0] if texts else "", period=period)
    cover.data_to = _month_of(DATA_TO, texts)
    cover.produced = _month_of(PRODUCED, texts)
    cover.version = next((m.group("version") for m in _matches(VERSION, texts)), None)
    cover.producing_unit = _producing_unit(texts)
    _check_lengths(cover, cover_lines, warnings)
    for name, value in (("data month", cover.data_to), ("version", cover.version)):
        if value is None:
            warnings.append(f"The cover states no {name}.")
    if cover.produced is None:
        warnings.append("The cover states no month it was produced.")
    if cover.data_to and quarter_of_month(cover.data_to.year, cover.data_to.month) != period:
        warnings.append(f"The cover's data month ({cover.data_to:%B %Y}) is not in {period.label}.")
    return cover


def _check_lengths(cover: Cover, cover_lines: list[Line], warnings: list[str]) -> None:
    if len(cover.plan_title) > PLAN_TITLE_MAX:
        line = next(line.number for line in cover_lines if line.text)
        raise NotAnEdition(
            f"line {line}: the title is {len(cover.plan_title):,} characters long (at most "
            f"{PLAN_TITLE_MAX}); is the cover run together with the text after it?"
        )
    if len(cover.producing_unit) > UNIT_MAX:
        warnings.append(
            f"The producing unit on the cover is {len(cover.producing_unit):,} characters long "
            f"(at most {UNIT_MAX}); it is left out."
        )
        cover.producing_unit = ""


def _first_period(texts: list[str]) -> Quarter | None:
    for text in texts:
        for pattern in PERIODS:
            for match in pattern.finditer(text):
                year, second = int(match.group("y")), int(match.group("y2"))
                if second % 100 == (year + 1) % 100 and year in YEARS:
                    return Quarter(year, int(match.group("q")))
    return None


def _matches(pattern: re.Pattern, texts: list[str]):
    return (match for text in texts if (match := pattern.search(text)))


def _month_of(pattern: re.Pattern, texts: list[str]) -> datetime.date | None:
    for match in _matches(pattern, texts):
        if int(match.group("year")) in YEARS:
            return datetime.date(
                int(match.group("year")), MONTHS[match.group("month").casefold()], 1
            )
    return None


def _producing_unit(texts: list[str]) -> str:
    by = next(_matches(PRODUCED_BY, texts), None)
    if by is not None:
        return by.group("unit").strip()
    fields = [i for i, text in enumerate(texts) if PRODUCED.search(text) or VERSION.search(text)]
    for text in texts[fields[-1] + 1 :] if fields else []:
        if is_contents_noise(text) or contents_row(text) or text.startswith("|"):
            break
        return text
    return ""
