"""The SQLite index gains an indexed library column, so that searching one library is part of the full-text
match (see search.sqlite.LIBRARY_COLUMN). The existing index is copied over, not rebuilt from the records.
PostgreSQL keeps library_id as an ordinary column and needs nothing.
"""

from django.db import migrations

OLD_COLUMNS = "title, authors, subjects, body, isbn, chars, pinyin, titlekey, exact, library_id"


def _columns(schema_editor, table):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_xinfo({table})")
        return [row[1] for row in cursor.fetchall()]


def add_library_column(apps, schema_editor):
    from lantern.catalogue.search import sqlite

    if schema_editor.connection.vendor != "sqlite" or sqlite.LIBRARY_COLUMN in _columns(schema_editor, sqlite.TABLE):
        return
    new = f"{sqlite.TABLE}_new"
    schema_editor.execute(sqlite.create_sql(new))
    schema_editor.execute(
        f"INSERT INTO {new} (rowid, {OLD_COLUMNS}, {sqlite.LIBRARY_COLUMN}) "  # noqa: S608
        f"SELECT rowid, {OLD_COLUMNS}, 'l' || library_id FROM {sqlite.TABLE}"
    )
    schema_editor.execute(f"DROP TABLE {sqlite.TABLE}")
    schema_editor.execute(f"ALTER TABLE {new} RENAME TO {sqlite.TABLE}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_search_index")]

    # Going back leaves the extra column: the older code never names it, and ignores it.
    operations = [migrations.RunPython(add_library_column, migrations.RunPython.noop)]
