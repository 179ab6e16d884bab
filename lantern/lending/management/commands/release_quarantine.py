"""`lantern release_quarantine`: the periodic job that puts returned copies back on the shelf."""

from django.core.management.base import BaseCommand

from lantern.lending.services.returns import release_quarantine


class Command(BaseCommand):
    help = (
        "Puts every returned copy whose quarantine is over back on the shelf (available again). A copy waits "
        "the hours its library sets for its material (REALM defaults: 72 h paper, 96 h glossy, board books "
        "and plastic, 144 h stacked). Run it every 15 minutes."
    )

    def handle(self, *args, **options):
        released = release_quarantine()
        self.stdout.write(f"{released} copies released from quarantine.")
