"""Admin pages beside the entry list: "start from last quarter" and restoring deleted
entries from their history."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from narratives.entries.copies import entries_carry_forward, entry_restore
from narratives.entries.selectors import entries_deleted, periods_open_for_entry
from narratives.entries.workflow import WorkflowError
from priorities.models import Area, Period
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import periods_latest_first


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
        if user_may(user, "narratives.write_any_entry"):
            self.fields["period"].queryset = periods_latest_first()
        else:
            self.fields["period"].queryset = periods_latest_first(within=periods_open_for_entry())


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
        # My quarter links here with its area and period chosen (?area=..&period=..).
        initial = {"period": periods_latest_first(within=periods_open_for_entry()).first()}
        initial.update(
            {k: self.request.GET[k] for k in ("area", "period") if k in self.request.GET}
        )
        return initial

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
