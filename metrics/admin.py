"""Metrics in the admin: analysts keep everything, officers enter and import their areas'
values, managers look. What each may do is their role's permissions (priorities.roles), asked
through Django's own checks and priorities.scoping. Each value's page shows the comparisons
writers can quote."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportModelAdmin

from metrics.dashboards import series_rows, summarise
from metrics.models import Metric, MetricValue, SeriesBreak, Target
from metrics.resources import MetricValueResource, SafeCSV, SafeXLSX
from metrics.selectors import metric_value_context
from priorities.periods import Quarter
from priorities.scoping import AreaScopedAdminMixin, HistoryAdmin, user_may
from priorities.spreadsheets import AllOrNothingImportAdminMixin, SizeLimitedImportForm


@admin.register(MetricValue)
class MetricValueAdmin(
    AreaScopedAdminMixin,
    AllOrNothingImportAdminMixin,
    ImportExportModelAdmin,
    HistoryAdmin,
):
    area_lookup = "area"
    resource_classes = [MetricValueResource]
    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]
    import_form_class = SizeLimitedImportForm
    import_template_name = "admin/metrics/metricvalue/import.html"
    list_display = ("metric", "period", "area", "value", "illustrative", "modified_at")
    list_filter = ("metric__priority", "metric", "period", "area__kind", "illustrative")
    list_select_related = ("metric", "period", "area")
    search_fields = ("metric__name", "metric__code", "area__name")
    fields = ("metric", "period", "area", "value", "illustrative", "comparisons")
    readonly_fields = ("comparisons",)

    def get_readonly_fields(self, request, obj=None):
        if user_may(request.user, "metrics.mark_illustrative"):
            return self.readonly_fields
        return (*self.readonly_fields, "illustrative")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.modified_by = request.user
        if "value" in form.changed_data and not user_may(request.user, "metrics.mark_illustrative"):
            obj.illustrative = False  # a figure someone typed in is a real one
        super().save_model(request, obj, form, change)

    @admin.display(description="Comparisons to quote")
    def comparisons(self, obj):
        if obj is None or obj.pk is None:
            return "Shown once the value is saved."
        series, breaks = metric_value_context(value=obj)
        quarter = Quarter(obj.period.year, obj.period.quarter)
        upto = {q: figure for q, figure in series.items() if q <= quarter}
        summary = summarise(
            series_rows(upto, breaks),
            targets={},
            unit=obj.metric.unit,
            direction=obj.metric.good_direction,
            stock=obj.metric.stock,
        )
        if not summary.lines:
            return "No earlier quarters to compare with yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li>{}: {}; or {}</li>", ((s.title, s.change, s.origin) for s in summary.lines)
            ),
        )

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # The library keeps numbers native only for its own XLSX class, not a subclass such as
        # SafeXLSX; without this, values would reach the spreadsheet as text.
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        exported = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            exported = exported.encode(encoding)
        return exported


@admin.register(Metric)
class MetricAdmin(HistoryAdmin):
    list_display = ("name", "code", "unit", "good_direction", "combination", "stock", "priority")
    list_filter = ("priority", "unit", "good_direction")
    search_fields = ("name", "code")
    list_select_related = ("priority",)


@admin.register(SeriesBreak)
class SeriesBreakAdmin(HistoryAdmin):
    list_display = ("metric", "period", "note")
    list_select_related = ("metric", "period")


@admin.register(Target)
class TargetAdmin(AreaScopedAdminMixin, HistoryAdmin):
    list_display = ("metric", "period", "area", "value", "illustrative")
    list_filter = ("metric", "period", "illustrative")
    list_select_related = ("metric", "period", "area")
