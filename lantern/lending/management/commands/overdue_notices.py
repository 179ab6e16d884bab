"""`lantern overdue_notices`: the daily job that reminds readers of overdue loans."""

from django.core.management.base import BaseCommand

from lantern.lending.services.loans import send_overdue_notices


class Command(BaseCommand):
    help = (
        "Sends a notice (account page, email and text message, in the reader's language) for every overdue "
        "open loan, at most once every 7 days per loan. Run it daily."
    )

    def handle(self, *args, **options):
        sent = send_overdue_notices()
        self.stdout.write(f"{sent} overdue notices sent.")
