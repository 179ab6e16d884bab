"""Admin for the catalogue, scoped to the staff member's libraries."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from lantern.core.admin import LibraryScopedAdmin

from .models import Copy, EResource, ImportJob, Isbn, ReadingList, ReadingListEntry, Record


class IsbnInline(admin.TabularInline):
    model = Isbn
    extra = 0


class CopyInline(admin.TabularInline):
    model = Copy
    extra = 0
    fields = ["barcode", "library", "location", "shelf_mark", "status"]


class EResourceInline(TranslationTabularInline):
    model = EResource
    extra = 0


@admin.register(Record)
class RecordAdmin(LibraryScopedAdmin):
    list_display = ["title", "edition", "library", "format", "year", "language", "control_number"]
    list_filter = ["format", "language", "library"]
    search_fields = ["title", "control_number", "isbn_set__value"]
    inlines = [IsbnInline, CopyInline, EResourceInline]


@admin.register(Copy)
class CopyAdmin(LibraryScopedAdmin):
    list_display = ["barcode", "record", "library", "location", "shelf_mark", "status"]
    list_filter = ["status", "library"]
    search_fields = ["barcode", "record__title"]
    raw_id_fields = ["record"]


class ReadingListEntryInline(TranslationTabularInline):
    model = ReadingListEntry
    extra = 0
    raw_id_fields = ["record"]


@admin.register(ReadingList)
class ReadingListAdmin(TranslationAdmin, LibraryScopedAdmin):
    list_display = ["title", "library", "audience", "purpose", "published_at"]
    list_filter = ["audience", "purpose", "library"]
    inlines = [ReadingListEntryInline]


@admin.register(ImportJob)
class ImportJobAdmin(LibraryScopedAdmin):
    list_display = [
        "filename",
        "library",
        "format",
        "status",
        "read",
        "created",
        "updated",
        "rejected",
        "copies_created",
        "copies_updated",
        "started_at",
    ]
    list_filter = ["status", "library"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
