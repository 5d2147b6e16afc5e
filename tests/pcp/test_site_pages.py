"""The site's own pages: error pages in the site's layout, maintenance mode, the accessibility
statement and the footer link to it on public and admin pages."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from narratives.models import Edition
from priorities.roles import OFFICER, user_save_with_role
from tests.factories import UserFactory
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db

STATEMENT = 'href="/accessibility/"'
TRANSACTION_SQL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")


def assert_site_layout(html: str, heading: str):
    assert '<html lang="en-GB">' in html
    assert '<header class="site-header">' in html
    assert '<main id="main"' in html
    assert '<footer class="site-footer">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'href="/"' in html  # a way home


def test_an_unknown_address_gets_the_sites_404_page(client):
    response = client.get("/editions/no-such-quarter/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_site_layout(html, "Page not found")
    assert "check it is correct" in html
    assert 'href="/editions/"' in html
    assert STATEMENT in html


def test_an_unpublished_quarter_is_the_same_404(client):
    assert not Edition.objects.exists()
    response = client.get("/editions/2020-21/q2/")
    assert response.status_code == 404
    assert_site_layout(response.content.decode(), "Page not found")


def test_the_admins_permission_denied_gets_the_sites_403_page(client):
    officer = user_save_with_role(username="north-officer", role=OFFICER)
    client.force_login(officer)
    # A page the admin refuses with PermissionDenied (the publish page has its own refusal).
    response = client.get("/admin/auth/user/")
    assert response.status_code == 403
    html = response.content.decode()
    assert_site_layout(html, "You do not have permission to see this page")
    assert "Your account (north-officer) cannot open this page" in html
    assert 'href="/admin/"' in html


def test_the_review_screens_refusal_is_the_same_403(client):
    login_verified(client, user_save_with_role(username="north-officer", role=OFFICER))
    response = client.get("/review/")
    assert response.status_code == 403
    assert "cannot open this page" in response.content.decode()


def test_a_form_refused_for_its_security_token_gets_the_403_page_saying_why():
    UserFactory(username="someone")
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "someone", "password": "a-long-test-password"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert_site_layout(html, "You do not have permission to see this page")
    assert "The form was not sent" in html
    assert "Nothing you entered in that form has been saved" in html


def test_a_failure_gets_the_500_page_without_touching_the_database(client, settings):
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/fail/")
    # Only the request's own transaction (ATOMIC_REQUESTS) and its rollback: no table is read.
    reads = [q["sql"] for q in captured if not q["sql"].upper().startswith(TRANSACTION_SQL)]
    assert reads == []
    assert response.status_code == 500
    html = response.content.decode()
    assert_site_layout(html, "Sorry, there is a problem with the service")
    assert "may not have been saved" in html


def test_maintenance_mode_answers_every_page_with_503_and_still_serves_styles(client, settings):
    settings.MAINTENANCE_MODE = True
    for url in ("/editions/", "/admin/", "/admin/login/", "/dashboards/"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert_site_layout(html, "Sorry, the service is unavailable")
    assert "closed for maintenance" in html
    assert 'href="/admin/login/"' not in html  # no way into a closed service
    settings.MAINTENANCE_MODE = False
    assert client.get("/editions/").status_code == 200


def test_the_accessibility_statement_says_what_is_not_accessible_and_how_to_report(
    client, settings
):
    settings.PCP_ACCESSIBILITY_CONTACT = "pau-accessibility@example.org"
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    title = "Accessibility statement for the Police and Crime Plan Quarterly Update"
    assert_site_layout(html, title)
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert f"<h2>{heading}</h2>" in html or f"<h3>{heading}</h3>" in html
    assert 'href="mailto:pau-accessibility@example.org"' in html
    assert "Performance Analysis Unit" in html


@pytest.mark.parametrize("url", ["/editions/", "/operations/", "/accessibility/", "/admin/login/"])
def test_every_public_page_links_the_statement_from_its_footer(client, url):
    html = client.get(url).content.decode()
    footer = html[html.index("<footer") :]
    assert STATEMENT in footer


def test_admin_pages_link_the_statement_from_their_footer(client):
    login_verified(client, user_save_with_role(username="north-officer", role=OFFICER))
    for url in ("/admin/", "/admin/narratives/entry/", "/admin/password_change/"):
        html = client.get(url).content.decode()
        assert STATEMENT in html[html.index('<footer id="footer">') :], url


def test_the_site_header_addresses_come_from_the_url_names(client):
    html = client.get("/accessibility/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    for address in ('href="/"', 'href="/editions/"', 'href="/admin/login/"'):
        assert address in header
