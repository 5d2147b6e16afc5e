"""Metrics in the admin: analysts keep everything, officers enter and import their areas'
values, managers look. What each may do is their role's permissions (priorities.roles), asked
through Django's own checks and priorities.scoping. Each value's page shows the comparisons
writers can quote."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportModelAdmin

from metrics.dashboards import series_rows, summarise_metric
from metrics.models import Metric, MetricValue, SeriesBreak, Target
from metrics.resources import MetricValueResource
from metrics.selectors import metric_value_context, metric_value_is_writable_by
from metrics.services import (
    CONFLICT_MESSAGE,
    MetricValueError,
    closed_message,
    metric_value_save,
)
from pcp.spreadsheets.cells import SafeCSV, SafeXLSX
from pcp.spreadsheets.import_admin import AllOrNothingImportAdminMixin, SizeLimitedImportForm
from priorities.revision_forms import RevisionCheckedForm
from priorities.roles import OFFICER, user_role
from priorities.scoping import AreaScopedAdminMixin, HistoryAdmin, user_may
from priorities.selectors import periods_accepting_entries


class MetricValueAdminForm(RevisionCheckedForm):
    """Refuses a save over someone else's, with the typed figure still in the form."""

    conflict_message = CONFLICT_MESSAGE


def open_period_ids(request) -> frozenset[int]:
    """Quarters open for entry, read once per request however many values ask."""
    if not hasattr(request, "_pcp_metrics_open_period_ids"):
        ids = periods_accepting_entries().values_list("pk", flat=True)
        request._pcp_metrics_open_period_ids = frozenset(ids)
    return request._pcp_metrics_open_period_ids


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
    form = MetricValueAdminForm
    fields = ("metric", "period", "area", "value", "illustrative", "comparisons", "revision")
    readonly_fields = ("comparisons",)
    history_revert_allowed = False  # a revert would skip the revision and period rules

    def get_readonly_fields(self, request, obj=None):
        if user_may(request.user, "metrics.mark_illustrative"):
            return self.readonly_fields
        return (*self.readonly_fields, "illustrative")

    def is_writable(self, request, obj) -> bool:
        if user_may(request.user, "metrics.change_metric"):
            return True  # the PAU keep every figure; without reading the open quarters
        return metric_value_is_writable_by(
            value=obj, user=request.user, open_period_ids=open_period_ids(request)
        )

    def add_view(self, request, form_url="", extra_context=None):
        # Asked here rather than in has_add_permission, which every admin page's menu asks.
        if user_role(request.user) == OFFICER and not open_period_ids(request):
            self.message_user(
                request,
                "No quarter is open for entry, so there is no figure to add yet. The "
                "Performance Analysis Unit opens each quarter for entry.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:metrics_metricvalue_changelist"))
        return super().add_view(request, form_url, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "period" and not user_may(request.user, "metrics.change_metric"):
            kwargs["queryset"] = periods_accepting_entries()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and user_role(request.user) == OFFICER:
            obj = self.get_object(request, object_id)
            if obj is not None and not self.is_writable(request, obj):
                self.message_user(request, closed_message(value=obj), messages.INFO)  # why
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get("revision") if change else None
        metric_value_save(value=obj, by=request.user, expected_revision=expected)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except MetricValueError as error:
            # Raised inside the admin's transaction, so nothing of this save was kept.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    @admin.display(description="Comparisons to quote")
    def comparisons(self, obj):
        if obj is None or obj.pk is None:
            return "Shown once the value is saved."
        series, breaks = metric_value_context(value=obj)
        quarter = obj.period.as_quarter
        upto = {q: figure for q, figure in series.items() if q <= quarter}
        summary = summarise_metric(series_rows(upto, breaks), metric=obj.metric, targets={})
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
