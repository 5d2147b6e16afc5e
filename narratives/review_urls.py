from django.urls import path

from narratives import review

app_name = "review"
urlpatterns = [
    path("", review.review_index, name="index"),
    path("<str:fy>/<str:quarter>/", review.review_period, name="period"),
]
