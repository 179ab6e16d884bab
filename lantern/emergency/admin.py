"""Admin for emergency management, scoped to the staff member's libraries."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from lantern.core.admin import LibraryScopedAdmin

from .models import (
    Booking,
    ChecklistItem,
    CleaningLogEntry,
    ClosureRun,
    Plan,
    PlanVersion,
    QuarantineRule,
    ReservationRules,
    Slot,
    Supply,
    Training,
    Zone,
)


@admin.register(ClosureRun)
class ClosureRunAdmin(LibraryScopedAdmin):
    list_display = ["library", "mode", "reason", "started_by", "started_at"]
    list_filter = ["mode", ("library", admin.RelatedOnlyFieldListFilter)]

    def has_change_permission(self, request, obj=None):
        return False  # a record of what was done; changes go through a new run

    def has_add_permission(self, request):
        return False


@admin.register(ReservationRules)
class ReservationRulesAdmin(LibraryScopedAdmin):
    list_display = ["library", "per_reader_per_day", "days_ahead", "no_show_minutes"]


@admin.register(Zone)
class ZoneAdmin(TranslationAdmin, LibraryScopedAdmin):
    list_display = ["name", "library", "default_capacity", "is_active"]


@admin.register(Slot)
class SlotAdmin(LibraryScopedAdmin):
    list_display = ["zone", "starts_at", "ends_at", "capacity", "booked"]
    list_filter = [("library", admin.RelatedOnlyFieldListFilter)]
    readonly_fields = ["booked", "capacity"]  # capacity changes go through the staff page, which tells readers


@admin.register(Booking)
class BookingAdmin(LibraryScopedAdmin):
    library_path = "slot__library"
    list_display = ["slot", "reader", "status", "booked_at", "checked_in_at"]
    list_filter = ["status"]
    readonly_fields = ["code"]

    def has_change_permission(self, request, obj=None):
        return False  # bookings change only through the services that keep slot counts right

    def has_add_permission(self, request):
        return False


class PlanVersionInline(admin.StackedInline):
    model = PlanVersion
    extra = 0
    readonly_fields = ["created_by", "created_at"]


class ChecklistItemInline(TranslationTabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(Plan)
class PlanAdmin(TranslationAdmin, LibraryScopedAdmin):
    list_display = ["title", "library", "scenario", "review_due"]
    inlines = [PlanVersionInline, ChecklistItemInline]


@admin.register(CleaningLogEntry)
class CleaningLogEntryAdmin(LibraryScopedAdmin):
    list_display = ["area", "done_at", "method", "done_by", "library"]
    date_hierarchy = "done_at"


@admin.register(Supply)
class SupplyAdmin(LibraryScopedAdmin):
    list_display = ["name", "library", "stock", "unit", "low_at"]


@admin.register(QuarantineRule)
class QuarantineRuleAdmin(LibraryScopedAdmin):
    list_display = ["library", "material", "hours"]


@admin.register(Training)
class TrainingAdmin(TranslationAdmin, LibraryScopedAdmin):
    list_display = ["title", "library", "date", "hours"]
    filter_horizontal = ["attendees"]
