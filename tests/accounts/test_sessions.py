"""Sessions end when idle, at browser close, and everywhere when the password changes."""

import datetime
import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from priorities.roles import OFFICER, user_save_with_role


def test_sessions_end_after_thirty_idle_minutes_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_request_moves_the_idle_expiry_on(client, db):
    officer = user_save_with_role(username="north.officer", role=OFFICER)
    client.force_login(officer)
    client.get("/admin/")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""  # a browser-session cookie: gone when the browser closes
    # As if the last request had been 20 minutes ago: 10 minutes left.
    session = client.session
    session["pcp_seen"] = int(time.time()) - 20 * 60
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=10))
    client.get("/admin/")
    left = Session.objects.get().expire_date - timezone.now()
    assert left > datetime.timedelta(minutes=29)  # 30 minutes from this request


def test_an_idle_session_is_signed_out(client, db):
    officer = user_save_with_role(username="north.officer", role=OFFICER)
    client.force_login(officer)
    session = client.session
    session.set_expiry(-1)  # as if the idle time had passed
    session.save()
    assert client.get("/admin/").status_code == 302


def test_a_password_change_signs_out_every_other_session(db):
    officer = user_save_with_role(
        username="north.officer", role=OFFICER, password="a-long-test-password-4821"
    )
    elsewhere, here = Client(), Client()
    elsewhere.force_login(officer)
    here.force_login(officer)
    assert elsewhere.get("/admin/").status_code == 200
    response = here.post(
        "/admin/password_change/",
        {
            "old_password": "a-long-test-password-4821",
            "new_password1": "another-long-password-9917",
            "new_password2": "another-long-password-9917",
        },
    )
    assert response.status_code == 302
    assert here.get("/admin/").status_code == 200  # the session that changed it carries on
    assert elsewhere.get("/admin/").status_code == 302  # every other one is signed out
