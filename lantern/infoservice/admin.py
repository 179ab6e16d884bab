"""Admin for the information service: shown only, scoped to the staff member's libraries. Notices, checks,
guides, questions and briefs change on their staff pages, whose services keep approval, sanitising, notices
to readers and service records right; the admin is for looking things up."""

from django.contrib import admin

from lantern.core.admin import ShownOnlyAdmin

from .models import Brief, Bulletin, Guide, Question, RumourCheck


@admin.register(Bulletin)
class BulletinAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "authority", "issued_on", "status", "expires_at"]
    list_filter = ["status", "verification"]
    search_fields = ["title_zh_hans", "title_en", "authority"]


@admin.register(RumourCheck)
class RumourCheckAdmin(ShownOnlyAdmin):
    list_display = ["claim", "library", "verdict", "status", "published_at"]
    list_filter = ["status", "verdict"]


@admin.register(Guide)
class GuideAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "audience", "status"]
    list_filter = ["status"]


@admin.register(Question)
class QuestionAdmin(ShownOnlyAdmin):
    # The asker's name and email stay on the staff pages, where every view is checked; not listed here.
    list_display = ["reference", "library", "subject", "status", "created_at", "respond_by"]
    list_filter = ["status"]
    exclude = ["access_key"]


@admin.register(Brief)
class BriefAdmin(ShownOnlyAdmin):
    list_display = ["title", "library", "recipient", "status", "created_at"]
    list_filter = ["status"]
