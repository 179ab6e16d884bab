"""URLs of `insights`, under /<library-slug>/."""

from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("services/", views.library_records, name="library_records"),
]
