"""Sign-in throttling and the sign-in records (django-axes)."""

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.urls import reverse

from priorities.roles import ANALYST, OFFICER, user_save_with_role
from tests.second_factor import login_verified

PASSWORD = "a-long-test-password-4821"
LOGIN = "/admin/login/"


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture(autouse=True)
def quick_hashing(settings):
    # Each attempt hashes the password; the default hasher's strength is not what is tested.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def officer(db):
    return user_save_with_role(username="north.officer", role=OFFICER, password=PASSWORD)


def test_the_21st_attempt_is_refused_even_with_the_right_password(client, officer):
    for _ in range(19):
        response = sign_in(client, "north.officer", "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    assert sign_in(client, "north.officer", "wrong-password").status_code == 429  # the 20th
    response = sign_in(client, "north.officer", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Sign-in refused for now" in body
    assert "30 minutes" in body
    assert "_auth_user_id" not in client.session


def test_twenty_wrong_passwords_from_one_address_lock_every_user_name_there(client, officer):
    for number in range(20):
        sign_in(client, f"guess-{number}", "wrong-password", address="198.51.100.9")
    assert sign_in(client, "north.officer", PASSWORD, address="198.51.100.9").status_code == 429
    # The same user from elsewhere is not refused: the address, not the account, is locked.
    assert sign_in(client, "north.officer", PASSWORD, address="192.0.2.1").status_code == 302


def test_a_few_wrong_passwords_then_the_right_one_sign_in(client, officer):
    for _ in range(19):
        sign_in(client, "north.officer", "wrong-password")
    response = sign_in(client, "north.officer", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_every_sign_in_is_recorded_with_who_when_and_where(client, officer):
    sign_in(client, "north.officer", "wrong-password", address="198.51.100.20")
    sign_in(client, "north.officer", PASSWORD, address="198.51.100.21")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("north.officer", "198.51.100.20")
    assert failure.attempt_time is not None
    success = AccessLog.objects.get()
    assert (success.username, success.ip_address) == ("north.officer", "198.51.100.21")
    assert "wrong-password" not in str(failure.__dict__)  # no password is ever kept


@pytest.mark.parametrize("page", ["axes_accesslog", "axes_accessfailurelog", "axes_accessattempt"])
def test_sign_in_records_are_for_superusers_only(client, db, django_user_model, page):
    analyst = user_save_with_role(username="pau.analyst", role=ANALYST)
    login_verified(client, analyst)
    assert client.get(reverse(f"admin:{page}_changelist")).status_code == 403
    admin = django_user_model.objects.create_superuser("root", "root@example.org", None)
    login_verified(client, admin)
    assert client.get(reverse(f"admin:{page}_changelist")).status_code == 200
