"""`lantern reindex`: rebuild the catalogue's full-text index from the records, with a progress bar."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from lantern.catalogue import search
from lantern.catalogue.models import Record


class Command(BaseCommand):
    help = "Rebuilds the catalogue search index from every record (run after restoring a database)."

    def handle(self, *args, **options):
        with tqdm(total=Record.objects.count(), unit=" records", disable=None, file=self.stderr) as bar:
            total = search.reindex(progress=bar.update)
        self.stdout.write(_("Indexed %(count)d records.") % {"count": total})
