"""The importer's --json lists the figures findings of the edition it reads."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from metrics.models import Metric, MetricValue
from priorities.models import Area, Period

KNOWN = [("22.5%", "22.8%"), ("254 … down from 238", "up: 254 is more than 238")]


def import_json(path, *args) -> dict:
    out = StringIO()
    call_command("import_update", str(path), "--json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_dry_run_lists_the_edition_findings(reference_edition_path):
    data = import_json(reference_edition_path, "--dry-run")
    assert [(f["stated"], f["expected"]) for f in data["findings"]] == KNOWN
    for finding in data["findings"]:
        assert set(finding) == {"entry", "stated", "expected", "message"}
    assert data["findings"][0]["entry"].startswith("1.3 force-wide (line ")


@pytest.mark.django_db
def test_a_real_import_finds_no_more_against_the_values_it_stored(reference_edition_path):
    data = import_json(reference_edition_path)
    assert MetricValue.objects.exists()
    assert [(f["stated"], f["expected"]) for f in data["findings"]] == KNOWN


@pytest.mark.django_db
def test_stored_values_that_differ_from_the_text_are_found_on_a_dry_run(reference_edition_path):
    import_json(reference_edition_path)  # areas, period and metrics as the edition has them
    force = Area.objects.get(kind=Area.Kind.FORCE)
    period = Period.objects.get(year=2020, quarter=2)
    calls = Metric.objects.get(code="calls-999")
    MetricValue.objects.filter(metric=calls, period=period, area=force).update(value=91_452)
    data = import_json(reference_edition_path, "--dry-run")
    found = [(f["stated"], f["expected"]) for f in data["findings"]]
    assert ("91,425", "91,452") in found
    assert len(found) == len(KNOWN) + 1
