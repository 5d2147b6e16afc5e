"""The entry page's inlines: nested entries (sub-bullets, moved up and down by buttons) and review
steps. The page's own form is `narratives.entries.entry_form`."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html

from narratives.admin.common import ReadOnlyAdminMixin, open_period_ids
from narratives.entries.selectors import entry_is_writable_by
from narratives.entries.workflow import CONFLICT_MESSAGE
from narratives.models import Entry, Transition
from priorities.revision_forms import RevisionCheckedForm
from priorities.scoping import AreaScopedInlineMixin


class EntryRevisionForm(RevisionCheckedForm):
    conflict_message = CONFLICT_MESSAGE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "revision" in self.fields:  # hidden: a column without a heading
            self.fields["revision"].label = ""
            self.fields["revision"].help_text = ""


class NestedEntryForm(EntryRevisionForm):
    """A row of the nested entries' table: its boxes are named, as a column heading is not
    read out as their label."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, said in (("text", "Text of the nested entry"), ("area", "Its area")):
            if name in self.fields:
                widget = self.fields[name].widget
                getattr(widget, "widget", widget).attrs["aria-label"] = said  # inside a wrapper


class NestedEntryFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this nested entry"


class EntryChildInline(AreaScopedInlineMixin, admin.TabularInline):
    """Sub-bullets, written on their parent's page; they share its commitment and period."""

    model = Entry
    fk_name = "parent"
    form = NestedEntryForm
    formset = NestedEntryFormSet
    fields = ("text", "area", "status", "place", "revision")
    readonly_fields = ("status", "place")
    extra = 0
    show_change_link = True
    verbose_name = "nested entry"
    verbose_name_plural = "nested entries (sub-bullets)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area").order_by("order", "pk")

    @admin.display(description="move")
    def place(self, entry):
        """Buttons of the page's own form: the edits on the page are saved first
        (`EntryFormAdminMixin`), then the entry moves."""
        if entry is None or entry.pk is None:
            return ""
        return format_html(
            '<span class="pcp-move">'
            '<button type="submit" name="_move" value="{}:up" class="button">Move up'
            '<span class="visually-hidden">: {}</span></button> '
            '<button type="submit" name="_move" value="{}:down" class="button">Move down'
            '<span class="visually-hidden">: {}</span></button></span>',
            entry.pk,
            str(entry),
            entry.pk,
            str(entry),
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "area":
            field.choices = list(iter(field.choices))  # read once, not once per row (no count)
        return field

    def _parent_writable(self, request, obj) -> bool:
        return obj is None or entry_is_writable_by(
            entry=obj, user=request.user, open_period_ids=open_period_ids(request)
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_writable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_writable(request, obj)


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Transition
    fields = ("at", "from_status", "to_status", "by", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "review steps"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")
