from django.urls import path

from narratives.review import views

app_name = "review"
urlpatterns = [
    path("", views.review_index, name="index"),
    path("<str:fy>/<str:quarter>/", views.review_period, name="period"),
]
