"""URLs of `insights`: a library's service records under /<library-slug>/, and the service observatory under
/observatory/ (watched libraries, studies, ingest, coding, agreement, reports)."""

from django.urls import path

from .views import records

app_name = "insights"
urlpatterns = [
    path("services/", records.library_records, name="library_records"),
]

# The observatory (namespace "observatory"); each part adds its own section below.
observatory_urls: list = []
