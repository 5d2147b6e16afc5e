"""Area scoping for admin pages, in one place: querysets, choices and object permissions."""

from priorities.models import Area
from priorities.roles import user_area_ids


class AreaScopedAdminMixin:
    """Limits a ModelAdmin to the objects of the user's areas.

    `area_lookup` is the path from the model to its Area ("area", "entry__area", ...).
    Out-of-scope objects are filtered from the queryset, so their URLs 404 like unknown ones.
    """

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
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        area_ids = user_area_ids(request.user)
        if db_field.related_model is Area and area_ids is not None:
            kwargs["queryset"] = Area.objects.filter(pk__in=area_ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
