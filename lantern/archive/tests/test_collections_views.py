"""Staff pages of collections: a librarian creates, edits, publishes and unpublishes a collection; a taken or
malformed short name, a missing title or a call without its text is refused clearly with nothing written;
publishing records a resource-construction ServiceRecord (with social participation for a call) that follows
edits and goes on unpublishing; every change is in the audit log; other people get nowhere."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from lantern.archive.models import Collection
from lantern.core.models import AuditEntry
from lantern.insights.models import ServiceRecord

from .helpers import collection

pytestmark = pytest.mark.django_db

FORM = {
    "slug": "our-city",
    "title_zh": "我们城市的抗疫记忆",
    "title_en": "Our city in the epidemic",
    "description_zh": "市民捐赠的信件。",
    "description_en": "Letters given by the city's people.",
    "calls_for_contributions": "on",
    "call_text_zh": "请寄来您的信件和照片。",
    "call_text_en": "Send us your letters and photos.",
    "call_ends_on": "2020-06-30",
}


def _url(name, *args):
    return reverse(f"archive:{name}", args=["alpha", *args])


def _record(found: Collection):
    return ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Collection), object_id=str(found.pk)
    ).first()


def _actions():
    return list(
        AuditEntry.objects.filter(action__startswith="archive.collection_")
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def staff_client(client, librarian_a):
    client.force_login(librarian_a)
    return client


def test_a_librarian_creates_a_draft_collection(staff_client, library_a):
    response = staff_client.post(_url("staff_collection_new"), FORM, follow=True)
    assert response.redirect_chain[-1][0] == _url("staff_collections")
    assert "is saved as a draft" in response.content.decode()
    found = Collection.objects.get(library=library_a)
    assert (found.slug, found.title_zh_hans, found.title_en) == ("our-city", "我们城市的抗疫记忆", FORM["title_en"])
    assert found.call_text_en == FORM["call_text_en"] and str(found.call_ends_on) == "2020-06-30"
    assert found.status == Collection.Status.DRAFT and _record(found) is None
    assert _actions() == ["archive.collection_created"]
    # A draft has no public page yet.
    assert staff_client.get(reverse("archive:collection", args=["alpha", "our-city"])).status_code == 404


def test_a_title_in_one_language_is_enough(staff_client, library_a):
    staff_client.post(_url("staff_collection_new"), {"slug": "diaries", "title_en": "Diaries from home"})
    found = Collection.objects.get()
    assert found.title_en == "Diaries from home" and found.title_zh_hans is None
    assert found.title == "Diaries from home"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "our-city"}, "Another collection of this library already uses “our-city”"),
        ({"slug": "OUR-CITY"}, "Another collection of this library already uses “our-city”"),
        ({"slug": ""}, "Give the collection a short name"),
        ({"slug": "我们的城市"}, "Use only letters a–z, digits, hyphens and underscores"),
        ({"slug": "a/b"}, "Use only letters a–z, digits, hyphens and underscores"),
        ({"slug": "x" * 61}, "Ensure this value has at most 60 characters"),
        ({"title_zh": "", "title_en": "  "}, "Give the collection a title in Chinese, in English or in both."),
        ({"call_text_zh": "", "call_text_en": ""}, "Say what the call asks the public for"),
        ({"call_ends_on": "next spring"}, "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_written(staff_client, library_a, changes, message):
    collection(library_a, "our-city")
    response = staff_client.post(_url("staff_collection_new"), {**FORM, "slug": "new-one", **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Collection.objects.count() == 1 and _actions() == []


def test_the_same_short_name_is_fine_at_another_library(staff_client, library_a, library_b):
    collection(library_b, "our-city")
    staff_client.post(_url("staff_collection_new"), FORM)
    assert Collection.objects.filter(slug="our-city").count() == 2


def test_publishing_records_a_service_and_unpublishing_withdraws_it(staff_client, library_a):
    found = collection(library_a, published=False, calls_for_contributions=True, call_text_en="Send them.")
    response = staff_client.post(_url("staff_collection_publish", "our-city"), follow=True)
    assert "is published" in response.content.decode()
    found.refresh_from_db()
    assert found.status == Collection.Status.PUBLISHED and found.published_at is not None
    record = _record(found)
    assert record.resources and record.social_participation
    assert not (record.reading_online or record.social or record.cross_industry or record.targeted_groups)
    assert record.title_zh_hans == "我们城市的抗疫记忆" and record.title_en == "Our city in the epidemic"
    assert record.link == "/alpha/archive/collections/our-city/"
    assert staff_client.get(record.link).status_code == 200

    confirm = staff_client.get(_url("staff_collection_unpublish", "our-city"))
    assert confirm.status_code == 200 and "The public will no longer see the page" in confirm.content.decode()
    assert _record(found) is not None, "asking is not doing"
    staff_client.post(_url("staff_collection_unpublish", "our-city"))
    found.refresh_from_db()
    assert found.status == Collection.Status.DRAFT and _record(found) is None
    assert staff_client.get(record.link).status_code == 404
    assert _actions() == ["archive.collection_published", "archive.collection_unpublished"]


def test_a_collection_without_a_call_is_not_social_participation(staff_client, library_a):
    found = collection(library_a, published=False)
    staff_client.post(_url("staff_collection_publish", "our-city"))
    assert _record(found).resources and not _record(found).social_participation


def test_saving_a_published_collection_updates_its_record_and_keeps_its_short_name(staff_client, library_a):
    found = collection(library_a, published=False)
    staff_client.post(_url("staff_collection_publish", "our-city"))
    form = {**FORM, "slug": "renamed", "title_en": "Our city, 2020"}
    response = staff_client.post(_url("staff_collection_edit", "our-city"), form, follow=True)
    assert "its public page shows the change now" in response.content.decode()
    found.refresh_from_db()
    assert found.slug == "our-city", "a published collection's web address and OAI-PMH set stay"
    record = _record(found)
    assert record.title_en == "Our city, 2020" and record.social_participation
    assert ServiceRecord.objects.count() == 1
    assert "archive.collection_changed" in _actions()


def test_a_draft_never_published_may_change_its_short_name(staff_client, library_a):
    found = collection(library_a, published=False)
    staff_client.post(_url("staff_collection_edit", "our-city"), {**FORM, "slug": "new-name"})
    found.refresh_from_db()
    assert found.slug == "new-name" and _record(found) is None


def test_the_staff_list_shows_each_collection_with_its_actions(staff_client, library_a):
    collection(library_a, "our-city")
    collection(library_a, "diaries", published=False, title_en="Diaries from home")
    html = staff_client.get(_url("staff_collections")).content.decode()
    assert "Our city in the epidemic" in html and "Diaries from home" in html
    assert _url("staff_collection_publish", "diaries") in html
    assert _url("staff_collection_unpublish", "our-city") in html
    assert _url("staff_collection_edit", "diaries") in html


def test_publishing_twice_or_unpublishing_a_draft_says_so(staff_client, library_a):
    collection(library_a, "our-city")
    collection(library_a, "drafted", published=False)
    again = staff_client.post(_url("staff_collection_publish", "our-city"), follow=True)
    assert "This collection is already published." in again.content.decode()
    draft = staff_client.post(_url("staff_collection_unpublish", "drafted"), follow=True)
    assert "This collection is not published." in draft.content.decode()
    assert _actions() == []


def test_publishing_needs_a_post(staff_client, library_a):
    collection(library_a, published=False)
    assert staff_client.get(_url("staff_collection_publish", "our-city")).status_code == 405


def test_an_unknown_collection_is_not_found(staff_client, library_a):
    assert staff_client.get(_url("staff_collection_edit", "nothing")).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "reader", "librarian_b"])
def test_only_the_librarys_staff_may_manage_its_collections(client, library_a, reader, librarian_b, who):
    found = collection(library_a, published=False)
    if who != "anonymous":
        client.force_login({"reader": reader, "librarian_b": librarian_b}[who])
    for name, method, args in (
        ("staff_collections", "get", []),
        ("staff_collection_new", "post", []),
        ("staff_collection_edit", "post", ["our-city"]),
        ("staff_collection_publish", "post", ["our-city"]),
        ("staff_collection_unpublish", "post", ["our-city"]),
    ):
        response = getattr(client, method)(_url(name, *args), FORM)
        assert response.status_code == (302 if who == "anonymous" else 403), name
    found.refresh_from_db()
    assert found.status == Collection.Status.DRAFT and Collection.objects.count() == 1
