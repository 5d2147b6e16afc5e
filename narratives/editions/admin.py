"""Editions in the admin: read-only records, published only through "Publish an edition".

Analysts get a publish form (period, version, change note, cover details), an action to re-issue
selected editions as their next version, and links to each edition's public page and preview.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from narratives.admin.common import ReadOnlyAdminMixin
from narratives.admin.refusal import refusal
from narratives.editions.admin_import import EditionImportAdminMixin
from narratives.editions.publish_summary import publish_summary
from narratives.editions.publishing import CoverDetails, version_next
from narratives.editions.quarter import quarter_publish
from narratives.editions.views import SNAPSHOTS
from narratives.models import Edition
from priorities.admin import RecordedAdminMixin
from priorities.models import Period
from priorities.scoping import user_may
from priorities.selectors import periods_latest_first


class PublishForm(forms.Form):
    period = forms.ModelChoiceField(queryset=periods_latest_first())
    version = forms.CharField(
        max_length=10, help_text='"1.0" for the first issue, then "1.1", "1.2" for corrections'
    )
    change_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for a re-issue: what changed since the previous version",
    )
    data_to = forms.DateField(
        required=False, help_text="Leave blank for the quarter's last month (YYYY-MM-DD)"
    )
    produced = forms.DateField(required=False, help_text="Leave blank for this month")
    producing_unit = forms.CharField(max_length=200, required=False)
    protective_marking = forms.CharField(max_length=40, required=False)
    internal_marking = forms.CharField(
        max_length=40,
        required=False,
        label="Internal edition's marking",
        help_text="The cover of the staff-only edition, which keeps entries not for publication",
    )
    confirm = forms.BooleanField(
        required=False,
        label="Publish anyway",
        help_text="Needed when the summary lists entries not approved or a deadline not passed",
    )

    def cover(self) -> CoverDetails:
        data = self.cleaned_data
        return CoverDetails(
            data_to=data["data_to"],
            produced=data["produced"],
            producing_unit=data["producing_unit"],
            protective_marking=data["protective_marking"],
            internal_marking=data["internal_marking"],
        )


def _is_analyst(request) -> bool:
    return user_may(request.user, "narratives.publish_edition")


@admin.register(Edition)
class EditionAdmin(
    EditionImportAdminMixin, ReadOnlyAdminMixin, RecordedAdminMixin, admin.ModelAdmin
):
    """Frozen records: nothing here edits an edition; publishing makes a new version."""

    change_list_template = "admin/narratives/edition/change_list.html"
    list_display = (
        "period",
        "version",
        "state",
        "published_at",
        "published_by",
        "public_page",
        "internal_page",
    )
    list_filter = ("period",)
    list_select_related = ("period", "published_by")
    fields = (
        "period",
        "version",
        "title",
        "data_to",
        "produced",
        "producing_unit",
        "protective_marking",
        "internal_protective_marking",
        "change_note",
        "published_at",
        "published_by",
        "render_error",
    )
    readonly_fields = fields
    actions = ["reissue"]

    def get_queryset(self, request):
        # The frozen files are served by the edition pages; the admin never shows them.
        return super().get_queryset(request).defer(*SNAPSHOTS)

    def get_urls(self):
        publish = self.admin_site.admin_view(self.publish_view)
        return [
            path("publish/", publish, name="narratives_edition_publish"),
            *self.import_urls(),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_publish": _is_analyst(request)}
        return super().changelist_view(request, extra_context)

    @admin.display(description="state")
    def state(self, edition):
        if edition.is_published:
            return "Published"
        if edition.render_error:
            return format_html("<strong>Not published:</strong> {}", edition.render_error)
        return "Making its files: public when all are stored"

    @admin.display(description="public page")
    def public_page(self, edition):
        if not edition.is_published:
            return "-"
        period = edition.period
        url = reverse(
            "narratives:edition_version", args=[period.fy, period.quarter, edition.version]
        )
        return format_html('<a href="{}">{} v{}</a>', url, edition.period, edition.version)

    @admin.display(description="internal edition (staff)")
    def internal_page(self, edition):
        if not edition.is_published:
            return "-"
        if not edition.has_internal:
            return "None"
        args = [edition.period.fy, edition.period.quarter, edition.version]
        url = reverse("narratives:edition_version_internal", args=args)
        return format_html('<a href="{}">{}</a>', url, edition.internal_protective_marking)

    def has_publish_permission(self, request) -> bool:
        return _is_analyst(request)

    @admin.action(
        description="Re-issue selected edition as its next version", permissions=["publish"]
    )
    def reissue(self, request, queryset):
        if not _is_analyst(request):
            raise PermissionDenied
        periods = {edition.period_id for edition in queryset}
        if len(periods) != 1:
            self.message_user(request, "Choose editions of one quarter.", messages.ERROR)
            return None
        return redirect(f"{reverse('admin:narratives_edition_publish')}?period={periods.pop()}")

    def publish_view(self, request):
        if not _is_analyst(request):
            return refusal(
                request,
                self.admin_site,
                title="Only the Performance Analysis Unit publishes editions",
                why="Publishing puts a quarter's update before the public under the force's name, "
                "so only PAU analysts may do it.",
                what="If an edition needs publishing or correcting, ask the PAU.",
            )
        form = PublishForm(request.POST or None, initial=self._initial(request))
        period = self._chosen_period(request, form)
        summary = publish_summary(period=period) if period is not None else None
        if request.method == "POST" and form.is_valid() and self._summary_read(request, period):
            published = self._publish(request, form)
            if published is not None:
                self._tell(request, published)
                return redirect("admin:narratives_edition_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish an edition",
            "opts": self.model._meta,
            "form": form,
            "summary": summary,
            "previews": self._previews(),
        }
        return TemplateResponse(request, "admin/narratives/edition/publish.html", context)

    @staticmethod
    def _chosen_period(request, form) -> Period | None:
        if not form.is_bound:
            return form.initial.get("period")
        chosen = str(form.data.get("period", ""))
        return Period.objects.filter(pk=chosen).first() if chosen.isdigit() else None

    @staticmethod
    def _summary_read(request, period: Period) -> bool:
        """Publishing follows the summary of the same quarter, shown on the page before."""
        return "_summary" not in request.POST and request.POST.get("summary_of") == str(period.pk)

    def _publish(self, request, form) -> Edition | None:
        try:
            return quarter_publish(
                period=form.cleaned_data["period"],
                version=form.cleaned_data["version"],
                by=request.user,
                change_note=form.cleaned_data["change_note"],
                cover=form.cover(),
                confirmed=form.cleaned_data["confirm"],
            )
        except ValidationError as error:
            field = "version" if error.code and error.code.startswith("version") else None
            if error.code == "change_note_required":
                field = "change_note"
            if error.code == "confirmation_required":
                field = "confirm"
            form.add_error(field, error)
            return None

    def _tell(self, request, edition: Edition) -> None:
        """What became of the request: files are made in the background (at once in
        development), so the edition may already be public, have failed, or be on its way."""
        edition.refresh_from_db()
        label = f"{edition.period.label} version {edition.version}"
        if edition.is_published:
            closed = f"{edition.period.label} is now closed for entry"
            self.message_user(request, f"Published {label}; {closed}.", messages.SUCCESS)
        elif edition.render_error:
            self.message_user(
                request, f"{label} was not published: {edition.render_error}", messages.ERROR
            )
        else:
            self.message_user(
                request,
                f"Publishing {label}: its files are being made, and it becomes public when all "
                "are stored (this list shows its state; you will get an e-mail if it fails).",
                messages.INFO,
            )

    def _initial(self, request) -> dict:
        initial = {
            "producing_unit": settings.PCP_PRODUCING_UNIT,
            "protective_marking": settings.PCP_PROTECTIVE_MARKING,
            "internal_marking": settings.PCP_INTERNAL_PROTECTIVE_MARKING,
        }
        period = Period.objects.filter(pk=request.GET.get("period") or None).first()
        if period is not None:
            initial |= {"period": period, "version": version_next(period=period)}
        return initial

    def _previews(self) -> list[tuple[Period, str]]:
        """Each period with its analyst preview, to read before publishing."""
        rows = []
        for period in periods_latest_first()[:8]:
            url = reverse("narratives:edition_preview", args=[period.fy, period.quarter])
            rows.append((period, url))
        return rows
