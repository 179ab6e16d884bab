"""`lantern demo`: load the sample data of every family, then print the demo accounts."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lantern.core import demo as core_demo
from lantern.insights import demo as insights_demo


class Command(BaseCommand):
    help = (
        "Loads a sample network of six libraries with staff, readers, partners and service records. "
        "All of it is marked as sample data. Running it again creates only what is missing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            core = core_demo.load()
            insights_demo.load(core["libraries"])
        self.stdout.write(self.style.SUCCESS("Sample data is loaded (示例数据已载入)."))
        self.stdout.write(f"Demo accounts (password for all: {core_demo.DEMO_PASSWORD}):")
        for identifier, name, role in core["accounts"]:
            where = f"{role[0].label} · {role[1]}" if role else ("superuser" if "admin" in identifier else "reader")
            self.stdout.write(f"  {identifier:<28} {name:<28} {where}")
