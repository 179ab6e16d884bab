"""The site's URLs: fixed prefixes first, then each library's pages under /<library-slug>/."""

from django.contrib import admin
from django.urls import include, path

from lantern.api import api
from lantern.api_docs import api_docs
from lantern.archive import urls as archive_urls
from lantern.catalogue import urls as catalogue_urls
from lantern.core import urls as core_urls
from lantern.core import views as core_views
from lantern.emergency import urls as emergency_urls
from lantern.infoservice import urls as infoservice_urls
from lantern.insights import urls as insights_urls
from lantern.lending import urls as lending_urls
from lantern.outreach import urls as outreach_urls
from lantern.programs import urls as programs_urls

urlpatterns = [
    path("", core_views.index, name="index"),
    path("admin/", admin.site.urls),
    path("api/v1/docs", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
    path("accounts/", include(core_urls.account_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("opds/", include((catalogue_urls.opds_urls, "opds"))),
    path("network/<slug:network>/campaigns/", include((programs_urls.campaign_urls, "campaigns"))),
    path("station/<str:token>/", include((outreach_urls.station_urls, "station"))),
    path("network/<slug:network>/questions/", include((infoservice_urls.network_urls, "joint_queue"))),
    path("network/<slug:network>/", include((emergency_urls.network_urls, "network"))),
    path("oai", include((archive_urls.oai_urls, "oai"))),
    path("observatory/", include((insights_urls.observatory_urls, "observatory"))),
    path("<slug:slug>/", include(core_urls.library_urls)),
    path("<slug:slug>/", include(insights_urls)),
    path("<slug:slug>/", include(catalogue_urls)),
    path("<slug:slug>/", include(emergency_urls)),
    path("<slug:slug>/", include(lending_urls)),
    path("<slug:slug>/", include(programs_urls)),
    path("<slug:slug>/", include(infoservice_urls)),
    path("<slug:slug>/", include(outreach_urls)),
    path("<slug:slug>/", include(archive_urls)),
]
