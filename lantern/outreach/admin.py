"""Admin for outreach: shown only, scoped to the staff member's libraries. Stations, donations, volunteers
and services change on their staff pages, whose services keep copies, places, numbers and service records
right; the admin is for looking things up."""

from django.contrib import admin

from lantern.core.admin import ShownOnlyAdmin

from .models import AccessibleService, IncomingDonation, OutgoingDonation, Shift, Station, Volunteer


@admin.register(Station)
class StationAdmin(ShownOnlyAdmin):
    list_display = ["name", "library", "site", "status", "opens_on", "closes_on"]
    list_filter = ["status", "site"]
    exclude = ["token"]


@admin.register(OutgoingDonation)
class OutgoingDonationAdmin(ShownOnlyAdmin):
    list_display = ["number", "library", "recipient", "given_on"]


@admin.register(IncomingDonation)
class IncomingDonationAdmin(ShownOnlyAdmin):
    list_display = ["number", "library", "kind", "received_on"]
    list_filter = ["kind"]
    exclude = ["donor_email", "donor_phone"]


@admin.register(Volunteer)
class VolunteerAdmin(ShownOnlyAdmin):
    list_display = ["user", "library", "status", "signs", "applied_at"]
    list_filter = ["status", "signs"]


@admin.register(Shift)
class ShiftAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "starts_at", "capacity", "taken"]


@admin.register(AccessibleService)
class AccessibleServiceAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "kind", "published"]
    list_filter = ["kind", "published"]
