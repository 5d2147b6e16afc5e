"""A short-lived cache of a dashboard page for everyone who would see the same page.

The dashboards home summarises every measure for an area (hundreds of values, XmR limits);
managers open it far more often than the figures change. A page depends only on what the user
may see (role and areas) and the query string, so those are the key: two managers share one
copy, an officer gets one for their own areas. Copies expire after DASHBOARD_CACHE_SECONDS, so
newly entered or imported figures show within that time.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache

from priorities.roles import user_area_ids, user_role


def scope_key(request) -> str:
    area_ids = user_area_ids(request.user)
    areas = "all" if area_ids is None else ",".join(map(str, sorted(area_ids)))
    query = request.GET.urlencode()
    digest = hashlib.sha256(f"{user_role(request.user)}|{areas}|{query}".encode()).hexdigest()
    return f"dashboards:{request.path}:{digest}"


def cached_for_scope(view):
    """Serve a GET from the cache kept for the user's role and areas (see the module's note).

    Put it inside the login/role check, so only a user allowed the page reaches the cache.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.DASHBOARD_CACHE_SECONDS
        if request.method != "GET" or not seconds:
            return view(request, *args, **kwargs)
        key = scope_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                cache.set(key, response, seconds)
        return response

    return wrapper
