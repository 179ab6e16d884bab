"""Defects found in review of the archive, each pinned by a test: what leaked or answered 500 before the fix."""

import pytest
from django.urls import reverse
from oaipmh.server import encodeResumptionToken

from lantern.archive.models import Message

from .helpers import accepted_item, collection, photo

pytestmark = pytest.mark.django_db


def _status(item):
    return reverse("archive:contribution", args=[item.library.slug, item.reference])


# --- the status page of a published item -----------------------------------------------------------
def test_a_public_items_reference_does_not_open_the_contributors_private_status_page(client, library_a):
    """The reference is printed on the public item page, the API and OAI-PMH: whoever reads it there must not
    see the contributor's conversation with the reviewers, their files' own names or their masked contact."""
    item = accepted_item(
        library_a,
        files=[photo("王小明家门口.jpg")],
        show_name=False,
        creator="佚名",
        contributor_name="王小明",
        contact_phone="13812345678",
    )
    Message.objects.create(item=item, text="照片里的门牌号可以打码吗？")
    Message.objects.create(item=item, from_contributor=True, text="可以，我住在三单元502室。")
    public_page = client.get(reverse("archive:item", args=["alpha", item.reference]))
    assert public_page.status_code == 200 and item.reference in public_page.text

    page = client.get(_status(item))
    assert page.status_code == 200
    assert "Accepted" in page.text  # the status itself stays readable
    for private in ("三单元502室", "门牌号", "王小明家门口", "x***@example.org", "***678", "王小明"):
        assert private not in page.text, private


def test_the_signed_in_contributor_still_sees_everything_on_their_published_contribution(client_as, library_a, reader):
    item = accepted_item(library_a, files=[photo("王小明家门口.jpg")])
    item.contributor = reader
    item.save()
    Message.objects.create(item=item, from_contributor=True, text="可以，我住在三单元502室。")
    page = client_as(reader).get(_status(item))
    assert page.status_code == 200
    assert "三单元502室" in page.text and "王小明家门口" in page.text and "x***@example.org" in page.text


def test_an_unpublished_contribution_keeps_its_full_status_page(client, library_a):
    """Preserve-only items never show their reference in public: their page stays whole for the reference's
    holder."""
    item = accepted_item(library_a, files=[photo("王小明家门口.jpg")], licence="preserve_only")
    page = client.get(_status(item))
    assert "王小明家门口" in page.text and "x***@example.org" in page.text


# --- odd inputs that answered 500 ------------------------------------------------------------------
@pytest.mark.parametrize("page", [10**6, 10**18, 10**30])
def test_the_api_answers_a_huge_page_number_without_a_server_error(client, library_a, page):
    accepted_item(library_a, files=[])
    response = client.get("/api/v1/archive/items", {"page": page})
    assert response.status_code in (200, 422), response.content
    if response.status_code == 200:
        assert response.json()["items"] == [] and response.json()["count"] == 1


@pytest.mark.parametrize("cursor", [10**6, 10**30])
def test_oai_a_resumption_token_with_a_huge_cursor_is_a_bad_resumption_token(client, library_a, cursor):
    accepted_item(library_a, files=[])
    token = encodeResumptionToken({"metadataPrefix": "oai_dc"}, cursor)
    response = client.get("/oai", {"verb": "ListRecords", "resumptionToken": token})
    assert response.status_code == 200
    assert 'code="badResumptionToken"' in response.text


def test_accepting_into_a_collection_id_out_of_range_is_a_form_error(client_as, library_a, librarian_a):
    item = accepted_item(library_a, files=[])
    item.status = "submitted"
    item.accepted_at = None
    item.save()
    collection(library_a)
    url = reverse("archive:staff_item_accept", args=["alpha", item.reference])
    response = client_as(librarian_a).post(url, {"collections": [str(10**30)]})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == "submitted"


# --- fixity --------------------------------------------------------------------------------------
def test_an_original_that_cannot_be_read_is_reported_and_the_check_goes_on(library_a, manager_a):
    """An original replaced by a folder (a restore gone wrong) used to stop the whole check with an error: the
    files after it went unchecked and nobody was told. It is reported, and the others are still checked."""
    from lantern.archive.models import FixityProblem
    from lantern.archive.services import fixity

    from .preservation_helpers import item_with_three_files, original_path

    item = item_with_three_files(library_a)
    first, *others = list(item.files.order_by("pk"))
    path = original_path(first)
    path.unlink()
    path.mkdir()
    run = fixity.run_fixity_check(library=library_a)
    assert run.checked == 3 and run.problems == 1
    problem = FixityProblem.objects.get(run=run)
    assert problem.file_id == first.pk
    for other in others:
        other.refresh_from_db()
        assert other.fixity_ok is True


# --- takedowns -----------------------------------------------------------------------------------
def test_upholding_one_request_keeps_the_item_hidden_for_another_still_hiding_it(library_a, librarian_a):
    """Two requests hide an item; one is upheld (the item is withdrawn). If staff then undo the withdrawal, the
    item must stay hidden: the other requester was told it is hidden until their request is decided."""
    from lantern.archive.services import moderation
    from lantern.archive.services import takedown as takedowns
    from lantern.archive.services.common import public_items

    item = accepted_item(library_a, collection(library_a), files=[])
    fields = {"name": "李四", "email": "li@example.org", "relation": "depicted", "reason": "照片里有我。"}
    first = takedowns.request_takedown(item, fields)
    second = takedowns.request_takedown(item, fields)
    takedowns.hide_while_looking(first, by=librarian_a)
    takedowns.hide_while_looking(second, by=librarian_a)
    takedowns.uphold_takedown(first, by=librarian_a)
    moderation.restore_item(item, by=librarian_a)
    assert not public_items(library_a).filter(pk=item.pk).exists()
    takedowns.reject_takedown(second, "不是您。", by=librarian_a)
    assert public_items(library_a).filter(pk=item.pk).exists()
