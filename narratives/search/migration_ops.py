"""Migration operations that touch only one database: each engine keeps its own full-text index
(PostgreSQL GIN indexes, SQLite FTS5 tables), while the models' state stays the same on both."""

from django.db import migrations


class AddIndexOnPostgres(migrations.AddIndex):
    """A GIN index: made on PostgreSQL, skipped elsewhere (SQLite has no GIN)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fts5_statements(*, table: str, content: str, columns: tuple[str, ...]) -> list[str]:
    """An FTS5 table over `content`'s columns (porter stemming), kept in step by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='{content}', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {content} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {content} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {content} "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]


class RunSQLOnSQLite(migrations.RunSQL):
    """SQL for SQLite only (FTS5 tables and their triggers)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
