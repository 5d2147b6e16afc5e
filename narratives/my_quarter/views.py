"""My quarter: an area officer's page for the quarter open for entry (write, start from last
quarter, submit every ready draft, withdraw a submitted entry to correct it), and the same page
read-only for past quarters. Every change goes through narratives.entries.workflow."""

from functools import wraps

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from narratives.entries.workflow import WorkflowError, entries_submit, entry_withdraw
from narratives.models import Entry
from narratives.my_quarter.deadline import deadline_words
from narratives.my_quarter.selectors import (
    MyQuarter,
    my_quarter,
    period_open_of,
    periods_with_published,
)
from priorities.periods import parse_quarter
from priorities.roles import user_area_ids
from priorities.scoping import user_may


def officer_only(view):
    """Officers only: people who write entries for areas of their own (the PAU, who write for
    every area, have the review screen)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        may_write = user_may(request.user, "narratives.change_entry")
        if not may_write or user_area_ids(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _render(request, page: MyQuarter, *, past: bool):
    period = page.period
    title = f"My quarter: {period.label}" if period else "My quarter"
    context = {
        **admin.site.each_context(request),
        "title": title,
        "page": page,
        "past": past,
        "deadline": deadline_words(deadline=period.entry_deadline, now=page.now) if period else "",
        "switcher": [(p, _period_url(p)) for p in page.periods],
    }
    return render(request, "my_quarter/page.html", context)


def _period_url(period) -> str:
    return reverse("my_quarter:period", args=[period.fy, period.quarter_slug])


@officer_only
def current(request):
    periods = periods_with_published()
    page = my_quarter(user=request.user, period=period_open_of(periods), periods=periods)
    return _render(request, page, past=False)


@officer_only
def past(request, fy: str, quarter: str):
    try:
        wanted = parse_quarter(f"{fy} {quarter}")
    except ValueError as error:
        raise Http404(str(error)) from error
    periods = periods_with_published()
    period = next((p for p in periods if (p.year, p.quarter) == wanted), None)
    if period is None:
        raise Http404(f"No period {wanted.label}")
    if period == period_open_of(periods):
        return HttpResponseRedirect(reverse("my_quarter:current"))
    page = my_quarter(user=request.user, period=period, periods=periods)
    page.writable = False  # a past quarter is read here, and changed (by the PAU) in the admin
    return _render(request, page, past=True)


def _chosen(request, name: str):
    ids = [pk for pk in request.POST.getlist(name) if pk.isdigit()]
    return Entry.objects.filter(pk__in=ids, area_id__in=user_area_ids(request.user))


@require_POST
@officer_only
def submit_ready(request):
    entries = list(_chosen(request, "entry"))
    if not entries:
        messages.warning(request, "Nothing was submitted: no draft was ready.")
        return HttpResponseRedirect(reverse("my_quarter:current"))
    try:
        result = entries_submit(entries=entries, by=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("my_quarter:current"))
    if result.done:
        chosen = {entry.pk for entry in entries}
        nested = sum(entry.pk not in chosen for entry in result.done)
        text = f"{len(result.done)} entr{'y' if len(result.done) == 1 else 'ies'} submitted"
        text += f" (with {nested} nested)" if nested else ""
        messages.success(request, f"{text} for review by the PAU.")
    for _entry, reason in result.skipped:
        messages.warning(request, f"Not submitted: {reason}")
    return HttpResponseRedirect(reverse("my_quarter:current"))


@require_POST
@officer_only
def withdraw(request):
    entry = _chosen(request, "entry").first()
    if entry is None:
        raise Http404("No such entry among your areas' entries.")
    try:
        entry_withdraw(entry=entry, by=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{entry}” is a draft again: correct it, then submit it again.")
    return HttpResponseRedirect(reverse("my_quarter:current"))
