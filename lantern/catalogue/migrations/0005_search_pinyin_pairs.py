"""The search index is rebuilt: pinyin is now indexed as pairs of neighbouring syllables (see
search.tokens.syllable_pairs), and queries look for those pairs, so an index of single syllables would find
no pinyin query. The rebuild reads the records as they are now, like `lantern reindex`.
"""

from django.db import migrations


def rebuild(apps, schema_editor):
    from lantern.catalogue import search

    search.reindex()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_record_edition_import_copies")]

    # Going back leaves the index as it is: the older code then misses pinyin queries until `lantern reindex`.
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
