"""Operations with the entries naming them; review steps and figure-check decisions, read-only.

An operation's description reaches the public register only once an analyst approves it, by
the checkbox on its page or the list's action; both go through `operation_descriptions_approve`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from narratives.admin.common import ReadOnlyAdminMixin
from narratives.models import Entry, FindingAcceptance, Operation, Transition
from narratives.operations import operation_descriptions_approve
from priorities.roles import ANALYST, user_role
from priorities.scoping import AreaScopedAdminMixin, AreaScopedInlineMixin


class OperationEntryInline(ReadOnlyAdminMixin, AreaScopedInlineMixin, admin.TabularInline):
    """The entries that name the operation (only those of the user's areas)."""

    model = Entry.operations.through
    area_lookup = "entry__area"
    fields = ("entry_link", "entry_period", "entry_area", "entry_status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "entry naming it"
    verbose_name_plural = "entries naming it"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("entry__period", "entry__area")
            .order_by("-entry__period__year", "-entry__period__quarter", "entry__pk")
        )

    @admin.display(description="entry")
    def entry_link(self, row):
        url = reverse("admin:narratives_entry_change", args=[row.entry_id])
        return format_html('<a href="{}">{}</a>', url, row.entry.text[:90])

    @admin.display(description="period")
    def entry_period(self, row):
        return row.entry.period

    @admin.display(description="area")
    def entry_area(self, row):
        return row.entry.area

    @admin.display(description="status")
    def entry_status(self, row):
        return row.entry.get_status_display()


class OperationApprovalForm(forms.ModelForm):
    """The analysts' form: the description may be approved for the public as it is saved."""

    approve_description = forms.BooleanField(
        required=False,
        label="Approve this description for the public register",
        help_text="The register shows the description as approved; later edits wait for approval",
    )


@admin.register(Operation)
class OperationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "key", "not_for_publication", "description_state", "entry_count")
    list_filter = ("not_for_publication",)
    search_fields = ("name", "key")
    fields = (
        "name",
        "key",
        "not_for_publication",
        "description",
        "approved_description",
        "description_approved_by",
        "description_approved_at",
    )
    readonly_fields = (
        "key",
        "approved_description",
        "description_approved_by",
        "description_approved_at",
    )
    inlines = [OperationEntryInline]
    actions = ["approve_descriptions"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=Count("entries"))

    @admin.display(description="entries", ordering="entry_total")
    def entry_count(self, operation):
        return operation.entry_total

    @admin.display(description="description for the public")
    def description_state(self, operation) -> str:
        if not operation.description:
            return "No description"
        if operation.approved_description == operation.description:
            return "Approved"
        return "Awaiting approval" if not operation.approved_description else "Edited since"

    def has_approve_permission(self, request) -> bool:
        return user_role(request.user) == ANALYST

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.has_approve_permission(request):
            kwargs["form"] = OperationApprovalForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if self.has_approve_permission(request):
            fields.insert(fields.index("description") + 1, "approve_description")
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("approve_description"):
            operation_descriptions_approve(operations=[obj], by=request.user)

    @admin.action(
        description="Approve the descriptions for the public register", permissions=["approve"]
    )
    def approve_descriptions(self, request, queryset):
        changed = operation_descriptions_approve(operations=queryset, by=request.user)
        self.message_user(request, f"Approved {changed} descriptions.", messages.SUCCESS)

    # A revert would put back an approved description without an analyst approving it.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdminMixin, AreaScopedAdminMixin, admin.ModelAdmin):
    area_lookup = "entry__area"
    list_display = ("at", "entry", "from_status", "to_status", "by", "comment")
    list_filter = ("to_status", ("entry__period", admin.RelatedFieldListFilter))
    search_fields = ("comment", "entry__text", "by__username")
    list_select_related = ("entry", "by")
    date_hierarchy = "at"


@admin.register(FindingAcceptance)
class FindingAcceptanceAdmin(ReadOnlyAdminMixin, AreaScopedAdminMixin, admin.ModelAdmin):
    area_lookup = "entry__area"
    list_display = ("at", "entry", "key", "reason", "by")
    search_fields = ("key", "reason", "entry__text")
    list_select_related = ("entry", "by")
