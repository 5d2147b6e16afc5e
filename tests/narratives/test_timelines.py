"""Timelines of areas and operations: what the published editions printed, quarter by quarter,
and nothing the public may not read."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from narratives.editions.export import public_export
from narratives.editions.publishing import edition_publish
from narratives.models import Entry
from priorities.models import Area
from priorities.services import area_slug_free, areas_load
from tests.narratives.timeline_world import HIDDEN_WORDS, quarters_add, timeline_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return timeline_world(quarters=3)


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def positions(text: str, *needles: str) -> list[int]:
    found = [text.find(needle) for needle in needles]
    assert -1 not in found, dict(zip(needles, found, strict=True))
    return found


def test_the_areas_page_links_every_area_in_tree_order(client, world):
    text = page(client, "/areas/")
    links = re.findall(r'href="/areas/([^"/]+)/"', text)
    assert links == ["demo-police", "south-lpa", "southend", "rochford", "north-lpa", "colchester"]


def test_an_lpa_timeline_holds_its_districts_newest_quarter_first(client, world):
    text = page(client, "/areas/south-lpa/")
    q3, q2, q1 = positions(text, "<h2", "2020/21 Q2</h2>", "2020/21 Q1</h2>")
    assert q3 < q2 < q1 and "2020/21 Q3</h2>" in text
    for tag in ("[Q1]", "[Q2]", "[Q3]"):
        for words in ("Southend patrols", "South LPA problem solving", "Rochford lanes"):
            assert f"{words} {tag}" in text
    assert "Colchester" not in text.split("<h1")[1]  # North LPA's entries are not South's
    assert "2021/22" not in text


def test_oldest_first_reverses_the_quarters(client, world):
    text = page(client, "/areas/south-lpa/?order=oldest")
    first, second, third = positions(text, "2020/21 Q1</h2>", "2020/21 Q2</h2>", "2020/21 Q3</h2>")
    assert first < second < third
    assert 'href="?">newest first</a>' in text


def test_a_district_timeline_has_its_own_and_shared_entries_only(client, world):
    text = page(client, "/areas/southend/")
    # The area as its writer labelled it.
    assert '<strong class="area-label">Seafront:</strong> Southend patrols [Q2].' in text
    assert "Southend patrols [Q2]" in text
    assert "Joint warrants in both towns [Q2]" in text  # for Southend and Rochford together
    assert "Rochford lanes" not in text and "South LPA problem solving" not in text
    rochford = page(client, "/areas/rochford/")
    assert "Rochford lanes [Q1]" in rochford and "Joint warrants in both towns [Q1]" in rochford


def test_each_entry_links_to_its_anchor_in_its_quarters_edition(client, world):
    text = page(client, "/areas/rochford/")
    entry = world.entries[2]["rochford"]
    anchor = f"/editions/2020-21/q2/#entry-{entry.pk}"
    assert f'href="{anchor}"' in text
    assert f'id="entry-{entry.pk}"' in page(client, "/editions/2020-21/q2/")


def test_nothing_unpublished_or_not_for_publication_shows(client, world):
    for path in ("/areas/demo-police/", "/areas/southend/", "/areas/demo-police.csv"):
        text = page(client, path)
        for word in HIDDEN_WORDS:
            assert word not in text, (path, word)
    assert "Southend patrols [Q1]" in page(client, "/areas/demo-police/")


def test_an_entry_withheld_after_publication_leaves_the_timeline(client, world):
    Entry.objects.filter(pk=world.entries[1]["south"].pk).update(not_for_publication=True)
    text = page(client, "/areas/south-lpa/")
    assert "South LPA problem solving [Q1]" not in text
    assert "Rochford lanes [Q1]" not in text  # nested under it
    assert "Rochford lanes [Q2]" in text
    world.lantern.not_for_publication = True
    world.lantern.save()
    assert "LANTERN" not in page(client, "/areas/colchester/")
    assert client.get("/operations/lantern/").status_code == 404


def test_a_reissued_quarter_shows_its_latest_version(client, world):
    entry = world.entries[2]["southend"]
    Entry.objects.filter(pk=entry.pk).update(text="Southend patrols, corrected [Q2].")
    edition_publish(period=world.periods[1], version="1.1", by=world.analyst, change_note="Fix")
    text = page(client, "/areas/southend/")
    assert "Southend patrols, corrected [Q2]." in text and "Southend patrols [Q2]." not in text
    assert "(version 1.1)" in text


def test_filters_by_priority_and_commitment(client, world):
    text = page(client, "/areas/southend/?priority=2")
    assert "Safer streets in Southend [Q3]" in text and "Southend patrols" not in text
    text = page(client, "/areas/southend/?commitment=1.1")
    assert "Southend patrols [Q3]" in text and "Safer streets" not in text.split("</form>")[1]
    assert '<option value="1.1" selected>' in text
    text = page(client, "/areas/southend/?priority=9&commitment=<b>x';--")
    assert "Nothing here is filed under “9” or “&lt;b&gt;x&#x27;;--”" in text
    assert "Southend patrols [Q3]" not in text and "<b>x" not in text


def test_the_csv_holds_the_timeline(client, world, settings):
    settings.PCP_SITE_URL = "https://update.example.org/"
    response = client.get("/areas/rochford.csv?order=oldest")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["quarter"] for row in rows] == ["2020/21 Q1"] * 2 + ["2020/21 Q2"] * 2 + [
        "2020/21 Q3"
    ] * 2
    assert rows[0]["area_label"] and rows[0]["url"].startswith(
        "https://update.example.org/editions/"
    )
    assert {row["text"] for row in rows[:2]} == {
        "Joint warrants in both towns [Q1].",
        "Rochford lanes [Q1].",
    }


def test_an_operation_page_is_its_timeline(client, world):
    text = page(client, "/operations/lantern/")
    q3, q2, q1 = positions(
        text, "Operation LANTERN in Colchester [Q3]", "in Colchester [Q2]", "in Colchester [Q1]"
    )
    assert q3 < q2 < q1
    assert "Southend" not in text.split("<h1")[1]
    assert client.get("/operations/nightjar/").status_code == 404
    rows = list(csv.DictReader(io.StringIO(page(client, "/operations/lantern.csv"))))
    assert len(rows) == 3


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, path)
    return len(captured)


def test_query_counts_do_not_grow_with_quarters_or_entries(client, django_assert_num_queries):
    world = timeline_world(quarters=2)
    paths = ["/areas/", "/areas/south-lpa/", "/areas/south-lpa.csv", "/operations/lantern/"]
    first = {path: _queries(client, path) for path in paths}
    quarters_add(world, quarters=(3, 4))  # twice the quarters, editions and entries
    # Areas; editions; entries about the areas; withheld entries, and those nested under them
    # (one query per level); the two new snapshots (the others were read already); the
    # request's savepoint and release.
    with django_assert_num_queries(first["/areas/south-lpa/"]):
        page(client, "/areas/south-lpa/")
    assert first["/areas/south-lpa/"] == 8
    # Once read, a published snapshot is not read again.
    again = {path: _queries(client, path) for path in paths}
    assert again == {**first, "/areas/south-lpa/": 7}
    assert again["/areas/south-lpa.csv"] == again["/operations/lantern/"] == 7
    # Areas, and the savepoints.
    with django_assert_num_queries(3):
        page(client, "/areas/")


def test_an_unknown_area_is_not_found(client, world):
    assert client.get("/areas/atlantis/").status_code == 404
    assert client.get("/areas/atlantis.csv").status_code == 404


def test_area_addresses_are_unique_and_loading_areas_gives_them(world):
    assert area_slug_free("Southend") == "southend-2"
    assert area_slug_free("St. Osyth & Jaywick") == "st-osyth-jaywick"
    Area.objects.create(name="Maldon", kind=Area.Kind.DISTRICT, parent=world.north)
    north = {"name": "North LPA", "districts": [{"name": "Maldon"}, {"name": "Witham"}]}
    areas_load(data={"force": {"name": "Demo Police"}, "lpas": [north]})
    assert dict(Area.objects.filter(name__in=["Maldon", "Witham"]).values_list("name", "slug")) == {
        "Maldon": "maldon",
        "Witham": "witham",
    }


def test_an_entry_deleted_after_publication_stays_where_it_was_printed(client, world):
    Entry.objects.filter(pk=world.entries[1]["pair"].pk).delete()
    # Printed as for "Southend and Rochford": found by the names the edition printed.
    for path in ("/areas/southend/", "/areas/rochford/", "/areas/south-lpa/"):
        assert "Joint warrants in both towns [Q1]." in page(client, path), path
    assert "Joint warrants" not in page(client, "/areas/north-lpa/")


def test_the_static_export_writes_the_timelines(world, tmp_path):
    exported = public_export(directory=tmp_path)
    assert {
        "/areas/",
        "/areas/south-lpa/",
        "/areas/rochford.csv",
        "/operations/lantern.csv",
    } <= set(exported.pages)
    south = (tmp_path / "areas" / "south-lpa" / "index.html").read_text(encoding="utf-8")
    assert "Rochford lanes [Q3]." in south
    for word in HIDDEN_WORDS:
        assert word not in south
