"""Create or update a user with one role (officer, analyst, manager) and an officer's areas.

The password comes from PCP_USER_PASSWORD, or is asked for when run at a terminal, so it never
appears in the shell history or the process list.
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pcp.accounts.second_factor import second_factor_required
from priorities.roles import (
    OFFICER,
    ROLE_GROUPS,
    areas_named,
    role_groups_sync,
    user_save_with_role,
)

PASSWORD_ENV = "PCP_USER_PASSWORD"


def second_factor_note(user) -> str:
    if second_factor_required(user):
        when = "must set up two-factor sign-in at their first sign-in"
    else:
        when = "may set up two-factor sign-in (their role does not require it)"
    return (
        f"{user.username} {when}: after the password they are taken to /account/two-factor/ to"
        " scan a QR code with an authenticator app and are shown ten one-use backup codes."
        " A superuser who deletes their devices in the admin (OTP: TOTP and static devices)"
        " makes them set it up again, e.g. after a lost phone."
    )


class Command(BaseCommand):
    help = "Create or update a user with a role; officers need one or more --area."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLE_GROUPS))
        parser.add_argument(
            "--area",
            action="append",
            default=[],
            metavar="NAME",
            help="An area the officer writes for (repeat for several; an LPA covers its districts)",
        )
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, role: str, area: list[str], email: str, **options):
        username = username.strip()
        if not username:
            raise CommandError("Give a username.")
        if role == OFFICER and not area:
            raise CommandError("An officer needs at least one --area NAME.")
        if role != OFFICER and area:
            raise CommandError(f"Only officers have areas; a {role} works on every area.")
        try:
            areas = areas_named(area)
        except ValueError as error:
            raise CommandError(str(error)) from error
        existing = get_user_model().objects.filter(username=username).first()
        password = self._password(username, existing)
        role_groups_sync()  # once per command: the groups hold exactly today's permissions
        user = user_save_with_role(
            username=username, role=role, areas=areas, password=password, email=email
        )
        where = f" for {', '.join(a.name for a in areas)}" if areas else ""
        verb = "Updated" if existing else "Created"
        self.stdout.write(self.style.SUCCESS(f"{verb} {user.username}: {role}{where}."))
        self.stdout.write(second_factor_note(user))

    def _password(self, username: str, existing) -> str | None:
        password = os.environ.get(PASSWORD_ENV)
        if password is None and sys.stdin.isatty():
            keep = " (empty keeps the current one)" if existing else ""
            password = getpass.getpass(f"Password for {username}{keep}: ")
            if password and password != getpass.getpass("Again: "):
                raise CommandError("The two passwords differ; nothing was changed.")
        if not password:
            if existing is not None:
                return None  # keep the password the user has
            raise CommandError(f"Set {PASSWORD_ENV} or run at a terminal to give a password.")
        candidate = existing or get_user_model()(username=username)
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from error
        return password
