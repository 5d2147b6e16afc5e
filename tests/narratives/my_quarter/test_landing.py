"""Each role lands on its own page after signing in, and the header links it to its pages."""

import pytest
from django.contrib.auth import get_user_model

from priorities.models import Period
from tests.priorities.world import PASSWORD, build_world
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return build_world()


def superuser():
    return get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)


@pytest.mark.parametrize(
    ("who", "landing"),
    [
        ("officer", "/my-quarter/"),
        ("analyst", "/review/2020-21/q2/"),
        ("manager", "/dashboards/"),
        ("superuser", "/admin/"),
    ],
)
def test_home_takes_each_role_to_its_page(client, w, who, landing):
    user = superuser() if who == "superuser" else getattr(w, who)
    login_verified(client, user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == landing


def test_the_public_still_get_the_published_editions(client, w):
    assert client.get("/")["Location"] == "/editions/"


def test_an_analyst_lands_on_the_latest_quarter_when_none_is_open(client, w):
    Period.objects.filter(pk=w.q2.pk).update(is_open=False)
    login_verified(client, w.analyst)
    assert client.get("/")["Location"] == "/review/2020-21/q2/"


def test_signing_in_lands_the_officer_on_my_quarter(client, w):
    w.officer.set_password(PASSWORD)
    w.officer.save()
    login = client.get("/admin/login/")
    assert 'name="next" value="/"' in login.content.decode()
    response = client.post(
        "/admin/login/", {"username": "north.officer", "password": PASSWORD, "next": "/"}
    )
    assert response["Location"] == "/"
    assert client.get("/")["Location"] == "/my-quarter/"
    # Signed in already, the sign-in page goes to the role's page too.
    assert client.get("/admin/login/")["Location"] == "/"


def test_a_next_address_still_wins_over_the_landing(client, w):
    page = client.get("/admin/login/?next=/admin/narratives/entry/")
    assert 'value="/admin/narratives/entry/"' in page.content.decode()


def nav_links(client) -> list[str]:
    html = client.get("/editions/").content.decode()
    nav = html.split('aria-label="Site"', 1)[1].split("</nav>", 1)[0]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in nav.split("<a ")[2:]]


@pytest.mark.parametrize(
    ("who", "links"),
    [
        ("officer", ["My quarter", "Dashboards", "Data entry", "Published editions"]),
        ("analyst", ["Review", "Dashboards", "Data entry", "Published editions"]),
        ("manager", ["Dashboards", "Published editions"]),
        (None, ["Published editions", "Log in"]),
    ],
)
def test_the_site_header_links_each_role_to_its_pages(client, w, who, links):
    if who:
        login_verified(client, getattr(w, who))
    assert nav_links(client) == links


def test_the_admin_header_links_the_officer_to_my_quarter(client, w):
    login_verified(client, w.officer)
    html = client.get("/admin/").content.decode()
    header = html.split('aria-label="Your pages"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/my-quarter/"' in header
    assert 'href="/review/"' not in header
