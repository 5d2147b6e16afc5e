"""The figures check where staff see entries: on the entry's change page and in the review screen.

`FiguresFindingsAdminMixin` adds a read-only "Figures check" section to an entry's admin and
the URL of the accept view; `findings_html` renders the same snippet anywhere else (the review
screen). Findings are shown, never enforced: an entry saves whatever its figures say.
"""

from contextvars import ContextVar

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from narratives.figures.selectors import EntryCheck, checks_for_entries
from narratives.figures.services import finding_accept
from narratives.models import Entry
from priorities.roles import user_area_ids
from priorities.scoping import user_may

FIELD = "figures_findings"
ACCEPT_URL_NAME = "narratives_entry_figures_accept"
# The admin renders a read-only field with the object alone; the request (whose user decides
# whether the accept form shows) is kept here for the length of the change view.
_request = ContextVar("figures_request", default=None)


def findings_html(*, entry: Entry, request, check: EntryCheck | None = None,
                  inside_form: bool = False, keep_default: str = "") -> str:  # fmt: skip
    """The entry's findings, each with an "accept with reason" form for analysts, under a line
    saying how many claims were checked (and never more than that).

    Pass `check` (from `checks_for_entries` over the whole page) to avoid queries per entry.
    `inside_form`: the snippet sits in another form, whose submit button `keep_default` (if
    given) stays the one pressed by Enter.
    """
    if check is None:
        check = checks_for_entries([entry])[0]
    context = {
        "entry": entry,
        "items": check.items,
        "summary": checked_summary(claims=check.claims, wrong=len(check.items)),
        "can_accept": request is not None
        and user_may(request.user, "narratives.add_findingacceptance"),
        "inside_form": inside_form,
        "keep_default": keep_default,
        "accept_url": reverse(f"admin:{ACCEPT_URL_NAME}", args=[entry.pk]),
        "next_url": request.get_full_path() if request is not None else "",
    }
    return render_to_string("figures/_findings.html", context, request=request)


def checked_summary(*, claims: int, wrong: int) -> str:
    """What the check did, in so many words: "3 claims checked, none wrong"."""
    if claims == 0:
        return "No checkable claims: no change, share or stored figure the check can work out."
    checked = f"{claims} claim{pluralize(claims)} checked"
    if wrong == 0:
        return f"{checked}, none wrong."
    return f"{checked}, {wrong} finding{pluralize(wrong)}:"


def findings_attach(*, entries: list[Entry], request, inside_form: bool = True) -> None:
    """For a page listing entries: each gets `figures_html`, empty where nothing was found.

    Two queries for the whole page (stored values and acceptances).
    """
    for check in checks_for_entries(entries):
        check.entry.figures_html = (
            findings_html(entry=check.entry, request=request, check=check, inside_form=inside_form)
            if check.items
            else ""
        )


class FiguresFindingsAdminMixin:
    """For the entry admin: a "Figures check" section on the change page (not the add page)."""

    @admin.display(description="Figures check")
    def figures_findings(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return findings_html(
            entry=obj, request=_request.get(), inside_form=True, keep_default="_save"
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, FIELD] if obj is not None and FIELD not in fields else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _, options in fieldsets for name in _flat(options.get("fields", ()))}
        if obj is None or FIELD in named:
            return fieldsets
        return [*fieldsets, ("Figures check", {"fields": [FIELD]})]

    def get_urls(self):
        accept = path(
            "<int:entry_id>/figures/accept/",
            self.admin_site.admin_view(accept_view),
            name=ACCEPT_URL_NAME,
        )
        return [accept, *super().get_urls()]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        token = _request.set(request)
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # while the request is known to the read-only field
            return response
        finally:
            _request.reset(token)


def _flat(fields) -> list[str]:
    flat = []
    for field in fields:
        flat += list(field) if isinstance(field, list | tuple) else [field]
    return flat


@require_POST
def accept_view(request, entry_id: int):
    """Accept one finding of the entry with the reason typed beside it, then go back."""
    entries = Entry.objects.all()
    area_ids = user_area_ids(request.user)
    if area_ids is not None:
        entries = entries.filter(area_id__in=area_ids)
    entry = get_object_or_404(entries, pk=entry_id)
    key = request.POST.get("figures_accept", "")
    reason = request.POST.get(f"figures_reason_{key}", "")
    try:
        finding_accept(entry=entry, key=key, reason=reason, by=request.user)
    except ValidationError as error:
        messages.error(request, f"Finding not accepted: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Figures finding accepted on entry {entry.pk}.")
    return redirect(_back(request, entry))


def _back(request, entry: Entry) -> str:
    wanted = request.POST.get("figures_next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    try:
        return reverse("admin:narratives_entry_change", args=[entry.pk])
    except NoReverseMatch:
        return reverse("admin:index")
