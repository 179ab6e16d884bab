"""URLs of `lending`: a library's lending pages under /<library-slug>/."""

from django.urls import path

app_name = "lending"

urlpatterns: list = []
