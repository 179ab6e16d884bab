"""The measurement hook: record_service, the public list of a library's records, and its API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantern.core.models import Partner
from lantern.insights.models import ServiceRecord
from lantern.insights.services import record_service, withdraw_service

DAY = datetime.date(2020, 2, 3)


@pytest.mark.django_db
def test_an_activity_is_recorded_with_its_codes(library_a):
    record = record_service(
        library=library_a,
        date=DAY,
        title_zh="线上读书会",
        title_en="Online reading group",
        categories=["reading_online"],
        features=["social_participation"],
    )
    assert record.categories == ["reading_online"]
    assert record.features == ["social_participation"]
    assert ServiceRecord.objects.filter(reading_online=True, library=library_a).count() == 1


@pytest.mark.django_db
def test_publishing_the_same_object_twice_updates_its_one_record(library_a):
    partner = Partner.objects.create(name_zh_hans="博物馆", kind="museum")  # any model can be a source
    record_service(library=library_a, date=DAY, title_zh="展览", categories=["reading_online"], source_object=partner)
    record_service(
        library=library_a,
        date=DAY,
        title_zh="展览（更新）",
        categories=["reading_online"],
        features=["cross_industry"],
        source_object=partner,
    )
    record = ServiceRecord.objects.get()
    assert record.title_zh_hans == "展览（更新）" and record.features == ["cross_industry"]
    assert withdraw_service(partner) == 1
    assert not ServiceRecord.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("categories", "features"), [(["reading"], []), ([], []), (["social"], ["famous"])])
def test_unknown_or_missing_codes_are_refused(library_a, categories, features):
    with pytest.raises(ValidationError):
        record_service(library=library_a, date=DAY, title_zh="x", categories=categories, features=features)
    assert not ServiceRecord.objects.exists()


@pytest.mark.django_db
def test_a_record_needs_a_title(library_a):
    with pytest.raises(ValidationError):
        record_service(library=library_a, date=DAY, categories=["social"])


@pytest.mark.django_db
def test_public_page_lists_a_librarys_records_in_the_readers_language(client, library_a, library_b):
    record_service(
        library=library_a, date=DAY, title_zh="谣言粉碎", title_en="Rumour check", categories=["information"]
    )
    record_service(library=library_b, date=DAY, title_zh="乙馆活动", categories=["social"])
    url = reverse("insights:library_records", args=["alpha"])
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "Rumour check" in en and "Information service" in en
    assert "谣言粉碎" in zh and "乙馆活动" not in zh


@pytest.mark.django_db
def test_an_english_only_record_still_shows_to_chinese_readers(client, library_a):
    record_service(library=library_a, date=DAY, title_en="Curbside pickup", categories=["reading_offline"])
    page = client.get(reverse("insights:library_records", args=["alpha"]), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert "Curbside pickup" in page.content.decode()


@pytest.mark.django_db
def test_records_can_be_filtered_by_category(client, library_a):
    record_service(library=library_a, date=DAY, title_en="Delivery", categories=["reading_offline"])
    record_service(library=library_a, date=DAY, title_en="Volunteers", categories=["social"])
    page = client.get(reverse("insights:library_records", args=["alpha"]) + "?category=social").content.decode()
    assert "Volunteers" in page and "Delivery" not in page
    api = client.get("/api/v1/libraries/alpha/service-records?category=social").json()
    assert [r["title"] for r in api] == ["Volunteers"]
    assert api[0]["categories"] == ["social"]


@pytest.mark.django_db
def test_api_refuses_an_unknown_category(client, library_a):
    response = client.get("/api/v1/libraries/alpha/service-records?category=nonsense", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "nonsense" in response.json()["detail"]
