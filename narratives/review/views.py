"""The PAU's review screen: a period's entries by commitment and area, with what is missing or
overdue, and approve / return (with a comment) for one entry or many at once. Analysts only."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from narratives.entries.workflow import WorkflowError, entries_approve, entries_return
from narratives.figures.admin import findings_attach
from narratives.models import Entry
from narratives.review.selectors import review_board
from priorities.models import Period
from priorities.scoping import user_may
from priorities.selectors import period_from_url, periods_latest_first

APPROVE, RETURN = "approve", "return"


class ReviewActionForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(queryset=Entry.objects.none(), required=False)
    approve_one = forms.ModelChoiceField(queryset=Entry.objects.none(), required=False)
    action = forms.ChoiceField(choices=[(APPROVE, "Approve"), (RETURN, "Return")], required=False)
    comment = forms.CharField(required=False, max_length=4000)
    confirm_unchanged = forms.BooleanField(required=False)

    def __init__(self, *args, period: Period, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("entries", "approve_one"):
            self.fields[name].queryset = Entry.objects.filter(period=period)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("approve_one"):  # the Approve button on one entry's row
            cleaned["action"], cleaned["chosen"] = APPROVE, [cleaned["approve_one"]]
            return cleaned
        cleaned["chosen"] = list(cleaned.get("entries") or [])
        if self.errors:
            return cleaned
        if not cleaned["chosen"]:
            raise forms.ValidationError("Tick at least one entry first.")
        if not cleaned.get("action"):
            raise forms.ValidationError("Choose to approve or to return the ticked entries.")
        if cleaned["action"] == RETURN and not (cleaned.get("comment") or "").strip():
            raise forms.ValidationError("Write a comment saying what should change.")
        return cleaned


def period_url(period: Period) -> str:
    return reverse("review:period", args=[period.fy, f"q{period.quarter}"])


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


def review_period(request, fy: str, quarter: str):
    if (refusal := _analyst_only(request)) is not None:
        return refusal
    period = _period_or_404(fy, quarter)
    form = ReviewActionForm(request.POST or None, period=period)
    if request.method == "POST" and form.is_valid():
        _act(request, form.cleaned_data)
        return HttpResponseRedirect(request.path)
    board = review_board(period=period)
    # Each entry's figures findings, with the accept form, in two queries for the page.
    findings_attach(entries=[e for row in board.rows for e, _ in row.entries], request=request)
    context = {
        **admin.site.each_context(request),
        "title": f"Review {period.label}",
        "board": board,
        "form": form,
        "ticked": _ticked(form),
        "periods": [(other, period_url(other)) for other in periods_latest_first()],
    }
    return render(request, "review/period.html", context, status=400 if form.errors else 200)


def _ticked(form: ReviewActionForm) -> set[int]:
    """The entries ticked in a refused post, ticked again on the page that explains why."""
    if not form.is_bound:
        return set()
    return {int(pk) for pk in form.data.getlist("entries") if str(pk).isdigit()}


def _act(request, data) -> None:
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
        messages.error(request, str(error))
        return
    if result.done:
        verb = "approved" if data["action"] == APPROVE else "returned with your comment"
        messages.success(request, f"{len(result.done)} entries {verb}.")
    for _entry, reason in result.skipped:
        messages.warning(request, f"Not changed: {reason}")
