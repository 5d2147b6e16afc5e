"""The entry page as an officer writes on it: choices and prefills, saving with the links the
officer ticked, Move up and Move down for nested entries, and the two small JSON answers the
page's script asks for (links found in the text, entries one may nest under)."""

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from narratives.entries.entry_form import parent_candidates, parent_label
from narratives.entries.link_proposals import entry_linked, link_proposals
from narratives.entries.links import entry_links_add
from narratives.entries.moving import entry_move
from narratives.entries.selectors import periods_open_for_entry
from narratives.entries.workflow import WorkflowError, entry_save
from narratives.models import Entry
from priorities.models import Commitment
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import periods_latest_first

# Far more than an entry holds; the proposals read only the first 20,000 characters anyway.
PROPOSE_TEXT_MAX = 100_000


class EntryFormAdminMixin:
    """For EntryAdmin; put before the bases that override changeform_view."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # a class made for this request: the links it may offer
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commitment":
            kwargs["queryset"] = Commitment.objects.select_related("priority")
        elif db_field.name == "period" and not user_may(request.user, "narratives.write_any_entry"):
            kwargs["queryset"] = periods_open_for_entry()
        elif db_field.name in ("parent", "carried_forward_from"):
            kwargs["queryset"] = self.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        """What My quarter's links prefill (`?commitment=..&area=..&period=..`), and else the
        quarter open for entry, and the officer's area when they have only one."""
        initial = super().get_changeform_initial_data(request)
        if "period" not in initial:
            open_now = periods_latest_first(within=periods_open_for_entry()).first()
            if open_now is not None:
                initial["period"] = open_now.pk
        areas = user_area_ids(request.user)
        if "area" not in initial and areas is not None and len(areas) == 1:
            initial["area"] = next(iter(areas))
        return initial

    # Saving --------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get("revision") if change else None
        entry_save(entry=obj, by=request.user, expected_revision=expected)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        names, area_ids = getattr(form, "links_to_add", ([], []))
        if names or area_ids:
            added = entry_links_add(
                entry=form.instance, by=request.user, operation_names=names, area_ids=area_ids
            )
            for operation in added:
                self.message_user(request, f"{operation} added to the register.")

    def save_formset(self, request, form, formset, change):
        if formset.model is not Entry:
            return super().save_formset(request, form, formset, change)
        parent = form.instance
        last = max((c.order for c in parent.children.all()), default=0)
        for child in formset.save(commit=False):
            child.parent = parent
            child.commitment_id, child.period_id = parent.commitment_id, parent.period_id
            if child.pk is None:  # a new sub-bullet goes last
                last += 1
                child.order = last
            entry_save(entry=child, by=request.user, expected_revision=child.revision)
        for child in formset.deleted_objects:
            child._history_user = request.user
            child.delete()
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and "_move" in request.POST:
            return self._move(request, object_id, form_url, extra_context)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except WorkflowError as error:
            # Raised inside the admin's transaction, so nothing of this save was kept.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    # Move up, Move down ----------------------------------------------------------------------

    def _move(self, request, object_id, form_url, extra_context):
        """Save the page's edits as "Save and continue editing" would, then move."""
        child_id, _, direction = request.POST["_move"].partition(":")
        posted = request.POST
        request.POST = posted.copy()
        del request.POST["_move"]
        request.POST["_continue"] = "1"
        try:
            obj = self.get_object(request, unquote(object_id))
            edited = obj is not None and self._has_edits(request, obj)
            saved = (
                self.changeform_view(request, object_id, form_url, extra_context)
                if edited
                else None
            )
            if saved is not None and saved.status_code != 302:
                # The edits could not be saved: the page again, with the reasons and this
                # message (the first answer was drawn before it could be said).
                self.message_user(
                    request, "Nothing was moved: correct what is marked below.", messages.ERROR
                )
                return self.changeform_view(request, object_id, form_url, extra_context)
        finally:
            request.POST = posted
        child = self.get_queryset(request).filter(pk=_int(child_id)).first()
        if child is None or child.parent_id != _int(unquote(object_id)):
            self.message_user(request, "That nested entry is no longer here.", messages.ERROR)
        else:
            try:
                moved = entry_move(entry=child, by=request.user, direction=direction)
            except WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                where = "up" if direction == "up" else "down"
                said = f"“{child}” moved {where}." if moved else f"“{child}” cannot go further."
                self.message_user(request, said)
        url = reverse("admin:narratives_entry_change", args=[child.parent_id if child else 0])
        return HttpResponseRedirect(f"{url}#children-group" if child else request.path)

    def _has_edits(self, request, obj) -> bool:
        """Whether the page was posted with edits (a move alone saves nothing else)."""
        if not self.has_change_permission(request, obj):
            return False
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        form = self.get_form(request, obj, change=True, fields=fields)(
            request.POST, request.FILES, instance=obj
        )
        formsets, _ = self._create_formsets(request, obj, change=True)
        return form.has_changed() or any(formset.has_changed() for formset in formsets)

    # The page's script asks ----------------------------------------------------------------------

    def entry_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "propose-links/",
                view(require_POST(self.propose_links_view)),
                name="narratives_entry_propose_links",
            ),
            path(
                "parent-choices/",
                view(require_GET(self.parent_choices_view)),
                name="narratives_entry_parent_choices",
            ),
        ]

    def _may_write(self, request) -> None:
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied

    def propose_links_view(self, request):
        """The links the posted text proposes, as the form would offer them (JSON)."""
        self._may_write(request)
        text = request.POST.get("text", "")
        if len(text) > PROPOSE_TEXT_MAX:
            return JsonResponse({"error": "The text is too long to read."}, status=400)
        entry = self.get_queryset(request).filter(pk=_int(request.POST.get("entry"))).first()
        proposals = link_proposals(text=text, user=request.user, linked=entry_linked(entry))
        return JsonResponse(proposals.as_json())

    def parent_choices_view(self, request):
        """The entries one may nest under for the chosen commitment and quarter (JSON)."""
        self._may_write(request)
        found = parent_candidates(
            queryset=self.get_queryset(request),
            commitment_id=_int(request.GET.get("commitment")),
            period_id=_int(request.GET.get("period")),
            entry_id=_int(request.GET.get("entry")),
        )
        return JsonResponse({"choices": [[e.pk, parent_label(e)] for e in found]})


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
