"""Conversion noise of a PDF-to-text edition: what is dropped before the text is read.

Page numbers, running page headers, the classification marking and `$_{15}$`-style markup are
removed; words around markup are kept. Line numbers are preserved so messages can point at
the file.
"""

import re
from dataclasses import dataclass, field

MARKUP = re.compile(r"\$\s*[_^]\s*\{[^}$]*\}\s*\$|\$\s*[_^]\s*\w{1,4}\s*\$")
MARKING = re.compile(r"\[\s*(official(?:[\s-]+sensitive)?)\s*\]", re.IGNORECASE)
MARKING_PREFIX = re.compile(r"^(OFFICIAL(?:[\s-]+SENSITIVE)?)\s+[–—-]\s+(?=\S)")
MARKING_LINE = re.compile(r"^(?:official(?:[\s-]+sensitive)?|not protectively marked)$", re.I)
PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?(?:\s*-)?$", re.I)
RUNNING_HEADER = re.compile(
    r"^(?:\d{1,3}\s+)?(?:Police and Crime Plan\b.*)?\bQuarterly Update\b.*$", re.IGNORECASE
)
PERIOD_IN_HEADER = re.compile(r"\b\d{4}\s*/\s*\d{2}\s*Q[1-4]\b|\bQ[1-4]\s*\d{4}\s*/\s*\d{2}\b")
SPACES = re.compile(r"[ \u00a0\u2007\u202f]{2,}")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the file
    indent: int
    text: str  # without indentation; "" for a blank line


@dataclass
class Cleaned:
    lines: list[Line]
    headers: list[str] = field(default_factory=list)  # running headers dropped
    marking: str = ""  # e.g. "OFFICIAL"


def clean(text: str) -> Cleaned:
    """Split into lines and drop the noise; the first non-blank line (the title) is kept."""
    cleaned = Cleaned(lines=[])
    title: str | None = None
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n")
    for number, raw in enumerate(raw_lines, start=1):
        indent, body = _split_indent(raw)
        body = _strip_markup(body, cleaned)
        if body and title is None and not _is_cover_noise(body, cleaned):
            title = body
        elif body and _is_noise(body, title, cleaned):
            body = ""
        cleaned.lines.append(Line(number, indent if body else 0, body))
    return cleaned


def header_marking(headers: list[str]) -> str:
    """The marking a running header or footer carries ("OFFICIAL", "OFFICIAL – Police ...")."""
    for header in headers:
        found = MARKING_PREFIX.match(header) or MARKING_LINE.match(header.strip())
        if found:
            return " ".join(found.group(0).rstrip(" –—-").upper().split())
    return ""


def _split_indent(raw: str) -> tuple[int, str]:
    raw = raw.expandtabs(4).replace("\u200b", "").replace("\ufeff", "")
    raw = raw.replace("\u00a0", " ").rstrip()
    body = raw.lstrip(" ")
    return len(raw) - len(body), body


def _strip_markup(body: str, cleaned: Cleaned) -> str:
    prefix = MARKING_PREFIX.match(body)
    if prefix:  # "OFFICIAL – Police and Crime Plan ...": a running header led by the marking
        cleaned.marking = cleaned.marking or " ".join(prefix.group(1).split())
        body = body[prefix.end() :]
    found = MARKING.search(body)
    if found and not cleaned.marking:
        cleaned.marking = " ".join(found.group(1).upper().split())
    body = MARKING.sub(" ", MARKUP.sub(" ", body))
    return SPACES.sub(" ", body).strip()


def _is_cover_noise(body: str, cleaned: Cleaned) -> bool:
    """Before the title: a marking, a page number or a numbered page header is not the title."""
    if PAGE_NUMBER.match(body) or MARKING_LINE.match(body):
        return _is_noise(body, None, cleaned)
    if _is_running_header(body) and re.search(r"^\d{1,3}\s|\s\d{1,3}$", body):
        cleaned.headers.append(body)
        return True
    return False


def _is_noise(body: str, title: str | None, cleaned: Cleaned) -> bool:
    if PAGE_NUMBER.match(body):
        return True
    if MARKING_LINE.match(body):
        cleaned.marking = cleaned.marking or " ".join(body.upper().split())
        return True
    if body == title or _is_running_header(body):
        cleaned.headers.append(body)
        return True
    return False


def _is_running_header(body: str) -> bool:
    if not RUNNING_HEADER.match(body):
        return False
    has_page = bool(re.match(r"^\d{1,3}\s", body) or re.search(r"\s\d{1,3}$", body))
    return has_page or bool(PERIOD_IN_HEADER.search(body))
