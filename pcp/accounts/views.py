"""Giving a second factor at sign-in, and setting one up (authenticator app + backup codes)."""

import django_otp
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from pcp.accounts.second_factor import (
    app_device_confirm,
    app_device_pending,
    app_device_qr_svg,
    app_device_secret,
    backup_codes_left,
    backup_codes_replace,
    code_check,
    second_factor_remember,
    second_factor_required,
    second_factor_set_up,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The six digits your authenticator app shows now, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class AppCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The six digits the app shows now."
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _context(request, **extra) -> dict:
    return {
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "issuer": settings.OTP_TOTP_ISSUER,
        "next": _next_url(request),
        **extra,
    }


@never_cache
@sensitive_post_parameters("code")
@login_required
def verify(request):
    """The second step of signing in: a code from the app, or a backup code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not second_factor_set_up(request):
        return redirect(f"{reverse('accounts:two_factor')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = code_check(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "That code is wrong or has been used. Try the code shown now.")
    context = _context(request, form=form, title="Two-factor sign-in")
    return render(request, "accounts/verify.html", context)


@never_cache
@sensitive_post_parameters("code")
@login_required
def two_factor(request):
    """Set up an authenticator app (first time, or a new phone), or get new backup codes."""
    user = request.user
    has_one = second_factor_set_up(request)
    if has_one and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?next={_next_url(request)}")
    if request.method == "POST" and request.POST.get("action") == "backup-codes" and has_one:
        codes = backup_codes_replace(user=user)
        return _show_codes(request, codes, "New backup codes")
    if has_one and request.GET.get("new-app") is None and request.method != "POST":
        context = _context(request, title="Two-factor sign-in", left=backup_codes_left(user=user))
        return render(request, "accounts/two_factor.html", context)
    device = app_device_pending(user=user)
    form = AppCodeForm(request.POST or None)
    if form.is_valid():
        codes = app_device_confirm(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)
            second_factor_remember(request, set_up=True)
            messages.success(request, "Two-factor sign-in is set up.")
            return _show_codes(request, codes, "Your backup codes")
        form.add_error("code", "That code is wrong. Check the phone's clock and try the new code.")
    context = _context(
        request,
        title="Set up two-factor sign-in",
        form=form,
        qr_svg=app_device_qr_svg(device=device),
        secret=app_device_secret(device=device),
        required=second_factor_required(user),
    )
    return render(request, "accounts/set_up.html", context)


def _show_codes(request, codes, title):
    return render(
        request, "accounts/backup_codes.html", _context(request, title=title, codes=codes)
    )


def lockout(request, original_response=None, credentials=None):
    """What django-axes answers while sign-in is refused (AXES_LOCKOUT_CALLABLE)."""
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    context = {**_context(request, title="Sign-in refused for now"), "minutes": minutes}
    return render(request, "accounts/lockout.html", context, status=429)
