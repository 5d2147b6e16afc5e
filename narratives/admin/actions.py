"""Actions run from an object's change page act on what the user sees there.

Django posts the whole change form when an action ("Submit for review") is run from the page,
and runs the action on the stored object, dropping any edits in the form. Here edits not yet
saved are saved first, through the same form, revision check and rules as Save; if they cannot
be saved, the page comes back with the edits and the reasons, and the action is not run.
"""

from django.contrib import messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import flatten_fieldsets, unquote

ACTION_FIELD = f"{ActionLocation.CHANGE_FORM.value}-action"
SAVE_BUTTONS = ("_save", "_continue", "_addanother", "_saveasnew")


class SaveBeforeActionAdminMixin:
    """Put before the admin's other bases that override changeform_view."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        edited = self._edited_before_action(request, object_id)
        if edited is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        stamp, valid = edited
        choices = self.get_action_choices(request, action_location=ActionLocation.CHANGE_FORM)
        action = dict(choices).get(request.POST.get(ACTION_FIELD)) or "The action"
        if not valid:  # said before the page is drawn again with the edits and their errors
            self.message_user(
                request,
                f"“{action}” was not run: your changes are not saved yet. Correct what is "
                "marked below and save, then run it again.",
                messages.ERROR,
            )
        action_post = request.POST
        request.POST = _as_save(action_post)
        try:
            saved = super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            request.POST = action_post
        if not valid or self._stamp(unquote(object_id)) == stamp:  # not saved after all
            return saved
        self.message_user(request, f"Your changes were saved first, then “{action}” was run.")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _edited_before_action(self, request, object_id):
        """(the stored object's stamp, whether the edits are valid) when an action was posted
        from the object's page with unsaved edits; None otherwise."""
        post = request.POST if request.method == "POST" else {}
        if object_id is None or ACTION_FIELD not in post or any(b in post for b in SAVE_BUTTONS):
            return None
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            return None  # a read-only page posts no edits
        stamp = self._stamp(obj.pk)  # before the form writes the posted values onto obj
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        form = self.get_form(request, obj, change=True, fields=fields)(
            request.POST, request.FILES, instance=obj
        )
        formsets, _ = self._create_formsets(request, obj, change=True)
        if not form.has_changed() and not any(formset.has_changed() for formset in formsets):
            return None
        return stamp, form.is_valid() and all(formset.is_valid() for formset in formsets)

    def _stamp(self, pk) -> tuple:
        """What moves on when the object is saved: its revision, else when it was changed."""
        names = [f.name for f in self.model._meta.fields if f.name in ("revision", "modified_at")]
        return tuple(self.model._default_manager.filter(pk=pk).values_list(*names).first() or ())


def _as_save(post):
    """The same post as "Save and continue editing", without the action's fields."""
    data = post.copy()
    for key in [key for key in data if key.startswith(f"{ActionLocation.CHANGE_FORM.value}-")]:
        del data[key]
    data["_continue"] = "1"
    return data
