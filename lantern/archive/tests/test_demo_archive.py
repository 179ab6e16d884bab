"""The sample archive: Wuhan's two published collections (one calling for contributions) with accepted items of
several kinds drawn on the spot, contributions waiting for review (one asked about), a preserve-only item that
never shows, Hangzhou's smaller collection; quick to load, and loaded once."""

import io
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lantern.archive import demo_archive
from lantern.archive.models import Collection, Item, ItemFile, Message
from lantern.archive.services.common import public_items
from lantern.core import demo as core_demo
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def libraries():
    return core_demo.load()["libraries"]


def test_the_sample_archive_loads_quickly_and_only_once(libraries):
    started = time.monotonic()
    made = demo_archive.load(libraries, timezone.now())
    assert time.monotonic() - started < 3
    rows = Collection.objects.count() + Item.objects.count() + ItemFile.objects.count() + Message.objects.count()
    assert made == rows > 20
    assert demo_archive.load(libraries, timezone.now()) == 0
    assert (
        Collection.objects.count() + Item.objects.count() + ItemFile.objects.count() + Message.objects.count() == rows
    )


def test_wuhan_has_two_published_collections_with_a_call_and_service_records(libraries):
    demo_archive.load(libraries, timezone.now())
    wuhan = libraries["wuhan"]
    city = Collection.objects.get(library=wuhan, slug="our-city")
    diaries = Collection.objects.get(library=wuhan, slug="diaries")
    assert (city.title_zh_hans, city.title_en) == ("我们城市的抗疫记忆", "Our city in the epidemic")
    assert (diaries.title_zh_hans, diaries.title_en) == ("居家日记", "Diaries from home")
    assert city.is_public and diaries.is_public and city.is_demo and diaries.is_demo
    assert city.calls_for_contributions and city.call_ends_on > timezone.localdate()
    assert not diaries.calls_for_contributions
    records = ServiceRecord.objects.filter(content_type=ContentType.objects.get_for_model(Collection))
    assert {(r.library.slug, r.resources, r.social_participation) for r in records} == {
        ("wuhan", True, True),
        ("wuhan", True, False),
        ("hangzhou", True, True),
    }
    assert Collection.objects.filter(library=libraries["hangzhou"], status="published").count() == 1


def test_accepted_items_of_several_kinds_and_some_waiting(libraries):
    demo_archive.load(libraries, timezone.now())
    wuhan = libraries["wuhan"]
    shown = public_items(wuhan)
    assert set(shown.values_list("kind", flat=True)) >= {
        "letter", "community_pass", "photo", "drawing", "social_post", "poem_story", "diary",
    }  # fmt: skip
    assert all(item.is_demo and item.collections.exists() for item in shown)
    waiting = Item.objects.filter(library=wuhan, status__in=["submitted", "asked"])
    assert waiting.count() == 4
    asked = waiting.get(status="asked")
    assert asked.messages.get().text.startswith("您好")
    kept = Item.objects.get(library=wuhan, licence="preserve_only")
    assert kept.status == "accepted" and kept not in shown
    assert ItemFile.objects.filter(item__in=shown, mime="application/pdf").exists()
    assert ItemFile.objects.filter(item__in=shown, mime="text/plain").exists()


def test_the_street_photo_keeps_gps_in_the_original_only(client, libraries):
    demo_archive.load(libraries, timezone.now())
    photo = ItemFile.objects.get(item__title="空荡荡的江汉路")
    with photo.original.open("rb") as handle:
        assert 0x8825 in Image.open(io.BytesIO(handle.read())).getexif()
    response = client.get(reverse("archive:file", args=["wuhan", photo.item.reference, 0, "web"]))
    public = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert 0x8825 not in public.getexif() and public.width > 0


def test_the_sample_pages_read_in_both_languages(client, libraries):
    demo_archive.load(libraries, timezone.now())
    home = client.get(reverse("archive:home", args=["wuhan"]), headers={"accept-language": "en"}).content.decode()
    assert "Our city in the epidemic" in home and "Diaries from home" in home
    assert "父亲的住院病历本" not in home
    shelf = client.get(
        reverse("archive:collection", args=["wuhan", "our-city"]), headers={"accept-language": "zh-hans"}
    )
    assert "我们城市的抗疫记忆" in shelf.content.decode() and "空荡荡的江汉路" in shelf.content.decode()
    letter = Item.objects.get(title="给方舱医院护士的一封信")
    page = client.get(reverse("archive:item", args=["wuhan", letter.reference])).content.decode()
    assert "陈阿姨" in page and "demo-contributor@example.org" not in page
