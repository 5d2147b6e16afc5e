"""Rules every response follows: the second factor before anything else, and the headers of
pages that need a login. The content security policy itself is Django's (settings.SECURE_CSP)."""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from pcp.accounts.downloads import download_kind, download_record
from pcp.accounts.second_factor import SEEN_KEY, second_factor_required, second_factor_set_up

REFRESH_SECONDS = 60
# What a signed-in user who still owes a second factor may reach: giving it, setting it up,
# and signing out.
OPEN_BEFORE_SECOND_FACTOR = {
    "accounts:verify",
    "accounts:two_factor",
    "admin:logout",
    "admin:login",
}


class SecondFactorMiddleware:
    """Staff who have set up a second factor, or whose role must have one, reach nothing else
    until they have given it in this session (redirected to give or set one up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if second_factor_set_up(request):
            target = "accounts:verify"
        elif second_factor_required(user):
            target = "accounts:two_factor"
        else:
            return None
        response = redirect(target)
        response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response


class IdleTimeoutMiddleware:
    """Sessions end SESSION_COOKIE_AGE after the last request rather than after sign-in.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session on every request; this moves
    the expiry on at most once a minute, which is the precision an idle limit needs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= REFRESH_SECONDS:
                session[SEEN_KEY] = now  # saved, with a new expiry, by SessionMiddleware
        return self.get_response(request)


class PrivatePagesMiddleware:
    """A Permissions-Policy on every response; nothing shown to a signed-in user is stored by
    the browser or a proxy (pages, CSV and XLSX exports, previews, internal editions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-store, private
        return response


class DownloadRecordMiddleware:
    """Records who fetched which non-public file or page, and when (pcp.accounts.downloads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return response
        kind = download_kind(view_name=match.view_name, response=response)
        if kind is not None:
            download_record(request=request, response=response, kind=kind)
        return response
