"""The review steps in the entry admin: reporting what a step did, and returning entries
with a comment for the officer."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import reverse

from narratives.entries.selectors import unchanged_carry_forwards
from narratives.entries.workflow import (
    StepResult,
    WorkflowError,
    entries_return,
    entries_submit,
)


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


def submit_asking_about_unchanged(model_admin, request, queryset):
    """Admin action: submit the selected entries. Copies of last quarter that nobody changed
    are listed first and the officer chooses: submit them as they are, or leave them as drafts
    to update (as approval asks the analyst)."""
    choice = request.POST.get("unchanged")  # from the question page: "include" or "skip"
    if choice not in ("include", "skip"):
        unchanged = unchanged_carry_forwards(entries=queryset)
        if unchanged:
            context = {
                **model_admin.admin_site.each_context(request),
                "title": "Submit entries that repeat last quarter unchanged?",
                "opts": model_admin.model._meta,
                "unchanged": unchanged,
                "selected": [entry.pk for entry in queryset],
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "changelist_url": reverse("admin:narratives_entry_changelist"),
                "back_url": request.get_full_path(),
            }
            return TemplateResponse(
                request, "admin/narratives/entry/submit_unchanged.html", context
            )
    result = entries_submit(entries=queryset, by=request.user, allow_unchanged=choice == "include")
    report(model_admin, request, result)
    return None
