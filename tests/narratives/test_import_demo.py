"""`manage.py load_demo`: the shipped demo edition, demo users, the next quarter open."""

import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from metrics.models import MetricValue
from narratives.demo import DEMO_EDITION, DEMO_PASSWORD
from narratives.importing.gazetteer import Gazetteer
from narratives.importing.parser import parse_edition
from narratives.models import Entry, Operation
from priorities.models import Commitment, Period, Priority
from priorities.roles import ANALYST, MANAGER, OFFICER, user_area_ids, user_role
from priorities.services import DEFAULT_AREAS_FILE
from tests.factories import ForceFactory


def load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        load_demo()
    assert not get_user_model().objects.exists()


def test_demo_loads_edition_users_and_open_period(db, debug):
    output = load_demo("--port", "8123")
    assert "http://127.0.0.1:8123/" in output
    assert Priority.objects.count() == 7 and Commitment.objects.count() == 12
    assert Entry.objects.filter(period__year=2020, period__quarter=2).count() == 60
    assert Operation.objects.filter(key="KEYSTONE II").count() == 1
    stated = MetricValue.objects.filter(illustrative=False)
    assert stated.count() == 25
    assert MetricValue.objects.filter(illustrative=True).exists()
    next_period = Period.objects.get(year=2020, quarter=3)
    assert next_period.is_open and next_period.entry_deadline > timezone.now()


def test_demo_users_have_their_roles(db, debug):
    output = load_demo()
    users = {user.username: user for user in get_user_model().objects.all()}
    assert set(users) == {"admin", "analyst", "manager", "officer-north", "officer-southend"}
    assert users["admin"].is_superuser and user_role(users["admin"]) == ANALYST
    assert user_role(users["analyst"]) == ANALYST and user_role(users["manager"]) == MANAGER
    assert user_role(users["officer-north"]) == OFFICER
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())
    southend = user_area_ids(users["officer-southend"])
    assert {area for area in Entry.objects.values_list("area__name", flat=True)} >= {"Southend"}
    assert len(southend) == 1
    assert len(user_area_ids(users["officer-north"])) == 7  # the LPA and its six districts
    for username in users:
        assert re.search(rf"^\s+{username}\s", output, re.M)
    assert f"Password for every demo user: {DEMO_PASSWORD}" in output


def test_password_from_the_environment(db, debug, monkeypatch):
    monkeypatch.setenv("PCP_DEMO_PASSWORD", "another-local-password")
    output = load_demo()
    assert get_user_model().objects.get(username="analyst").check_password("another-local-password")
    assert "another-local-password" not in output


def test_running_twice_is_fine(db, debug):
    load_demo()
    counts = (Entry.objects.count(), MetricValue.objects.count(), Period.objects.count())
    users = get_user_model().objects.count()
    load_demo()
    assert (Entry.objects.count(), MetricValue.objects.count(), Period.objects.count()) == counts
    assert get_user_model().objects.count() == users


def test_another_force_stops_the_demo_clearly(db, debug):
    ForceFactory(name="Demo Police")
    with pytest.raises(CommandError, match="already holds the force"):
        load_demo()


def test_demo_edition_is_in_the_projects_own_words(reference_edition_path):
    """No run of eight words of the force's published text appears in the demo's commitments
    or entries (the cover, headings and lead-ins follow the format, so they may match)."""
    gazetteer = Gazetteer.from_data(json.loads(DEFAULT_AREAS_FILE.read_text()))
    demo = parse_edition(DEMO_EDITION.read_text(), gazetteer=gazetteer)
    reference = _runs(reference_edition_path.read_text())
    ours = [c.text for _, c in demo.commitments()] + [e.text for e in demo.all_entries()]
    shared = {" ".join(run) for text in ours for run in _runs(text) & reference}
    assert not shared, sorted(shared)[:5]


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
