"""How every public page is served (editions, the operation register, timelines): compressed,
cacheable for a few minutes (a re-issue shows within that time), answered 304 when unchanged."""

from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import conditional_page

PAGE_SECONDS = 300  # how stale a public page or "latest version" file may be in a cache


def public_page(view):
    """Compressed, cacheable for a few minutes, and answered 304 when unchanged (the
    internal pages wrap these views in `staff_only`, whose never_cache overrides this)."""
    return gzip_page(cache_control(public=True, max_age=PAGE_SECONDS)(conditional_page(view)))
