"""The second factor: who must give one, setting up an authenticator app, backup codes.

Built on django-otp: a TOTP device (an authenticator app: Microsoft or Google Authenticator,
FreeOTP ...) and a static device holding ten one-use backup codes. A superuser resets a lost
phone by deleting the user's devices in the admin; the user then sets up again at next sign-in.
"""

import time

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from priorities.roles import user_role

APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
# Whether the signed-in user has a second factor, kept in their session: [user id, yes/no].
SESSION_KEY = "pcp_second_factor"
# When the session's last request was (seconds since the epoch), for the idle limit.
SEEN_KEY = "pcp_seen"


def second_factor_required(user) -> bool:
    """Whether the user may do nothing until they have given a second factor."""
    if settings.PCP_DEMO_WITHOUT_SECOND_FACTOR or not user.is_authenticated:
        return False
    roles = settings.PCP_SECOND_FACTOR_ROLES
    if "all" in roles and user.is_staff:
        return True
    return user.is_superuser or user_role(user) in roles


def second_factor_set_up(request) -> bool:
    """Whether the signed-in user has a confirmed device (asked once per session)."""
    user = request.user
    known = request.session.get(SESSION_KEY)
    if not known or known[0] != user.pk:
        known = [user.pk, user_has_device(user, confirmed=True)]
        request.session[SESSION_KEY] = known
    return known[1]


def second_factor_remember(request, *, set_up: bool) -> None:
    request.session[SESSION_KEY] = [request.user.pk, set_up]


def app_device_pending(*, user) -> TOTPDevice:
    """The authenticator app being set up: made once, kept until confirmed with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def app_device_qr_svg(*, device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, for the app to scan."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def app_device_secret(*, device: TOTPDevice) -> str:
    """The key as an app wants it typed (base32, in groups of four)."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def app_device_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; returns fresh backup codes, or None if wrong."""
    if not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()  # one app at a time
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_replace(user=device.user)


@transaction.atomic
def backup_codes_replace(*, user) -> list[str]:
    """Ten new one-use backup codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def code_check(*, user, code: str):
    """The device that accepts this code (app or backup code), or None."""
    return match_token(user, _clean(code))


def last_login_update(sender, user, request=None, **kwargs) -> None:
    """At sign-in: the user's last_login (without a history row), and the session's last
    request (pcp.accounts.middleware.IdleTimeoutMiddleware) is now."""
    user.last_login = timezone.now()
    get_user_model().objects.filter(pk=user.pk).update(last_login=user.last_login)
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())


def _clean(code: str) -> str:
    return "".join(code.split())
