"""Metric values in and out as CSV and XLSX: columns metric (code), period ("2020/21 Q2"),
area (name) and value.

Every bad row is reported with its column and reason (unknown metric, period or area; not a
number; a duplicate of an earlier row; an area outside an officer's own) and an import with any
error writes nothing. Lookups are loaded once per file rather than once per row.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX

from metrics.exporting import plain_decimal, spreadsheet_safe
from metrics.models import Metric, MetricValue
from priorities.models import Area, AreaAlias, Period
from priorities.periods import parse_quarter
from priorities.roles import user_area_ids

KEY_FIELDS = ("metric", "period", "area")
KEY_COLUMNS = "metric, period, area"
MAX_VALUE = Decimal("1e14")  # the column holds 18 digits, four of them decimals


class SpreadsheetSafeMixin:
    """Honours IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT with metrics.exporting's rule, which
    also covers + - @ tab and CR and keeps numbers as numbers (the library's own only drops a
    leading "=" and turns every cell into text)."""

    def _escape_formulae(self, dataset):
        for _ in range(len(dataset)):
            row = dataset.lpop()
            dataset.append([spreadsheet_safe(cell) for cell in row])


class SafeCSV(SpreadsheetSafeMixin, CSV):
    pass


class SafeXLSX(SpreadsheetSafeMixin, XLSX):
    pass


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


class MetricValueResource(resources.ModelResource):
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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for kind in ("metric", "period", "area"):
            self.fields[kind].widget = LookupWidget(self, kind)
        self.area_ids = None
        self.seen: dict[tuple[int, int, int], int] = {}
        self.existing: dict[tuple[int, int, int], MetricValue] = {}
        self.maps: dict[str, dict] = {}

    def before_import(self, dataset, **kwargs):
        # "Metric " or "VALUE" in a hand-made sheet still name the columns.
        dataset.headers = [_text(header).lower() for header in dataset.headers or []]
        user = kwargs.get("user")
        self.area_ids = user_area_ids(user) if user is not None else None
        self.maps["metric"] = {m.code.lower(): m for m in Metric.objects.all()}
        self.maps["period"] = {(p.year, p.quarter): p for p in Period.objects.all()}
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
            for v in MetricValue.objects.filter(metric__in=wanted)
        }
        self.seen = {}

    def find(self, kind: str, text: str):
        if kind == "period":
            quarter = parse_quarter(text)  # its ValueError names the expected form
            found = self.maps["period"].get((quarter.year, quarter.quarter))
        else:
            found = self.maps[kind].get(text.lower())
        if found is None:
            raise ValueError(f'unknown {kind} "{text[:60]}"')
        if kind == "area" and self.area_ids is not None and found.pk not in self.area_ids:
            raise ValueError(f'"{found.name}" is not one of your areas')
        return found

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
        if original is not None and original.illustrative:
            return False  # a real figure replaces an illustrative one even at the same value
        return super().skip_row(instance, original, row, import_validation_errors)

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            if instance.pk is None:
                instance.created_by = user
            instance.modified_by = user
        instance.illustrative = False  # an imported figure is a real one

    def get_queryset(self):
        return MetricValue.objects.select_related("metric", "period", "area")
