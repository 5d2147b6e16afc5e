"""The site's own pages: the accessibility statement, and the error and maintenance pages.

Error pages are rendered in the site's layout (en-GB, header, landmarks, a way home). The 500
and 503 pages are rendered without the request's context: the database may be what failed
(or be migrating), and the header's "logged in?" test would need it.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# What each error page says. The 403 also covers a refused form (CSRF failure).
_ERRORS = {
    403: "You do not have permission to see this page",
    404: "Page not found",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is unavailable",
}


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    context = {
        "producing_unit": settings.PCP_PRODUCING_UNIT,
        "contact": settings.PCP_ACCESSIBILITY_CONTACT,
    }
    return render(request, "site/accessibility.html", context)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {"title": _ERRORS[404], "status": 404}
    return render(request, "errors/404.html", context, status=404)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {"title": _ERRORS[403], "status": 403, "csrf_failure": False}
    return render(request, "errors/403.html", context, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused because its security token was missing or stale (CSRF_FAILURE_VIEW)."""
    context = {"title": _ERRORS[403], "status": 403, "csrf_failure": True}
    return render(request, "errors/403.html", context, status=403)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return _without_request("errors/500.html", status=500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = _without_request("errors/503.html", status=503)
    # Tells crawlers and monitors to come back rather than drop the page.
    response["Retry-After"] = "3600"
    return response


def _without_request(template_name: str, *, status: int) -> HttpResponse:
    context = {"title": _ERRORS[status], "status": status}
    return HttpResponse(loader.render_to_string(template_name, context), status=status)
