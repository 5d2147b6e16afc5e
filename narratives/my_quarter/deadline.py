"""A quarter's entry deadline in plain words: "3 days left", "due today", "2 days overdue"."""

import datetime

from django.utils import timezone


def deadline_words(*, deadline: datetime.datetime | None, now: datetime.datetime) -> str:
    """Whole days between the local calendar dates, as an officer counts them."""
    if deadline is None:
        return "no deadline set"
    days = (timezone.localdate(deadline) - timezone.localdate(now)).days
    if deadline > now:
        if days <= 0:
            return "due today"
        return f"{days} day{'s' if days != 1 else ''} left"
    if days >= 0:
        return "passed today"
    late = -days
    return f"{late} day{'s' if late != 1 else ''} overdue"
