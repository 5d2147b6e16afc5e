"""Metric values in and out as CSV and XLSX: columns metric (code), period ("2020/21 Q2"),
area (name) and value.

Every bad row is reported with its column and reason (unknown metric, period or area; not a
number; a duplicate of an earlier row; an area outside an officer's own) and an import with any
error writes nothing. Lookups are loaded once per file rather than once per row.
"""

import copy
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources, widgets

from metrics.bulk_writes import history_insert, values_insert, values_update
from metrics.exporting import plain_decimal
from metrics.models import Metric, MetricValue
from pcp.spreadsheets.cells import cell_text
from pcp.spreadsheets.columns import RequiredColumnsMixin
from pcp.spreadsheets.preview import PreviewMixin
from priorities.import_lookups import ImportLookupsMixin
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import periods_accepting_entries

KEY_FIELDS = ("metric", "period", "area")
KEY_COLUMNS = "metric, period, area"
REQUIRED_COLUMNS = (*KEY_FIELDS, "value")
MAX_VALUE = Decimal("1e14")


class LookupWidget(widgets.Widget):
    """Finds a row's metric, period or area in maps the resource loads once per file."""

    def __init__(self, resource, kind: str):
        super().__init__()
        self.resource, self.kind = resource, kind

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(f"the {self.kind} is missing")
        return self.resource.find(self.kind, text)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return {"metric": lambda v: v.code, "period": lambda v: v.label}.get(
            self.kind, lambda v: v.name
        )(value)


class ValueWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError(f'"{value}" is not a number')
        if isinstance(value, int | float | Decimal):
            text = str(value)
        else:
            text = cell_text(value).replace(",", "")
        if not text:
            raise ValueError("the value is missing")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f'"{cell_text(value)[:40]}" is not a number') from None
        if not number.is_finite() or abs(number) >= MAX_VALUE:
            raise ValueError(f'"{cell_text(value)[:40]}" is not a number this column can hold')
        return number.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value  # XLSX: a number stays a number
        return plain_decimal(value)


class MetricValueResource(
    ImportLookupsMixin, PreviewMixin, RequiredColumnsMixin, resources.ModelResource
):
    required_columns = REQUIRED_COLUMNS

    metric = fields.Field(attribute="metric", column_name="metric")
    period = fields.Field(attribute="period", column_name="period")
    area = fields.Field(attribute="area", column_name="area")
    value = fields.Field(attribute="value", column_name="value", widget=ValueWidget())

    class Meta:
        model = MetricValue
        fields = ("metric", "period", "area", "value")
        import_id_fields = ("metric", "period", "area")
        skip_unchanged = True
        report_skipped = True
        # The widgets validate every column; full_clean would query each foreign key again.
        clean_model_instances = False
        # Rows are written a thousand at a time (with their history rows): every check that
        # can fail is made row by row before, so a batch has nothing left to refuse.
        use_bulk = True
        batch_size = 1000
        # No deep copy of each row's instance: PreviewMixin makes the preview's before/after.
        skip_diff = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Options of this import only: the library sets some while importing (store_instance),
        # and the class's are shared by every request.
        self._meta = copy.copy(type(self)._meta)
        for kind in ("metric", "period", "area"):
            self.fields[kind].widget = LookupWidget(self, kind)
        self.area_ids = None
        self.open_period_ids: set[int] | None = None
        self.existing: dict[tuple[int, int, int], MetricValue] = {}
        self.maps: dict[str, dict] = {}
        self.user = None
        self.by_id: dict[str, dict] = {}
        self.stored: dict[int, tuple[Decimal, bool]] = {}
        self.found: dict[tuple[str, str], object] = {}
        self.now = None

    def before_import(self, dataset, **kwargs):
        user = kwargs.get("user")
        self.user = user if user is not None and user.is_authenticated else None
        self.area_ids = user_area_ids(user) if user is not None else None
        # Officers import figures only for quarters still open for entry, as they type them.
        self.open_period_ids = None
        if user is not None and not user_may(user, "metrics.change_metric"):
            self.open_period_ids = set(periods_accepting_entries().values_list("pk", flat=True))
        self.load_lookups()
        self.maps["metric"] = {m.code.lower(): m for m in Metric.objects.all()}
        self.maps["period"], self.maps["area"] = self.periods_by_quarter, self.areas_by_name
        codes = set()
        if "metric" in dataset.headers:
            codes = {cell_text(code).lower() for code in dataset["metric"]}
        wanted = [m for code, m in self.maps["metric"].items() if code in codes]
        self.existing = {
            (v.metric_id, v.period_id, v.area_id): v
            # Without their related objects: export_field finds metric, period and area in
            # the maps.
            for v in MetricValue.objects.filter(metric__in=wanted)
        }
        # What each stored value was when the file was read: rows that would not change it
        # are skipped.
        self.stored = {v.pk: (v.value, v.illustrative) for v in self.existing.values()}
        self.found = {}
        self.now = timezone.now()
        self.by_id = {kind: {o.pk: o for o in found.values()} for kind, found in self.maps.items()}

    def find(self, kind: str, text: str):
        # Each row names its metric, period and area twice (to find the stored value, then to
        # fill it in), and a file repeats the same few names: each is looked up once.
        key = (kind, text)
        if key not in self.found:
            self.found[key] = self._find(kind, text)
        return self.found[key]

    def _find(self, kind: str, text: str):
        if kind == "area":
            return self.find_area(text)
        if kind == "metric":
            found = self.maps["metric"].get(text.lower())
            if found is None:
                raise ValueError(f'unknown metric "{text[:60]}"')
            return found
        found = self.find_period(text)
        if self.open_period_ids is not None and found.pk not in self.open_period_ids:
            raise ValueError(f"{found.label} is closed for entry; ask the PAU to correct it")
        return found

    def export_field(self, field, instance, **kwargs):
        if field.attribute in KEY_FIELDS and self.by_id:
            related = self.by_id[field.attribute].get(getattr(instance, f"{field.attribute}_id"))
            return field.widget.render(related)
        return super().export_field(field, instance, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            key = tuple(self.find(kind, cell_text(row.get(kind))).pk for kind in KEY_FIELDS)
        except (ValueError, KeyError):
            return None  # import_instance reports what is wrong with the row
        return self.existing.get(key)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors.keys() & set(KEY_FIELDS):
            key = (instance.metric_id, instance.period_id, instance.area_id)
            first = self.first_row_with(key, kwargs.get("row_number"))
            if first is not None:
                errors[KEY_COLUMNS] = [f"the same metric, period and area as row {first}"]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An unchanged value is skipped; metric, period and area match by construction (the
        row was found by them), so only the value is compared, without a query."""
        if import_validation_errors or instance.pk is None or instance.pk not in self.stored:
            return False
        value, illustrative = self.stored[instance.pk]
        if illustrative:
            return False  # a real figure replaces an illustrative one even at the same value
        return instance.value == value

    def before_save_instance(self, instance, row, **kwargs):
        if self.user is not None:
            if instance.pk is None:
                instance.created_by = self.user
            instance.modified_by = self.user
        instance.modified_at = self.now  # bulk_update leaves auto_now fields alone
        instance.illustrative = False  # an imported figure is a real one
        if instance.pk is not None:
            instance.revision += 1  # a form opened before the import must not undo it

    def get_bulk_update_fields(self):
        return ["value", "illustrative", "revision", "modified_by", "modified_at"]

    # A preview writes nothing, not even to roll it back (the library's way of finding what
    # the database would refuse): every check is made row by row before a batch is written,
    # so the rows would all be accepted, and the confirmation writes them in a transaction
    # that any refusal undoes whole.

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and not dry_run:
            try:
                with transaction.atomic(savepoint=False):
                    values_insert(self.create_instances, now=self.now)
                    history_insert(self.create_instances, history_type="+", user=self.user)
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and not dry_run:
            try:
                with transaction.atomic(savepoint=False):
                    values_update(self.update_instances, self.get_bulk_update_fields())
                    history_insert(self.update_instances, history_type="~", user=self.user)
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.update_instances.clear()

    def get_queryset(self):
        return MetricValue.objects.select_related("metric", "period", "area")
