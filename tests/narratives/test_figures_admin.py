"""The figures check on the entry's admin page and the review screen, posting the real forms."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from narratives.figures.check import check_text
from narratives.models import Entry, FindingAcceptance
from priorities.roles import ANALYST, OFFICER, user_save_with_role
from tests.factories import DistrictFactory, EntryFactory, PeriodFactory

WRONG = "The control room took 91,425 calls; an increase of 16,975 (22.5%) on the spring."
RIGHT = "Cadets numbered 410 at the end of the quarter, up from 398 in June."


class FormReader(HTMLParser):
    """What a browser would send from one form: its fields, and its submit buttons apart."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields, self.buttons = form_id, False, [], []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
            if a.get("type") not in ("checkbox", "radio"):
                self.fields.append((a["name"], a.get("value", "")))
            elif "checked" in a:
                self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "button" and a.get("name"):
            self.buttons.append(a)
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def read_form(html: str, form_id: str) -> FormReader:
    reader = FormReader(form_id)
    reader.feed(html)
    return reader


def as_post(fields, **changes) -> dict:
    data: dict = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    return data


@pytest.fixture
def world(db):
    period = PeriodFactory(year=2020, quarter=2, is_open=True)
    district = DistrictFactory()
    entry = EntryFactory(period=period, area=district, text=WRONG)
    analyst = user_save_with_role(username="pau-analyst", role=ANALYST)
    officer = user_save_with_role(username="area-officer", role=OFFICER, areas=[district])
    return entry, analyst, officer


def change_url(entry):
    return reverse("admin:narratives_entry_change", args=[entry.pk])


def test_change_page_shows_the_finding_and_an_accept_form_to_analysts(client, world):
    entry, analyst, _ = world
    client.force_login(analyst)
    page = client.get(change_url(entry)).content.decode()
    assert "Figures check" in page
    assert "The numbers give" in page
    assert '<dd class="figures-stated">22.5%</dd>' in page
    assert '<dd class="figures-expected">22.8%</dd>' in page
    assert "Accept with reason" in page


def test_officers_see_the_finding_but_cannot_accept_it(client, world):
    entry, _, officer = world
    client.force_login(officer)
    page = client.get(change_url(entry)).content.decode()
    assert '<dd class="figures-expected">22.8%</dd>' in page
    assert "Accept with reason" not in page
    key = check_text(WRONG)[0].key
    url = reverse("admin:narratives_entry_figures_accept", args=[entry.pk])
    response = client.post(url, {"figures_accept": key, f"figures_reason_{key}": "fine"})
    assert response.status_code == 403
    assert not FindingAcceptance.objects.exists()


def test_analyst_accepts_with_a_reason_through_the_change_form(client, world):
    entry, analyst, _ = world
    client.force_login(analyst)
    form = read_form(client.get(change_url(entry)).content.decode(), "entry_form")
    (button,) = [b for b in form.buttons if b["name"] == "figures_accept"]
    key = button["value"]
    data = as_post(form.fields, figures_accept=key, **{f"figures_reason_{key}": "Rounded as sent"})
    response = client.post(button["formaction"], data, follow=True)
    assert response.redirect_chain[-1][0] == change_url(entry)
    acceptance = FindingAcceptance.objects.get()
    assert (acceptance.entry, acceptance.key, acceptance.reason) == (entry, key, "Rounded as sent")
    page = response.content.decode()
    assert "Figures finding accepted" in page
    assert "Accepted</strong> by pau-analyst" in page and "Rounded as sent" in page
    assert "Accept with reason" not in page
    entry.refresh_from_db()
    assert entry.text == WRONG  # the accept button saved nothing of the entry


def test_accepting_without_a_reason_says_so_and_records_nothing(client, world):
    entry, analyst, _ = world
    client.force_login(analyst)
    form = read_form(client.get(change_url(entry)).content.decode(), "entry_form")
    (button,) = [b for b in form.buttons if b["name"] == "figures_accept"]
    data = as_post(form.fields, figures_accept=button["value"])
    response = client.post(button["formaction"], data, follow=True)
    assert "Give a reason for accepting this finding." in response.content.decode()
    assert not FindingAcceptance.objects.exists()


def test_a_finding_never_blocks_saving_the_entry(client, world):
    entry, analyst, _ = world
    client.force_login(analyst)
    form = read_form(client.get(change_url(entry)).content.decode(), "entry_form")
    text = WRONG.replace("16,975", "16,000")
    response = client.post(change_url(entry), as_post(form.fields, text=text, _save="Save"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == text
    assert check_text(entry.text)  # still wrong, and saved all the same


def test_enter_in_the_change_form_does_not_accept_a_finding(client, world):
    entry, analyst, _ = world
    client.force_login(analyst)
    form = read_form(client.get(change_url(entry)).content.decode(), "entry_form")
    # Enter presses the form's first submit button: never an Accept.
    assert form.buttons[0]["name"] != "figures_accept"
    assert any(b["name"] == "figures_accept" for b in form.buttons)


def test_an_entry_whose_figures_agree_says_how_many_claims_were_checked(client, world):
    entry, analyst, _ = world
    Entry.objects.filter(pk=entry.pk).update(text=f"{RIGHT} {RIGHT.replace('398', '400')}")
    client.force_login(analyst)
    page = client.get(change_url(entry)).content.decode()
    assert "2 claims checked, none wrong." in page


def test_an_entry_with_nothing_checkable_does_not_claim_its_figures_agree(client, world):
    entry, analyst, _ = world
    Entry.objects.filter(pk=entry.pk).update(text="Officers visited 12 schools and 3 clubs.")
    client.force_login(analyst)
    page = client.get(change_url(entry)).content.decode()
    assert "No checkable claims" in page
    assert "agree" not in page.split('class="figures-summary"')[1].split("</p>")[0]


def test_an_entry_with_a_finding_counts_it_among_the_claims_checked(client, world):
    entry, analyst, _ = world
    client.force_login(analyst)
    page = client.get(change_url(entry)).content.decode()
    assert "1 claim checked, 1 finding:" in page


def test_next_must_stay_on_this_site(client, world):
    entry, analyst, _ = world
    client.force_login(analyst)
    key = check_text(WRONG)[0].key
    url = reverse("admin:narratives_entry_figures_accept", args=[entry.pk])
    data = {"figures_accept": key, f"figures_reason_{key}": "ok", "figures_next": "https://x.test/"}
    assert client.post(url, data)["Location"] == change_url(entry)


# The review screen --------------------------------------------------------------------------------


def review_url(period):
    fy, quarter = period.slug.split("/")
    return reverse("review:period", args=[fy, quarter])


def test_review_screen_shows_findings_and_accepts_one_with_a_reason(client, world):
    entry, analyst, _ = world
    EntryFactory(period=entry.period, area=entry.area, text=RIGHT)
    client.force_login(analyst)
    page = client.get(review_url(entry.period)).content.decode()
    assert page.count('class="figures-findings"') == 1  # only the entry with a finding
    assert '<dd class="figures-expected">22.8%</dd>' in page
    form = read_form(page, "review-form")
    (button,) = [b for b in form.buttons if b["name"] == "figures_accept"]
    key = button["value"]
    data = as_post(form.fields, figures_accept=key, **{f"figures_reason_{key}": "As published"})
    response = client.post(button["formaction"], data, follow=True)
    assert response.redirect_chain[-1][0] == review_url(entry.period)
    assert FindingAcceptance.objects.get().reason == "As published"
    assert "Accepted</strong> by pau-analyst" in response.content.decode()


def test_review_screen_findings_take_the_same_queries_for_more_entries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    entry, analyst, _ = world
    client.force_login(analyst)
    client.get(review_url(entry.period))  # sessions and roles warmed up
    with CaptureQueriesContext(connection) as one:
        client.get(review_url(entry.period))
    for _ in range(10):
        EntryFactory(period=entry.period, area=entry.area, commitment=entry.commitment, text=WRONG)
    with CaptureQueriesContext(connection) as eleven:
        page = client.get(review_url(entry.period)).content.decode()
    assert page.count('class="figures-findings"') == 11
    assert len(eleven) == len(one)
