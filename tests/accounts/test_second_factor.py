"""Two-factor sign-in: who must give a second factor, setting one up, codes and backup codes."""

import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from priorities.roles import ANALYST, MANAGER, OFFICER, user_save_with_role
from tests.second_factor import app_code, app_device, login_verified

PASSWORD = "a-long-test-password-4821"


@pytest.fixture
def analyst(db):
    return user_save_with_role(username="pau.analyst", role=ANALYST, password=PASSWORD)


@pytest.fixture
def officer(db):
    return user_save_with_role(username="north.officer", role=OFFICER)


def test_an_analyst_without_a_second_factor_cannot_reach_the_admin(client, analyst):
    client.force_login(analyst)  # the password alone
    for page in ("/admin/", "/admin/narratives/entry/", "/review/", "/dashboards/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/account/two-factor/?next="), page


def test_an_analyst_with_an_app_is_asked_for_its_code(client, analyst):
    device = app_device(analyst)
    client.force_login(analyst)
    response = client.get("/admin/")
    assert response["Location"] == "/account/verify/?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert "Enter the code your authenticator app" in page.content.decode()
    wrong = client.post("/account/verify/", {"code": "000000", "next": "/admin/"})
    assert "That code is wrong" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # The code may have been tried just now (a wrong guess throttles the next try): wait it out.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    right = client.post("/account/verify/", {"code": app_code(device), "next": "/admin/"})
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_signing_in_through_the_pages_asks_for_the_code_before_anything(client, analyst):
    device = app_device(analyst)
    response = client.post(
        "/admin/login/?next=/review/",
        {"username": "pau.analyst", "password": PASSWORD, "next": "/review/"},
    )
    assert response["Location"] == "/review/"
    assert client.get("/review/")["Location"] == "/account/verify/?next=%2Freview%2F"
    response = client.post("/account/verify/", {"code": app_code(device), "next": "/review/"})
    assert client.get("/review/").status_code == 200


def test_setting_up_an_app_gives_backup_codes_that_each_work_once(client, analyst):
    client.force_login(analyst)
    page = client.get("/account/two-factor/?next=/admin/")
    body = page.content.decode()
    assert "<svg" in body and "Enter the six-digit code" in body
    device = TOTPDevice.objects.get(user=analyst, confirmed=False)
    done = client.post("/account/two-factor/", {"code": app_code(device), "next": "/admin/"})
    codes = list(done.context["codes"])
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    other = type(client)()
    other.force_login(analyst)
    assert other.get("/admin/")["Location"].startswith("/account/verify/")
    other.post("/account/verify/", {"code": codes[0], "next": "/admin/"})
    assert other.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(token=codes[0]).count() == 0  # used up

    third = type(client)()
    third.force_login(analyst)
    third.post("/account/verify/", {"code": codes[0], "next": "/admin/"})
    assert third.get("/admin/").status_code == 302


def test_an_unverified_user_cannot_set_up_a_new_app_over_the_old_one(client, analyst):
    app_device(analyst)
    client.force_login(analyst)
    response = client.get("/account/two-factor/?new-app=1")
    assert response["Location"].startswith("/account/verify/")


def test_officers_and_managers_are_not_made_to_by_default(client, officer):
    manager = user_save_with_role(username="command.manager", role=MANAGER)
    for user in (officer, manager):
        client.force_login(user)
        assert client.get("/admin/").status_code == 200


def test_an_officer_who_set_one_up_always_gives_it(client, officer):
    app_device(officer)
    client.force_login(officer)
    assert client.get("/admin/")["Location"].startswith("/account/verify/")


@override_settings(PCP_SECOND_FACTOR_ROLES=["officer", "manager", "analyst"])
def test_a_setting_makes_every_role_give_one(client, officer):
    client.force_login(officer)
    assert client.get("/admin/")["Location"].startswith("/account/two-factor/")


def test_a_superuser_must_give_one(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", None)
    client.force_login(root)
    assert client.get("/admin/")["Location"].startswith("/account/two-factor/")
    login_verified(client, root)
    assert client.get("/admin/").status_code == 200


def test_a_verified_analyst_can_make_new_backup_codes(client, analyst):
    login_verified(client, analyst)
    page = client.get("/account/two-factor/")
    assert "Two-factor sign-in is on" in page.content.decode()
    response = client.post("/account/two-factor/", {"action": "backup-codes"})
    assert len(response.context["codes"]) == 10


def test_the_next_address_cannot_lead_off_the_site(client, analyst):
    device = app_device(analyst)
    client.force_login(analyst)
    response = client.post(
        "/account/verify/", {"code": app_code(device), "next": "https://example.com/"}
    )
    assert response["Location"] == "/"


def test_the_demo_switch_is_refused_without_debug():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "pcp.example.org",
        "PCP_DEMO_WITHOUT_SECOND_FACTOR": "true",
    }
    run = subprocess.run(
        [sys.executable, "-c", "import pcp.settings"], env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "PCP_DEMO_WITHOUT_SECOND_FACTOR is for the demo" in run.stderr


def test_add_user_says_how_to_set_up_the_second_factor(db, monkeypatch, capsys):
    from django.core.management import call_command

    monkeypatch.setenv("PCP_USER_PASSWORD", "a-long-test-password-4821")
    call_command("add_user", "new.analyst", "--role", "analyst")
    out = capsys.readouterr().out
    assert "must set up two-factor sign-in" in out and "/account/two-factor/" in out
    call_command("add_user", "new.manager", "--role", "manager")
    assert "may set up two-factor sign-in" in capsys.readouterr().out


def test_the_demo_says_whether_the_second_factor_is_enforced(settings):
    from narratives.management.commands.load_demo import second_factor_note

    settings.PCP_DEMO_WITHOUT_SECOND_FACTOR = True
    assert "not enforced in this demo" in second_factor_note(port=8123)
    settings.PCP_DEMO_WITHOUT_SECOND_FACTOR = False
    note = second_factor_note(port=8123)
    assert "http://127.0.0.1:8123/account/two-factor/" in note and "backup codes" in note
