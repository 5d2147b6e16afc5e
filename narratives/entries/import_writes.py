"""Writing an import's entries many at a time, with what entry_save records for each: the
entry, its operations, and one history row (who, when, and its areas and operations as saved).

The resource checks every row by the workflow's rules before anything is written (see
narratives.entries.resources), so a batch here has nothing left to refuse. Saving each entry
through entry_save ran the same checks again with a query or two each and wrote two history
rows per entry (the save, then its operations): 3 ms a row, 30 s for a file of 10,000.
"""

from functools import partial

from django.db import connection, models, transaction
from django.utils import timezone

from narratives.models import Entry, Operation

Status = Entry.Status
UPDATED_FIELDS = [
    "commitment",
    "period",
    "area",
    "area_label",
    "parent",
    "order",
    "text",
    "revision",
    "modified_by",
    "modified_at",
]
# Fields whose Python values the database drivers take as they are (ids, numbers, text, flags).
PLAIN = (
    models.ForeignKey,
    models.IntegerField,
    models.CharField,
    models.TextField,
    models.BooleanField,
)
UPDATE_BATCH = 100  # bulk_update builds a CASE per field that grows with its batch


def entry_stamp(entry: Entry, *, by, now) -> None:
    """What entry_save sets: a new entry is a draft at revision 1 created by `by`; a changed
    one keeps its status (only review steps move it) and goes up a revision."""
    if entry.pk is None:
        entry.status, entry.revision = Status.DRAFT, 1
        entry.created_by, entry.created_at = by, now
    else:
        entry.revision += 1  # an edit opened before the import must not undo it
    entry.modified_by, entry.modified_at = by, now


@transaction.atomic
def entries_create(*, entries: list[Entry], operations: dict[int, list[Operation]], by) -> None:
    """`operations`: for each entry (by id() of the object, as it has no pk yet) its list."""
    Entry.objects.bulk_create(entries)
    chosen = {entry.pk: operations.get(id(entry), []) for entry in entries}
    _operations_write(chosen)
    _history_write(entries, history_type="+", by=by)


@transaction.atomic
def entries_update(*, entries: list[Entry], operations: dict[int, list[Operation]], by) -> None:
    Entry.objects.bulk_update(entries, UPDATED_FIELDS, batch_size=UPDATE_BATCH)
    chosen = {entry.pk: operations.get(id(entry), []) for entry in entries}
    Entry.operations.through.objects.filter(entry_id__in=chosen).delete()
    _operations_write(chosen)
    _history_write(entries, history_type="~", by=by)


def _operations_write(chosen: dict[int, list[Operation]]) -> None:
    through = Entry.operations.through
    through.objects.bulk_create(
        through(entry_id=pk, operation_id=op.pk) for pk, ops in chosen.items() for op in ops
    )


def _history_write(entries: list[Entry], *, history_type: str, by) -> None:
    """One history row per entry as simple_history writes on save, with its areas and
    operations as they now stand (simple_history's own copy of the m2m rows). The rows go by
    one prepared INSERT (executemany): compiling a bulk_create of every value of every row
    cost more than the database did."""
    model = Entry.history.model
    when = timezone.now()
    own = {
        "history_date": when,
        "history_change_reason": None,
        "history_type": history_type,
        "history_user_id": getattr(by, "pk", None),
    }
    fields = [f for f in model._meta.concrete_fields if f.attname != "history_id"]
    _insert(
        model,
        fields,
        ([own.get(f.attname, getattr(e, f.attname, None)) for f in fields] for e in entries),
    )
    links = {}
    for field in model._history_m2m_fields:
        through = getattr(Entry, field.name).through
        target = f"{field.m2m_reverse_field_name()}_id"
        found = through.objects.filter(entry_id__in=[entry.pk for entry in entries])
        links[field.name] = list(found.values_list("id", "entry_id", target))
    linked = {entry_id for rows in links.values() for _, entry_id, _ in rows}
    if not linked:
        return
    records = model.objects.filter(id__in=linked, history_date=when, history_type=history_type)
    record_of = dict(records.values_list("id", "history_id"))
    for name, rows in links.items():
        m2m_model = model._meta.get_field(f"historicalentry_{name}").related_model
        fields = [m2m_model._meta.get_field(n) for n in ("id", "entry", "history")]
        fields.append(
            next(
                f
                for f in m2m_model._meta.concrete_fields
                if f.attname not in {"id", "entry_id", "history_id", "m2m_history_id"}
            )
        )
        _insert(
            m2m_model,
            fields,
            ([pk, entry_id, record_of[entry_id], target_id] for pk, entry_id, target_id in rows),
        )


def _insert(model, fields, rows) -> None:
    """One prepared INSERT for every row. Numbers, text, flags and ids go to the driver as
    they are; other values (dates) are prepared by their field."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    prepare = [
        None if isinstance(f, PLAIN) else partial(f.get_db_prep_save, connection=connection)
        for f in fields
    ]
    params = [
        [value if how is None else how(value) for how, value in zip(prepare, row, strict=True)]
        for row in rows
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


class BatchWritesMixin:
    """An import resource's writing hooks (django-import-export, use_bulk): each checked row
    is stamped as entry_save would, and written with its batch by the functions above. The
    resource provides `user`, `now`, `maps["operation"]` and `operations`."""

    def before_save_instance(self, instance, row, **kwargs):
        entry_stamp(instance, by=self.user, now=self.now)

    def save_m2m(self, instance, row, **kwargs):
        """Operations are chosen here (new names registered once) and written with the batch."""
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        chosen = []
        for name in instance.imported_operations:
            key = Operation.key_for(name)
            if key not in self.maps["operation"]:
                self.maps["operation"][key] = Operation.objects.create(name=name)
            chosen.append(self.maps["operation"][key])
        self.operations[id(instance)] = chosen

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and (using_transactions or not dry_run):
            self._bulk_write(entries_create, self.create_instances, result, raise_errors)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            self._bulk_write(entries_update, self.update_instances, result, raise_errors)
        self.update_instances.clear()

    def _bulk_write(self, write, entries, result, raise_errors) -> None:
        try:
            write(entries=entries, operations=self.operations, by=self.user)
        except Exception as error:  # the import's result reports it; nothing is written
            self.handle_import_error(result, error, raise_errors)
