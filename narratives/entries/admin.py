"""Entries: officers write those of their areas here, analysts review them.

Who sees and changes what is decided in priorities.scoping (areas) and narratives.entries.selectors
(stages and periods); every change of state goes through narratives.entries.workflow.
"""

from django.contrib import admin
from django.urls import path, reverse
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from narratives.admin import review_steps
from narratives.admin.actions import SaveBeforeActionAdminMixin
from narratives.admin.common import BOTH_PLACES, closed_notice, open_period_ids
from narratives.admin.refusal import refusal
from narratives.entries import admin_pages
from narratives.entries.admin_columns import EntryColumnsMixin
from narratives.entries.admin_editing import EntryFormAdminMixin
from narratives.entries.admin_forms import EntryChildInline, TransitionInline
from narratives.entries.entry_form import EntryAdminForm
from narratives.entries.resources import EntryResource
from narratives.entries.selectors import (
    entry_is_writable_by,
    entry_return_comment,
)
from narratives.entries.workflow import entries_approve
from narratives.figures.presenting import FiguresFindingsAdminMixin
from narratives.models import Entry
from narratives.search.staff import entries_search_or
from pcp.spreadsheets.cells import SafeCSV, SafeXLSX
from pcp.spreadsheets.import_admin import AllOrNothingImportAdminMixin, SizeLimitedImportForm
from priorities.history import WordDiffHistoryMixin
from priorities.scoping import AreaScopedAdminMixin, user_may

# Named areas and operations as django-simple-history keeps them: rows beside each record.
M2M_ROWS = {
    "areas": ("historicalentry_areas_set", "area"),
    "operations": ("historicalentry_operations_set", "operation"),
}
M2M_FIELDS = list(M2M_ROWS)


def _named(record, name: str) -> str:
    """The areas (or operations) a historical record names, from prefetched rows."""
    rows, target = M2M_ROWS[name]
    return ", ".join(sorted(str(getattr(row, target)) for row in getattr(record, rows).all()))


@admin.register(Entry)
class EntryAdmin(
    EntryColumnsMixin,
    EntryFormAdminMixin,
    SaveBeforeActionAdminMixin,
    FiguresFindingsAdminMixin,
    AreaScopedAdminMixin,
    AllOrNothingImportAdminMixin,
    ImportExportMixin,
    WordDiffHistoryMixin,
    SimpleHistoryAdmin,
):
    form = EntryAdminForm
    # Import and export: who may is AreaScopedAdminMixin's rule (import = add and change, so
    # not managers; export = view, of the user's areas only, as the list shows them).
    resource_classes = [EntryResource]
    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]
    import_form_class = SizeLimitedImportForm
    import_template_name = "admin/narratives/entry/import.html"
    list_display = (
        "short_text",
        "commitment_reference",
        "period",
        "area",
        "status",
        "not_for_publication",
        "carry_forward_flag",
        "modified_at",
    )
    list_filter = (
        "period",
        ("commitment__priority", admin.RelatedFieldListFilter),
        ("area", admin.RelatedOnlyFieldListFilter),
        "status",
        "not_for_publication",
    )
    search_fields = ("text", "commitment__text", "area__name", "operations__name")
    search_help_text = (
        'Words find every form ("county line" finds "county lines"); "a phrase in quotes".'
    )
    list_select_related = ("commitment__priority", "period", "area", "carried_forward_from")
    list_per_page = 50
    autocomplete_fields = ("operations",)
    filter_horizontal = ("areas",)
    readonly_fields = (
        "nested_under",
        "commitment_named",
        "status",
        "carry_forward_note",
        "created_by",
        "created_at",
        "modified_by",
        "modified_at",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "commitment",
                    "period",
                    "area",
                    "parent",
                    "text",
                    ("area_label", "area_heading"),
                    "not_for_publication",
                )
            },
        ),
        ("Named in the text", {"fields": ("proposed_links", "areas", "operations")}),
        ("Review", {"fields": ("status", "carry_forward_note", "revision")}),
        (
            "Record",
            {
                "fields": ("created_by", "created_at", "modified_by", "modified_at"),
                "classes": ("collapse",),
            },
        ),
    )
    inlines = [EntryChildInline, TransitionInline]
    actions = ["submit_selected", "approve_selected", "return_selected"]
    change_list_template = "admin/narratives/entry/change_list.html"
    change_form_template = "admin/narratives/entry/change_form.html"

    def get_search_results(self, request, queryset, search_term):
        """The full-text search of narratives.search over the text (stemming, phrases), or
        Django's substring search of the fields above; `queryset` is already the user's."""
        others, duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return others, duplicates
        return entries_search_or(entries=queryset, text=search_term, also=others), False

    history_revert_allowed = False  # a revert would skip the revision and stage rules

    # Who may do what ------------------------------------------------------------------------

    def is_writable(self, request, obj) -> bool:
        return entry_is_writable_by(
            entry=obj, user=request.user, open_period_ids=open_period_ids(request)
        )

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return user_may(request.user, "narratives.write_any_entry") or bool(
            open_period_ids(request)
        )

    def has_submit_permission(self, request):
        return self.has_change_permission(request)  # officers and analysts

    def has_review_permission(self, request):
        return user_may(request.user, "narratives.review_entry") and self.has_change_permission(
            request
        )

    # Choices ---------------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets  # the form's parent box names only what the user may see
        # Read-only, Django would print the parent's text whoever may see it; name it here.
        # The commitment by its full name; no ticks, and no revision number, to read.
        if obj.parent_id is not None:
            visible = self.get_queryset(request).filter(pk=obj.parent_id).first()
            obj._parent_label = str(visible) if visible else "an entry outside your areas"
        swap = {"parent": "nested_under", "commitment": "commitment_named"}
        dropped = {"proposed_links", "revision"}
        return [
            (
                name,
                {
                    **opts,
                    "fields": tuple(swap.get(f, f) for f in opts["fields"] if f not in dropped),
                },
            )
            for name, opts in fieldsets
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["return_step"] = entry_return_comment(entry=obj)
        extra_context["closed_notice"] = closed_notice(request)
        return super().change_view(request, object_id, form_url, extra_context)

    def _refused_while_closed(self, request):
        notice = closed_notice(request)
        if not notice:
            return None
        return refusal(
            request,
            self.admin_site,
            title="No quarter is open for entry",
            why=notice,
            what="Your entries stay as they are and can be read and exported from the list.",
            back_url=reverse("admin:narratives_entry_changelist"),
        )

    def add_view(self, request, form_url="", extra_context=None):
        refused = self._refused_while_closed(request)
        return refused or super().add_view(request, form_url, extra_context)

    def import_action(self, request, **kwargs):
        refused = self._refused_while_closed(request)
        return refused or super().import_action(request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["closed_notice"] = closed_notice(request)
        extra_context["is_analyst"] = user_may(request.user, "narratives.review_entry")
        extra_context["may_carry_forward"] = self.has_submit_permission(request)
        return super().changelist_view(request, extra_context)

    # History -----------------------------------------------------------------------------------

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        queryset = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return queryset.prefetch_related(
            *(f"{rows}__{target}" for rows, target in M2M_ROWS.values())
        )

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # django-simple-history reads the named areas and operations with queries per record;
        # compare the prefetched rows here instead, so the page's queries stay fixed.
        # The parent too: named only when the user may see it (not a force-wide bullet's text).
        records = list(historical_records)
        parents = self._parent_names(request, {r.parent_id for r in records} - {None})
        previous = None
        for current in records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=[*M2M_FIELDS, "parent"], foreign_keys_are_objs=True
                )
                helper = self.get_historical_record_context_helper(request, previous)
                changes = helper.context_for_delta_changes(delta)
                if current.parent_id != previous.parent_id:
                    old, new = (parents.get(r.parent_id, "-") for r in (current, previous))
                    changes.append({"field": "Parent", "old": old, "new": new})
                for name in M2M_FIELDS:
                    old, new = _named(current, name), _named(previous, name)
                    if old != new:
                        changes.append({"field": name.capitalize(), "old": old, "new": new})
                previous.history_delta_changes = changes
            previous = current

    def _parent_names(self, request, ids: set[int]) -> dict[int, str]:
        visible = (
            {e.pk: str(e) for e in self.get_queryset(request).filter(pk__in=ids)} if ids else {}
        )
        return {
            pk: visible.get(pk, f"entry {pk} (not shown: outside your areas, or deleted)")
            for pk in ids
        }

    # Review steps ------------------------------------------------------------------------------

    @admin.action(description="Submit for review", permissions=["submit"], location=BOTH_PLACES)
    def submit_selected(self, request, queryset):
        return review_steps.submit_asking_about_unchanged(self, request, queryset)

    @admin.action(description="Approve", permissions=["review"], location=BOTH_PLACES)
    def approve_selected(self, request, queryset):
        result = entries_approve(entries=queryset, by=request.user)
        review_steps.report(self, request, result)

    @admin.action(
        description="Return to the officer with a comment",
        permissions=["review"],
        location=BOTH_PLACES,
    )
    def return_selected(self, request, queryset):
        return review_steps.return_with_comment(self, request, queryset)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "carry-forward/",
                view(admin_pages.CarryForwardView.as_view(model_admin=self)),
                name="narratives_entry_carry_forward",
            ),
            path(
                "deleted/",
                view(admin_pages.DeletedEntriesView.as_view(model_admin=self)),
                name="narratives_entry_deleted",
            ),
            *self.entry_urls(),
            *super().get_urls(),
        ]
