"""Where each role starts, and which pages the site header offers them.

The role is read from what the user may do (priorities.scoping.user_may over the permissions of
priorities.roles' groups), so a changed role moves its landing and its links with it:
superusers go to the admin, the PAU (who review entries) to the review screen of the current
quarter, area officers (who write entries) to My quarter, managers (who read measures) to the
dashboards, and everyone else, the public included, to the published editions.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from narratives.entries.selectors import period_current
from priorities.scoping import user_may


@dataclass(frozen=True)
class SitePages:
    """Which of the role pages the header links to (the addresses stay in the templates)."""

    admin: bool = False
    review: bool = False
    my_quarter: bool = False
    dashboards: bool = False
    data_entry: bool = False


def site_pages_for(user) -> SitePages:
    if not user.is_authenticated:
        return SitePages()
    reviews = user_may(user, "narratives.review_entry")
    return SitePages(
        admin=user.is_superuser,
        review=reviews,
        # Writing for one's own areas; the PAU write for every area from the review screen.
        my_quarter=user_may(user, "narratives.change_entry") and not reviews,
        dashboards=user_may(user, "metrics.view_metric"),
        data_entry=user_may(user, "narratives.change_entry")
        or user_may(user, "metrics.change_metricvalue"),
    )


def site_pages(request) -> dict:
    """Context processor: `site_pages`, worked out only on a page that shows the header."""
    return {"site_pages": SimpleLazyObject(lambda: site_pages_for(request.user))}


def landing_url(user) -> str:
    pages = site_pages_for(user)
    if pages.admin:
        return reverse("admin:index")
    if pages.review:
        period = period_current()
        if period is None:
            return reverse("review:index")
        return reverse("review:period", args=[period.fy, period.quarter_slug])
    if pages.my_quarter:
        return reverse("my_quarter:current")
    if pages.dashboards:
        return reverse("dashboards:home")
    return reverse("narratives:edition_list")


@login_not_required
def home(request):
    """`/`: the published editions for the public, each role's own page for staff."""
    return HttpResponseRedirect(landing_url(request.user))


@never_cache
@login_not_required
def admin_login(request, extra_context=None):
    """The admin's sign-in (admin.site.login), landing on the role's page (`/`) unless asked
    for another: Django's own lands everyone on the admin index."""
    asked = "next" in request.GET or "next" in request.POST
    if request.method == "GET" and not asked and admin.site.has_permission(request):
        return HttpResponseRedirect(reverse("home"))  # signed in already
    if not asked:
        extra_context = {**(extra_context or {}), "next": reverse("home")}
    return AdminSite.login(admin.site, request, extra_context)
