"""Admin for the plan, its areas and periods, and officers' areas.

The plan (priorities, commitments) is written by analysts only: officers and managers hold view
permissions on these models (see priorities.roles), so the same pages are read-only to them.
"""

from django.contrib import admin, messages
from django.db.models import Case, Count, F, IntegerField, Value, When

from priorities.models import Area, AreaAlias, Assignment, Commitment, Period, Plan, Priority
from priorities.scoping import HistoryAdmin
from priorities.selectors import LATEST_FIRST
from priorities.services import periods_set_open


class RecordedAdminMixin:
    """Stamps created_by / modified_by from the signed-in user on every admin save."""

    def _stamp(self, request, obj) -> None:
        if hasattr(obj, "modified_by_id"):
            if obj.pk is None or getattr(obj, "created_by_id", None) is None:
                obj.created_by = request.user
            obj.modified_by = request.user

    def save_model(self, request, obj, form, change):
        self._stamp(request, obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed() and inline_form.instance is not None:
                self._stamp(request, inline_form.instance)
        super().save_formset(request, form, formset, change)


class PriorityInline(admin.TabularInline):
    model = Priority
    fields = ("number", "title")
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(RecordedAdminMixin, HistoryAdmin):
    list_display = ("title", "priority_count", "modified_at")
    search_fields = ("title",)
    readonly_fields = ("created_at", "created_by", "modified_at", "modified_by")
    inlines = [PriorityInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(priority_total=Count("priorities"))

    @admin.display(description="priorities", ordering="priority_total")
    def priority_count(self, plan):
        return plan.priority_total


class CommitmentInline(admin.StackedInline):
    model = Commitment
    fields = ("order", "lead_in", "text")
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("priority")  # named in each title


@admin.register(Priority)
class PriorityAdmin(RecordedAdminMixin, HistoryAdmin):
    list_display = ("number", "title", "plan", "commitment_count")
    list_display_links = ("number", "title")
    list_filter = ("plan",)
    search_fields = ("title", "commitments__text")
    list_select_related = ("plan",)
    readonly_fields = ("created_at", "created_by", "modified_at", "modified_by")
    inlines = [CommitmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(commitment_total=Count("commitments"))

    @admin.display(description="commitments", ordering="commitment_total")
    def commitment_count(self, priority):
        return priority.commitment_total


@admin.register(Commitment)
class CommitmentAdmin(RecordedAdminMixin, HistoryAdmin):
    list_display = ("reference", "lead_in", "short_text", "priority")
    list_filter = ("priority__plan", "priority")
    search_fields = ("text", "lead_in", "priority__title")
    list_select_related = ("priority__plan",)
    readonly_fields = ("created_at", "created_by", "modified_at", "modified_by")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "priority" in form.base_fields:
            # The choice labels name the plan; fetch it with the priorities, not per option.
            field = form.base_fields["priority"]
            field.queryset = field.queryset.select_related("plan")
        return form

    @admin.display(description="commitment", ordering="priority__number")
    def reference(self, commitment):
        return commitment.reference

    @admin.display(description="text")
    def short_text(self, commitment):
        return commitment.text[:100]


# Tree order as expressions (not annotations), so that area choices in list filters, which
# borrow this admin's ordering for a plain queryset, can use it too: force, then each LPA
# followed by its districts.
_KIND = Area.Kind
TREE_ORDER = [
    Case(
        When(kind=_KIND.FORCE, then=Value(-1)),
        When(kind=_KIND.LPA, then=F("order")),
        default=F("parent__order"),
        output_field=IntegerField(),
    ).asc(),
    Case(When(kind=_KIND.DISTRICT, then=F("parent__name")), default=F("name")).asc(),
    Case(
        When(kind=_KIND.FORCE, then=Value(0)),
        When(kind=_KIND.LPA, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    ).asc(),
    F("order").asc(),
    F("name").asc(),
]


class AreaAliasInline(admin.TabularInline):
    model = AreaAlias
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area")  # named in each title


@admin.register(Area)
class AreaAdmin(HistoryAdmin):
    """The force → LPA → district tree, listed in tree order with districts indented."""

    list_display = ("tree_name", "kind", "parent", "order", "population", "population_year")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name")
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AreaAliasInline]

    def get_ordering(self, request):
        return TREE_ORDER

    @admin.display(description="area")
    def tree_name(self, area):
        return "\u2003" * area.depth + area.name


@admin.register(AreaAlias)
class AreaAliasAdmin(HistoryAdmin):
    list_display = ("name", "area")
    search_fields = ("name", "area__name")
    list_select_related = ("area",)
    list_filter = ("area__kind",)


@admin.register(Period)
class PeriodAdmin(HistoryAdmin):
    list_display = ("label", "is_open", "entry_deadline", "start_date", "end_date")
    list_filter = ("is_open", "year")
    fields = ("year", "quarter", "is_open", "entry_deadline")
    ordering = LATEST_FIRST
    actions = ["open_for_entry", "close_for_entry"]

    @admin.display(description="period", ordering="year")
    def label(self, period):
        return period.label

    @admin.action(description="Open selected periods for officers' entries", permissions=["change"])
    def open_for_entry(self, request, queryset):
        count = periods_set_open(periods=queryset, is_open=True)
        self.message_user(request, f"{count} period(s) opened for entry.", messages.SUCCESS)

    @admin.action(description="Close selected periods for entry", permissions=["change"])
    def close_for_entry(self, request, queryset):
        count = periods_set_open(periods=queryset, is_open=False)
        self.message_user(request, f"{count} period(s) closed for entry.", messages.SUCCESS)


@admin.register(Assignment)
class AssignmentAdmin(HistoryAdmin):
    list_display = ("user", "area")
    list_filter = (("area", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("user__username", "user__email", "area__name")
    list_select_related = ("user", "area")
    autocomplete_fields = ("area",)
