"""/search/: full-text search of published editions."""

from django.urls import path

from narratives.search import views

app_name = "search"
urlpatterns = [path("", views.search, name="search")]
