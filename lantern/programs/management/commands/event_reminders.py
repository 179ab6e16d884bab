"""`lantern event_reminders`: the periodic job that reminds readers of the events they have a seat at."""

from django.core.management.base import BaseCommand

from lantern.programs.services.events import send_reminders


class Command(BaseCommand):
    help = (
        "Sends a reminder notice to every reader with a confirmed seat at a published event that starts within the "
        "next 24 hours, once per registration; online events carry their link. Run it every hour."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} event reminders sent.")
