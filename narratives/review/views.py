"""The PAU's review screen: a period's entries by priority, commitment and area, narrowed by the
filters in the address, with what is missing or overdue, and approve / return (with a comment)
for one entry or many at once; and its exports. Analysts only."""

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from narratives.entries.workflow import WorkflowError, entries_approve, entries_return
from narratives.figures.presenting import findings_attach
from narratives.review import exports
from narratives.review.filters import ReviewFilterForm
from narratives.review.forms import APPROVE, ReviewActionForm
from narratives.review.selectors import review_board, review_commitments
from priorities.models import Period
from priorities.scoping import user_may
from priorities.selectors import area_tree, period_from_url, periods_latest_first

# Up to this many lines shown (entries and commitment × area rows), every priority opens;
# more, and each opens when asked. Likewise the areas with nothing written.
OPEN_UP_TO = 40
SILENT_OPEN_UP_TO = 8


def period_url(period: Period) -> str:
    return reverse("review:period", args=[period.fy, period.quarter_slug])


def _analyst_only(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not user_may(request.user, "narratives.review_entry"):
        raise PermissionDenied
    return None


def review_index(request):
    if (refusal := _analyst_only(request)) is not None:
        return refusal
    periods = [(period, period_url(period)) for period in periods_latest_first()]
    context = {**admin.site.each_context(request), "title": "Review", "periods": periods}
    return render(request, "review/index.html", context)


def _period_or_404(fy: str, quarter: str) -> Period:
    try:
        period = period_from_url(fy=fy, quarter=quarter)
    except ValueError as error:
        raise Http404(str(error)) from error
    if period is None:
        raise Http404(f"No period {fy} {quarter}")
    return period


def _filtered_board(request, period: Period):
    tree, commitments = area_tree(), review_commitments()
    filter_form = ReviewFilterForm(request.GET, tree=tree, commitments=commitments)
    board = review_board(
        period=period, filters=filter_form.filters(), tree=tree, commitments=commitments
    )
    return filter_form, board


def review_period(request, fy: str, quarter: str):
    if (refusal := _analyst_only(request)) is not None:
        return refusal
    period = _period_or_404(fy, quarter)
    form = ReviewActionForm(request.POST or None, period=period)
    problems, ticked, status = [], form.ticked(), 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            problems, ticked = _act(request, form.cleaned_data)
            if not problems:
                return HttpResponseRedirect(request.get_full_path())  # the same filters
            status = 400 if len(problems) == 1 and problems[0][0] is None else 200
    filter_form, board = _filtered_board(request, period)
    # Each entry's figures findings, with the accept form, in two queries for the page.
    findings_attach(entries=board.entries, request=request)
    query = request.GET.urlencode()
    context = {
        **admin.site.each_context(request),
        "title": f"Review {period.label}",
        "board": board,
        "form": form,
        "filter_form": filter_form,
        "problems": problems,
        "ticked": ticked,
        "open_all": board.lines <= OPEN_UP_TO or len(board.priorities) == 1,
        "silent_open": len(board.silent_areas) <= SILENT_OPEN_UP_TO,
        "open_priorities": {  # where a refused post's ticks are: open, to be seen
            row.commitment.priority_id
            for row in board.rows
            for e, _ in row.entries
            if e.pk in ticked
        },
        "query": f"?{query}" if query else "",
        "exports": exports.export_links(period=period, query=query),
        "periods": [(other, period_url(other)) for other in periods_latest_first()],
    }
    return render(request, "review/period.html", context, status=status)


def _act(request, data) -> tuple[list, set[int]]:
    """Take the step; what it could not do, as (entry or None, why), and the entries to keep
    ticked for a second try."""
    try:
        if data["action"] == APPROVE:
            result = entries_approve(
                entries=data["chosen"], by=request.user, allow_unchanged=data["confirm_unchanged"]
            )
        else:
            result = entries_return(
                entries=data["chosen"], by=request.user, comment=data["comment"]
            )
    except WorkflowError as error:
        return [(None, str(error))], {entry.pk for entry in data["chosen"]}
    if result.done:
        count = len(result.done)
        verb = "approved" if data["action"] == APPROVE else "returned with your comment"
        messages.success(request, f"{count} entr{'y' if count == 1 else 'ies'} {verb}.")
    return list(result.skipped), {entry.pk for entry, _ in result.skipped}


def review_export(request, fy: str, quarter: str, what: str, fmt: str):
    """The status grid or the comments, as CSV or XLSX, with the page's filters."""
    if (refusal := _analyst_only(request)) is not None:
        return refusal
    if what not in exports.EXPORTS or fmt not in exports.FORMATS:
        raise Http404("No such export.")
    period = _period_or_404(fy, quarter)
    filter_form, board = _filtered_board(request, period)
    if filter_form.errors:
        problems = "; ".join(
            f"{filter_form.fields[name].label}: {' '.join(errors)}"
            for name, errors in filter_form.errors.items()
        )
        return HttpResponseBadRequest(f"Nothing exported: {problems}", content_type="text/plain")
    content, content_type = exports.export_file(board=board, what=what, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = exports.filename(board=board, what=what, fmt=fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
