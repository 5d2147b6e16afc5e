"""Measures the plan tracks and their values per period and area."""

from django.db import models
from simple_history.models import HistoricalRecords

from priorities.models import Area, Commitment, Period, Priority, Recorded


class Metric(Recorded):
    class Unit(models.TextChoices):
        COUNT = "count", "Count"
        HOURS = "hours", "Hours"
        POUNDS = "pounds", "Pounds (£)"
        PERCENT = "percent", "Percent"
        KILOGRAMS = "kilograms", "Kilograms"
        DAYS = "days", "Days"
        MINUTES = "minutes", "Minutes"

    class Direction(models.TextChoices):
        UP = "up", "Up is good"
        DOWN = "down", "Down is good"
        NEITHER = "neither", "Neither"

    class Combination(models.TextChoices):
        SUM = "sum", "Sum of areas"
        NONE = "none", "Not combinable"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.COUNT)
    good_direction = models.CharField(
        max_length=8, choices=Direction.choices, default=Direction.NEITHER
    )
    combination = models.CharField(
        max_length=8, choices=Combination.choices, default=Combination.SUM
    )
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="metrics"
    )
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.SET_NULL, related_name="metrics"
    )
    source = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    stock = models.BooleanField(
        "level at the quarter's end",
        default=False,
        help_text="A level such as a headcount rather than a total over the quarter: its "
        "four-quarter comparison uses averages, not totals.",
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class SeriesBreak(models.Model):
    """A change in how a metric is counted from a given quarter on, shown beside its series."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="series_breaks")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    note = models.TextField()

    class Meta:
        ordering = ["metric", "period"]

    def __str__(self) -> str:
        return f"{self.metric.code} from {self.period}: {self.note[:60]}"


class Target(models.Model):
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=18, decimal_places=4)
    illustrative = models.BooleanField(
        default=False, help_text="Made-up demo target, labelled as such wherever shown"
    )

    class Meta:
        ordering = ["metric", "period"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "period", "area"], name="target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.metric.code} {self.period} {self.area}: target {self.value}"


class MetricValue(Recorded):
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="metric_values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="metric_values")
    value = models.DecimalField(max_digits=18, decimal_places=4)
    illustrative = models.BooleanField(
        default=False, help_text="Made-up demo figure, labelled as such wherever shown"
    )
    revision = models.PositiveIntegerField(
        default=1, help_text="Raised on every save; a save from an older revision is refused"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["metric", "period", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "period", "area"], name="metric_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric.code} {self.period} {self.area}: {self.value}"
