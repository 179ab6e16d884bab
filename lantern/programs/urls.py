"""URLs of `programs`: a library's events, reading groups and exhibitions under /<library-slug>/, and a
network's joint campaigns under /network/<network-slug>/campaigns/ (`campaign_urls`)."""

from django.urls import path

from .views import campaigns as campaign_views
from .views import events as event_views
from .views import exhibitions as exhibition_views
from .views import exhibitions_editor as exhibition_editor
from .views import groups as group_views
from .views import groups_staff as group_staff_views

app_name = "programs"

urlpatterns: list = []

# --- events (events) ---
urlpatterns += [
    path("events/", event_views.events, name="events"),
    path("events/calendar.ics", event_views.calendar, name="calendar"),
    path("events/mine/", event_views.my_events, name="my_events"),
    path("events/<int:pk>/", event_views.event, name="event"),
    path("events/<int:pk>.ics", event_views.event_ics, name="event_ics"),
    path("events/<int:pk>/captions.vtt", event_views.event_captions, name="event_captions"),
    path("events/<int:pk>/register/", event_views.event_register, name="event_register"),
    path("events/<int:pk>/cancel/", event_views.event_cancel_registration, name="event_cancel_registration"),
    path("staff/events/", event_views.staff_events, name="staff_events"),
    path("staff/events/new/", event_views.staff_event_new, name="staff_event_new"),
    path("staff/events/<int:pk>/", event_views.staff_event, name="staff_event"),
    path("staff/events/<int:pk>/edit/", event_views.staff_event_edit, name="staff_event_edit"),
    path("staff/events/<int:pk>/publish/", event_views.staff_event_publish, name="staff_event_publish"),
    path("staff/events/<int:pk>/unpublish/", event_views.staff_event_unpublish, name="staff_event_unpublish"),
    path("staff/events/<int:pk>/cancel/", event_views.staff_event_cancel, name="staff_event_cancel"),
]

# --- reading groups (groups) ---

urlpatterns += [
    path("groups/", group_views.group_list, name="groups"),
    path("groups/mine/", group_views.my_groups, name="my_groups"),
    path("groups/<int:pk>/", group_views.group_page, name="group"),
    path("groups/<int:pk>/join/", group_views.group_join, name="group_join"),
    path("groups/<int:pk>/leave/", group_views.group_leave, name="group_leave"),
    path("groups/<int:pk>/posts/", group_views.group_post, name="group_post"),
    path("groups/<int:pk>/moderation/", group_views.group_moderation, name="group_moderation"),
    path("groups/<int:pk>/posts/<int:post_pk>/approve/", group_views.group_post_approve, name="group_post_approve"),
    path("groups/<int:pk>/posts/<int:post_pk>/hide/", group_views.group_post_hide, name="group_post_hide"),
    path("staff/groups/", group_staff_views.staff_groups, name="staff_groups"),
    path("staff/groups/new/", group_staff_views.staff_group_new, name="staff_group_new"),
    path("staff/groups/<int:pk>/", group_staff_views.staff_group, name="staff_group"),
    path("staff/groups/<int:pk>/edit/", group_staff_views.staff_group_edit, name="staff_group_edit"),
    path("staff/groups/<int:pk>/publish/", group_staff_views.staff_group_publish, name="staff_group_publish"),
    path("staff/groups/<int:pk>/unpublish/", group_staff_views.staff_group_unpublish, name="staff_group_unpublish"),
    path("staff/groups/<int:pk>/hosts/add/", group_staff_views.staff_host_add, name="staff_host_add"),
    path(
        "staff/groups/<int:pk>/hosts/<int:host_pk>/remove/",
        group_staff_views.staff_host_remove,
        name="staff_host_remove",
    ),
    path("staff/groups/<int:pk>/sessions/add/", group_staff_views.staff_session_add, name="staff_session_add"),
    path(
        "staff/groups/<int:pk>/sessions/<int:session_pk>/",
        group_staff_views.staff_session_edit,
        name="staff_session_edit",
    ),
    path(
        "staff/groups/<int:pk>/sessions/<int:session_pk>/remove/",
        group_staff_views.staff_session_remove,
        name="staff_session_remove",
    ),
]

# --- exhibitions (exhibitions) ---

_edit = "exhibitions/<int:pk>/edit/"
urlpatterns += [
    path("exhibitions/", exhibition_views.exhibition_index, name="exhibitions"),
    path("exhibitions/to-edit/", exhibition_views.partner_exhibitions, name="partner_exhibitions"),
    path("exhibitions/new/", exhibition_editor.exhibition_create, name="exhibition_create"),
    path("exhibitions/<int:pk>/", exhibition_views.exhibition_page, name="exhibition"),
    path("exhibitions/<int:pk>/items/<int:item_pk>/", exhibition_views.item_page, name="exhibition_item"),
    path(
        "exhibitions/<int:pk>/items/<int:item_pk>/files/<str:kind>/",
        exhibition_views.item_file,
        name="exhibition_file",
    ),
    path("staff/exhibitions/", exhibition_editor.staff_exhibitions, name="staff_exhibitions"),
    path(_edit, exhibition_editor.exhibition_editor, name="exhibition_editor"),
    path(_edit + "details/", exhibition_editor.exhibition_details, name="exhibition_details"),
    path(_edit + "publish/", exhibition_editor.exhibition_publish, name="exhibition_publish"),
    path(_edit + "unpublish/", exhibition_editor.exhibition_unpublish, name="exhibition_unpublish"),
    path(_edit + "delete/", exhibition_editor.exhibition_delete, name="exhibition_delete"),
    path(_edit + "sections/new/", exhibition_editor.section_create, name="exhibition_section_create"),
    path(_edit + "sections/<int:section_pk>/", exhibition_editor.section_edit, name="exhibition_section_edit"),
    path(_edit + "sections/<int:section_pk>/move/", exhibition_editor.section_move, name="exhibition_section_move"),
    path(
        _edit + "sections/<int:section_pk>/remove/",
        exhibition_editor.section_remove,
        name="exhibition_section_remove",
    ),
    path(_edit + "sections/<int:section_pk>/items/new/", exhibition_editor.item_create, name="exhibition_item_create"),
    path(_edit + "items/<int:item_pk>/", exhibition_editor.item_edit, name="exhibition_item_edit"),
    path(_edit + "items/<int:item_pk>/move/", exhibition_editor.item_move, name="exhibition_item_move"),
    path(_edit + "items/<int:item_pk>/remove/", exhibition_editor.item_remove, name="exhibition_item_remove"),
]

# --- a library's side of joint campaigns (campaigns) ---
urlpatterns += [
    path("campaigns/", campaign_views.library_campaigns, name="library_campaigns"),
    path("staff/campaigns/", campaign_views.staff_campaigns, name="staff_campaigns"),
    path("staff/campaigns/<int:pk>/", campaign_views.staff_campaign, name="staff_campaign"),
    path("staff/campaigns/<int:pk>/join/", campaign_views.staff_join, name="staff_campaign_join"),
    path("staff/campaigns/<int:pk>/leave/", campaign_views.staff_leave, name="staff_campaign_leave"),
    path(
        "staff/campaigns/<int:pk>/activities/<int:activity>/",
        campaign_views.staff_activity_edit,
        name="staff_campaign_activity",
    ),
    path(
        "staff/campaigns/<int:pk>/activities/<int:activity>/remove/",
        campaign_views.staff_activity_remove,
        name="staff_campaign_activity_remove",
    ),
]

# The network's campaign pages, mounted at /network/<network>/campaigns/ in namespace "campaigns".
campaign_urls: list = [
    path("", campaign_views.campaign_list, name="list"),
    path("<int:pk>/", campaign_views.campaign_page, name="campaign"),
    path("manage/", campaign_views.manage, name="manage"),
    path("new/", campaign_views.campaign_new, name="new"),
    path("<int:pk>/edit/", campaign_views.campaign_edit, name="edit"),
    path("<int:pk>/resources/", campaign_views.resource_add, name="resource_add"),
    path("<int:pk>/resources/<int:resource>/remove/", campaign_views.resource_remove, name="resource_remove"),
    path("<int:pk>/publish/", campaign_views.publish, name="publish"),
    path("<int:pk>/cancel/", campaign_views.cancel, name="cancel"),
]
