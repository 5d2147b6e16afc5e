"""The plan, its reporting periods and the force's areas: the layer everything else builds on."""

import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from priorities.periods import Quarter


class Recorded(models.Model):
    """Who created and last changed a record, and when (set by services and the admin)."""

    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Plan(Recorded):
    """A Police and Crime Plan, e.g. "Police and Crime Plan 2016-2020"."""

    title = models.CharField(max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Priority(Recorded):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique"),
        ]

    def __str__(self) -> str:
        return f"Priority {self.number} – {self.title}"


class Commitment(Recorded):
    """A promise of the plan: a lead-in ("Working with partners we will:") and its sentence."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="commitments")
    order = models.PositiveSmallIntegerField(default=1)
    lead_in = models.CharField(max_length=500, blank=True)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["priority__plan", "priority__number", "order"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "order"], name="commitment_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.text[:80]}"

    @property
    def reference(self) -> str:
        """How the edition numbers it: 2.1 is the first commitment of priority 2."""
        return f"{self.priority.number}.{self.order}"


class Area(models.Model):
    """The force, its Local Policing Areas and their districts, as a tree."""

    class Kind(models.TextChoices):
        FORCE = "force", "Force"
        LPA = "lpa", "Local Policing Area"
        DISTRICT = "district", "District"

    name = models.CharField(max_length=120, unique=True)
    # The area's public address (/areas/<slug>/), kept when the area is renamed. Empty (NULL)
    # only for an area made outside the services, until `load_areas` gives it one.
    slug = models.SlugField(
        max_length=140, unique=True, null=True, blank=True, help_text="Its address: /areas/<slug>/"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Residents, so that the dashboards can compare areas as rates per 1,000 residents.
    population = models.PositiveIntegerField(
        "resident population", null=True, blank=True, help_text="Residents of the area"
    )
    population_source = models.CharField(
        max_length=200, blank=True, help_text="Where the figure comes from, e.g. an ONS estimate"
    )
    population_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the population figure is for"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="force", parent__isnull=True)
                | ~models.Q(kind="force") & models.Q(parent__isnull=False),
                name="area_only_force_is_root",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return {self.Kind.FORCE: 0, self.Kind.LPA: 1, self.Kind.DISTRICT: 2}[self.kind]


class AreaAlias(models.Model):
    """Other names an area goes by in text ("Canvey Island" for Castle Point, "Clacton")."""

    name = models.CharField(max_length=120, unique=True)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="aliases")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "area aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.area}"


class Period(models.Model):
    """A financial-year quarter: 2020/21 Q2 is July to September 2020."""

    year = models.PositiveSmallIntegerField(help_text="Year the financial year starts, e.g. 2020")
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in range(1, 5)])
    is_open = models.BooleanField(default=False, help_text="Open for officers' entries")
    entry_deadline = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="period_unique"),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="period_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def as_quarter(self) -> Quarter:
        """The quarter as a plain value, to step back and forth and to name (periods.py)."""
        return Quarter(self.year, self.quarter)

    @property
    def label(self) -> str:
        """2020/21 Q2."""
        return self.as_quarter.label

    @property
    def fy(self) -> str:
        """The financial year in addresses: 2020-21."""
        return self.as_quarter.fy

    @property
    def quarter_slug(self) -> str:
        """In addresses after the year: q2."""
        return self.as_quarter.quarter_slug

    @property
    def slug(self) -> str:
        """URL form: 2020-21/q2."""
        return self.as_quarter.slug

    @property
    def file_slug(self) -> str:
        """In file names: 2020-21-q2."""
        return self.as_quarter.file_slug

    @property
    def start_date(self) -> datetime.date:
        month = 4 + 3 * (self.quarter - 1)
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end_date(self) -> datetime.date:
        month = 4 + 3 * self.quarter  # first month of the next quarter
        first_next = datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)
        return first_next - datetime.timedelta(days=1)


class Assignment(models.Model):
    """An officer's area: they write entries for it and, for an LPA, for its districts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="area_assignments"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="assignments")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.area}"
