"""Publishing from the admin: the analysts' form, its errors, and the re-issue action."""

import pytest

from narratives.models import Edition
from priorities.roles import ANALYST, MANAGER, user_save_with_role
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db

PUBLISH = "/admin/narratives/edition/publish/"


@pytest.fixture
def analyst(client):
    user = user_save_with_role(username="pau-analyst", role=ANALYST, password="a-long-test-pass")
    login_verified(client, user)
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
    login_verified(client, manager)
    assert client.get(PUBLISH).status_code == 403
    assert client.post(PUBLISH, form(period)).status_code == 403
    assert "Publish an edition" not in client.get("/admin/narratives/edition/").content.decode()
    assert not Edition.objects.exists()
