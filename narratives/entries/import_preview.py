"""The entry import's preview: each row's before and after, as the entry page would show it."""

from import_export.resources import Diff


class ColumnsDiff(Diff):
    """The preview's before and after, read through the resource's columns as an export writes
    them: the library's Diff reads model attributes only, so priority, commitment, period,
    area, parent and operations (columns without one) showed blank."""

    def __init__(self, resource, instance, new):  # not super(): it reads the attributes
        self.left, self.right, self.new = _columns(resource, instance), [], new

    def compare_with(self, resource, instance):
        self.right = _columns(resource, instance)


def _columns(resource, instance) -> list:
    if instance is None:
        return [""] * len(resource.get_import_fields())
    return [resource.export_field(field, instance) for field in resource.get_import_fields()]
