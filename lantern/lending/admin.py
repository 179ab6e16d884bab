"""Admin for contactless lending, scoped to the staff member's libraries.

Settings (rules, zones, pickup points, bookstore titles) can be edited here. Orders, loans, quarantines and
purchases are shown only: they change through the services that keep copies, slots and notices right.
History (order steps, courier updates) is never edited. A carrier's webhook secret is not shown at all; it is
seen and rotated on the staff's carrier page, by managers.
"""

from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from lantern.core.admin import LibraryScopedAdmin, ShownOnlyAdmin
from lantern.core.models import Partner
from lantern.core.services import record_audit

from .models import (
    BookstoreTitle,
    Carrier,
    CourierEvent,
    DeliveryZone,
    LendingRules,
    Loan,
    Order,
    OrderEvent,
    OrderItem,
    PickupPoint,
    PickupSlot,
    Purchase,
    Quarantine,
)
from .services import setup


class LendingRulesForm(forms.ModelForm):
    """The settings page's bounds and messages apply here too."""

    class Meta:
        model = LendingRules
        fields = ["library", *setup.RULE_FIELDS]

    def clean(self):
        cleaned = super().clean()
        library = cleaned.get("library")
        values = {field: cleaned[field] for field in setup.RULE_FIELDS if field in cleaned}
        if library is not None and not self.errors:
            try:
                setup.check_rules(library, values)
            except setup.Refused as exc:
                self.add_error(None, exc)
        return cleaned


@admin.register(LendingRules)
class LendingRulesAdmin(LibraryScopedAdmin):
    form = LendingRulesForm
    list_display = [
        "library",
        "delivery_enabled",
        "pickup_enabled",
        "fee_rule",
        "max_items_per_order",
        "loan_days",
        "purchase_enabled",
    ]
    list_filter = ["delivery_enabled", "pickup_enabled", "fee_rule", "purchase_enabled"]
    search_fields = ["library__name_zh_hans", "library__name_en", "library__slug"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_audit(
            request.user, "lending.rules_changed", obj, library=obj.library, summary=", ".join(form.changed_data)
        )


@admin.register(DeliveryZone)
class DeliveryZoneAdmin(TranslationAdmin, LibraryScopedAdmin):
    list_display = ["name", "library", "postcode_prefixes", "fee", "active"]
    list_filter = ["active", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_zh_hans", "name_en", "postcode_prefixes"]


@admin.register(PickupPoint)
class PickupPointAdmin(TranslationAdmin, LibraryScopedAdmin):
    list_display = ["name", "library", "kind", "address", "active"]
    list_filter = ["kind", "active", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_zh_hans", "name_en", "address"]


@admin.register(PickupSlot)
class PickupSlotAdmin(LibraryScopedAdmin):
    library_path = "point__library"
    list_display = ["point", "starts_at", "ends_at", "capacity", "booked"]
    list_filter = [("point", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "starts_at"
    # Capacity changes go through the settings page, which never lets it fall below the orders booked.
    readonly_fields = ["capacity", "booked"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "point" and not request.user.is_superuser:
            kwargs["queryset"] = PickupPoint.objects.filter(library__in=self._libraries(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Carrier)
class CarrierAdmin(LibraryScopedAdmin):
    list_display = ["name", "library", "kind", "partner", "active"]
    list_filter = ["kind", "active", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    exclude = ["webhook_secret"]


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    fields = ["record", "copy", "holds_copy"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    fields = ["at", "status", "by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(ShownOnlyAdmin):
    list_display = ["number", "library", "reader", "method", "status", "created_at", "expected_on"]
    list_filter = ["status", "method", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["number", "reader__name", "reader__username", "tracking_number"]
    date_hierarchy = "created_at"
    inlines = [OrderItemInline, OrderEventInline]


@admin.register(OrderItem)
class OrderItemAdmin(ShownOnlyAdmin):
    library_path = "order__library"
    list_display = ["order", "record", "copy", "holds_copy"]
    list_filter = ["holds_copy"]
    search_fields = ["order__number", "copy__barcode", "record__title"]


@admin.register(OrderEvent)
class OrderEventAdmin(ShownOnlyAdmin):
    library_path = "order__library"
    list_display = ["order", "status", "at", "by", "note"]
    list_filter = ["status"]
    search_fields = ["order__number", "note"]
    date_hierarchy = "at"


@admin.register(CourierEvent)
class CourierEventAdmin(ShownOnlyAdmin):
    library_path = "carrier__library"
    list_display = ["carrier", "event_id", "order", "status", "received_at"]
    list_filter = ["status", ("carrier", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["event_id", "order__number"]
    date_hierarchy = "received_at"


@admin.register(Loan)
class LoanAdmin(ShownOnlyAdmin):
    list_display = ["copy", "reader", "library", "issued_at", "due_on", "renewals", "returned_at", "fine"]
    list_filter = ["return_method", "fine_waived", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["copy__barcode", "reader__name", "reader__username", "order__number"]
    date_hierarchy = "due_on"


@admin.register(Quarantine)
class QuarantineAdmin(ShownOnlyAdmin):
    list_display = ["copy", "library", "material", "stacked", "starts_at", "ends_at", "released_at"]
    list_filter = ["material", "stacked", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["copy__barcode"]


@admin.register(BookstoreTitle)
class BookstoreTitleAdmin(LibraryScopedAdmin):
    library_path = "bookstore__libraries"
    list_display = ["title", "authors", "bookstore", "price", "in_stock"]
    list_filter = ["in_stock", ("bookstore", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "authors", "isbn", "publisher"]

    def get_queryset(self, request):
        # A bookstore that works with two of the person's libraries would list each title twice.
        return super().get_queryset(request).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bookstore" and not request.user.is_superuser:
            kwargs["queryset"] = Partner.objects.filter(
                kind=Partner.Kind.BOOKSTORE, libraries__in=self._libraries(request)
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Purchase)
class PurchaseAdmin(ShownOnlyAdmin):
    list_display = ["title", "reader", "library", "price", "status", "created_at", "decided_by"]
    list_filter = ["status", ("library", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title__title", "reader__name", "reader__username"]
    date_hierarchy = "created_at"
