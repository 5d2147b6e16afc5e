"""The site's addresses plus one that fails, to see the 500 page served (tests only)."""

from django.urls import path

from pcp.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def _fail(request):
    raise RuntimeError("a deliberate failure for the 500 page's tests")


urlpatterns = [path("fail/", _fail), *urlpatterns]
