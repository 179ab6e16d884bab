"""`lantern release_no_shows`: the periodic job that frees places nobody came for."""

from django.core.management.base import BaseCommand

from lantern.emergency.services.reservations import release_no_shows


class Command(BaseCommand):
    help = (
        "Releases every timed-entry booking nobody checked in within the library's no-show minutes "
        "(15 by default) after its slot started: the booking becomes 'no show' and its place is free again. "
        "Run it every few minutes."
    )

    def handle(self, *args, **options):
        released = release_no_shows()
        self.stdout.write(f"{released} bookings released.")
