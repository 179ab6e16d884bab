"""URLs of `outreach`: a library's outreach pages under /<library-slug>/, and the site contact's token pages
under /station/<token>/ (`station_urls`, no account needed)."""

from django.urls import path  # noqa: F401

from .views import donations as donation_views  # noqa: F401
from .views import special as special_views  # noqa: F401
from .views import stations as station_views  # noqa: F401
from .views import volunteers as volunteer_views  # noqa: F401

app_name = "outreach"

urlpatterns: list = []

# --- reading stations (stations) ---
urlpatterns += []

# --- donations (donations) ---
urlpatterns += []

# --- volunteers (volunteers) ---
urlpatterns += []

# --- services for special groups and easy reading (special) ---
urlpatterns += []

# The site contact's pages, mounted at /station/<token>/ in namespace "station".
station_urls: list = []
