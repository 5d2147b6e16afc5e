"""Area scoping for admin pages, in one place: querysets, choices and object permissions.

An officer sees and changes only what belongs to their areas; everyone else (analysts,
managers) works on every area, within the permissions of their role. Objects outside a user's
areas are filtered from every queryset the admin builds pages from, so their URLs answer
"doesn't exist" (change, delete) or 404 (history) exactly as an unknown id would.
"""

from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from priorities.history import WordDiffHistoryMixin
from priorities.models import Area
from priorities.roles import user_area_ids


def object_area_id(obj, area_lookup: str) -> int | None:
    """Follow `area_lookup` ("area", "entry__area") from obj to the id of its area."""
    *path, last = area_lookup.split("__")
    target = obj
    for part in path:
        target = getattr(target, part, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


def user_may_reach(user, obj, area_lookup: str = "area") -> bool:
    """Whether obj lies within the user's areas (always, for roles that work on every area)."""
    area_ids = user_area_ids(user)
    if area_ids is None:
        return True
    try:
        return object_area_id(obj, area_lookup) in area_ids
    except ObjectDoesNotExist:  # e.g. the object's entry has been deleted
        return False


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """A raw-id box that names only objects the user may see.

    Django's own widget looks the id up among all objects and prints the text beside the box;
    this one looks it up in `queryset`, so an object outside the user's areas stays a number.
    """

    def __init__(self, rel, admin_site, *, queryset, attrs=None, using=None):
        self.queryset = queryset
        super().__init__(rel, admin_site, attrs, using)

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            obj = self.queryset.get(**{key: value})
        except (ValueError, ObjectDoesNotExist, ValidationError):
            hidden = f"({self.rel.model._meta.verbose_name} outside your areas)"
            return (hidden if value not in (None, "") else ""), ""
        meta = obj._meta
        try:
            url = reverse(
                f"{self.admin_site.name}:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]
            )
        except NoReverseMatch:
            url = ""
        return Truncator(obj).words(14), url


class AreaScopedInlineMixin:
    """Scopes an inline's rows and area choices; its permissions follow the parent object's."""

    area_lookup = "area"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        area_ids = user_area_ids(request.user)
        if area_ids is None:
            return queryset
        return queryset.filter(**{f"{self.area_lookup}__in": area_ids}).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        area_ids = user_area_ids(request.user)
        if db_field.related_model is Area and area_ids is not None:
            kwargs["queryset"] = Area.objects.filter(pk__in=area_ids)
        elif db_field.name in self.raw_id_fields and "widget" not in kwargs:
            # A raw id may point only at what the user can see, and names nothing else.
            queryset = kwargs.get("queryset")
            if queryset is None and self.admin_site.is_registered(db_field.related_model):
                related_admin = self.admin_site.get_model_admin(db_field.related_model)
                queryset = related_admin.get_queryset(request)
            if queryset is not None:
                kwargs["queryset"] = queryset
                kwargs["widget"] = ScopedRawIdWidget(
                    db_field.remote_field,
                    self.admin_site,
                    queryset=queryset,
                    using=kwargs.get("using"),
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        area_ids = user_area_ids(request.user)
        if db_field.related_model is Area and area_ids is not None:
            kwargs["queryset"] = Area.objects.filter(pk__in=area_ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AreaScopedAdminMixin(AreaScopedInlineMixin):
    """Limits a ModelAdmin to the objects of the user's areas.

    `area_lookup` is the path from the model to its Area ("area", "entry__area", ...).
    Put the mixin first among the bases. Subclasses narrow writing further with
    `is_writable(request, obj)` (e.g. entries of closed periods), never by page.
    """

    # Reverting from a history page writes outside the model's own rules; off where they matter.
    history_revert_allowed = True

    def is_in_scope(self, request, obj) -> bool:
        return user_may_reach(request.user, obj, self.area_lookup)

    def is_writable(self, request, obj) -> bool:
        """Hook for rules beyond areas (status, period); obj is already in scope."""
        return True

    # Object permissions --------------------------------------------------------------------

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self.is_in_scope(request, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return self.is_in_scope(request, obj) and self.is_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return self.is_in_scope(request, obj) and self.is_writable(request, obj)

    # django-import-export asks these; by default it lets anyone with the page import.
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    # History pages (Django's and django-simple-history's) ----------------------------------

    def _history_object_or_404(self, request, object_id):
        """The object, or its last recorded state if deleted, when in scope; else 404."""
        obj = self.get_object(request, object_id)
        if obj is not None:
            return obj
        manager_name = getattr(self.model._meta, "simple_history_manager_attribute", None)
        if manager_name is not None:
            try:
                history = getattr(self.model, manager_name)
                pk_name = self.model._meta.pk.attname  # a history row's own pk is history_id
                record = history.filter(**{pk_name: object_id}).latest()
            except (ObjectDoesNotExist, ValueError, ValidationError):
                record = None
            if record is not None and self.is_in_scope(request, record.instance):
                return record.instance
        raise Http404("No such object.")

    def history_view(self, request, object_id, extra_context=None):
        self._history_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self._history_object_or_404(request, object_id)
        if request.method == "POST" and not (
            self.history_revert_allowed and self.has_change_permission(request, obj)
        ):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        if not self.history_revert_allowed:
            return True
        return super().revert_disabled(request, obj)


class HistoryAdmin(WordDiffHistoryMixin, SimpleHistoryAdmin):
    """django-simple-history's admin (who changed what, before and after), where only someone
    who may change the object may revert it: the library itself saves a revert posted by
    anyone who may view the object. Its history page shows whole texts with a word-level
    difference (`priorities.history`)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def user_may(user, permission: str) -> bool:
    """Whether the user's role grants `permission` ("app.codename"): the one way to ask what a
    role may do. Roles are groups holding permissions (priorities.roles); superusers may all."""
    return user.is_authenticated and user.has_perm(permission)
