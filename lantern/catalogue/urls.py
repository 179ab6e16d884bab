"""URLs of `catalogue`: a library's catalogue pages under /<library-slug>/, and the OPDS catalogue."""

from django.urls import path

from .views import imports as import_views
from .views import lists as list_views
from .views import opds as opds_views
from .views import records as record_views

app_name = "catalogue"

# --- records: search and record pages (search) ---------------------------------------------------
record_urls = [
    path("catalogue/", record_views.search_page, name="search"),
    path("catalogue/records/<int:pk>/", record_views.record_page, name="record"),
]

# --- imports: staff upload page (imports) --------------------------------------------------------
import_urls = [
    path("staff/catalogue/import/", import_views.import_page, name="import"),
    path("staff/catalogue/import/example.csv", import_views.example_csv, name="import_example"),
    path("staff/catalogue/import/<int:pk>/", import_views.import_job_page, name="import_job"),
]

# --- reading lists (lists) -----------------------------------------------------------------------
list_urls = [
    path("lists/", list_views.list_index, name="reading_lists"),
    path("lists/<int:pk>/", list_views.list_page, name="reading_list"),
    path("lists/<int:pk>/qr.svg", list_views.list_qr, {"kind": "svg"}, name="reading_list_qr_svg"),
    path("lists/<int:pk>/qr.png", list_views.list_qr, {"kind": "png"}, name="reading_list_qr_png"),
    path(
        "lists/<int:pk>/entries/<int:entry_pk>/qr.svg",
        list_views.entry_qr,
        {"kind": "svg"},
        name="reading_list_entry_qr_svg",
    ),
    path(
        "lists/<int:pk>/entries/<int:entry_pk>/qr.png",
        list_views.entry_qr,
        {"kind": "png"},
        name="reading_list_entry_qr_png",
    ),
    path("lists/<int:pk>/poster.pdf", list_views.list_poster, name="reading_list_poster"),
    path("staff/lists/", list_views.staff_lists, name="staff_lists"),
    path("staff/lists/new/", list_views.staff_list_create, name="staff_list_create"),
    path("staff/lists/<int:pk>/", list_views.staff_list_editor, name="staff_list_editor"),
    path("staff/lists/<int:pk>/details/", list_views.staff_list_details, name="staff_list_details"),
    path("staff/lists/<int:pk>/add-record/", list_views.staff_add_record, name="staff_list_add_record"),
    path("staff/lists/<int:pk>/add-outside/", list_views.staff_add_outside, name="staff_list_add_outside"),
    path("staff/lists/<int:pk>/entries/<int:entry_pk>/note/", list_views.staff_entry_note, name="staff_entry_note"),
    path("staff/lists/<int:pk>/entries/<int:entry_pk>/move/", list_views.staff_entry_move, name="staff_entry_move"),
    path(
        "staff/lists/<int:pk>/entries/<int:entry_pk>/remove/",
        list_views.staff_entry_remove,
        name="staff_entry_remove",
    ),
    path("staff/lists/<int:pk>/publish/", list_views.staff_list_publish, name="staff_list_publish"),
    path("staff/lists/<int:pk>/unpublish/", list_views.staff_list_unpublish, name="staff_list_unpublish"),
    path("staff/lists/<int:pk>/delete/", list_views.staff_list_delete, name="staff_list_delete"),
]

urlpatterns = [*record_urls, *import_urls, *list_urls]

# --- OPDS catalogue under /opds/ (lists) ---------------------------------------------------------
opds_urls = [
    path("", opds_views.root, name="root"),
    path("<slug:slug>/", opds_views.library_feed, name="library"),
    path("<slug:slug>/eresources/", opds_views.eresources_feed, name="eresources"),
    path("<slug:slug>/lists/<int:pk>/", opds_views.list_feed, name="list"),
]
