"""One check for every page that edits a record other people may be editing at the same time.

The form carries the revision the user started from (hidden); a save whose revision has moved on
is refused with the model's own message, and what the user typed stays in the form. The services
check again under a row lock, so a save that slips between this check and the write is refused
there too.
"""

from django import forms


class RevisionCheckedForm(forms.ModelForm):
    """For a model with a `revision` field; subclasses say `conflict_message`."""

    conflict_message = "Someone else saved this while you were editing it; reload and try again."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "revision" in self.fields:
            self.fields["revision"].widget = forms.HiddenInput()
            self.fields["revision"].required = self.instance.pk is not None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and "revision" in self.fields:
            model = type(self.instance)
            stored = model.objects.filter(pk=self.instance.pk).values_list("revision", flat=True)
            if stored.first() != cleaned.get("revision"):
                raise forms.ValidationError(self.conflict_message, code="conflict")
        return cleaned
