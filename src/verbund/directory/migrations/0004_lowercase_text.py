"""Search documents are stored lowercased (see decision 0004).

The engines then look up trigrams case-sensitively (PostgreSQL: `LIKE` on pg_trgm's index,
which is several times faster than `ILIKE`), and Python folds case once, when a company is
indexed, with Unicode rules on both engines. The German/English full-text index is dropped:
nothing searches it any more, because its stemming has no equal on SQLite.
"""

from django.db import migrations


def lowercase(apps, schema_editor):
    documents = apps.get_model("directory", "SearchDocument").objects.all()
    for document in documents.iterator():
        if document.text != document.text.lower():
            document.text = document.text.lower()
            document.save(update_fields=["text"])


def drop_fulltext_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_text_fts")


def create_fulltext_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX directory_text_fts ON directory_searchdocument USING GIN "
            "((to_tsvector('german', text) || to_tsvector('english', text)))"
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_lead_leadrecipient")]

    operations = [
        migrations.RunPython(lowercase, migrations.RunPython.noop),
        migrations.RunPython(drop_fulltext_index, create_fulltext_index),
    ]
