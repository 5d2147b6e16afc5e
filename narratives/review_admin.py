"""Admin pages of the review workflow beside the entry list: "start from last quarter",
returning entries with a comment, and restoring deleted entries from their history."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from narratives.entry_copies import entries_carry_forward, entry_restore
from narratives.selectors import entries_deleted, periods_open_for_entry
from narratives.workflow import StepResult, WorkflowError, entries_return
from priorities.models import Area, Period
from priorities.roles import ANALYST, user_area_ids, user_role


def report(model_admin, request, result: StepResult) -> None:
    """Tell the user what a review step did, and what it left and why."""
    if result.done:
        status = result.done[0].get_status_display().lower()
        model_admin.message_user(
            request, f"{len(result.done)} entr{'y' if len(result.done) == 1 else 'ies'} {status}."
        )
    for _entry, reason in result.skipped[:10]:
        model_admin.message_user(request, f"Not changed: {reason}", messages.WARNING)
    if len(result.skipped) > 10:
        more = len(result.skipped) - 10
        model_admin.message_user(request, f"…and {more} more not changed.", messages.WARNING)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should the officer change?",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=4000,
    )


def return_with_comment(model_admin, request, queryset):
    """Admin action: ask for the comment, then return the selected entries with it."""
    form = ReturnForm(request.POST if "confirm_return" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            result = entries_return(
                entries=queryset, by=request.user, comment=form.cleaned_data["comment"]
            )
        except WorkflowError as error:
            model_admin.message_user(request, str(error), messages.ERROR)
            return None
        report(model_admin, request, result)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Return entries with a comment",
        "opts": model_admin.model._meta,
        "entries": queryset.select_related("commitment__priority", "period", "area"),
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "changelist_url": reverse("admin:narratives_entry_changelist"),
    }
    return TemplateResponse(request, "admin/narratives/entry/return_selected.html", context)


class _EntryAdminView:
    model_admin = None
    template_name = ""
    title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.model_admin.admin_site.each_context(self.request))
        context.update(title=self.title, opts=self.model_admin.model._meta)
        return context


class CarryForwardForm(forms.Form):
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(), help_text="Its districts' entries come along too."
    )
    period = forms.ModelChoiceField(queryset=Period.objects.none(), label="Into period")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        area_ids = user_area_ids(user)
        areas = Area.objects.select_related("parent")
        self.fields["area"].queryset = areas if area_ids is None else areas.filter(pk__in=area_ids)
        if user_role(user) == ANALYST:
            self.fields["period"].queryset = Period.objects.order_by("-year", "-quarter")
        else:
            self.fields["period"].queryset = periods_open_for_entry().order_by("-year", "-quarter")


class CarryForwardView(_EntryAdminView, FormView):
    """Start from last quarter: copy an area's approved entries into a period as drafts."""

    template_name = "admin/narratives/entry/carry_forward.html"
    form_class = CarryForwardForm
    title = "Start from last quarter"

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_submit_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"period": periods_open_for_entry().order_by("-year", "-quarter").first()}

    def form_valid(self, form):
        area, period = form.cleaned_data["area"], form.cleaned_data["period"]
        try:
            copies = entries_carry_forward(area=area, period=period, by=self.request.user)
        except WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if copies:
            text = f"{len(copies)} approved entries of {area} copied into {period} as drafts."
            messages.success(self.request, text + " Update each one before submitting it.")
        else:
            messages.info(self.request, f"Nothing left to copy for {area} into {period}.")
        url = reverse("admin:narratives_entry_changelist")
        return HttpResponseRedirect(f"{url}?period__id__exact={period.pk}")


class DeletedEntriesView(_EntryAdminView, TemplateView):
    """Deleted entries, from their history, each with a button to restore it (analysts)."""

    template_name = "admin/narratives/entry/deleted.html"
    title = "Deleted entries"

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_review_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "records": entries_deleted(user=self.request.user),
        }

    def post(self, request, *args, **kwargs):
        try:
            restored = entry_restore(
                entry_id=int(request.POST.get("entry_id", "")), by=request.user
            )
        except (ValueError, WorkflowError) as error:
            text = str(error) if isinstance(error, WorkflowError) else "Choose an entry to restore."
            messages.error(request, text)
            return HttpResponseRedirect(request.path)
        nested = f" with {len(restored) - 1} nested entries" if len(restored) > 1 else ""
        messages.success(request, f"Restored “{restored[0]}”{nested}.")
        return HttpResponseRedirect(reverse("admin:narratives_entry_change", args=[restored[0].pk]))
