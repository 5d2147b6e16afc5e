from django.contrib import admin
from django.urls import include, path

from pcp import landing, views

admin.site.site_header = "Police and Crime Plan Quarterly Update"
admin.site.site_title = "Quarterly Update"
admin.site.index_title = "Data entry and review"
# Signing in lands on the role's own page (pcp.landing), not on the admin index.
admin.site.login = landing.admin_login

# Django's own error pages are bare and in American English; these use the site's layout.
handler403 = "pcp.views.permission_denied"
handler404 = "pcp.views.page_not_found"
handler500 = "pcp.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("account/", include("pcp.accounts.urls")),
    path("review/", include("narratives.review.urls")),
    path("my-quarter/", include("narratives.my_quarter.urls")),
    path("dashboards/", include("metrics.urls")),
    path("search/", include("narratives.search.urls")),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("", include("narratives.editions.urls")),
    path("", include("narratives.timelines.urls")),
    # The public arrive at the published editions, each role at its own page (pcp.landing).
    path("", landing.home, name="home"),
]
