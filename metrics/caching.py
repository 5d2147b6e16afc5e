"""A short-lived cache of a dashboard page's figures for everyone who would see the same page.

The dashboards home summarises every measure for an area (hundreds of values, XmR limits);
managers open it far more often than the figures change. The figures depend only on what the
user may see (role and areas) and the query string, so those are the key: two managers share one
copy, an officer gets one for their own areas. Copies expire after DASHBOARD_CACHE_SECONDS, so
newly entered or imported figures show within that time. The figures are cached, not the
response: the page also carries what is the user's alone (their notices, a CSRF token).
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from priorities.roles import user_area_ids, user_role


def scope_key(request) -> str:
    area_ids = user_area_ids(request.user)
    areas = "all" if area_ids is None else ",".join(map(str, sorted(area_ids)))
    query = request.GET.urlencode()
    digest = hashlib.sha256(f"{user_role(request.user)}|{areas}|{query}".encode()).hexdigest()
    return f"dashboards:{request.path}:{digest}"


def cached_for_scope(request, build: Callable[[], dict]) -> dict:
    """The page's figures from the copy kept for the user's role and areas, or `build()`-s
    them and keeps them (see the module's note). Call it after the login/role check, so only a
    user allowed the page reaches the cache."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if request.method != "GET" or not seconds:
        return build()
    key = scope_key(request)
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, seconds)
    return found
