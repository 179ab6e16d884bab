"""URLs of `infoservice`: a library's information pages under /<library-slug>/, and a network's joint
question queue under /network/<network-slug>/questions/ (`network_urls`)."""

from django.urls import path

from .views import ask as ask_views
from .views import ask_staff as ask_staff_views
from .views import briefs as brief_views
from .views import hub as hub_views
from .views import hub_staff
from .views import literacy as literacy_views
from .views import literacy_staff as literacy_staff_views
from .views import rumours as rumour_views

app_name = "infoservice"

urlpatterns: list = []

# --- information hub (hub) ---

urlpatterns += [
    path("information/", hub_views.hub, name="hub"),
    path("information/notices/<int:pk>/", hub_views.bulletin, name="bulletin"),
    path("information/feed.rss", hub_views.feed, name="feed"),
    path("staff/information/", hub_staff.staff_hub, name="staff_hub"),
    path("staff/information/approvals/", hub_staff.approvals, name="staff_approvals"),
    path("staff/information/settings/", hub_staff.settings_page, name="staff_settings"),
    path("staff/information/topics/add/", hub_staff.topic_add, name="staff_topic_add"),
    path("staff/information/topics/<int:pk>/", hub_staff.topic_edit, name="staff_topic"),
    path("staff/information/topics/<int:pk>/remove/", hub_staff.topic_remove, name="staff_topic_remove"),
    path("staff/information/notices/new/", hub_staff.bulletin_new, name="staff_bulletin_new"),
    path("staff/information/notices/<int:pk>/", hub_staff.bulletin_page, name="staff_bulletin"),
    path("staff/information/notices/<int:pk>/edit/", hub_staff.bulletin_edit, name="staff_bulletin_edit"),
    path("staff/information/notices/<int:pk>/submit/", hub_staff.bulletin_submit, name="staff_bulletin_submit"),
    path(
        "staff/information/notices/<int:pk>/approve/",
        hub_staff.bulletin_approve,
        name="staff_bulletin_approve",
    ),
    path(
        "staff/information/notices/<int:pk>/send-back/",
        hub_staff.bulletin_send_back,
        name="staff_bulletin_send_back",
    ),
    path(
        "staff/information/notices/<int:pk>/withdraw/",
        hub_staff.bulletin_withdraw,
        name="staff_bulletin_withdraw",
    ),
    path("staff/information/notices/<int:pk>/pin/", hub_staff.bulletin_pin, name="staff_bulletin_pin"),
]

# --- rumour checks (rumours) ---
from .views import rumours_staff  # noqa: E402

urlpatterns += [
    path("rumours/", rumour_views.checks, name="checks"),
    path("rumours/<int:pk>/", rumour_views.check, name="check"),
    path("rumours/<int:pk>/qr.png", rumour_views.check_qr, name="check_qr"),
    path("rumours/<int:pk>/card.png", rumour_views.check_card, name="check_card"),
    path("rumours/doubts/new/", rumour_views.doubt_new, name="doubt_new"),
    path("rumours/doubts/<str:reference>/", rumour_views.doubt, name="doubt"),
    path("rumours/doubts/<str:reference>/screenshot/", rumour_views.doubt_screenshot, name="doubt_screenshot"),
    path("staff/rumours/", rumours_staff.staff_checks, name="staff_checks"),
    path("staff/rumours/new/", rumours_staff.staff_check_new, name="staff_check_new"),
    path("staff/rumours/<int:pk>/", rumours_staff.staff_check, name="staff_check"),
    path("staff/rumours/<int:pk>/edit/", rumours_staff.staff_check_edit, name="staff_check_edit"),
    path("staff/rumours/<int:pk>/submit/", rumours_staff.staff_check_submit, name="staff_check_submit"),
    path("staff/rumours/<int:pk>/approve/", rumours_staff.staff_check_approve, name="staff_check_approve"),
    path("staff/rumours/<int:pk>/send-back/", rumours_staff.staff_check_send_back, name="staff_check_send_back"),
    path("staff/rumours/<int:pk>/withdraw/", rumours_staff.staff_check_withdraw, name="staff_check_withdraw"),
    path("staff/rumours/<int:pk>/evidence/new/", rumours_staff.staff_evidence_new, name="staff_evidence_new"),
    path(
        "staff/rumours/<int:pk>/evidence/<int:evidence_pk>/",
        rumours_staff.staff_evidence_edit,
        name="staff_evidence_edit",
    ),
    path(
        "staff/rumours/<int:pk>/evidence/<int:evidence_pk>/remove/",
        rumours_staff.staff_evidence_remove,
        name="staff_evidence_remove",
    ),
    path("staff/rumours/doubts/", rumours_staff.staff_doubts, name="staff_doubts"),
    path("staff/rumours/doubts/<str:reference>/", rumours_staff.staff_doubt, name="staff_doubt"),
    path("staff/rumours/doubts/<str:reference>/link/", rumours_staff.staff_doubt_link, name="staff_doubt_link"),
    path(
        "staff/rumours/doubts/<str:reference>/decline/",
        rumours_staff.staff_doubt_decline,
        name="staff_doubt_decline",
    ),
]

# --- information-literacy guides (literacy) ---
urlpatterns += [
    path("guides/", literacy_views.guide_list, name="guides"),
    path("guides/<int:pk>/", literacy_views.guide_page, name="guide"),
    path("staff/guides/", literacy_staff_views.staff_guides, name="staff_guides"),
    path("staff/guides/new/", literacy_staff_views.staff_guide_new, name="staff_guide_new"),
    path("staff/guides/<int:pk>/", literacy_staff_views.staff_guide, name="staff_guide"),
    path("staff/guides/<int:pk>/edit/", literacy_staff_views.staff_guide_edit, name="staff_guide_edit"),
    path("staff/guides/<int:pk>/publish/", literacy_staff_views.staff_guide_publish, name="staff_guide_publish"),
    path("staff/guides/<int:pk>/approve/", literacy_staff_views.staff_guide_approve, name="staff_guide_approve"),
    path("staff/guides/<int:pk>/send-back/", literacy_staff_views.staff_guide_send_back, name="staff_guide_send_back"),
    path("staff/guides/<int:pk>/withdraw/", literacy_staff_views.staff_guide_withdraw, name="staff_guide_withdraw"),
    path(
        "staff/guides/<int:pk>/questions/new/",
        literacy_staff_views.staff_guide_question_new,
        name="staff_guide_question_new",
    ),
    path(
        "staff/guides/<int:pk>/questions/<int:question_pk>/edit/",
        literacy_staff_views.staff_guide_question_edit,
        name="staff_guide_question_edit",
    ),
    path(
        "staff/guides/<int:pk>/questions/<int:question_pk>/move/",
        literacy_staff_views.staff_guide_question_move,
        name="staff_guide_question_move",
    ),
    path(
        "staff/guides/<int:pk>/questions/<int:question_pk>/remove/",
        literacy_staff_views.staff_guide_question_remove,
        name="staff_guide_question_remove",
    ),
]

# --- ask a librarian (ask) ---
urlpatterns += [
    path("ask/", ask_views.ask, name="ask"),
    path("ask/mine/", ask_views.my_questions, name="my_questions"),
    path("ask/answers/", ask_views.knowledge_base, name="knowledge_base"),
    path("ask/<str:reference>/", ask_views.question, name="question"),
    path("ask/<str:reference>/reply/", ask_views.question_reply, name="question_reply"),
    path("ask/<str:reference>/rate/", ask_views.question_rate, name="question_rate"),
    path("staff/questions/", ask_staff_views.staff_questions, name="staff_questions"),
    path("staff/questions/canned/", ask_staff_views.staff_canned, name="staff_canned"),
    path("staff/questions/canned/<int:pk>/", ask_staff_views.staff_canned, name="staff_canned_edit"),
    path(
        "staff/questions/canned/<int:pk>/remove/",
        ask_staff_views.staff_canned_remove,
        name="staff_canned_remove",
    ),
    path("staff/questions/stats/", ask_staff_views.staff_ask_stats, name="staff_ask_stats"),
    path(
        "staff/questions/answers/<int:pk>/remove/",
        ask_staff_views.staff_entry_remove,
        name="staff_entry_remove",
    ),
    path("staff/questions/<str:reference>/", ask_staff_views.staff_question, name="staff_question"),
    *[
        path(f"staff/questions/<str:reference>/{action}/", view, name=f"staff_question_{action}")
        for action, view in (
            ("claim", ask_staff_views.staff_question_claim),
            ("release", ask_staff_views.staff_question_release),
            ("answer", ask_staff_views.staff_question_answer),
            ("note", ask_staff_views.staff_question_note),
            ("transfer", ask_staff_views.staff_question_transfer),
            ("close", ask_staff_views.staff_question_close),
            ("publish", ask_staff_views.staff_question_publish),
        )
    ],
]

# --- decision-support briefs (briefs) ---
urlpatterns += [
    path("staff/briefs/", brief_views.brief_list, name="staff_briefs"),
    path("staff/briefs/new/", brief_views.brief_new, name="staff_brief_new"),
    path("staff/briefs/<int:pk>/", brief_views.brief_page, name="staff_brief"),
    path("staff/briefs/<int:pk>/edit/", brief_views.brief_edit, name="staff_brief_edit"),
    path("staff/briefs/<int:pk>/finalise/", brief_views.brief_finalise, name="staff_brief_finalise"),
    path("staff/briefs/<int:pk>/delete/", brief_views.brief_delete, name="staff_brief_delete"),
    path("staff/briefs/<int:pk>/brief.pdf", brief_views.brief_pdf, name="staff_brief_pdf"),
]

# The network's joint queue, mounted at /network/<network>/questions/ in namespace "joint_queue".
network_urls: list = [
    path("", ask_staff_views.queue, name="queue"),
]
