from django.urls import path

from pcp.accounts import views

app_name = "accounts"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.two_factor, name="two_factor"),
]
