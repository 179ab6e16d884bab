"""The Django admin for staff: each person sees and changes only the libraries they work for.

Access follows Lantern's roles (core.permissions), not Django's per-model permissions, so that a
librarian needs nothing but their role. People, roles, networks and partners are for superusers.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import ApiToken, AuditEntry, Card, Library, Network, Partner, Role, ServiceModeChange, User
from .permissions import managed_libraries, staffed_libraries

# Django 6 ships this admin label without a Chinese translation; naming it here puts it in our catalogue.
_("- Select an option -")

admin.site.site_header = _("Lantern administration")
admin.site.site_title = _("Lantern")
admin.site.index_title = _("Library administration")


class LibraryScopedAdmin(admin.ModelAdmin):
    """Rows that carry a `library`: visible and editable only for staff of that library."""

    library_path = "library"

    def _libraries(self, request):
        return staffed_libraries(request.user)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.library_path}__in": self._libraries(request)})

    def _allowed(self, request, obj=None):
        if not request.user.is_active or not request.user.is_staff:
            return False
        if request.user.is_superuser:
            return True
        if obj is None:
            return self._libraries(request).exists()
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "library" and not request.user.is_superuser:
            kwargs["queryset"] = self._libraries(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ShownOnlyAdmin(LibraryScopedAdmin):
    """Rows that only services write (they keep copies, seats, notices and service records right): staff
    may look, not add, change or delete."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Library)
class LibraryAdmin(TranslationAdmin, LibraryScopedAdmin):
    library_path = "pk"
    list_display = ["name", "city", "service_mode", "is_demo"]
    list_filter = ["service_mode", "level", ("network", admin.RelatedOnlyFieldListFilter), "is_demo"]
    search_fields = ["name_zh_hans", "name_en", "slug", "city", "province"]
    readonly_fields = ["mode_since"]

    def has_change_permission(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().has_change_permission(request, obj)
        return managed_libraries(request.user).filter(pk=obj.pk).exists()

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        mode_fields = {"service_mode", "mode_message_zh_hans", "mode_message_en", "expected_reopening"}
        mode_changed = change and mode_fields & set(form.changed_data)
        super().save_model(request, obj, form, change)
        if mode_changed or not change:
            # Through the service so the change enters the library's history and the audit log.
            services.set_service_mode(
                obj,
                obj.service_mode,
                by=request.user,
                message_zh=obj.mode_message_zh_hans or "",
                message_en=obj.mode_message_en or "",
                expected_reopening=obj.expected_reopening,
                reason=str(_("Changed in the admin")),
            )
        else:
            services.record_audit(request.user, "library.changed", obj, library=obj, summary=str(obj))


@admin.register(ServiceModeChange)
class ServiceModeChangeAdmin(LibraryScopedAdmin):
    list_display = ["library", "mode", "since", "expected_reopening", "reason", "changed_by"]
    list_filter = ["mode", ("library", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "since"

    def has_change_permission(self, request, obj=None):
        return False  # history is written by set_service_mode, never edited

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Card)
class CardAdmin(LibraryScopedAdmin):
    list_display = ["number", "reader", "library", "issued_at"]
    search_fields = ["number", "reader__name", "reader__username"]
    list_filter = [("library", admin.RelatedOnlyFieldListFilter)]
    raw_id_fields = ["reader"]


@admin.register(AuditEntry)
class AuditEntryAdmin(LibraryScopedAdmin):
    list_display = ["at", "actor", "library", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["summary", "object_id"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Network)
class NetworkAdmin(TranslationAdmin):
    list_display = ["name", "slug", "kind", "is_demo"]


@admin.register(Partner)
class PartnerAdmin(TranslationAdmin):
    list_display = ["name", "kind", "website", "is_demo"]
    list_filter = ["kind"]
    filter_horizontal = ["libraries"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "library", "network", "partner", "granted_at"]
    list_filter = ["kind", "library", "network"]
    raw_id_fields = ["user"]


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = ["username", "name", "email", "phone", "is_staff", "is_active"]
    search_fields = ["username", "name", "email", "phone"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("name", "email", "phone")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
