"""Who may import whom, read from the source: the benchmarks measure the product, not the
tests' helpers, and pcp/spreadsheets (bulk import pieces any app uses) uses none of the apps."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("priorities", "metrics", "narratives")


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "bench").glob("*.py")), ids=lambda p: p.name)
def test_benchmarks_do_not_import_the_tests(path):
    assert "tests" not in imported(path)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "pcp" / "spreadsheets").glob("*.py")), ids=lambda p: p.name
)
def test_spreadsheet_pieces_import_none_of_the_apps(path):
    assert not imported(path) & set(APPS)
