"""URLs of `emergency`: a library's pages under /<library-slug>/, the network board under /network/<slug>/."""

from django.urls import path  # noqa: F401  (each section below adds its paths)

app_name = "emergency"

# --- status: closing and reopening in one step, closure history (status) --------------------------
status_urls = []

# --- timed-entry reservations (reservations) -----------------------------------------------------
reservation_urls = []

urlpatterns = [*status_urls, *reservation_urls]

# --- the network status board and reopening timeline, under /network/<network-slug>/ (status) ----
network_urls = []
