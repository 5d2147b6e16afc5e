from django.urls import path

from metrics import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("<slug:code>.csv", views.metric_csv, name="metric_csv"),
    path("<slug:code>/", views.metric_dashboard, name="metric"),
]
