"""Publishing from the admin: the analysts' form, its errors, and the re-issue action."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from narratives.models import Edition, Entry
from priorities.models import Period
from priorities.roles import ANALYST, MANAGER, OFFICER, user_save_with_role
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory

pytestmark = pytest.mark.django_db

PUBLISH = "/admin/narratives/edition/publish/"


@pytest.fixture
def analyst(client):
    user = user_save_with_role(username="pau-analyst", role=ANALYST, password="a-long-test-pass")
    client.force_login(user)
    return user


@pytest.fixture
def period():
    period = PeriodFactory(year=2020, quarter=2)
    EntryFactory(
        commitment=CommitmentFactory(),
        period=period,
        status="approved",
        text="Response officers attended 40 rural crime calls.",
    )
    return period


def form(period, **changes):
    data = {
        "period": period.pk,
        "version": "1.0",
        "change_note": "",
        "data_to": "",
        "produced": "2020-10-01",
        "producing_unit": "Performance Analysis Unit",
        "protective_marking": "OFFICIAL",
        "summary_of": period.pk,  # the summary of this quarter was on the page
    }
    return data | changes


def test_analyst_publishes_through_the_admin_form(client, analyst, period):
    listing = client.get("/admin/narratives/edition/").content.decode()
    assert "Publish an edition" in listing
    page = client.get(PUBLISH).content.decode()
    assert "/editions/2020-21/q2/preview/" in page
    response = client.post(PUBLISH, form(period))
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert (edition.version, edition.published_by, str(edition.produced)) == (
        "1.0",
        analyst,
        "2020-10-01",
    )
    assert "/editions/2020-21/q2/v1.0/" in client.get("/admin/narratives/edition/").content.decode()


def test_form_says_what_is_wrong(client, analyst, period):
    client.post(PUBLISH, form(period))
    same = client.post(PUBLISH, form(period)).content.decode()
    assert "must be higher than 1.0" in same
    no_note = client.post(PUBLISH, form(period, version="1.1")).content.decode()
    assert "needs a change note" in no_note
    malformed = client.post(PUBLISH, form(period, version="first")).content.decode()
    assert "is not a version number" in malformed
    assert Edition.objects.count() == 1


def test_reissue_action_suggests_the_next_version(client, analyst, period):
    client.post(PUBLISH, form(period))
    response = client.post(
        "/admin/narratives/edition/",
        {"action": "reissue", "_selected_action": [Edition.objects.get().pk]},
    )
    assert response.status_code == 302 and f"period={period.pk}" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert 'value="1.1"' in page


def test_only_analysts_may_publish(client, period):
    manager = user_save_with_role(username="chief", role=MANAGER, password="a-long-test-pass")
    client.force_login(manager)
    refused = client.get(PUBLISH)
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Only the Performance Analysis Unit publishes editions" in page
    assert "ask the PAU" in page and 'id="user-tools"' in page  # in the admin's layout
    assert client.post(PUBLISH, form(period)).status_code == 403
    assert "Publish an edition" not in client.get("/admin/narratives/edition/").content.decode()
    assert not Edition.objects.exists()


# A summary first, a confirmation when it may surprise, and the quarter closed with it ----------


@pytest.fixture
def open_quarter(period):
    """Still open for entry, deadline a week away, one entry submitted but not approved."""
    Period.objects.filter(pk=period.pk).update(
        is_open=True, entry_deadline=timezone.now() + datetime.timedelta(days=7)
    )
    EntryFactory(period=period, status="submitted", text="Awaiting review.")
    EntryFactory(period=period, status="draft", text="Still being written.")
    period.refresh_from_db()
    return period


def test_publishing_shows_the_summary_first(client, analyst, open_quarter):
    page = client.get(f"{PUBLISH}?period={open_quarter.pk}").content.decode()
    assert "Before publishing 2020/21 Q2" in page
    assert "Approved 1 · Submitted 1 · Draft 1 · Returned 0" in page
    assert "not yet passed" in page and "Open for entry now." in page
    assert "closes 2020/21 Q2 for entry" in page
    # A post that skipped the summary (or chose another quarter) gets the summary, not an edition.
    data = form(open_quarter)
    del data["summary_of"]
    response = client.post(PUBLISH, data | {"confirm": "on"})
    assert (
        response.status_code == 200 and "Before publishing 2020/21 Q2" in response.content.decode()
    )
    assert not Edition.objects.exists()


def test_unapproved_entries_or_an_open_deadline_need_confirmation(client, analyst, open_quarter):
    response = client.post(PUBLISH, form(open_quarter))
    page = response.content.decode()
    assert "2 entries are not approved and will not be in the edition." in page
    assert "has not passed yet" in page
    assert not Edition.objects.exists()
    open_quarter.refresh_from_db()
    assert open_quarter.is_open

    done = client.post(PUBLISH, form(open_quarter, confirm="on"))
    assert done.status_code == 302
    assert Edition.objects.get().version == "1.0"
    open_quarter.refresh_from_db()
    assert not open_quarter.is_open  # closed in the same step
    said = [str(m) for m in get_messages(done.wsgi_request)]
    assert "Published 2020/21 Q2 version 1.0; 2020/21 Q2 is now closed for entry." in said


def test_a_quarter_ready_to_publish_needs_no_confirmation(client, analyst, period):
    Period.objects.filter(pk=period.pk).update(
        is_open=True, entry_deadline=timezone.now() - datetime.timedelta(days=1)
    )
    assert client.post(PUBLISH, form(period)).status_code == 302
    period.refresh_from_db()
    assert not period.is_open


def test_a_failed_publication_leaves_the_quarter_open(client, analyst, open_quarter):
    Entry.objects.filter(period=open_quarter, status="approved").update(status="returned")
    page = client.post(PUBLISH, form(open_quarter, confirm="on")).content.decode()
    assert "has no approved entries" in page
    open_quarter.refresh_from_db()
    assert open_quarter.is_open and not Edition.objects.exists()


def test_after_publishing_every_page_says_the_quarter_is_closed(client, analyst, open_quarter):
    area = Entry.objects.filter(period=open_quarter).first().area
    officer = user_save_with_role(username="officer", role=OFFICER, areas=[area])
    client.post(PUBLISH, form(open_quarter, confirm="on"))
    review = client.get("/review/2020-21/q2/").content.decode()
    assert "Closed for entry." in review and "published" in review

    client.force_login(officer)
    listing = client.get("/admin/narratives/entry/").content.decode()
    assert "No quarter is open for entry" in listing
    assert "2020/21 Q2 was published" in listing
    entry = Entry.objects.filter(period=open_quarter, area=area).first()
    own_page = client.get(f"/admin/narratives/entry/{entry.pk}/change/").content.decode()
    assert "2020/21 Q2 was published" in own_page
    for refused_url in ("/admin/narratives/entry/add/", "/admin/narratives/entry/import/"):
        refused = client.get(refused_url)
        assert refused.status_code == 403
        page = refused.content.decode()
        assert "No quarter is open for entry" in page and 'id="user-tools"' in page
        assert "when the Performance Analysis Unit opens the next quarter" in page
