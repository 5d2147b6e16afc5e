"""Internal and public editions from one source.

The public edition leaves out what is not for publication in every format (web, PDF, Word,
JSON, CSV, the changes page); the internal edition holds it under its own protective marking, for
logged-in staff only, at its own address, frozen at publication like the public one.
"""

import json

import pytest
from django.contrib.auth import get_user_model

from narratives.editions.publishing import edition_publish
from narratives.models import Edition, Entry
from priorities.roles import MANAGER, OFFICER, user_save_with_role
from tests.builders.public_world import SECRET_WORDS, public_world
from tests.narratives.test_edition_formats import docx_text, pdf_text
from tests.narratives.test_edition_reference import page_text
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db

WITHHELD = (
    "Informant handling in Colbury was reviewed under Operation KESTREL.",
    "Two handlers were trained.",
    "Operation NIGHTJAR (covert, draft only) continued.",
)
PUBLIC = ("Operation LANTERN closed two cannabis farms.", "Cadets helped at 9 community events.")
Q2 = "/editions/2020-21/q2"
FILES = (".pdf", ".docx", ".json", ".csv")


@pytest.fixture
def world():
    w = public_world()
    w.edition = edition_publish(period=w.period, version="1.0", by=w.analyst)
    return w


def text_of(response) -> str:
    suffix = response["Content-Disposition"].rsplit(".", 1)[-1].rstrip('"')
    if suffix == "pdf":
        return " ".join(pdf_text(response.content).split())
    if suffix == "docx":
        return " ".join(docx_text(response.content).split())
    return response.content.decode()


def assert_public(text: str, where: str) -> None:
    for word in SECRET_WORDS:
        assert word.lower() not in text.lower(), f"{where} shows {word!r}"
    for line in PUBLIC:
        assert line in text, f"{where} lacks {line!r}"


def test_the_public_edition_leaves_out_what_is_withheld_in_every_format(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        web = client.get(f"{Q2}/")
    assert_public(page_text(web.content.decode()), "web page")
    assert "OFFICIAL-SENSITIVE" not in web.content.decode()
    for suffix in FILES:
        for path in (f"{Q2}{suffix}", f"{Q2}/v1.0{suffix}"):
            with django_assert_max_num_queries(5):
                response = client.get(path)
            assert response.status_code == 200
            assert_public(text_of(response), path)
    document = json.loads(client.get(f"{Q2}.json").content)
    assert len(document["entries"]) == 2
    assert world.edition.operation_keys == ["LANTERN"]


def test_the_changes_page_shows_no_withheld_entry(client, world):
    Entry.objects.filter(pk=world.informant.pk).update(text="Informant handling widened.")
    Entry.objects.filter(pk=world.cadets.pk).update(text="Cadets helped at 11 events.")
    edition_publish(period=world.period, version="1.1", by=world.analyst, change_note="Cadets.")
    changes = client.get(f"{Q2}/changes/").content.decode()
    assert "0 entries added, 0 removed, 1 changed" in changes
    for word in SECRET_WORDS:
        assert word.lower() not in changes.lower()


def test_staff_read_the_internal_edition_with_its_marking(client, world):
    login_verified(client, world.analyst)
    response = client.get(f"{Q2}/internal/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = page_text(response.content.decode())
    assert "OFFICIAL-SENSITIVE" in page
    for line in WITHHELD + PUBLIC:
        assert line in page
    for suffix in FILES:
        for path in (f"{Q2}/internal{suffix}", f"{Q2}/v1.0/internal{suffix}"):
            file = client.get(path)
            assert file.status_code == 200, path
            assert "no-store" in file["Cache-Control"]
            assert "internal" in file["Content-Disposition"]
            text = text_of(file)
            for line in WITHHELD:
                assert line in text, f"{path} lacks {line!r}"
            if suffix in (".pdf", ".docx"):
                assert "OFFICIAL-SENSITIVE" in text, path
    cover = json.loads(client.get(f"{Q2}/internal.json").content)["edition"]["cover"]
    assert cover["protective_marking"] == "OFFICIAL-SENSITIVE"


def test_the_internal_marking_comes_from_a_setting(client, world, settings):
    settings.PCP_INTERNAL_PROTECTIVE_MARKING = "SECRET-ISH"
    edition_publish(period=world.period, version="1.1", by=world.analyst, change_note="Again.")
    login_verified(client, world.analyst)
    assert "SECRET-ISH" in client.get(f"{Q2}/internal/").content.decode()
    assert "OFFICIAL-SENSITIVE" in client.get(f"{Q2}/v1.0/internal/").content.decode()


@pytest.mark.parametrize("role", [OFFICER, MANAGER])
def test_every_staff_role_reads_the_internal_edition(client, world, role):
    login_verified(client, user_save_with_role(username=f"staff-{role}", role=role))
    assert client.get(f"{Q2}/internal/").status_code == 200


def test_the_internal_edition_is_not_for_the_public(client, world):
    paths = [f"{Q2}/internal/", f"{Q2}/v1.0/internal/"]
    paths += [f"{Q2}/internal{suffix}" for suffix in FILES]
    paths += [f"{Q2}/v1.0/internal{suffix}" for suffix in FILES]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"], path
    login_verified(client, get_user_model().objects.create_user("no-role", password=None))
    for path in paths:
        assert client.get(path).status_code == 403, path
    # The public page links to it for nobody but staff.
    assert "internal" not in client.get(f"{Q2}/").content.decode().lower()


def test_the_internal_edition_is_frozen_at_publication(client, world):
    Entry.objects.filter(pk=world.informant.pk).update(text="Rewritten after publication.")
    login_verified(client, world.analyst)
    page = page_text(client.get(f"{Q2}/internal/").content.decode())
    assert "Informant handling in Colbury was reviewed under Operation KESTREL." in page
    assert "Rewritten after publication." not in page


def test_the_internal_page_reads_one_version(client, world, django_assert_max_num_queries):
    edition_publish(period=world.period, version="1.1", by=world.analyst, change_note="Again.")
    login_verified(client, world.analyst)
    # Session, user, second factor's device, permissions (user's, groups'); period, versions,
    # the chosen version's HTML; savepoints; the record of the internal edition's download.
    with django_assert_max_num_queries(11):
        response = client.get(f"{Q2}/v1.0/internal/")
    assert "This is not the latest version." in response.content.decode()


def test_an_edition_published_before_internal_editions_has_none(client, world):
    Edition.objects.filter(pk=world.edition.pk).update(internal_protective_marking="")
    login_verified(client, world.analyst)
    assert client.get(f"{Q2}/internal/").status_code == 404
    assert client.get(f"{Q2}/internal.pdf").status_code == 404
    assert client.get(f"{Q2}/").status_code == 200


def test_the_preview_shows_analysts_everything(client, world):
    login_verified(client, world.analyst)
    page = page_text(client.get(f"{Q2}/preview/").content.decode())
    for line in WITHHELD + PUBLIC:
        assert line in page
    assert "not for publication" in page.lower()
    public = page_text(client.get(f"{Q2}/preview/?edition=public").content.decode())
    assert "An entry sent back for more detail." in public  # unapproved, so still previewed
    for line in WITHHELD:
        assert line not in public
    pdf = client.get(f"{Q2}/preview.pdf?edition=public")
    assert "Two handlers" not in pdf_text(pdf.content)
    assert "Two handlers" in pdf_text(client.get(f"{Q2}/preview.pdf").content)
