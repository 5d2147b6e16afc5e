"""Writes for the plan, periods, areas and users' roles."""

from django.db import transaction

from priorities.models import Area, Period


def period_get_or_create(*, year: int, quarter: int) -> Period:
    period, _ = Period.objects.get_or_create(year=year, quarter=quarter)
    return period


@transaction.atomic
def area_get_or_create(*, name: str, kind: str, parent: Area | None) -> Area:
    area, created = Area.objects.get_or_create(name=name, defaults={"kind": kind, "parent": parent})
    return area
