"""URLs of `infoservice`: a library's information pages under /<library-slug>/, and a network's joint
question queue under /network/<network-slug>/questions/ (`network_urls`)."""

from django.urls import path  # noqa: F401

from .views import ask as ask_views  # noqa: F401
from .views import briefs as brief_views  # noqa: F401
from .views import hub as hub_views  # noqa: F401
from .views import literacy as literacy_views  # noqa: F401
from .views import rumours as rumour_views  # noqa: F401

app_name = "infoservice"

urlpatterns: list = []

# --- information hub (hub) ---
urlpatterns += []

# --- rumour checks (rumours) ---
urlpatterns += []

# --- information-literacy guides (literacy) ---
urlpatterns += []

# --- ask a librarian (ask) ---
urlpatterns += []

# --- decision-support briefs (briefs) ---
urlpatterns += []

# The network's joint queue, mounted at /network/<network>/questions/ in namespace "joint_queue".
network_urls: list = []
