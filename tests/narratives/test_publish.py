"""Publishing editions: versions, frozen snapshots, who may publish."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from metrics.models import MetricValue
from narratives.editions.files import file_bytes
from narratives.editions.publishing import (
    CoverDetails,
    edition_publish,
    version_next,
    version_parse,
)
from narratives.models import Edition, Entry
from priorities.roles import OFFICER, user_save_with_role
from tests.factories import CommitmentFactory, EntryFactory, MetricValueFactory, PeriodFactory

pytestmark = pytest.mark.django_db


def stored(edition, fmt: str) -> bytes:
    """A published file's bytes, from the file storage."""
    return file_bytes(edition.files.get(format=fmt))


@pytest.fixture
def period():
    period = PeriodFactory(year=2020, quarter=2)
    commitment = CommitmentFactory(priority__title="Safer Streets")
    EntryFactory(
        commitment=commitment,
        period=period,
        status="approved",
        order=1,
        text="Foot patrols covered 30 estates after dark.",
    )
    EntryFactory(
        commitment=commitment,
        period=period,
        status="approved",
        order=2,
        text="Wardens and police removed 12 abandoned cars.",
    )
    EntryFactory(
        commitment=commitment,
        period=period,
        status="submitted",
        order=3,
        text="A draft note that is not approved yet.",
    )
    return period


def test_analyst_publishes_every_format_once(period, analyst):
    edition = edition_publish(period=period, version="1.0", by=analyst)
    assert (edition.version, edition.version_major, edition.version_minor) == ("1.0", 1, 0)
    assert edition.published_by == analyst and edition.is_published
    assert stored(edition, "pdf").startswith(b"%PDF")
    assert stored(edition, "docx").startswith(b"PK")  # a Word file is a zip
    data = json.loads(stored(edition, "json"))
    assert data == json.loads(edition.snapshot_json)  # the record kept in the database
    assert [e["text"] for e in data["entries"]] == [
        "Foot patrols covered 30 estates after dark.",
        "Wardens and police removed 12 abandoned cars.",
    ]
    assert data["publication"]["version"] == "1.0"
    rows = list(csv.DictReader(io.StringIO(stored(edition, "csv").decode())))
    assert [row["text"] for row in rows] == [e["text"] for e in data["entries"]]
    html = stored(edition, "html").decode()
    assert "not approved yet" not in html
    assert "Foot patrols covered 30 estates" in html


def test_cover_defaults_come_from_settings_and_can_be_overridden(period, analyst, settings):
    settings.PCP_PRODUCING_UNIT = "Insight Team"
    settings.PCP_PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
    first = edition_publish(period=period, version="1.0", by=analyst)
    assert (first.producing_unit, first.protective_marking) == (
        "Insight Team",
        "OFFICIAL-SENSITIVE",
    )
    assert first.data_to.isoformat() == "2020-09-01"
    second = edition_publish(
        period=period,
        version="1.1",
        by=analyst,
        change_note="Corrected the patrol count.",
        cover=CoverDetails(producing_unit="Analysis Hub", protective_marking="OFFICIAL"),
    )
    assert (second.producing_unit, second.protective_marking) == ("Analysis Hub", "OFFICIAL")
    assert "Analysis Hub" in stored(second, "html").decode()


def test_versions_must_go_up_and_a_reissue_needs_a_change_note(period, analyst):
    edition_publish(period=period, version="1.0", by=analyst)
    with pytest.raises(ValidationError, match="needs a change note"):
        edition_publish(period=period, version="1.1", by=analyst)
    for version in ("1.0", "0.9"):
        with pytest.raises(ValidationError, match="must be higher than 1.0"):
            edition_publish(period=period, version=version, by=analyst, change_note="x")
    assert version_next(period=period) == "1.1"
    edition_publish(period=period, version="1.1", by=analyst, change_note="Figures corrected.")
    assert list(Edition.objects.values_list("version", flat=True)) == ["1.0", "1.1"]
    assert version_next(period=period) == "1.2"


@pytest.mark.parametrize("bad", ["", "1", "v1.0", "1.0.1", "one", "1.-1", "<b>1.0</b>"])
def test_a_malformed_version_is_refused_with_the_form_expected(bad):
    with pytest.raises(ValidationError, match='such as "1.0"'):
        version_parse(bad)


def test_only_analysts_publish(period):
    officer = user_save_with_role(username="district-officer", role=OFFICER)
    with pytest.raises(PermissionDenied):
        edition_publish(period=period, version="1.0", by=officer)
    assert not Edition.objects.exists()


def test_nothing_to_publish_without_approved_entries(analyst):
    empty = PeriodFactory(year=2021, quarter=1)
    with pytest.raises(ValidationError, match="no approved entries"):
        edition_publish(period=empty, version="1.0", by=analyst)


def test_published_files_do_not_change_when_entries_and_figures_do(period, analyst, client):
    metric_value = MetricValueFactory(period=period, value=100)
    edition_publish(period=period, version="1.0", by=analyst)
    paths = ["/editions/2020-21/q2" + suffix for suffix in (".pdf", ".docx", ".json", ".csv")]
    paths += ["/editions/2020-21/q2/", "/editions/2020-21/q2/v1.0/"]
    before = {path: client.get(path).content for path in paths}
    entry = Entry.objects.get(text__startswith="Foot patrols")
    entry.text = "Foot patrols covered 31 estates after dark."
    entry.save()
    Entry.objects.filter(status="submitted").update(status="approved")
    MetricValue.objects.filter(pk=metric_value.pk).update(value=250)
    after = {path: client.get(path).content for path in paths}
    assert after == before
    assert b"30 estates" in before["/editions/2020-21/q2/"]
