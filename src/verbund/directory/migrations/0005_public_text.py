"""The public finder matches only the public fields (`SearchDocument.public_text`).

Until now it matched the whole search document, which also holds people's expertise and
vendor certifications: a customer could test whether a company's member-only data holds a
word. The text is filled here for the companies already indexed.
"""

import importlib

from django.db import migrations, models

ENGINES = importlib.import_module("verbund.directory.migrations.0002_search_engines")


def fill(apps, schema_editor):
    # Plain fields only, so the historical models serve.
    from verbund.directory.services import public_document_text

    documents = apps.get_model("directory", "SearchDocument").objects.select_related("company")
    for document in documents.iterator():
        document.public_text = public_document_text(document.company).lower()
        document.save(update_fields=["public_text"])


def restore_sqlite_triggers(apps, schema_editor):
    """SQLite adds the column by rebuilding the table, which drops the triggers that keep
    the FTS5 table in step: create them again and rebuild the index from the documents."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in ENGINES.SQLITE_FORWARD[1:]:  # the triggers (the table still exists)
        schema_editor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))
    schema_editor.execute("INSERT INTO directory_fts(directory_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_lowercase_text")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="public_text",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
