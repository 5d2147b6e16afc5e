"""Signing in as someone who has given both factors, for tests of what comes after sign-in.

`force_login` already skips the password; `login_verified` also skips the second factor by
marking the session as verified with an authenticator app set up for the user, exactly as
giving a code does. The rule itself is tested in tests/accounts with plain `force_login`.
"""

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pcp.accounts.second_factor import second_factor_required


def app_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, set up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def app_code(device: TOTPDevice) -> str:
    """The code the app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def login_verified(client, user) -> None:
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
    session.save()


def backup_code(user) -> str:
    """A fresh one-use backup code for the user (a browser test types it at the code step)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Test backup codes", defaults={"confirmed": True}
    )
    return device.token_set.create(token=StaticToken.random_token()).token


def browser_log_in(page, server: str, username: str, password: str, next_path: str = "") -> None:
    """Sign in through the pages: the password, then (for a role that must) a backup code."""
    user = get_user_model().objects.get(username=username)
    code = backup_code(user) if second_factor_required(user) else None
    page.goto(f"{server}/admin/login/" + (f"?next={next_path}" if next_path else ""))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    if code is not None:
        page.wait_for_url("**/account/verify/**")
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Continue").click()
