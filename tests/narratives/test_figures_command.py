"""`manage.py check_figures` and the acceptance of findings."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from narratives.figures.check import check_text
from narratives.figures.services import finding_accept
from narratives.models import FindingAcceptance
from priorities.roles import OFFICER, user_save_with_role
from tests.factories import EntryFactory, ForceFactory, PeriodFactory

WRONG = "The control room took 91,425 calls; an increase of 16,975 (22.5%) on the spring."
RIGHT = "Cadets numbered 410 at the end of the quarter, up from 398 in June."


def run(*args) -> str:
    out = StringIO()
    call_command("check_figures", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def period():
    return PeriodFactory(year=2020, quarter=2)


@pytest.mark.django_db
def test_lists_each_finding_with_entry_sentence_stated_and_expected(period):
    entry = EntryFactory(period=period, area=ForceFactory(), text=WRONG)
    EntryFactory(period=period, area=ForceFactory(), text=RIGHT)
    out = run("--period", "2020/21-Q2")
    assert "2020/21 Q2: 2 claim(s) checked, 1 figures finding(s)." in out
    assert f"#{entry.pk} " in out
    assert f"Sentence: {WRONG}" in out
    assert "Stated:   22.5%" in out
    assert "Expected: 22.8%" in out
    assert "Cadets" not in out


@pytest.mark.django_db
def test_json_output(period):
    entry = EntryFactory(period=period, area=ForceFactory(), text=WRONG)
    EntryFactory(period=PeriodFactory(quarter=1), area=ForceFactory(), text=WRONG)
    data = json.loads(run("--period", "2020/21 Q2", "--json"))
    assert data["period"] == "2020/21 Q2"
    assert len(data["findings"]) == 1
    row = data["findings"][0]
    assert set(row) == {"entry", "stated", "expected", "message"}
    assert row["entry"].startswith(f"#{entry.pk} ")
    assert (row["stated"], row["expected"]) == ("22.5%", "22.8%")
    assert "74,450" in row["message"]


@pytest.mark.django_db
def test_a_period_with_agreeing_figures_says_so(period):
    EntryFactory(period=period, area=ForceFactory(), text=RIGHT)
    assert "2020/21 Q2: 1 claim(s) checked, no figures findings." in run("--period", "2020/21-Q2")
    data = json.loads(run("--period", "2020/21-Q2", "--json"))
    assert (data["findings"], data["claims_checked"]) == ([], 1)


@pytest.mark.django_db
def test_a_period_with_nothing_to_check_says_only_that(period):
    EntryFactory(period=period, area=ForceFactory(), text="Officers visited 12 schools.")
    assert run("--period", "2020/21-Q2").strip() == "2020/21 Q2: no checkable claims."


@pytest.mark.django_db
def test_unknown_or_malformed_period_is_a_clear_error(period):
    with pytest.raises(CommandError, match="no period 2019/20 Q4 is stored"):
        run("--period", "2019/20-Q4")
    with pytest.raises(CommandError, match='"2020 Q9" is not a quarter'):
        run("--period", "2020 Q9")


# Acceptance -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_analyst_accepts_a_finding_and_it_is_listed_as_accepted(period, analyst):
    entry = EntryFactory(period=period, area=ForceFactory(), text=WRONG)
    key = check_text(WRONG)[0].key
    acceptance = finding_accept(
        entry=entry, key=key, reason=" Source table rounds down. ", by=analyst
    )
    assert (acceptance.reason, acceptance.by) == ("Source table rounds down.", analyst)
    out = run("--period", "2020/21-Q2")
    assert "no figures findings" in out
    assert "Accepted by an analyst (1):" in out and "Source table rounds down." in out
    data = json.loads(run("--period", "2020/21-Q2", "--json"))
    assert data["findings"] == []
    assert data["accepted"][0]["reason"] == "Source table rounds down."


@pytest.mark.django_db
def test_accepting_again_updates_the_reason(period, analyst):
    entry = EntryFactory(period=period, area=ForceFactory(), text=WRONG)
    key = check_text(WRONG)[0].key
    finding_accept(entry=entry, key=key, reason="First", by=analyst)
    finding_accept(entry=entry, key=key, reason="Second", by=analyst)
    assert list(FindingAcceptance.objects.values_list("reason", flat=True)) == ["Second"]


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_reason_is_required(period, analyst, reason):
    entry = EntryFactory(period=period, area=ForceFactory(), text=WRONG)
    with pytest.raises(ValidationError, match="Give a reason"):
        finding_accept(entry=entry, key=check_text(WRONG)[0].key, reason=reason, by=analyst)
    assert not FindingAcceptance.objects.exists()


@pytest.mark.django_db
def test_only_a_current_finding_can_be_accepted(period, analyst):
    entry = EntryFactory(period=period, area=ForceFactory(), text=RIGHT)
    with pytest.raises(ValidationError, match="has no figures finding"):
        finding_accept(entry=entry, key=check_text(WRONG)[0].key, reason="ok", by=analyst)


@pytest.mark.django_db
def test_only_analysts_accept_findings(period):
    officer = user_save_with_role(username="district-officer", role=OFFICER)
    entry = EntryFactory(period=period, area=ForceFactory(), text=WRONG)
    with pytest.raises(PermissionDenied):
        finding_accept(entry=entry, key=check_text(WRONG)[0].key, reason="ok", by=officer)
    assert not FindingAcceptance.objects.exists()


@pytest.mark.django_db
def test_an_acceptance_lapses_when_the_sentence_changes(period, analyst):
    entry = EntryFactory(period=period, area=ForceFactory(), text=WRONG)
    finding_accept(entry=entry, key=check_text(WRONG)[0].key, reason="ok", by=analyst)
    entry.text = WRONG.replace("16,975", "16,579")
    entry.save()
    assert "1 figures finding(s)" in run("--period", "2020/21-Q2")
