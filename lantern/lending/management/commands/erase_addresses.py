"""`lantern erase_addresses`: the daily job that deletes delivery addresses and phone numbers."""

from django.core.management.base import BaseCommand

from lantern.lending.services.privacy import erase_addresses


class Command(BaseCommand):
    help = (
        "Deletes the recipient, phone number, address and postcode of every order and purchase for a reader "
        "closed more than the library's retention period ago (30 days unless the library set another). "
        "Run it daily."
    )

    def handle(self, *args, **options):
        erased = erase_addresses()
        self.stdout.write(f"{erased} delivery addresses erased.")
