"""`lantern plan_reviews`: remind managers of emergency plans that are due for their yearly review."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lantern.emergency.services.preparedness import plans_due_for_review, send_review_reminders


class Command(BaseCommand):
    help = (
        "Every emergency plan is reviewed once a year: saving a new version sets its next review one year on. "
        "This notifies the managers of each library about its plans whose review is overdue or due within "
        "30 days, at most once a week per plan and manager. Run it daily."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = plans_due_for_review(today).count()
        sent = send_review_reminders(today)
        self.stdout.write(f"{due} plan(s) due for review; {sent} notice(s) sent to managers.")
