"""Engine-specific search structures.

PostgreSQL: pg_trgm for typo tolerance, GIN indexes for full-text search in German and
English and for trigram similarity. SQLite: an FTS5 table with the trigram tokenizer, kept in
step with `directory_searchdocument` by triggers.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX directory_text_fts ON directory_searchdocument USING GIN "
    "((to_tsvector('german', text) || to_tsvector('english', text)))",
    "CREATE INDEX directory_text_trgm ON directory_searchdocument USING GIN (text gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS directory_text_trgm",
    "DROP INDEX IF EXISTS directory_text_fts",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE directory_fts USING fts5("
    "text, content='directory_searchdocument', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER directory_fts_insert AFTER INSERT ON directory_searchdocument BEGIN "
    "INSERT INTO directory_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER directory_fts_delete AFTER DELETE ON directory_searchdocument BEGIN "
    "INSERT INTO directory_fts(directory_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER directory_fts_update AFTER UPDATE ON directory_searchdocument BEGIN "
    "INSERT INTO directory_fts(directory_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO directory_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_fts_update",
    "DROP TRIGGER IF EXISTS directory_fts_delete",
    "DROP TRIGGER IF EXISTS directory_fts_insert",
    "DROP TABLE IF EXISTS directory_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
