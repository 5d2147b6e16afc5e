"""factory-boy factories for the domain, in the project's own (made-up) words."""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from metrics.models import Metric, MetricValue
from narratives.models import Edition, Entry, Operation
from priorities.models import Area, Assignment, Commitment, Period, Plan, Priority


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")
    is_staff = True


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("title",)

    title = "Police and Crime Plan 2016-2020"


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Keep neighbourhoods safe {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    priority = factory.SubFactory(PriorityFactory)
    order = factory.Sequence(lambda n: n + 1)
    lead_in = "We will:"
    text = factory.Sequence(lambda n: f"Work with communities on local problem {n}.")


class ForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = "Demo Police"
    slug = factory.LazyAttribute(lambda area: slugify(area.name))
    kind = Area.Kind.FORCE
    parent = None


class LpaFactory(ForceFactory):
    name = factory.Sequence(lambda n: f"Area {n} LPA")
    kind = Area.Kind.LPA
    parent = factory.SubFactory(ForceFactory)


class DistrictFactory(ForceFactory):
    name = factory.Sequence(lambda n: f"District {n}")
    kind = Area.Kind.DISTRICT
    parent = factory.SubFactory(LpaFactory)


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("year", "quarter")

    year = 2020
    quarter = 2


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(DistrictFactory)


class OperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operation

    name = factory.Sequence(lambda n: f"LANTERN {n}")


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    commitment = factory.SubFactory(CommitmentFactory)
    period = factory.SubFactory(PeriodFactory)
    area = factory.SubFactory(ForceFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Patrols visited {n} parks after residents raised concerns.")
    status = Entry.Status.DRAFT


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metric
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"metric-{n}")
    name = factory.Sequence(lambda n: f"Measure {n}")
    unit = Metric.Unit.COUNT


class MetricValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetricValue

    metric = factory.SubFactory(MetricFactory)
    period = factory.SubFactory(PeriodFactory)
    area = factory.SubFactory(ForceFactory)
    value = 100


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    period = factory.SubFactory(PeriodFactory)
    version = "1.0"
    title = "Police and Crime Plan 2016-2020 Quarterly Update"
    data_to = factory.LazyAttribute(lambda e: e.period.end_date.replace(day=1))
    produced = factory.LazyAttribute(lambda e: e.period.end_date.replace(day=1))
