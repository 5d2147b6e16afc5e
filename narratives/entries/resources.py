"""Entries in and out as CSV and XLSX, under the same rules as the entry page.

Columns: id (blank for a new entry), priority (number), commitment ("2.1", or its order within
the priority), period ("2020/21 Q3"), area (name or alias), parent (an entry's id), order,
text, operations (names, comma-separated) and status (exported only: an import never sets it;
new entries are drafts and review steps stay with the workflow).

Officers import only for their areas and periods open for entry; nobody overwrites a submitted
or approved entry. Every forbidden or malformed row is reported with its column and reason,
and an import with any error writes nothing. Lookups are loaded once per file. Every rule
entry_save applies is checked row by row first (area, open period, status, revision, parent);
the rows are then written in batches with their operations and history (who, when):
narratives.entries.import_writes.
"""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources

from narratives.entries.import_writes import BatchWritesMixin
from narratives.entries.selectors import (
    OFFICER_EDITABLE,
    entry_is_writable_by,
    period_ids_open_for_entry,
)
from narratives.models import Entry, Operation
from pcp.spreadsheets.cells import cell_text, spreadsheet_unescaped
from pcp.spreadsheets.columns import RequiredColumnsMixin
from pcp.spreadsheets.preview import PreviewMixin
from priorities.import_lookups import ImportLookupsMixin
from priorities.models import Commitment
from priorities.roles import user_area_ids
from priorities.scoping import user_may

COLUMNS = (
    "id",
    "priority",
    "commitment",
    "period",
    "area",
    "parent",
    "order",
    "text",
    "operations",
    "status",
)
REQUIRED_COLUMNS = ("id", "commitment", "period", "area", "text")
COMPARED = ("commitment_id", "period_id", "area_id", "area_label", "parent_id", "order", "text")


def _whole(value, what: str) -> int:
    text = cell_text(value)
    if not text.isdigit():
        raise ValueError(f'"{text[:40]}" is not {what}')
    return int(text)


def _operation_names(value) -> list[str]:
    names = [" ".join(name.split()) for name in cell_text(value).split(",")]
    return [name for name in names if name]


class EntryResource(
    ImportLookupsMixin,
    PreviewMixin,
    BatchWritesMixin,
    RequiredColumnsMixin,
    resources.ModelResource,
):
    required_columns = REQUIRED_COLUMNS

    id = fields.Field(attribute="id", column_name="id")
    priority = fields.Field(column_name="priority")
    commitment = fields.Field(column_name="commitment")
    period = fields.Field(column_name="period")
    area = fields.Field(column_name="area")
    parent = fields.Field(column_name="parent")
    order = fields.Field(attribute="order", column_name="order")
    text = fields.Field(attribute="text", column_name="text")
    operations = fields.Field(column_name="operations")
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Entry
        fields = COLUMNS
        import_id_fields = ("id",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = False
        # Checked row by row, written a batch at a time (ids of a batch fit one IN clause).
        use_bulk = True
        batch_size = 500
        # No deep copy of each row's instance: PreviewMixin makes the preview's before/after.
        skip_diff = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Options of this import only (the class's are shared by every request).
        self._meta = copy.copy(type(self)._meta)
        self.now = None
        self.confirming = False
        self.user = None
        self.maps: dict[str, dict] = {}
        self.existing: dict[int, Entry] = {}
        self.stored: dict[int, tuple] = {}
        self.unchanged: set[int] = set()
        self.open_ids: frozenset[int] = frozenset()

    def import_data(self, dataset, dry_run=False, *args, **kwargs):
        self.confirming = not dry_run
        return super().import_data(dataset, dry_run, *args, **kwargs)

    # Export ------------------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("commitment__priority", "period", "area").prefetch_related(
            "operations"
        )

    def dehydrate_priority(self, entry):
        return entry.commitment.priority.number if entry.commitment_id else ""

    def dehydrate_commitment(self, entry):
        if not entry.commitment_id:
            return ""
        return entry.commitment.reference

    def dehydrate_period(self, entry):
        return entry.period.label if entry.period_id else ""

    def dehydrate_area(self, entry):
        return entry.area.name if entry.area_id else ""

    def dehydrate_parent(self, entry):
        return entry.parent_id or ""

    def dehydrate_operations(self, entry):
        names = getattr(entry, "imported_operations", None)
        if names is None:
            names = [op.name for op in entry.operations.all()] if entry.pk else []
        return ", ".join(sorted(names, key=Operation.key_for))

    # Import: the file as a whole ---------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        user = kwargs.get("user")
        self.user = user if user is not None and user.is_authenticated else None
        self.area_ids = user_area_ids(user) if self.user is not None else frozenset()
        self.is_analyst = self.user is not None and user_may(
            self.user, "narratives.write_any_entry"
        )
        self.open_ids = period_ids_open_for_entry()
        commitments = {}
        for c in Commitment.objects.select_related("priority").order_by("priority__plan_id"):
            commitments[(c.priority.number, c.order)] = c  # the latest plan's, if numbers repeat
        self.maps["commitment"] = commitments
        self.load_lookups()
        self.periods_by_id = {p.pk: p for p in self.periods_by_quarter.values()}
        self.maps["operation"] = {op.key: op for op in Operation.objects.all()}
        ids = set()
        for column in ("id", "parent"):
            if column in dataset.headers:
                ids |= {int(t) for t in map(cell_text, dataset[column]) if t.isdigit()}
        visible = Entry.objects.filter(pk__in=ids)
        if self.confirming and transaction.get_connection().in_atomic_block:
            # As entry_save: rows changed meanwhile are read as they now stand, and kept so.
            visible = visible.select_for_update(of=("self",))
        if self.area_ids is not None:
            visible = visible.filter(area_id__in=self.area_ids)
        self.existing = {
            e.pk: e
            for e in visible.select_related("commitment__priority", "period", "area")
            .prefetch_related("operations")
            .order_by("pk")
        }
        self.stored = {pk: self._state(e, None) for pk, e in self.existing.items()}
        self.unchanged = set()
        self.operations = {}
        self.now = timezone.now()

    @staticmethod
    def _state(entry: Entry, names) -> tuple:
        if names is None:
            names = [op.name for op in entry.operations.all()]
        keys = tuple(sorted({Operation.key_for(name) for name in names}))
        return (*(getattr(entry, name) for name in COMPARED), keys)

    def get_instance(self, instance_loader, row):
        text = cell_text(row.get("id"))
        return self.existing.get(int(text)) if text.isdigit() else None

    # Import: one row ---------------------------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}

        def read(column, reader):
            try:
                return reader(row.get(column))
            except ValueError as error:
                errors[column] = [str(error)]
                return None

        self._check_id(instance, row, kwargs.get("row_number"), errors)
        commitment = read("commitment", lambda v: self._commitment(v, row.get("priority")))
        period = read("period", self.find_period)
        area = read("area", self.find_area)
        parent = read("parent", lambda v: self._parent(v, instance))
        order = read("order", lambda v: _whole(v, "an order") if cell_text(v) else instance.order)
        text = read("text", self._entry_text)
        names = read("operations", _operation_names)
        for name, value in (("commitment", commitment), ("period", period), ("area", area)):
            if value is not None:
                setattr(instance, name, value)
        written = " ".join(cell_text(row.get("area")).split())
        if area is not None and written.casefold() != area.name.casefold():
            instance.area_label = written  # "Canvey Island" is printed as written
        instance.parent = parent
        instance.order = order if order is not None else instance.order
        instance.text = text if text is not None else instance.text
        instance.imported_operations = names or []
        if parent is not None and commitment and period:
            if parent.pk == instance.pk:
                errors["parent"] = ["an entry cannot be nested under itself"]
            elif (parent.commitment_id, parent.period_id) != (commitment.pk, period.pk):
                errors["parent"] = [
                    "nest an entry only under one of the same commitment and period"
                ]
        if not errors:
            self._check_may_write(instance, errors)
        if errors:
            raise ValidationError(errors)

    def _check_id(self, instance, row, number, errors) -> None:
        text = cell_text(row.get("id"))
        if not text:
            return
        if not text.isdigit() or instance.pk is None:
            errors["id"] = [f'no entry "{text[:40]}" among the entries you may see']
            return
        first = self.first_row_with(instance.pk, number)
        if first is not None:
            errors["id"] = [f"the same id as row {first}"]

    def _check_may_write(self, instance, errors) -> None:
        """The workflow's rules, as row errors; an unchanged row is left alone, not refused."""
        if instance.pk is not None:
            if self._state(instance, instance.imported_operations) == self.stored[instance.pk]:
                self.unchanged.add(instance.pk)
                return
            stored = self.existing[instance.pk]
            if stored.status not in OFFICER_EDITABLE:
                status = stored.get_status_display().lower()
                errors["id"] = [f"entry {stored.pk} is {status}, so an import cannot change it"]
                return
            period_id = self.stored[instance.pk][COMPARED.index("period_id")]
            if not self.is_analyst and period_id not in self.open_ids:
                label = self.periods_by_id[period_id].label  # where it is, not where it goes
                errors["id"] = [f"entry {stored.pk}'s period {label} is closed"]
                return
        if not self.is_analyst and instance.period_id not in self.open_ids:
            errors["period"] = [f'"{instance.period.label}" is not open for entries']
            return
        if self.user is None or not entry_is_writable_by(
            entry=instance, user=self.user, open_period_ids=self.open_ids
        ):
            errors["id"] = ["you cannot write an entry for this area or period"]

    def _commitment(self, value, priority) -> Commitment:
        text, number = cell_text(value), cell_text(priority)
        if not text:
            raise ValueError("the commitment is missing")
        if "." in text:
            head, _, tail = text.partition(".")
            if number and number != head:
                raise ValueError(f'commitment "{text[:20]}" is not under priority {number[:20]}')
            number, text = head, tail
        elif not number:
            raise ValueError('give the commitment as "priority.order", such as 2.1')
        found = None
        if number.isdigit() and text.isdigit():
            found = self.maps["commitment"].get((int(number), int(text)))
        if found is None:
            raise ValueError(f'unknown commitment "{number[:20]}.{text[:20]}"')
        return found

    def _parent(self, value, instance: Entry) -> Entry | None:
        text = cell_text(value)
        if not text:
            return None
        if instance.pk is not None and text == str(instance.parent_id):
            # A parent the PAU chose outside the officer's areas is kept, as on the entry page.
            return instance.parent
        found = self.existing.get(int(text)) if text.isdigit() else None
        if found is None:
            raise ValueError(f'no entry "{text[:40]}" among the entries you may see')
        return found

    @staticmethod
    def _entry_text(value) -> str:
        text = spreadsheet_unescaped(cell_text(value))
        if not text:
            raise ValueError("the text is missing")
        return text

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and instance.pk in self.unchanged
