"""Load the demo: areas, the shipped demo edition, demo users, next quarter open, trend series.

For a developer's machine only: it refuses to run with DEBUG off, because it creates users with
a known password (PCP_DEMO_PASSWORD, or the documented demo password).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from metrics.demo import illustrative_series_load
from narratives.demo import DEMO_PASSWORD, demo_load
from priorities.services import AreasFileError


def second_factor_note(*, port: int) -> str:
    setup = f"http://127.0.0.1:{port}/account/two-factor/"
    if settings.PCP_DEMO_WITHOUT_SECOND_FACTOR:
        return (
            "Two-factor sign-in is not enforced in this demo (PCP_DEMO_WITHOUT_SECOND_FACTOR=true;"
            " never allowed with DEBUG off). Anyone may still set it up at " + setup + " with an"
            " authenticator app; after that they give a code at every sign-in."
        )
    return (
        "admin and analyst sign in with a second factor: at first sign-in they are taken to "
        + setup
        + " to scan a QR code with an authenticator app (Microsoft or Google Authenticator,"
        " FreeOTP) and are given ten one-use backup codes."
    )


class Command(BaseCommand):
    help = (
        "Load the demo edition, demo users (password: PCP_DEMO_PASSWORD or "
        f'"{DEMO_PASSWORD}") and illustrative trend figures. DEBUG only; safe to run again.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port shown in the demo URL")

    def handle(self, *args, port: int, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo runs only with DEBUG on: it creates users with a known password."
            )
        try:
            with transaction.atomic():  # the whole demo or none of it
                loaded = demo_load()
                # Trend dashboards need several quarters; the edition states only its own.
                created = illustrative_series_load()
        except AreasFileError as error:
            raise CommandError(f"The demo's areas cannot be loaded: {error}") from error
        period = loaded.open_period
        self.stdout.write(f"Demo edition loaded; {created} illustrative figures added.")
        for warning in loaded.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(
            f"{period.label} is open for entries until {period.entry_deadline:%d %B %Y %H:%M}."
        )
        self.stdout.write(f"\nOpen http://127.0.0.1:{port}/ and log in as:\n")
        self.stdout.write(f"  {'username':<18}{'role':<12}area")
        for login in loaded.logins:
            self.stdout.write(f"  {login.username:<18}{login.role:<12}{login.area}")
        password = (
            "the password in PCP_DEMO_PASSWORD" if loaded.password_from_env else DEMO_PASSWORD
        )
        self.stdout.write(f"\nPassword for every demo user: {password}")
        self.stdout.write(second_factor_note(port=port))
