"""PostgreSQL's search table is read without parallel workers and with larger column statistics
(`search.postgres.TUNING`): statements already run where the index was made before these existed. SQLite has
neither setting.
"""

from django.db import migrations


def tune(apps, schema_editor):
    from lantern.catalogue.search import postgres

    if schema_editor.connection.vendor == "postgresql":
        for statement in postgres.TUNING:
            schema_editor.execute(statement)
        # The statistics are gathered again at the new size.
        schema_editor.execute(f"ANALYZE {postgres.TABLE}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_search_pinyin_pairs")]

    # Going back leaves the settings: they change how fast a search is, never what it finds.
    operations = [migrations.RunPython(tune, migrations.RunPython.noop)]
