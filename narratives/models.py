"""What the districts write (entries), the operations they name, and published editions."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from simple_history.models import HistoricalRecords

from priorities.models import Area, Commitment, Period, Recorded


class Operation(models.Model):
    """A named operation, once whatever the case it was written in ("SHIELD II", "Shield II")."""

    name = models.CharField(max_length=120, help_text="As first written, e.g. SHIELD II")
    key = models.CharField(max_length=120, unique=True, editable=False)
    description = models.TextField(
        blank=True,
        help_text="For staff; the public register shows it only once an analyst approves it",
    )
    not_for_publication = models.BooleanField(
        default=False,
        help_text=(
            "Covert or sensitive: entries naming it appear only in the internal edition, "
            "and the public register never lists it"
        ),
    )
    # The description as an analyst approved it: later edits wait for a new approval.
    approved_description = models.TextField(blank=True, editable=False)
    description_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    description_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"Operation {self.name}"

    @staticmethod
    def key_for(name: str) -> str:
        return " ".join(name.upper().split())

    def save(self, *args, **kwargs):  # noqa: DJ012
        # The key is a normalised copy of the name, the register's identity.
        self.key = self.key_for(self.name)
        super().save(*args, **kwargs)


class Entry(Recorded):
    """A bullet of the quarterly update, for one commitment, period and area; may nest."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="entries")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="entries")
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="entries",
        help_text="Most specific area it is written for; the force for force-wide entries",
    )
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="named_in_entries",
        help_text="Every area it names, e.g. both districts of 'Castle Point and Rochford'",
    )
    area_label = models.CharField(
        max_length=200,
        blank=True,
        help_text="The area as the writer put it, e.g. 'Canvey Island' or 'Rochford and Castle "
        "Point'; printed as written. Blank: the area's own name",
    )
    area_heading = models.BooleanField(
        default=False,
        help_text="Print the area as a heading above the entry, even when it is the only one",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(default=0, help_text="Position among its siblings")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    not_for_publication = models.BooleanField(
        default=False,
        help_text=(
            "Sensitive detail: shown only in the internal edition for staff, with the entries "
            "nested under it"
        ),
    )
    operations = models.ManyToManyField(Operation, blank=True, related_name="entries")
    carried_forward_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_into"
    )
    revision = models.PositiveIntegerField(
        default=1, help_text="Raised on every save; a save from an older revision is refused"
    )
    history = HistoricalRecords(m2m_fields=[areas, operations])

    class Meta:
        ordering = ["period", "commitment", "order", "pk"]
        verbose_name_plural = "entries"
        indexes = [
            models.Index(fields=["period", "commitment", "order"]),
            # Staff search (narratives.search.engine); PostgreSQL only, SQLite has an FTS5 table.
            GinIndex(SearchVector("text", config="english"), name="entry_text_search"),
        ]
        # What the PAU does beyond changing entries; given to the analysts' group.
        permissions = [
            ("review_entry", "Can approve and return entries"),
            ("write_any_entry", "Can write entries of any area, period and state"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_unchanged_carry_forward(self) -> bool:
        source = self.carried_forward_from
        return source is not None and source.text.strip() == self.text.strip()


class Transition(models.Model):
    """One step of an entry's review (submitted, returned with a comment, approved)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=Entry.Status.choices)
    to_status = models.CharField(max_length=10, choices=Entry.Status.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.from_status} → {self.to_status}"


class FindingAcceptance(models.Model):
    """An analyst's decision that a figures-check finding on an entry is not a mistake."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="accepted_findings")
    key = models.CharField(max_length=200, help_text="Identifies the finding within the entry")
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "key"], name="finding_acceptance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.key}"


class Edition(Recorded):
    """A version of a period's quarterly update, frozen as files once published.

    Publishing makes the record at once (published_at empty) and renders the files in the
    background; the edition becomes public in one step when all its files are stored. A failed
    render leaves it unpublished with the reason in render_error.
    """

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="editions")
    version = models.CharField(max_length=10, help_text='e.g. "1.0", "1.1"')
    version_major = models.PositiveSmallIntegerField(editable=False, default=1)
    version_minor = models.PositiveSmallIntegerField(editable=False, default=0)
    title = models.CharField(max_length=300)
    data_to = models.DateField(help_text="First day of the month the data runs to")
    produced = models.DateField(help_text="First day of the month it was produced")
    producing_unit = models.CharField(max_length=200, blank=True)
    protective_marking = models.CharField(max_length=40, blank=True)
    change_note = models.TextField(blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when every file is stored: from then on public"
    )
    publishes_as_of = models.DateTimeField(
        null=True, blank=True, help_text="The publication time its files state"
    )
    render_error = models.TextField(blank=True, help_text="Why the files could not be made")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The entries as published (the JSON file's content), for comparing versions and the
    # operation register without reading files.
    snapshot_json = models.TextField(blank=True, editable=False)
    # Operations the public edition names (keys), frozen with it: the public register's list.
    operation_keys = models.JSONField(default=list, blank=True, editable=False)
    # The internal edition of the same version (kept in the database; the public files are
    # EditionFile rows in the storage), for staff only: every approved entry,
    # including those not for publication, under its own protective marking.
    internal_protective_marking = models.CharField(max_length=40, blank=True)
    internal_snapshot_html = models.TextField(blank=True, editable=False)
    internal_snapshot_json = models.TextField(blank=True, editable=False)
    internal_snapshot_csv = models.TextField(blank=True, editable=False)
    internal_snapshot_pdf = models.BinaryField(blank=True, editable=False)
    internal_snapshot_docx = models.BinaryField(blank=True, editable=False)

    class Meta:
        ordering = ["period", "version_major", "version_minor"]
        permissions = [("publish_edition", "Can preview and publish editions")]
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="edition_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.period} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_internal(self) -> bool:
        """Editions published before internal editions existed have only the public set."""
        return bool(self.internal_protective_marking)


class EditionFile(models.Model):
    """One published file of an edition, in Django's default storage under a name that
    carries its content's hash (so a name never changes its bytes)."""

    class Format(models.TextChoices):
        HTML = "html", "Web page"
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        JSON = "json", "JSON"
        CSV = "csv", "CSV"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    name = models.CharField(max_length=300, help_text="Its name in the file storage")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["edition", "format"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "format"], name="edition_file_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.edition} {self.format}"

    @property
    def etag(self) -> str:
        return f'"{self.sha256}"'


# The search index is a model of this app, kept in its own package.
from narratives.search.models import SearchEntry  # noqa: E402, F401
