"""`load_demo` leaves the demo searchable: its edition is indexed as it is published."""

import io

import pytest
from django.core.management import call_command

from narratives.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_the_demo_edition_is_searchable(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    assert SearchEntry.objects.filter(is_latest=True).exists()
    html = client.get("/search/", {"q": "special constabulary"}).content.decode()
    assert "<mark>Special</mark>" in html and "<mark>Constabulary</mark>" in html
