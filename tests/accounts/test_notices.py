"""Each user's notices: on every home page (their own only), the full list, marking read."""

import pytest

from narratives.entries.workflow import entries_return, entry_submit
from pcp.accounts.models import Notice
from pcp.accounts.notices import notice_record, notices_recent
from tests.priorities.world import build_world
from tests.second_factor import login_verified


@pytest.fixture
def w(db):
    return build_world()


def tell(user, subject: str, link: str = "/editions/") -> Notice:
    return notice_record(user=user, kind="published", subject=subject, body="Body.", link=link)


HOME_PAGES = [
    ("manager", "/dashboards/"),
    ("analyst", "/review/2020-21/q2/"),
    ("officer", "/admin/"),
]


@pytest.mark.parametrize(("who", "address"), HOME_PAGES)
def test_each_home_page_shows_the_users_own_notices_only(w, client, who, address):
    user = getattr(w, who)
    tell(user, "Yours to read", link="/editions/2020-21/q2/")
    for other in (w.officer, w.analyst, w.manager, w.marsh_officer):
        if other != user:
            tell(other, f"Only for {other.username}")
    login_verified(client, user)
    page = client.get(address).content.decode()
    assert 'aria-labelledby="pcp-notices-title"' in page
    assert "Your notices" in page and "(1 new)" in page
    assert '<a href="/editions/2020-21/q2/">Yours to read</a>' in page
    assert "Only for" not in page
    assert "Mark all read" in page and 'href="/account/notices/"' in page


def test_a_user_with_no_notices_is_told_what_will_show(w, client):
    login_verified(client, w.manager)
    page = client.get("/dashboards/").content.decode()
    assert "No notices for you yet" in page and "Mark all read" not in page


def test_recent_notices_newest_first_and_unread_marked(w, client):
    for n in range(7):
        tell(w.manager, f"Notice number {n}")
    Notice.objects.filter(subject="Notice number 6").update(read_at="2020-01-01T00:00Z")
    assert [n.subject for n in notices_recent(user=w.manager)] == [
        f"Notice number {n}" for n in (6, 5, 4, 3, 2)
    ]
    login_verified(client, w.manager)
    page = client.get("/dashboards/").content.decode()
    assert "(6 new)" in page  # counted beyond the five shown
    assert page.count('class="pcp-notice pcp-notice-unread"') == 4
    assert "Notice number 1" not in page


def test_mark_all_read_marks_only_the_users_own_and_goes_back(w, client):
    tell(w.manager, "Mine")
    tell(w.officer, "Theirs")
    login_verified(client, w.manager)
    response = client.post("/account/notices/read/", {"next": "/dashboards/"})
    assert response.status_code == 302 and response["Location"] == "/dashboards/"
    assert Notice.objects.get(subject="Mine").read_at is not None
    assert Notice.objects.get(subject="Theirs").read_at is None
    page = client.get("/dashboards/").content.decode()
    assert "new)" not in page and "Mark all read" not in page
    elsewhere = client.post("/account/notices/read/", {"next": "https://evil.example/"})
    assert elsewhere["Location"] == "/account/notices/"
    assert client.get("/account/notices/read/").status_code == 405


def test_the_full_list_pages_the_users_own_notices_in_a_fixed_number_of_queries(
    w, client, django_assert_max_num_queries
):
    for n in range(30):
        tell(w.officer, f"Officer notice {n}")
    tell(w.manager, "The manager's")
    login_verified(client, w.officer)
    # Session, user, second factor's device, the count, the page, the unread count, the
    # permissions the header's role links are decided by (2; pcp.landing) and SQLite's
    # savepoints: the same for 30 notices or 3.
    with django_assert_max_num_queries(10):
        first = client.get("/account/notices/")
    page = first.content.decode()
    assert "31 notices" not in page and "30 notices, 30 new" in page
    assert page.count('<h2 class="pcp-notice-subject">') == 25
    assert "Officer notice 29" in page and "Officer notice 4" not in page
    assert 'href="?page=2" rel="next">Older</a>' in page
    second = client.get("/account/notices/?page=2").content.decode()
    assert "Officer notice 4" in second and "Officer notice 5" not in second
    assert "The manager's" not in page + second
    assert client.get("/account/notices/?page=99").status_code == 200  # the last page


def test_the_list_is_for_signed_in_users(w, client):
    response = client.get("/account/notices/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_hostile_comment_is_shown_as_text(w, client):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    entries_return(entries=[w.colbury_draft], by=w.analyst, comment=hostile)
    login_verified(client, w.officer)
    page = client.get("/account/notices/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x" in page
    assert "<script>alert" not in page and "<img src=x" not in page
    home = client.get("/admin/").content.decode()
    assert "1 entry returned for changes" in home and "<script>alert" not in home


def test_superusers_read_who_was_told_what_in_the_admin(w, client, django_user_model):
    notice = tell(w.officer, "Reminder for the officer")
    login_verified(client, w.officer)
    assert client.get("/admin/accounts/notice/").status_code == 403
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20)
    login_verified(client, admin)
    listing = client.get("/admin/accounts/notice/").content.decode()
    assert "Reminder for the officer" in listing
    assert client.get(f"/admin/accounts/notice/{notice.pk}/change/").status_code == 200
