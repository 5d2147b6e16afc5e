from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pcp.accounts"
    label = "accounts"
    verbose_name = "Sign-in and audit"

    def ready(self):
        from django.contrib.auth import models as auth_models
        from django.contrib.auth.signals import user_logged_in

        from pcp.accounts.second_factor import last_login_update

        # Django saves the whole user at each sign-in, which would add a row to the user's
        # history every time; the sign-in itself is recorded by axes.
        user_logged_in.disconnect(auth_models.update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(last_login_update, dispatch_uid="update_last_login")
