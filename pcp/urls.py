from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from pcp import views

admin.site.site_header = "Police and Crime Plan Quarterly Update"
admin.site.site_title = "Quarterly Update"
admin.site.index_title = "Data entry and review"

# Django's own error pages are bare and in American English; these use the site's layout.
handler403 = "pcp.views.permission_denied"
handler404 = "pcp.views.page_not_found"
handler500 = "pcp.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("account/", include("pcp.accounts.urls")),
    path("review/", include("narratives.review.urls")),
    path("dashboards/", include("metrics.urls")),
    path("search/", include("narratives.search.urls")),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("", include("narratives.editions.urls")),
    path("", include("narratives.timelines.urls")),
    # The public arrive at the published editions; staff reach data entry from there.
    path(
        "",
        RedirectView.as_view(pattern_name="narratives:edition_list", permanent=False),
        name="home",
    ),
]
