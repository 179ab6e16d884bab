"""The full-text index of records: an FTS5 table on SQLite, a tsvector table with a GIN index on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    from lantern.catalogue.search import postgres, sqlite

    statements = postgres.CREATE if schema_editor.connection.vendor == "postgresql" else [sqlite.CREATE]
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    from lantern.catalogue.search import postgres, sqlite

    schema_editor.execute(postgres.DROP if schema_editor.connection.vendor == "postgresql" else sqlite.DROP)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
