"""Admin for the archive: shown only, scoped to the staff member's libraries. Items, files and collections
change on the archive's staff pages, whose services keep the originals, the audit log, OAI-PMH datestamps and
service records right; the admin is for looking things up."""

from django.contrib import admin

from lantern.core.admin import ShownOnlyAdmin

from .models import Collection, Item, ItemFile, Takedown


@admin.register(Collection)
class CollectionAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "slug", "status", "calls_for_contributions"]
    list_filter = ["status", "calls_for_contributions"]


@admin.register(Item)
class ItemAdmin(ShownOnlyAdmin):
    list_display = ["reference", "title", "library", "kind", "status", "licence", "submitted_at"]
    list_filter = ["status", "kind", "licence"]
    search_fields = ["reference", "title"]
    exclude = ["contact_email", "contact_phone", "search_text"]


@admin.register(ItemFile)
class ItemFileAdmin(ShownOnlyAdmin):
    library_path = "item__library"
    list_display = ["__str__", "mime", "size", "sha256", "fixity_ok", "last_checked_at"]
    list_filter = ["fixity_ok", "mime"]
    exclude = ["original_name"]


@admin.register(Takedown)
class TakedownAdmin(ShownOnlyAdmin):
    library_path = "item__library"
    list_display = ["reference", "item", "relation", "status", "created_at"]
    list_filter = ["status", "relation"]
    exclude = ["email"]
