"""Operations with the entries naming them; review steps and figure-check decisions, read-only."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from narratives.admin.common import ReadOnlyAdminMixin
from narratives.models import Entry, FindingAcceptance, Operation, Transition
from priorities.scoping import AreaScopedAdminMixin, AreaScopedInlineMixin, HistoryAdmin


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


@admin.register(Operation)
class OperationAdmin(HistoryAdmin):
    list_display = ("name", "key", "entry_count")
    search_fields = ("name", "key")
    readonly_fields = ("key",)
    inlines = [OperationEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=Count("entries"))

    @admin.display(description="entries", ordering="entry_total")
    def entry_count(self, operation):
        return operation.entry_total


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
