from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Police and Crime Plan Quarterly Update"
admin.site.site_title = "Quarterly Update"
admin.site.index_title = "Data entry and review"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("review/", include("narratives.review.urls")),
    path("dashboards/", include("metrics.urls")),
    path("", include("narratives.editions.urls")),
    # The public arrive at the published editions; staff reach data entry from there.
    path("", RedirectView.as_view(pattern_name="narratives:edition_list", permanent=False)),
]
