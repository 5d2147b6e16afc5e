"""Writing many metric values at once, with their history, fast: what a bulk import confirms.

Django builds an INSERT or UPDATE for a batch by compiling every value of every row, and
simple_history's bulk_history_create does the same for the history rows: for 10,000 imported
values that compilation, not the database, is most of the time. One prepared statement run
for every row (executemany) writes the same rows for a fraction of it.
"""

from operator import attrgetter

from django.db import connection, models
from django.utils import timezone

from metrics.models import MetricValue

# Fields whose Python values the database drivers take as they are.
PLAIN = (models.ForeignKey, models.IntegerField, models.AutoField, models.BooleanField)


def values_insert(instances: list[MetricValue], *, now) -> None:
    """One prepared INSERT run for every row, then one query for the ids they were given
    (found by metric, period and area, unique together), as bulk_create would set them."""
    fields = [f for f in MetricValue._meta.concrete_fields if not f.primary_key]
    for instance in instances:  # what the auto_now fields' pre_save would set
        instance.created_at = instance.modified_at = now
    _insert(MetricValue, fields, instances, {})
    keys = {(v.metric_id, v.period_id, v.area_id): v for v in instances}
    found = MetricValue.objects.filter(
        metric_id__in={key[0] for key in keys},
        period_id__in={key[1] for key in keys},
        area_id__in={key[2] for key in keys},
    ).values_list("pk", "metric_id", "period_id", "area_id")
    for pk, *key in found.iterator():
        instance = keys.get(tuple(key))
        if instance is not None:
            instance.pk = pk
            instance._state.adding = False


def values_update(instances: list[MetricValue], names: list[str]) -> None:
    """One prepared UPDATE run for every row. Django's bulk_update builds a CASE per field whose
    cost grows with the square of the batch: ten times slower here for a file of updates."""
    fields = [MetricValue._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(MetricValue._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    prepare = [(field.attname, _preparer(field)) for field in fields]
    params = [
        [how(getattr(instance, name)) for name, how in prepare] + [instance.pk]
        for instance in instances
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _preparer(field):
    """How a value of `field` goes to the driver. Ids, numbers and flags go as they are;
    other values (dates, decimals) are prepared by the field, each distinct value once: an
    import's rows share the same few dates, and preparing a date costs more than writing it."""
    if isinstance(field, PLAIN):
        return _as_is
    prepared = {}

    def prepare(value):
        if value not in prepared:
            prepared[value] = field.get_db_prep_save(value, connection)
        return prepared[value]

    return prepare


def _as_is(value):
    return value


def history_insert(instances: list[MetricValue], *, history_type: str, user) -> None:
    """One history row per value, as simple_history writes it ("+" created, "~" changed), by
    `user` (or nobody), dated now."""
    if not instances:
        return
    model = MetricValue.history.model
    fields = [f for f in model._meta.concrete_fields if f.attname != "history_id"]
    own = {
        "history_date": timezone.now(),
        "history_change_reason": None,
        "history_type": history_type,
        "history_user_id": getattr(user, "pk", None),
    }
    _insert(model, fields, instances, own)


def _insert(model, fields, instances, own: dict) -> None:
    """One prepared INSERT of `fields` run for every instance; `own` gives the values of the
    fields that are the same for every row (prepared once)."""
    quote = connection.ops.quote_name
    shared = [f for f in fields if f.attname in own]
    read = [f for f in fields if f.attname not in own]
    columns = ", ".join(quote(f.column) for f in (*read, *shared))
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    constant = tuple(f.get_db_prep_save(own[f.attname], connection) for f in shared)
    values = attrgetter(*(f.attname for f in read))
    prepared = [(index, _preparer(f)) for index, f in enumerate(read) if not isinstance(f, PLAIN)]
    rows = []
    for instance in instances:
        row = list(values(instance))
        for index, how in prepared:
            row[index] = how(row[index])
        rows.append((*row, *constant))
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
