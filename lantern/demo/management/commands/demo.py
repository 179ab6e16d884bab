"""`lantern demo`: load the sample data of every family, then print the demo accounts."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from lantern.archive import demo_archive
from lantern.catalogue import demo as catalogue_demo
from lantern.catalogue import demo_lists
from lantern.core import demo as core_demo
from lantern.core.services import notices_kept_not_sent
from lantern.emergency import demo_preparedness, demo_reservations, demo_status
from lantern.infoservice import demo_ask, demo_briefs, demo_hub, demo_literacy, demo_rumours
from lantern.insights import demo as insights_demo
from lantern.insights import demo_observatory
from lantern.lending import demo as lending_demo
from lantern.outreach import demo_donations, demo_special, demo_stations, demo_volunteers
from lantern.programs import demo_campaigns, demo_events, demo_exhibitions, demo_groups


class Command(BaseCommand):
    help = (
        "Loads a sample network of six libraries with staff, readers, partners, a catalogue of a few "
        "thousand records with reading lists, a closure and reopening history, timed-entry slots, plans and "
        "trainings, orders and loans, events, a reading group, an exhibition, a joint campaign, information "
        "notices, rumour checks, guides, questions, briefs, reading stations, donations, volunteers, services "
        "for special groups and service records. All of it is marked as sample "
        "data. Running it again creates only what is missing."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        with transaction.atomic(), notices_kept_not_sent():
            core = core_demo.load()
            libraries = core["libraries"]
            steps = [
                ("service records", lambda: insights_demo.load(libraries)),
                ("catalogue", lambda: catalogue_demo.load(libraries)),
                ("reading lists", lambda: demo_lists.load(libraries)),
                ("closure history", lambda: demo_status.load(libraries, now)),
                ("timed-entry slots", lambda: demo_reservations.load(libraries, now)),
                ("plans, logs and trainings", lambda: demo_preparedness.load(libraries, now)),
                ("orders, loans and purchases", lambda: lending_demo.load(libraries, now)),
                ("events", lambda: demo_events.load(libraries, now)),
                ("reading groups", lambda: demo_groups.load(libraries, now)),
                ("exhibitions", lambda: demo_exhibitions.load(libraries, now)),
                ("joint campaigns", lambda: demo_campaigns.load(libraries, now)),
                ("information notices", lambda: demo_hub.load(libraries, now)),
                ("rumour checks", lambda: demo_rumours.load(libraries, now)),
                ("information-literacy guides", lambda: demo_literacy.load(libraries, now)),
                ("questions to librarians", lambda: demo_ask.load(libraries, now)),
                ("decision-support briefs", lambda: demo_briefs.load(libraries, now)),
                ("reading stations", lambda: demo_stations.load(libraries, now)),
                ("donations", lambda: demo_donations.load(libraries, now)),
                ("volunteers and shifts", lambda: demo_volunteers.load(libraries, now)),
                ("services for special groups", lambda: demo_special.load(libraries, now)),
                ("community archive", lambda: demo_archive.load(libraries, now)),
                ("observatory study and posts", lambda: demo_observatory.load(libraries)),
            ]
            for label, step in steps:
                self.stdout.write(f"  {label}: ", ending="")
                self.stdout.flush()  # the catalogue takes a while; show where we are
                self.stdout.write(f"{step()} new")
        self.stdout.write(self.style.SUCCESS("Sample data is loaded (示例数据已载入)."))
        self.stdout.write(f"Demo accounts (password for all: {core_demo.DEMO_PASSWORD}):")
        with translation.override("en"):  # the names are bilingual; role labels in English beside them
            for identifier, name, role in core["accounts"]:
                if role:
                    where = f"{role[0].label} · {role[1]}" if role[1] else str(role[0].label)
                else:
                    where = "superuser" if "admin" in identifier else "reader"
                self.stdout.write(f"  {identifier:<28} {name:<28} {where}")
            for (identifier, name), where in (
                (demo_groups.WRITER, "guest host of a reading group"),
                (demo_exhibitions.CURATOR, "partner contact · Hubei Museum (sample)"),
                (demo_volunteers.PEOPLE[1][:2], "volunteer · wuhan (volunteer1 to volunteer6 likewise)"),
            ):
                self.stdout.write(f"  {identifier:<28} {name:<28} {where}")
