from django.urls import path

from narratives.my_quarter import views

app_name = "my_quarter"
urlpatterns = [
    path("", views.current, name="current"),
    path("submit/", views.submit_ready, name="submit"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("<str:fy>/<str:quarter>/", views.past, name="period"),
]
