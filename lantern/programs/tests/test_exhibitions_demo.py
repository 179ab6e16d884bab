"""The sample exhibition: published at Wuhan with the sample Hubei Museum, readable by a visitor in both
languages, editable by the museum's curator account; loaded once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from lantern.core import demo as core_demo
from lantern.core.demo import DEMO_PASSWORD
from lantern.insights.models import ServiceRecord
from lantern.programs import demo_exhibitions
from lantern.programs.models import Exhibition, Item, Status

from .exhibitions_helpers import use_own_media_root

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def test_demo_exhibition_is_published_with_the_museum_and_loads_once(client):
    libraries = core_demo.load()["libraries"]
    # 1 exhibition + 3 sections + 5 items + the curator and their role
    assert demo_exhibitions.load(libraries, timezone.now()) == 11

    exhibition = Exhibition.objects.get()
    assert exhibition.status == Status.PUBLISHED and exhibition.is_demo
    assert [p.name_en for p in exhibition.partners.all()] == ["Hubei Museum (sample)"]
    record = ServiceRecord.objects.get(
        content_type=ContentType.objects.get_for_model(Exhibition), object_id=str(exhibition.pk)
    )
    assert record.reading_online and record.cross_industry
    items = Item.objects.filter(section__exhibition=exhibition)
    assert all(item.alt_text_zh_hans and item.alt_text_en and item.image for item in items)

    page = client.get(reverse("programs:exhibition", args=["wuhan", exhibition.pk]), headers={"accept-language": "en"})
    assert "Memories of the fight" in page.content.decode()
    listing = client.get(reverse("programs:exhibitions", args=["wuhan"]), headers={"accept-language": "zh-hans"})
    assert "战疫记忆" in listing.content.decode()
    image = client.get(reverse("programs:exhibition_file", args=["wuhan", exhibition.pk, items[0].pk, "image"]))
    assert image.status_code == 200

    curator = get_user_model().objects.get(username="curator@example.org")
    assert curator.check_password(DEMO_PASSWORD) and curator.name == "博物馆策展人 Museum curator"
    client.force_login(curator)
    mine = client.get(reverse("programs:partner_exhibitions", args=["wuhan"])).content.decode()
    assert reverse("programs:exhibition_editor", args=["wuhan", exhibition.pk]) in mine

    assert demo_exhibitions.load(libraries, timezone.now()) == 0
    assert Item.objects.count() == 5
