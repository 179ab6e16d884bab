"""`lantern expire_holds`: the periodic job that ends pickup orders nobody collected while they were held."""

from django.core.management.base import BaseCommand

from lantern.lending.services.fulfilment import expire_holds


class Command(BaseCommand):
    help = (
        "Marks every pickup order whose hold has run out as failed (not collected), tells the reader, and puts "
        "its items back on the shelf. A hold lasts the library's hold days and never ends before the booked "
        "pickup time. Run it every hour."
    )

    def handle(self, *args, **options):
        expired = expire_holds()
        self.stdout.write(f"{expired} uncollected pickup orders expired.")
