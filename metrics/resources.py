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
from import_export.resources import Diff

from metrics.bulk_writes import history_insert, values_update
from metrics.exporting import plain_decimal
from metrics.models import Metric, MetricValue
from priorities.models import Area, AreaAlias
from priorities.periods import parse_quarter
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import periods_accepting_entries, periods_by_quarter
from priorities.spreadsheets import (  # noqa: F401 (SafeCSV, SafeXLSX: imported from here)
    RequiredColumnsMixin,
    SafeCSV,
    SafeXLSX,
)

KEY_FIELDS = ("metric", "period", "area")
KEY_COLUMNS = "metric, period, area"
REQUIRED_COLUMNS = (*KEY_FIELDS, "value")
MAX_VALUE = Decimal("1e14")


class KeyedDiff(Diff):
    """The preview's before-and-after, read through the resource so that metric, period and
    area come from its maps rather than a query per row."""

    def __init__(self, resource, instance, new):  # not super(): it would read the slow way
        self.left, self.right, self.new = _read(resource, instance), [], new

    def compare_with(self, resource, instance):
        self.right = _read(resource, instance)


def _read(resource, instance) -> list:
    if instance is None:
        return [""] * len(resource.get_import_fields())
    return [resource.export_field(field, instance) for field in resource.get_import_fields()]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


class LookupWidget(widgets.Widget):
    """Finds a row's metric, period or area in maps the resource loads once per file."""

    def __init__(self, resource, kind: str):
        super().__init__()
        self.resource, self.kind = resource, kind

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
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
            text = _text(value).replace(",", "")
        if not text:
            raise ValueError("the value is missing")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f'"{_text(value)[:40]}" is not a number') from None
        if not number.is_finite() or abs(number) >= MAX_VALUE:
            raise ValueError(f'"{_text(value)[:40]}" is not a number this column can hold')
        return number.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value  # XLSX: a number stays a number
        return plain_decimal(value)


class MetricValueResource(RequiredColumnsMixin, resources.ModelResource):
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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Options of this import only (the class's are shared by every request): a confirmed
        # import skips the before/after copies that only the preview shows.
        self._meta = copy.copy(type(self)._meta)
        for kind in ("metric", "period", "area"):
            self.fields[kind].widget = LookupWidget(self, kind)
        self.area_ids = None
        self.open_period_ids: set[int] | None = None
        self.seen: dict[tuple[int, int, int], int] = {}
        self.existing: dict[tuple[int, int, int], MetricValue] = {}
        self.maps: dict[str, dict] = {}
        self.user = None
        self.by_id: dict[str, dict] = {}
        self.stored: dict[int, tuple[Decimal, bool]] = {}
        self.found: dict[tuple[str, str], object] = {}

    def import_data(self, dataset, dry_run=False, *args, **kwargs):
        # Nobody sees a confirmed import's diff: not copying each row's instance and not
        # rendering its before/after as HTML is most of the confirmation's cost.
        self._meta.skip_diff = not dry_run
        return super().import_data(dataset, dry_run, *args, **kwargs)

    def before_import(self, dataset, **kwargs):
        user = kwargs.get("user")
        self.user = user if user is not None and user.is_authenticated else None
        self.area_ids = user_area_ids(user) if user is not None else None
        # Officers import figures only for quarters still open for entry, as they type them.
        self.open_period_ids = None
        if user is not None and not user_may(user, "metrics.change_metric"):
            self.open_period_ids = set(periods_accepting_entries().values_list("pk", flat=True))
        self.maps["metric"] = {m.code.lower(): m for m in Metric.objects.all()}
        self.maps["period"] = periods_by_quarter()
        areas = {a.name.lower(): a for a in Area.objects.all()}
        for alias in AreaAlias.objects.select_related("area"):
            areas.setdefault(alias.name.lower(), alias.area)
        self.maps["area"] = areas
        codes = set()
        if "metric" in dataset.headers:
            codes = {_text(code).lower() for code in dataset["metric"]}
        wanted = [m for code, m in self.maps["metric"].items() if code in codes]
        self.existing = {
            (v.metric_id, v.period_id, v.area_id): v
            # Without their related objects: the library deep-copies each row's instance for
            # the preview's diff, and export_field finds metric, period and area in the maps.
            for v in MetricValue.objects.filter(metric__in=wanted)
        }
        # What each stored value was when the file was read: rows that would not change it
        # are skipped, whether or not the preview's copies were made.
        self.stored = {v.pk: (v.value, v.illustrative) for v in self.existing.values()}
        self.seen, self.found = {}, {}
        self.by_id = {kind: {o.pk: o for o in found.values()} for kind, found in self.maps.items()}

    def find(self, kind: str, text: str):
        # Each row names its metric, period and area twice (to find the stored value, then to
        # fill it in), and a file repeats the same few names: each is looked up once.
        key = (kind, text)
        if key not in self.found:
            self.found[key] = self._find(kind, text)
        return self.found[key]

    def _find(self, kind: str, text: str):
        if kind == "period":
            # parse_quarter's ValueError names the expected form
            found = self.maps["period"].get(parse_quarter(text))
        else:
            found = self.maps[kind].get(text.lower())
        if found is None:
            raise ValueError(f'unknown {kind} "{text[:60]}"')
        if kind == "area" and self.area_ids is not None and found.pk not in self.area_ids:
            raise ValueError(f'"{found.name}" is not one of your areas')
        closed = self.open_period_ids is not None and found.pk not in self.open_period_ids
        if kind == "period" and closed:
            raise ValueError(f"{found.label} is closed for entry; ask the PAU to correct it")
        return found

    def get_diff_class(self):
        return KeyedDiff

    def export_field(self, field, instance, **kwargs):
        if field.attribute in KEY_FIELDS and self.by_id:
            related = self.by_id[field.attribute].get(getattr(instance, f"{field.attribute}_id"))
            return field.widget.render(related)
        return super().export_field(field, instance, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            key = tuple(self.find(kind, _text(row.get(kind))).pk for kind in KEY_FIELDS)
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
            number = kwargs.get("row_number")
            key = (instance.metric_id, instance.period_id, instance.area_id)
            first = self.seen.setdefault(key, number)
            if first != number:
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
        instance.modified_at = timezone.now()  # bulk_update leaves auto_now fields alone
        instance.illustrative = False  # an imported figure is a real one
        if instance.pk is not None:
            instance.revision += 1  # a form opened before the import must not undo it

    def get_bulk_update_fields(self):
        return ["value", "illustrative", "revision", "modified_by", "modified_at"]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and (using_transactions or not dry_run):
            try:
                with transaction.atomic(savepoint=False):
                    MetricValue.objects.bulk_create(self.create_instances, batch_size=batch_size)
                    history_insert(self.create_instances, history_type="+", user=self.user)
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                with transaction.atomic(savepoint=False):
                    values_update(self.update_instances, self.get_bulk_update_fields())
                    history_insert(self.update_instances, history_type="~", user=self.user)
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.update_instances.clear()

    def get_queryset(self):
        return MetricValue.objects.select_related("metric", "period", "area")
