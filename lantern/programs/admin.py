"""Admin for programs: shown only, scoped to the staff member's libraries. Events, groups, exhibitions and
campaigns change on their staff pages, whose services keep seats, waiting lists, notices, sanitised posts
and service records right; the admin is for looking things up."""

from django.contrib import admin

from lantern.core.admin import ShownOnlyAdmin

from .models import Campaign, Event, Exhibition, Post, ReadingGroup, Registration


@admin.register(Event)
class EventAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "mode", "starts_at", "capacity", "seats_taken", "status"]
    list_filter = ["status", "mode"]
    search_fields = ["title_zh_hans", "title_en"]


@admin.register(Registration)
class RegistrationAdmin(ShownOnlyAdmin):
    library_path = "event__library"
    list_display = ["event", "reader", "status", "created_at", "promoted_at"]
    list_filter = ["status"]


@admin.register(ReadingGroup)
class ReadingGroupAdmin(ShownOnlyAdmin):
    list_display = ["name", "library", "status", "premoderated"]
    list_filter = ["status"]


@admin.register(Post)
class PostAdmin(ShownOnlyAdmin):
    library_path = "group__library"
    list_display = ["group", "author", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Exhibition)
class ExhibitionAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "status", "published_at"]
    list_filter = ["status"]


@admin.register(Campaign)
class CampaignAdmin(ShownOnlyAdmin):
    library_path = "network__libraries"
    list_display = ["title", "network", "starts_on", "ends_on", "status"]
    list_filter = ["status"]

    def get_queryset(self, request):
        # A network has many libraries: one row per campaign, however many of them the user staffs.
        return super().get_queryset(request).distinct()
