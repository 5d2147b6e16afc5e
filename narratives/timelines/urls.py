"""Public addresses of timelines: /areas/, /areas/<slug>/ (and .csv), /operations/<slug>.csv.

An operation's timeline page keeps the register's address, /operations/<slug>/
(`narratives:operation`, in narratives.editions.urls)."""

from django.urls import path

from narratives.timelines import views

app_name = "timelines"

urlpatterns = [
    path("areas/", views.area_list, name="area_list"),
    path("areas/<slug:slug>/", views.area_timeline, name="area"),
    path("areas/<slug:slug>.csv", views.area_timeline_csv, name="area_csv"),
    path("operations/<slug:slug>.csv", views.operation_timeline_csv, name="operation_csv"),
]
