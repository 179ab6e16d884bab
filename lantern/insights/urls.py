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

# Watched libraries, channels, studies, and the observatory's home page.
from .views import watch as watch_views  # noqa: E402

observatory_urls += [
    path("", watch_views.home, name="home"),
    path("libraries/", watch_views.libraries, name="libraries"),
    path("libraries/<slug:slug>/", watch_views.library, name="library"),
    path("libraries/<slug:slug>/edit/", watch_views.library_edit, name="library_edit"),
    path("libraries/<slug:slug>/channels/add/", watch_views.channel_add, name="channel_add"),
    path("libraries/<slug:slug>/channels/<int:pk>/remove/", watch_views.channel_remove, name="channel_remove"),
    path("studies/", watch_views.studies, name="studies"),
    path("studies/new/", watch_views.study_new, name="study_new"),
    path("studies/<int:pk>/", watch_views.study, name="study"),
    path("studies/<int:pk>/edit/", watch_views.study_edit, name="study_edit"),
]

# Human coding: the codebook (public), queues, coding, agreement, disagreements, retraining.
from .views import coding as coding_views  # noqa: E402

observatory_urls += [
    path("codebook/", coding_views.codebook_page, name="codebook"),
    path("coding/", coding_views.queue, name="coding"),
    path("coding/posts/<int:pk>/", coding_views.code_post, name="code_post"),
    path("coding/posts/<int:pk>/suggestions/", coding_views.toggle_suggestions, name="coding_suggestions"),
    path("coding/posts/<int:pk>/date/", coding_views.post_date, name="coding_post_date"),
    path("coding/studies/<int:pk>/assign/", coding_views.assign, name="coding_assign"),
    path("coding/studies/<int:pk>/agreement/", coding_views.agreement, name="agreement"),
    path("coding/studies/<int:pk>/disagreements/", coding_views.disagreements, name="disagreements"),
    path("coding/studies/<int:pk>/disagreements/<int:post_pk>/settle/", coding_views.settle, name="settle"),
    path("coding/studies/<int:pk>/disagreements/<int:post_pk>/date/", coding_views.settle_date, name="settle_date"),
    path("coding/retrain/", coding_views.retrain, name="retrain"),
]

# Reports: choose a scope and a window, read the report, download its charts and tables.
from .views import reports as report_views  # noqa: E402

observatory_urls += [
    path("reports/", report_views.choose, name="reports"),
    path("reports/show/", report_views.report, name="report"),
    path("reports/export/<str:fmt>/", report_views.export, name="report_export"),
]

# Ingest: upload a file, a job's result, the posts taken in.
from .views import ingest as ingest_views  # noqa: E402

observatory_urls += [
    path("ingest/", ingest_views.upload, name="ingest"),
    path("ingest/<int:pk>/", ingest_views.job, name="ingest_job"),
    path("posts/", ingest_views.posts, name="posts"),
    path("posts/<int:pk>/", ingest_views.post, name="post"),
]
