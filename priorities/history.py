"""What a change to a text says, word by word: the history pages' differences and the changes
page's.

django-simple-history shows a changed field as its old and new values cut down to about 100
characters ("Opera[30 chars]lines"); a reviewer cannot see what was rewritten. Here a text
field shows its whole text once, the words taken out in <del> and those put in in <ins>
(difflib on word tokens), each announced to screen readers; a field with choices shows its
labels ("Submitted → Approved"). Everything is escaped before it is marked up.
"""

import difflib

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

# Each run of words: ("equal" | "insert" | "delete", words joined by single spaces).
WordRun = tuple[str, str]


def word_diff(old: str, new: str) -> tuple[WordRun, ...]:
    """The new text as runs of kept, deleted and inserted words (whitespace collapsed)."""
    a, b = old.split(), new.split()
    runs: list[WordRun] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            runs.append(("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(("insert", " ".join(b[j1:j2])))
        if tag == "equal":
            runs.append(("equal", " ".join(a[i1:i2])))
    return tuple(runs)


def word_diff_html(old: str, new: str) -> SafeString:
    """The word difference as escaped HTML with <ins> and <del>."""
    marks = {
        "insert": '<ins><span class="visually-hidden">added: </span>{}</ins>',
        "delete": '<del><span class="visually-hidden">removed: </span>{}</del>',
        "equal": "{}",
    }
    return format_html_join(
        " ", "{}", ((format_html(marks[t], w),) for t, w in word_diff(old, new))
    )


class _Whole(ObjDiffDisplay):
    """Values in full: never "[30 chars]"."""

    def common_shorten_repr(self, *args):
        return tuple(map(str, args))


class WordDiffContextHelper(HistoricalRecordContextHelper):
    """Each change of a history page: whole values, a word difference for text fields, the
    labels of a field with choices."""

    def get_obj_diff_display(self) -> ObjDiffDisplay:
        return _Whole()

    def context_for_delta_changes(self, delta) -> list[dict]:
        rows = super().context_for_delta_changes(delta)
        for row, change in zip(rows, delta.changes, strict=True):
            field = self.model._meta.get_field(change.field)
            if field.choices:
                labels = dict(field.flatchoices)
                row["old"] = labels.get(change.old, change.old)
                row["new"] = labels.get(change.new, change.new)
            elif isinstance(field, models.CharField | models.TextField):
                row["words"] = word_diff_html(change.old or "", change.new or "")
        return rows


class WordDiffHistoryMixin:
    """For a SimpleHistoryAdmin: its history page shows word differences."""

    def get_historical_record_context_helper(self, request, historical_record):
        return WordDiffContextHelper(self.model, historical_record)
