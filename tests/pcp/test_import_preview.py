"""The bulk import preview's before/after cells (pcp.spreadsheets.preview) look exactly as
django-import-export's own Diff renders them, though most cells skip its diff algorithm."""

import pytest
from import_export.resources import Diff

from pcp.spreadsheets.preview import ColumnsDiff

PAIRS = [
    ("", ""),
    ("", "91425"),
    ("74450", "74450"),
    ("74450", "74451"),
    ("North LPA", ""),
    ("a <b> & c\nd", "a <b> & c\nd"),
    ("", '=HYPERLINK("x") <i>'),
    ("Rivertown", "Rivertown & Bay"),
]


def _library(before, after, new):
    diff = Diff.__new__(Diff)
    diff.left, diff.right, diff.new = [before], [after], new
    return diff.as_html()


def _ours(before, after, new):
    diff = ColumnsDiff.__new__(ColumnsDiff)
    diff.left, diff.right, diff.new = [before], [after], new
    return diff.as_html()


@pytest.mark.parametrize("new", [True, False])
@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_each_cell_is_rendered_as_the_library_renders_it(before, after, new):
    assert _ours(before, after, new) == _library(before, after, new)
