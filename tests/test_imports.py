"""The import contracts in .importlinter hold (apps one way, capabilities through their reads and
writes), and would catch an import that breaks them."""

from copy import deepcopy
from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.cli import lint_imports
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".importlinter"
TYPES = {"layers": LayersContract, "protected": ProtectedContract}


def test_the_import_contracts_hold(capsys, monkeypatch):
    # In this interpreter, not the `lint-imports` script: a script's first line names the
    # interpreter it was installed with, which a moved virtualenv no longer has.
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(CONFIG), no_cache=True, no_logo=True)
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert "0 broken" in out.out


@pytest.fixture(scope="module")
def contracts():
    configuration = api.read_configuration(str(CONFIG))
    session = configuration["session_options"]
    return {
        options["name"]: TYPES[options["type"]](
            name=options["name"], session_options=session, contract_options=options
        )
        for options in configuration["contracts_options"]
    }


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("narratives", "metrics", "priorities", "pcp", cache_dir=None)


def broken_by(contracts, graph, importer: str | None = None, imported: str | None = None):
    """The names of the contracts the graph breaks, with one more import if one is given."""
    broken = []
    for name, contract in contracts.items():
        changed = deepcopy(graph)  # a contract takes its ignored imports out of its graph
        if importer:
            changed.add_import(importer=importer, imported=imported)
        if not contract.check(changed, verbose=False).kept:
            broken.append(name)
    return broken


@pytest.mark.parametrize(
    ("importer", "imported", "contract"),
    [
        ("metrics.selectors", "narratives.models", "Apps depend one way"),
        ("priorities.roles", "pcp.accounts.middleware", "Apps depend one way"),
        ("narratives.review.selectors", "narratives.entries.admin_forms", "Entries are used"),
        ("narratives.editions.views", "narratives.review.views", "The review screen is used"),
        ("narratives.importing.batch", "narratives.figures.claims", "The figures check is used"),
        ("narratives.figures.services", "narratives.importing.parser", "The importer is used"),
        ("narratives.review.selectors", "narratives.editions.assembly", "Editions are used"),
        ("narratives.review.views", "narratives.timelines.selectors", "Timelines are used"),
    ],
)
def test_an_import_across_the_rules_is_caught(contracts, graph, importer, imported, contract):
    assert broken_by(contracts, graph) == []
    broken = broken_by(contracts, graph, importer, imported)
    assert len(broken) == 1 and broken[0].startswith(contract), broken


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("narratives.review.views", "narratives.entries.workflow"),
        ("narratives.editions.views", "narratives.figures.selectors"),
        ("narratives.demo", "narratives.editions.publishing"),
        ("narratives.management.commands.check_figures", "narratives.editions.assembly"),
        ("narratives.figures.check", "metrics.phrases"),
    ],
)
def test_reads_and_writes_across_capabilities_are_allowed(contracts, graph, importer, imported):
    assert broken_by(contracts, graph, importer, imported) == []
