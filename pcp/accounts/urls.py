from django.urls import path

from pcp.accounts import notice_views, views

app_name = "accounts"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("notices/", notice_views.notice_list, name="notices"),
    path("notices/read/", notice_views.notices_read, name="notices_read"),
]
