from django.urls import path

from narratives.review import views

app_name = "review"
urlpatterns = [
    path("", views.review_index, name="index"),
    path("<str:fy>/<str:quarter>/", views.review_period, name="period"),
    # /review/2020-21/q2/status-grid.csv, comments.xlsx: the page's filters go in the query
    path("<str:fy>/<str:quarter>/<slug:what>.<slug:fmt>", views.review_export, name="export"),
]
