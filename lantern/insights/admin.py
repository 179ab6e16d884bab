"""Admin for service records, scoped to the staff member's libraries."""

from django.contrib import admin

from lantern.core.admin import LibraryScopedAdmin

from .models import ServiceRecord


@admin.register(ServiceRecord)
class ServiceRecordAdmin(LibraryScopedAdmin):
    list_display = ["date", "title", "library", "source", "categories", "features"]
    list_filter = [
        "source",
        "library",
        "reading_online",
        "reading_offline",
        "information",
        "social",
        "resources",
        "emergency",
    ]
    search_fields = ["title_zh_hans", "title_en"]
    date_hierarchy = "date"
