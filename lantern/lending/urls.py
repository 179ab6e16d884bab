"""URLs of `lending`: a library's lending pages under /<library-slug>/."""

from django.urls import path

from .views import carriers as carrier_views
from .views import loans as loan_views
from .views import orders as order_views
from .views import purchases as purchase_views
from .views import returns as return_views
from .views import slips as slip_views

app_name = "lending"

urlpatterns: list = []

# --- ordering (lead) ---
urlpatterns += [
    path("orders/", order_views.my_orders, name="my_orders"),
    path("orders/new/", order_views.order_new, name="order_new"),
    path("orders/<str:number>/", order_views.order_page, name="order"),
    path("orders/<str:number>/change/", order_views.order_change, name="order_change"),
    path("orders/<str:number>/cancel/", order_views.order_cancel, name="order_cancel"),
]

# --- buy for the reader (purchases) ---
urlpatterns += [
    path("buy/", purchase_views.purchase_titles, name="purchase_titles"),
    path("buy/titles/<int:pk>/", purchase_views.purchase_ask, name="purchase_ask"),
    path("buy/requests/", purchase_views.my_purchases, name="my_purchases"),
    path("buy/requests/<int:pk>/cancel/", purchase_views.cancel_purchase, name="cancel_purchase"),
    path("staff/purchases/", purchase_views.staff_purchases, name="staff_purchases"),
    path("staff/purchases/titles/", purchase_views.staff_import_titles, name="staff_import_titles"),
    path("staff/purchases/<int:pk>/approve/", purchase_views.staff_approve_purchase, name="staff_approve_purchase"),
    path("staff/purchases/<int:pk>/decline/", purchase_views.staff_decline_purchase, name="staff_decline_purchase"),
    path("staff/purchases/<int:pk>/deliver/", purchase_views.staff_deliver_purchase, name="staff_deliver_purchase"),
]

# --- loans and returns (loans) ---
urlpatterns += [
    path("loans/", loan_views.my_loans, name="loans"),
    path("loans/<int:pk>/renew/", loan_views.renew_loan, name="renew_loan"),
    path("staff/returns/", return_views.staff_returns, name="staff_returns"),
    path("staff/returns/extend/", return_views.staff_extend_due_dates, name="staff_extend_due_dates"),
]

# --- carriers, packing slips and pick lists (carriers) ---
urlpatterns += [
    path("staff/carriers/", carrier_views.staff_carriers, name="staff_carriers"),
    path("staff/carriers/add/", carrier_views.staff_carrier_add, name="staff_carrier_add"),
    path("staff/carriers/<int:pk>/active/", carrier_views.staff_carrier_active, name="staff_carrier_active"),
    path("staff/carriers/<int:pk>/rotate/", carrier_views.staff_carrier_rotate, name="staff_carrier_rotate"),
    path("staff/orders/pick-list.pdf", slip_views.pick_list_pdf, name="pick_list_pdf"),
    path("staff/orders/<str:number>/slip.pdf", slip_views.order_slip, name="order_slip"),
]

# --- the staff's fulfilment queue (queue) ---
from .views import queue as queue_views  # noqa: E402  (own section, so that helpers' edits do not collide)

urlpatterns += [
    path("staff/orders/", queue_views.staff_orders, name="staff_orders"),
    path("staff/orders/<str:number>/", queue_views.staff_order, name="staff_order"),
    path("staff/orders/<str:number>/step/", queue_views.staff_order_step, name="staff_order_step"),
]

# --- lending settings: rules, zones, pickup points and slots (settings) ---
from .views import setup as setup_views  # noqa: E402  (own section, so that helpers' edits do not collide)

urlpatterns += [
    path("staff/lending/", setup_views.setup, name="setup"),
    path("staff/lending/rules/", setup_views.setup_rules, name="setup_rules"),
    path("staff/lending/zones/add/", setup_views.setup_zone_add, name="setup_zone_add"),
    path("staff/lending/zones/<int:pk>/", setup_views.setup_zone, name="setup_zone"),
    path("staff/lending/zones/<int:pk>/active/", setup_views.setup_zone_active, name="setup_zone_active"),
    path("staff/lending/points/add/", setup_views.setup_point_add, name="setup_point_add"),
    path("staff/lending/points/<int:pk>/active/", setup_views.setup_point_active, name="setup_point_active"),
    path("staff/lending/slots/add/", setup_views.setup_slots_add, name="setup_slots_add"),
    path("staff/lending/slots/<int:pk>/capacity/", setup_views.setup_slot_capacity, name="setup_slot_capacity"),
    path("staff/lending/slots/<int:pk>/delete/", setup_views.setup_slot_delete, name="setup_slot_delete"),
]
