"""The preview of a bulk import (django-import-export): each row's before and after, as the
columns of an export show them, made only when previewing.

The library deep-copies every row's model instance to diff it (`skip_diff = False`) and renders
every diff to HTML, confirmed imports included, although only the preview shows it: for 10,000
rows that was a third of an import's time. A resource using PreviewMixin runs with the
library's own `skip_diff` (no copies), reads a row's "before" as soon as its instance is found
and its "after" once the row is filled in, and only in a dry run (the preview).
"""

from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from import_export.resources import Diff

# diff_match_patch's own markup (Diff.as_html), so the page looks the same either way.
INSERTED = '<ins style="background:#e6ffe6;">{}</ins>'
DELETED = '<del style="background:#ffe6e6;">{}</del>'
EQUAL = "<span>{}</span>"


def _escaped(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "&para;<br>")
    )


class ColumnsDiff(Diff):
    """Before and after read through the resource's columns as an export writes them: the
    library's Diff reads model attributes only, so columns without one (a metric's code, a
    commitment's "2.1") would show blank."""

    def __init__(self, resource, instance, new):  # not super(): it reads the attributes
        self.left, self.right, self.new = columns_of(resource, instance), [], new

    def compare_with(self, resource, instance):
        self.right = columns_of(resource, instance)

    def as_html(self):
        """As Diff.as_html, without running the diff algorithm on the cells where there is
        nothing to compare (unchanged, all new or all removed: nearly every cell of a file)."""
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            before, after = force_str(before), force_str(after)
            if before != after and self.new:
                before = ""
            cells.append(mark_safe(_cell_html(before, after)))
        return cells


def _cell_html(before: str, after: str) -> str:
    if before == after:
        return EQUAL.format(_escaped(after)) if after else ""
    if not before:
        return INSERTED.format(_escaped(after))
    if not after:
        return DELETED.format(_escaped(before))
    return Diff.as_html(_Pair(before, after))[0]


class _Pair:
    """One cell, for Diff.as_html's own algorithm where a value really changed."""

    new = False

    def __init__(self, before: str, after: str):
        self.left, self.right = [before], [after]


def columns_of(resource, instance) -> list:
    fields = resource.get_import_fields()
    if instance is None:
        return [""] * len(fields)
    return [resource.export_field(field, instance) for field in fields]


class PreviewMixin:
    """For an import resource whose Meta says `skip_diff = True`: the preview's diff is made
    here, in a dry run only (see the module's docstring)."""

    previewing = False

    def get_diff_class(self):
        return ColumnsDiff

    def get_import_fields(self):
        # Asked for on every row and every diff; the columns do not change during an import.
        if getattr(self, "_import_fields", None) is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def import_data(self, dataset, dry_run=False, *args, **kwargs):
        self.previewing = dry_run
        return super().import_data(dataset, dry_run, *args, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if self.previewing:
            # Read now, before the row fills it in: no copy of the instance is needed.
            self._diff = self.get_diff_class()(self, instance, new)
            self._diffed = instance

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.previewing:
            self._diff.compare_with(self, self._diffed)
            row_result.diff = self._diff.as_html()
