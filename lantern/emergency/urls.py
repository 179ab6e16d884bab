"""URLs of `emergency`: a library's pages under /<library-slug>/, the network board under /network/<slug>/."""

from django.urls import path

from .views import preparedness as preparedness_views
from .views import reservations as reservation_views
from .views import status as status_views

app_name = "emergency"

# --- status: closing and reopening in one step, closure history (status) --------------------------
status_urls = [
    path("staff/status/", status_views.staff_status, name="staff_status"),
    path("staff/status/runs/<int:pk>/", status_views.staff_run, name="status_run"),
]

# --- timed-entry reservations (reservations) -----------------------------------------------------
reservation_urls = [
    path("visit/", reservation_views.visit, name="visit"),
    path("visit/slots/<int:pk>/book/", reservation_views.book_slot, name="book_slot"),
    path("visit/tickets/<str:code>.png", reservation_views.ticket_png, name="ticket_png"),
    path("visit/tickets/<str:code>/", reservation_views.ticket, name="ticket"),
    path("visit/tickets/<str:code>/cancel/", reservation_views.cancel_booking, name="cancel_booking"),
    path("staff/visits/", reservation_views.staff_visits, name="staff_visits"),
    path("staff/visits/rules/", reservation_views.staff_set_rules, name="staff_set_rules"),
    path("staff/visits/zones/", reservation_views.staff_create_zone, name="staff_create_zone"),
    path("staff/visits/slots/", reservation_views.staff_create_slots, name="staff_create_slots"),
    path("staff/visits/slots/<int:pk>/", reservation_views.staff_slot, name="staff_slot"),
    path(
        "staff/visits/slots/<int:pk>/capacity/", reservation_views.staff_change_capacity, name="staff_change_capacity"
    ),
    path("staff/visits/check-in/", reservation_views.check_in_page, name="check_in"),
]

# --- preparedness: plans, prevention logs, training (preparedness) ---
preparedness_urls = [
    path("staff/preparedness/", preparedness_views.preparedness, name="preparedness"),
    path("staff/plans/", preparedness_views.plans, name="plans"),
    path("staff/plans/new/", preparedness_views.plan_create, name="plan_create"),
    path("staff/plans/<int:pk>/", preparedness_views.plan_detail, name="plan_detail"),
    path("staff/plans/<int:pk>/plan.pdf", preparedness_views.plan_pdf_view, name="plan_pdf"),
    path("staff/plans/<int:pk>/versions/new/", preparedness_views.plan_version_new, name="plan_version_new"),
    path("staff/plans/<int:pk>/versions/<int:number>/", preparedness_views.plan_version, name="plan_version"),
    path("staff/plans/<int:pk>/steps/", preparedness_views.plan_step_add, name="plan_step_add"),
    path("staff/plans/<int:pk>/steps/<int:item_pk>/move/", preparedness_views.plan_step_move, name="plan_step_move"),
    path(
        "staff/plans/<int:pk>/steps/<int:item_pk>/remove/", preparedness_views.plan_step_remove, name="plan_step_remove"
    ),
    path("staff/plans/<int:pk>/activate/", preparedness_views.plan_activate, name="plan_activate"),
    path("staff/plans/<int:pk>/activations/<int:activation_pk>/", preparedness_views.activation, name="activation"),
    path(
        "staff/plans/<int:pk>/activations/<int:activation_pk>/steps/<int:item_pk>/",
        preparedness_views.activation_tick,
        name="activation_tick",
    ),
    path(
        "staff/plans/<int:pk>/activations/<int:activation_pk>/finish/",
        preparedness_views.activation_finish,
        name="activation_finish",
    ),
    path("staff/drills/", preparedness_views.drills, name="drills"),
    path("staff/prevention/cleaning/", preparedness_views.cleaning, name="cleaning"),
    path("staff/prevention/supplies/", preparedness_views.supplies, name="supplies"),
    path("staff/prevention/supplies/<int:supply_pk>/stock/", preparedness_views.supply_stock, name="supply_stock"),
    path("staff/prevention/supplies/<int:supply_pk>/edit/", preparedness_views.supply_edit, name="supply_edit"),
    path("staff/prevention/quarantine/", preparedness_views.quarantine, name="quarantine"),
    path("staff/training/", preparedness_views.trainings, name="trainings"),
    path("staff/training/new/", preparedness_views.training_create, name="training_create"),
    path("staff/training/<int:pk>/edit/", preparedness_views.training_edit, name="training_edit"),
    path("staff/training/<int:pk>/delete/", preparedness_views.training_delete, name="training_delete"),
    path("staff/training/matrix/", preparedness_views.training_matrix, name="training_matrix"),
]

urlpatterns = [*status_urls, *reservation_urls, *preparedness_urls]

# --- the network status board and reopening timeline, under /network/<network-slug>/ (status) ----
network_urls = [
    path("", status_views.network_board, name="board"),
]
