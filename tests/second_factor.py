"""Signing in as someone who has given both factors, for tests of what comes after sign-in.

`force_login` already skips the password; `login_verified` also skips the second factor by
marking the session as verified with an authenticator app set up for the user, exactly as
giving a code does. The rule itself is tested in tests/accounts with plain `force_login`.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


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
