"""Public search over the reference edition, imported and published. The same cases run on
SQLite (FTS5) and PostgreSQL (search vectors): CI runs the suite on both."""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command

from narratives.editions.publishing import edition_publish
from narratives.models import Edition, Entry
from narratives.search import selectors, views
from narratives.search.models import SearchEntry
from priorities.models import Area
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def results(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def snippets(html: str) -> list[str]:
    return re.findall(r'<p class="result-snippet"><a href="[^"]*">(.*?)</a></p>', html, re.S)


def found_part(html: str) -> str:
    """The results section: what was found, without the form that echoes the query."""
    start = html.find('<section aria-labelledby="results-heading">')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def count(html: str) -> int:
    found = re.search(r'<h2 id="results-heading">(\d+) results?</h2>', html)
    return int(found.group(1)) if found else 0


def published_texts(edition: Edition) -> list[str]:
    return [item["text"] for item in json.loads(edition.snapshot_json)["entries"]]


def test_county_lines_finds_the_entries_that_say_it_highlighted(client, reference):
    html = results(client, q="county lines")
    texts = published_texts(Edition.objects.get())
    said = [t for t in texts if re.search(r"county lines?", t, re.I)]
    both = [t for t in texts if re.search(r"county", t, re.I) and re.search(r"\blines?\b", t, re.I)]
    assert said and count(html) == len(both) >= len(said)  # every word, anywhere in the entry
    found = snippets(html)
    phrased = [s for s in found if re.search(r"<mark>county</mark>\W*<mark>lines?</mark>", s, re.I)]
    assert len(phrased) == len(said)
    assert all("<mark>" in snippet for snippet in found)


def test_stemming_finds_the_plural_from_the_singular(client, reference):
    assert count(results(client, q="county line")) == count(results(client, q="county lines"))


def test_a_quoted_phrase_finds_the_shield_ii_entries(client, reference):
    html = results(client, q='"Operation SHIELD"')
    shield = Entry.objects.filter(operations__key="SHIELD II").count()
    assert shield and count(html) == shield
    assert all("<mark>" in snippet for snippet in snippets(html))
    rows = SearchEntry.objects.filter(operations__contains="|SHIELD II|")
    assert rows.count() == shield


def test_results_say_where_the_entry_sits_and_link_to_its_anchor(client, reference):
    html = results(client, q='"Operation SHIELD"')
    entry = Entry.objects.filter(operations__key="SHIELD II").first()
    assert f'href="/editions/2020-21/q2/v1.1/#entry-{entry.pk}"' in html
    assert "2020/21 Q2, version 1.1" in html
    assert f"Priority {entry.commitment.priority.number} – " in html
    page = client.get("/editions/2020-21/q2/v1.1/").content.decode()
    assert f'id="entry-{entry.pk}"' in page


def test_filtering_by_southend_keeps_only_southends(client, reference):
    southend = Area.objects.get(name="Southend")
    html = results(client, area=southend.pk)
    assert count(html) >= 1
    ids = SearchEntry.objects.filter(areas=southend).values_list("pk", flat=True)
    assert count(html) == len(ids)
    assert "Southend Council Community Safety Officers" in html
    assert "Colchester" not in "".join(re.findall(r'<p class="result-place">(.*?)</p>', html))


def test_an_lpa_includes_its_districts(client, reference):
    south = Area.objects.get(name="South LPA")
    southend = Area.objects.get(name="Southend")
    assert count(results(client, area=south.pk)) > count(results(client, area=southend.pk))
    assert "Southend Council Community Safety Officers" in results(client, area=south.pk)


def test_a_draft_only_word_finds_nothing_when_logged_out(client, reference):
    entry = a_reference_entry()
    EntryFactory(
        period=entry.period,
        commitment=entry.commitment,
        area=entry.area,
        text="Zebrafinch patrols.",
    )
    html = results(client, q="zebrafinch")
    assert count(html) == 0 and "Nothing found" in html


def test_an_entry_not_for_publication_never_appears(client, reference, analyst):
    entry = a_reference_entry()
    EntryFactory(
        period=entry.period,
        commitment=entry.commitment,
        area=entry.area,
        status=Entry.Status.APPROVED,
        not_for_publication=True,
        text="Covert Quillwort surveillance of the county lines network.",
    )
    edition_publish(period=entry.period, version="1.2", by=analyst, change_note="Re-issued.")
    assert Edition.objects.get(version="1.2").is_published
    internal = Edition.objects.get(version="1.2").internal_snapshot_json
    assert "Quillwort" in internal  # the internal edition has it; the public never does
    for params in ({"q": "quillwort"}, {"q": "county lines"}, {"q": "surveillance"}):
        for versions in ("", "on"):
            html = results(client, **params, versions=versions)
            assert "quillwort" not in found_part(html).lower()  # the query itself is echoed
            csv_text = client.get("/search/", {**params, "format": "csv"}).content.decode()
            assert "quillwort" not in csv_text.lower()
    assert count(results(client, q="quillwort")) == 0
    assert not SearchEntry.objects.filter(text__icontains="quillwort").exists()


def test_results_lead_to_the_timelines_of_their_areas_and_operations(client, reference):
    southend = Area.objects.get(name="Southend")
    html = found_part(results(client, area=southend.pk))
    assert '<a href="/areas/southend/">Southend</a>' in html
    html = found_part(results(client, q='"Operation SHIELD"'))
    assert '<a href="/operations/shield-ii/">Operation SHIELD II</a>' in html
    assert client.get("/areas/southend/").status_code == 200
    assert client.get("/operations/shield-ii/").status_code == 200


def test_an_entry_withheld_after_publishing_leaves_search_as_it_leaves_timelines(client, reference):
    """Marked not for publication after the version was published: the frozen edition still
    has it until a re-issue, but neither search nor the timelines offer it any more."""
    html = results(client, q='"Operation SHIELD"')
    before = count(html)
    assert before > 0
    shield = Entry.objects.filter(text__icontains="SHIELD").first()
    Entry.objects.filter(pk=shield.pk).update(not_for_publication=True)
    after = count(results(client, q='"Operation SHIELD"'))
    assert after < before
    assert f"#entry-{shield.pk}" not in found_part(results(client, q='"Operation SHIELD"'))


def test_latest_version_by_default_every_version_on_request(client, reference, analyst):
    period = reference
    edition_publish(period=period, version="1.2", by=analyst, change_note="Re-issued.")
    latest = count(results(client, q="county lines"))
    every = count(results(client, q="county lines", versions="on"))
    assert every == 2 * latest
    assert "/v1.2/#entry-" in results(client, q="county lines")
    assert "/v1.1/#entry-" not in results(client, q="county lines")


def test_csv_has_every_matching_result(client, reference):
    response = client.get("/search/", {"q": "county lines", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == count(results(client, q="county lines"))
    assert all(re.search(r"county.*\blines?\b", row["text"], re.I | re.S) for row in rows)
    assert rows[0]["link"].startswith("http://testserver/editions/2020-21/q2/v1.1/#entry-")


def test_results_are_paginated(client, reference):
    html = results(client, priority=1)
    total = count(html)
    assert total > 20 and len(snippets(html)) == 20
    second = results(client, priority=1, page=2)
    assert len(snippets(second)) == min(20, total - 20)
    assert "Page 2 of" in second


HOSTILE = [
    "NEAR(county lines)",
    "county AND lines OR NOT",
    "lin*",
    "^county",
    '"county lines',
    'county "',
    "x" * 1000,
    "county " * 200,
    "'; DROP TABLE narratives_searchentry; --",
    "1 OR 1=1",
    "🙂 county 🚓",
    "🙂",
    "   ",
    '""',
    "col:text",
    "\x00\x02\x03",
    "<script>alert(1)</script>",
]


def test_hostile_queries_give_results_or_nothing_found(client, reference):
    # One test for all (the reference edition takes seconds to import).
    for query in HOSTILE:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
        html = response.content.decode()
        assert "<script>alert" not in html
        assert count(html) or "Nothing found" in html or not query.strip(), query
        assert client.get("/search/", {"q": query, "format": "csv"}).status_code == 200


def test_bad_filters_are_left_out_with_a_message(client, reference):
    html = results(client, q="county lines", area="999999", priority="x", quarter_from="1")
    assert count(html) == count(results(client, q="county lines"))
    assert "This filter was left out." in html


def test_the_header_of_public_pages_has_a_labelled_search_box(client, reference):
    html = client.get("/editions/").content.decode()
    assert 'role="search"' in html and 'for="site-search-q"' in html


def test_rebuild_makes_published_editions_searchable_again(client, reference):
    SearchEntry.objects.all().delete()
    assert count(results(client, q="county lines")) == 0
    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    assert "Indexed 1 published version(s)" in out.getvalue()
    found = count(results(client, q="county lines"))
    assert found > 0
    call_command("search_index", stdout=out)  # nothing missing: nothing added twice
    assert count(results(client, q="county lines")) == found


def test_the_results_page_makes_a_fixed_number_of_queries(
    client, reference, django_assert_num_queries
):
    # The request's savepoint and its release; the form's choices (quarters, plan, areas, the
    # public operations in two); the count, a page of ids, snippets, and the rows.
    north = Area.objects.get(name="North LPA")
    with django_assert_num_queries(13):
        html = results(client, q="county lines", area=north.pk)
    assert count(html) > 0
    with django_assert_num_queries(13):
        results(client, q="county lines", versions="on", quarter_from=20202, page=1)
    with django_assert_num_queries(12):  # filters alone: no snippets to make
        results(client, priority=1, page=2)


def a_reference_entry() -> Entry:
    return Entry.objects.filter(status=Entry.Status.APPROVED).first()


def anchors(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<a href="/editions/[^"]*#entry-(\d+)">', html)]


def test_too_many_matches_to_rank_are_listed_newest_first(client, reference, monkeypatch):
    """Past the cap a search is not ranked (ranking reads every match): the page says so, counts
    only to the cap, and lists the newest first; the CSV still has every match in that order."""
    everything = count(results(client, q="county lines"))
    assert everything > 3
    monkeypatch.setattr(selectors, "RANK_AT_MOST", 3)
    monkeypatch.setattr(views, "RANK_AT_MOST", 3)
    html = results(client, q="county lines")
    assert '<h2 id="results-heading">More than 3 results</h2>' in html
    assert "Most recent first: too many matches to rank." in html
    assert "Download every result as CSV" in html
    newest = SearchEntry.objects.filter(entry_id__in=anchors(html)).order_by(
        "-quarter_key", "position"
    )
    assert anchors(html) == list(newest.values_list("entry_id", flat=True))
    assert len(anchors(html)) == 3 and "Page 2 of" not in html
    response = client.get("/search/", {"q": "county lines", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == everything
    ids = [int(row["link"].rsplit("-", 1)[1]) for row in rows]
    positions = dict(SearchEntry.objects.values_list("entry_id", "position"))
    assert [positions[pk] for pk in ids] == sorted(positions[pk] for pk in ids)


def test_filters_alone_past_the_cap_say_the_newest_are_shown(client, reference, monkeypatch):
    assert count(results(client, priority=1)) == 25  # the reference edition's priority 1
    monkeypatch.setattr(selectors, "RANK_AT_MOST", 24)
    monkeypatch.setattr(views, "RANK_AT_MOST", 24)
    html = results(client, priority=1)
    assert "More than 24 results" in html and "too many matches to rank" not in html
    assert "The 24 most recent are shown here" in html
    assert "Page 1 of 2" in html and len(snippets(results(client, priority=1, page=2))) == 4


def test_past_the_cap_the_page_makes_the_same_queries(
    client, reference, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(selectors, "RANK_AT_MOST", 3)
    monkeypatch.setattr(views, "RANK_AT_MOST", 3)
    with django_assert_num_queries(13):  # as ranked: the capped count is the one count
        html = results(client, q="county lines")
    assert "More than 3 results" in html


def test_the_filters_stay_folded_unless_one_is_in_use(client, reference):
    """On a phone, open filters would push the results a screen down."""
    assert '<details class="search-filters">' in results(client, q="county lines")
    southend = Area.objects.get(name="Southend")
    html = results(client, q="county lines", area=southend.pk)
    assert '<details class="search-filters" open>' in html
