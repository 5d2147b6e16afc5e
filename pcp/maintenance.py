"""Maintenance mode: with the setting MAINTENANCE_MODE on (environment variable
PCP_MAINTENANCE_MODE=true), every page answers 503 with the maintenance page.

Placed after WhiteNoise in MIDDLEWARE, so the page's stylesheets are still served.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from pcp.views import service_unavailable


class MaintenanceModeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "MAINTENANCE_MODE", False):
            return service_unavailable(request)
        return self.get_response(request)
