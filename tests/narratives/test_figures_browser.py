"""In a real browser: the accept button inside the entry's change form posts to the accept view."""

import pytest

from narratives.models import FindingAcceptance
from priorities.roles import ANALYST, user_save_with_role
from tests.factories import DistrictFactory, EntryFactory, PeriodFactory
from tests.second_factor import browser_log_in

WRONG = "The control room took 91,425 calls; an increase of 16,975 (22.5%) on the spring."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_analyst_accepts_a_finding_on_the_change_page(page, live_server):
    entry = EntryFactory(period=PeriodFactory(is_open=True), area=DistrictFactory(), text=WRONG)
    user_save_with_role(username="pau-analyst", role=ANALYST, password="a-long-test-password")
    browser_log_in(page, live_server.url, "pau-analyst", "a-long-test-password")
    page.wait_for_url("**/review/**")  # where an analyst lands
    page.goto(f"{live_server.url}/admin/narratives/entry/{entry.pk}/change/")
    assert page.locator(".figures-expected").inner_text() == "22.8%"
    page.get_by_label("Reason for accepting").fill("Published figure; source rounds down")
    page.get_by_role("button", name="Accept with reason").click()
    page.wait_for_selector(".figures-accepted")
    assert "Published figure; source rounds down" in page.locator(".figures-accepted").inner_text()
    assert FindingAcceptance.objects.get().reason == "Published figure; source rounds down"
