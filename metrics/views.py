"""Trend dashboards: every metric at a glance, and a page per metric with its charts."""

import csv
import functools

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from metrics import selectors
from metrics import variation as mdc
from metrics.by_area import rate, row_index
from metrics.caching import cached_for_scope
from metrics.combining import summed_label
from metrics.dashboards import WINDOW_QUARTERS, series_rows
from metrics.exporting import plain_decimal
from metrics.home import home_cards, home_count_line
from metrics.pages import metric_page_context
from priorities.scoping import user_may
from priorities.spreadsheets import spreadsheet_safe

CSV_COLUMNS = [
    "period",
    "area",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "special_cause",
    "variation",
    "assurance",
    "illustrative",
    "origin",
    "residents",
    "per_1000_residents",
]


def dashboard_view(view):
    """Logged in with a role. Charts are drawn by a static script from JSON in
    <script type="application/json">, so the pages keep to the site-wide content security
    policy (settings.SECURE_CSP) with no inline script."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not user_may(request.user, "metrics.view_metric"):
            raise PermissionDenied("Dashboards are for officers, analysts and managers.")
        return view(request, *args, **kwargs)

    return wrapper


class FilterForm(forms.Form):
    priority = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    area = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, priorities, areas):
        super().__init__(data)
        self.fields["priority"].choices = [("", "All priorities")] + [
            (priority.pk, str(priority)) for priority in priorities
        ]
        self.fields["area"].choices = [
            (area.pk, ("\u2003" * area.depth) + area.name) for area in areas
        ]

    def value(self, name):
        """The field's choice if it is a valid one (a bad priority keeps a good area)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)


def chosen_area(request, areas, *, priorities=()):
    form = FilterForm(request.GET or None, priorities=priorities, areas=areas)
    by_id = {area.pk: area for area in areas}
    area = by_id.get(form.value("area")) or selectors.default_area(areas)
    return form, area


def home_figures(request) -> dict:
    """What the dashboards home shows for the user's role, areas and filters (cached)."""
    areas = selectors.visible_areas(user=request.user)
    metrics = selectors.metrics_all()
    priorities = sorted(
        {m.priority for m in metrics if m.priority}, key=lambda p: (p.plan_id, p.number)
    )
    form, area = chosen_area(request, areas, priorities=priorities)
    priority_id = form.value("priority")
    if priority_id:
        metrics = [m for m in metrics if m.priority_id == priority_id]
    cards = home_cards(metrics=metrics, area=area, areas=areas) if area else []
    return {
        "areas": areas,
        "priorities": priorities,
        "area": area,
        "rows": cards,
        "count_line": home_count_line(cards),
        "priority": priority_id,
        "illustrative": any(card["summary"].leans_on_illustrative for card in cards),
    }


@dashboard_view
def dashboard_home(request):
    figures = cached_for_scope(request, lambda: home_figures(request))
    # The form is rebuilt each time (no query): a form is not something to keep in a cache.
    form, _ = chosen_area(request, figures["areas"], priorities=figures["priorities"])
    context = {**figures, "form": form, "key": mdc.KEY, "window": WINDOW_QUARTERS}
    return render(request, "dashboards/home.html", context)


@dashboard_view
def metric_dashboard(request, code):
    metric = selectors.metric_by_code(code=code)
    if metric is None:
        raise Http404("No metric with that code.")
    areas = selectors.visible_areas(user=request.user)
    # A metric has one priority: the filter is only carried (from and back to the home page).
    form, area = chosen_area(
        request, areas, priorities=[metric.priority] if metric.priority else []
    )
    per_1000 = request.GET.get("per") == "1000"
    context = metric_page_context(metric=metric, area=area, areas=areas, per_1000=per_1000)
    context["form"] = form
    context["priority"] = form.value("priority")
    return render(request, "dashboards/metric.html", context)


# Each chart's CSV: the series and XmR charts share one (every quarter of every area, or of
# the area asked for); the by-area chart has its own (one quarter, every area).
CSV_CHARTS = ("series", "by-area")


@dashboard_view
def metric_csv(request, code):
    """A chart's data with its XmR columns, as the metric page shows it for the same filters."""
    metric = selectors.metric_by_code(code=code)
    if metric is None:
        raise Http404("No metric with that code.")
    chart = request.GET.get("chart") or "series"
    if chart not in CSV_CHARTS:
        raise Http404("No chart of that name: use chart=series or chart=by-area.")
    areas = selectors.visible_areas(user=request.user)
    form, area = chosen_area(request, areas)
    if "area" in form.errors:
        raise Http404("That area is not one you can see.")
    breaks = selectors.breaks_by_metric(metric_ids=[metric.pk]).get(metric.pk, [])
    targets = selectors.targets_by_metric_and_area(
        metric_ids=[metric.pk], area_ids=[a.pk for a in areas]
    )
    if chart == "by-area":
        series = selectors.series_with_sums(metrics=[metric], areas=areas)
        items = _by_area_items(metric, areas, area, series, breaks)
        filename = f"{metric.code}-by-area.csv"
    else:
        # One area if asked for (None only when the user has no areas at all), else every one.
        root = area if request.GET.get("area") else None
        series = selectors.series_with_sums(metrics=[metric], areas=areas, root=root)
        items = []
        for each in [root] if root else areas:
            rows = series_rows(series.get((metric.pk, each.pk), {}), breaks)
            items.extend((each, rows, index) for index in range(len(rows)))
        filename = f"{metric.code}.csv"
    return _csv_response(filename, metric, items, targets)


def _by_area_items(metric, areas, area, series, breaks):
    """The quarter the page's by-area chart shows, in every visible area that has it."""
    own = series.get((metric.pk, area.pk), {}) if area else {}
    latest = max(own, default=None) or max(
        (q for found in series.values() for q in found), default=None
    )
    found = []
    for each in areas:
        rows = series_rows(series.get((metric.pk, each.pk), {}), breaks)
        index = row_index(rows, latest)
        if index is not None:
            found.append((each, rows, index))
    return found


def _csv_response(filename, metric, items, targets):
    """One line per (area, XmR rows, index of the row to write)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    direction = metric.good_direction
    for area, rows, index in items:
        row = rows[index]
        target = targets.get((metric.pk, area.pk), {}).get(row.quarter)
        assurance = mdc.assurance(
            rows[: index + 1], target=target.value if target else None, direction=direction
        )
        per = rate(row.value, area.population) if metric.unit != "percent" else None
        cells = [
            row.label,
            area.name,
            plain_decimal(row.value),
            plain_decimal(row.mean),
            plain_decimal(row.lower_limit),
            plain_decimal(row.upper_limit),
            "true" if row.special_cause else "false",
            mdc.variation(rows, direction=direction, index=index).code,
            assurance.code,
            "true" if row.illustrative else "false",
            summed_label(area.depth) if row.summed else "stored",
            area.population or "",
            plain_decimal(per, 2),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return response
