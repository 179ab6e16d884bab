"""URLs of `programs`: a library's events, reading groups and exhibitions under /<library-slug>/, and a
network's joint campaigns under /network/<network-slug>/campaigns/ (`campaign_urls`)."""

from django.urls import path  # noqa: F401  (each section below adds its own paths)

from .views import campaigns as campaign_views  # noqa: F401
from .views import events as event_views  # noqa: F401
from .views import exhibitions as exhibition_views  # noqa: F401
from .views import groups as group_views  # noqa: F401

app_name = "programs"

urlpatterns: list = []

# --- events (events) ---
urlpatterns += []

# --- reading groups (groups) ---
urlpatterns += []

# --- exhibitions (exhibitions) ---
urlpatterns += []

# --- a library's side of joint campaigns (campaigns) ---
urlpatterns += []

# The network's campaign pages, mounted at /network/<network>/campaigns/ in namespace "campaigns".
campaign_urls: list = []
