import datetime

import pytest
from django.utils import timezone

from narratives.my_quarter.deadline import deadline_words

NOW = timezone.make_aware(datetime.datetime(2020, 10, 14, 12, 0))


@pytest.mark.parametrize(
    ("deadline", "words"),
    [
        (NOW + datetime.timedelta(days=3), "3 days left"),
        (NOW + datetime.timedelta(days=1), "1 day left"),
        (NOW + datetime.timedelta(hours=5), "due today"),
        (NOW - datetime.timedelta(hours=2), "passed today"),
        (NOW - datetime.timedelta(days=1), "1 day overdue"),
        (NOW - datetime.timedelta(days=2), "2 days overdue"),
        (None, "no deadline set"),
    ],
)
def test_the_deadline_in_plain_words(deadline, words):
    assert deadline_words(deadline=deadline, now=NOW) == words
