"""What the entry list and the read-only entry page show beside the stored fields."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html


class EntryColumnsMixin:
    @admin.display(description="nested under")
    def nested_under(self, entry):
        return getattr(entry, "_parent_label", "-")

    @admin.display(description="commitment")
    def commitment_named(self, entry):
        return f"{entry.commitment.reference} {entry.commitment.text}"

    @admin.display(description="entry")
    def short_text(self, entry):
        return entry.text[:90] + ("…" if len(entry.text) > 90 else "")

    @admin.display(description="commitment", ordering="commitment__priority__number")
    def commitment_reference(self, entry):
        return entry.commitment.reference

    @admin.display(description="carried forward", boolean=None)
    def carry_forward_flag(self, entry):
        if entry.carried_forward_from_id is None:
            return ""
        return "unchanged ⚠" if entry.is_unchanged_carry_forward else "updated"

    @admin.display(description="carried forward from")
    def carry_forward_note(self, entry):
        source = entry.carried_forward_from
        if source is None:
            return "-"
        url = reverse("admin:narratives_entry_change", args=[source.pk])
        warning = " — text unchanged since then: update it or confirm it at review" * (
            entry.is_unchanged_carry_forward
        )
        return format_html('<a href="{}">{}</a>{}', url, source.period, warning)
