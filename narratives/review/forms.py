"""The review screen's action form: approve or return the ticked entries (or approve one)."""

from django import forms

from narratives.models import Entry
from priorities.models import Period

APPROVE, RETURN = "approve", "return"


class ReviewActionForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(queryset=Entry.objects.none(), required=False)
    approve_one = forms.ModelChoiceField(queryset=Entry.objects.none(), required=False)
    action = forms.ChoiceField(choices=[(APPROVE, "Approve"), (RETURN, "Return")], required=False)
    comment = forms.CharField(required=False, max_length=4000)
    confirm_unchanged = forms.BooleanField(required=False)

    def __init__(self, *args, period: Period, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("entries", "approve_one"):
            self.fields[name].queryset = Entry.objects.filter(period=period)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("approve_one"):  # the Approve button on one entry's row
            cleaned["action"], cleaned["chosen"] = APPROVE, [cleaned["approve_one"]]
            return cleaned
        cleaned["chosen"] = list(cleaned.get("entries") or [])
        if self.errors:
            return cleaned
        if not cleaned["chosen"]:
            raise forms.ValidationError("Tick at least one entry first.")
        if not cleaned.get("action"):
            raise forms.ValidationError("Choose to approve or to return the ticked entries.")
        if cleaned["action"] == RETURN and not (cleaned.get("comment") or "").strip():
            raise forms.ValidationError("Write a comment saying what should change.")
        return cleaned

    def ticked(self) -> set[int]:
        """The entries ticked in a refused post, ticked again on the page that explains why."""
        if not self.is_bound:
            return set()
        return {int(pk) for pk in self.data.getlist("entries") if str(pk).isdigit()}
