"""URLs of `archive`: a library's archive pages under /<library-slug>/archive/ (public) and
/<library-slug>/staff/archive/ (staff). The OAI-PMH endpoint is at /oai (`oai_urls`, whole site)."""

from django.urls import path

from . import oai
from .views import collections as collection_views
from .views import contribute as contribute_views
from .views import moderate as moderate_views
from .views import moderate_files as moderate_file_views
from .views import preservation as preservation_views
from .views import public as public_views
from .views import takedown as takedown_views

app_name = "archive"

urlpatterns: list = []

# --- contribute (contribute) ---
urlpatterns += [
    path("archive/contribute/", contribute_views.contribute, name="contribute"),
    path("archive/contributions/<str:reference>/", contribute_views.contribution, name="contribution"),
    path(
        "archive/contributions/<str:reference>/answer/",
        contribute_views.contribution_answer,
        name="contribution_answer",
    ),
    path("archive/my-contributions/", contribute_views.my_contributions, name="my_contributions"),
]

# --- moderate (moderate) ---
_item = "staff/archive/items/<str:reference>/"
_file = _item + "files/<int:position>/"
urlpatterns += [
    path("staff/archive/", moderate_views.staff_queue, name="staff_queue"),
    path(_item, moderate_views.staff_item, name="staff_item"),
    path(_item + "describe/", moderate_views.staff_item_describe, name="staff_item_describe"),
    path(_item + "ask/", moderate_views.staff_item_ask, name="staff_item_ask"),
    path(_item + "accept/", moderate_views.staff_item_accept, name="staff_item_accept"),
    path(_item + "decline/", moderate_views.staff_item_decline, name="staff_item_decline"),
    path(_item + "withdraw/", moderate_views.staff_item_withdraw, name="staff_item_withdraw"),
    path(_item + "restore/", moderate_views.staff_item_restore, name="staff_item_restore"),
    path(_file + "blur/", moderate_file_views.staff_file_blur, name="staff_file_blur"),
    path(_file + "unblur/", moderate_file_views.staff_file_unblur, name="staff_file_unblur"),
    path(_file + "hide/", moderate_file_views.staff_file_hide, name="staff_file_hide"),
    path(_file + "caption/", moderate_file_views.staff_file_caption, name="staff_file_caption"),
    path(_file + "<str:variant>/", moderate_file_views.staff_file, name="staff_file"),
    # [slug, reference, position] alone: the original, as other parts link to it.
    path(_file, moderate_file_views.staff_file, {"variant": "original"}, name="staff_file"),
    path("staff/archive/settings/", moderate_views.staff_settings, name="staff_settings"),
    path("archive/items/<str:reference>/takedown/", takedown_views.takedown, name="takedown"),
    path("staff/archive/takedowns/", takedown_views.staff_takedowns, name="staff_takedowns"),
    path("staff/archive/takedowns/<str:reference>/", takedown_views.staff_takedown, name="staff_takedown"),
]

# --- collections and public pages (collections) ---
_collection = "staff/archive/collections/<slug:collection>/"
urlpatterns += [
    path("archive/", public_views.home, name="home"),
    path("archive/search/", public_views.search_page, name="search"),
    path("archive/collections/<slug:collection>/", public_views.collection_page, name="collection"),
    path("archive/items/<str:reference>/", public_views.item_page, name="item"),
    path(
        "archive/files/<str:reference>/<int:position>/<str:variant>/",
        public_views.item_file,
        name="file",
    ),
    path("staff/archive/collections/", collection_views.staff_collections, name="staff_collections"),
    path("staff/archive/collections/new/", collection_views.staff_collection_new, name="staff_collection_new"),
    path(_collection + "edit/", collection_views.staff_collection_edit, name="staff_collection_edit"),
    path(_collection + "publish/", collection_views.staff_collection_publish, name="staff_collection_publish"),
    path(_collection + "unpublish/", collection_views.staff_collection_unpublish, name="staff_collection_unpublish"),
]

# --- preservation (preservation) ---
urlpatterns += [
    path("staff/archive/preservation/", preservation_views.staff_preservation, name="staff_preservation"),
    path("staff/archive/preservation/check/", preservation_views.staff_fixity_run, name="staff_fixity_run"),
]

oai_urls = [path("", oai.endpoint, name="endpoint")]
