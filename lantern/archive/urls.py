"""URLs of `archive`: a library's archive pages under /<library-slug>/archive/ (public) and
/<library-slug>/staff/archive/ (staff). The OAI-PMH endpoint is at /oai (`oai_urls`, whole site)."""

from django.urls import path

from . import oai
from .views import collections as collection_views  # noqa: F401
from .views import contribute as contribute_views  # noqa: F401
from .views import moderate as moderate_views  # noqa: F401
from .views import preservation as preservation_views  # noqa: F401
from .views import public as public_views  # noqa: F401

app_name = "archive"

urlpatterns: list = []

# --- contribute (contribute) ---
urlpatterns += []

# --- moderate (moderate) ---
urlpatterns += []

# --- collections and public pages (collections) ---
urlpatterns += []

# --- preservation (preservation) ---
urlpatterns += []

oai_urls = [path("", oai.endpoint, name="endpoint")]
