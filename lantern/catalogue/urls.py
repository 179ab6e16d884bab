"""URLs of `catalogue`: a library's catalogue pages under /<library-slug>/, and the OPDS catalogue."""

from django.urls import path  # noqa: F401  (each section below adds its paths)

app_name = "catalogue"

# --- records: search and record pages (search) ---------------------------------------------------
record_urls = []

# --- imports: staff upload page (imports) --------------------------------------------------------
import_urls = []

# --- reading lists (lists) -----------------------------------------------------------------------
list_urls = []

urlpatterns = [*record_urls, *import_urls, *list_urls]

# --- OPDS catalogue under /opds/ (lists) ---------------------------------------------------------
opds_urls = []
