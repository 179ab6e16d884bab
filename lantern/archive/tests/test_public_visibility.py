"""What is not public never shows: a preserve-only item, a hidden one (a takedown being looked at), and one that
is waiting, asked about, approved once, declined or withdrawn stay out of the archive's home, search, the
collection page, the item page and file view (404) and the API's list and detail — each beside a public item
that does show in the same place, so that a check that finds nothing cannot pass by accident."""

import pytest
from django.urls import reverse

from .collections_helpers import NOT_PUBLIC, item_in_state
from .helpers import accepted_item, collection

pytestmark = pytest.mark.django_db

TITLE = "应该公开的条目"


def _surfaces(client, private, public):
    """(surface, what the visitor gets for the private item, for the public one) for each public surface."""
    slug = "alpha"

    def html(url, **params):
        response = client.get(url, params)
        assert response.status_code == 200, url
        return response.content.decode()

    def status(url):
        return client.get(url).status_code

    home = html(reverse("archive:home", args=[slug]))
    search = html(reverse("archive:search", args=[slug]))
    words = html(reverse("archive:search", args=[slug]), q="条目")
    shelf = html(reverse("archive:collection", args=[slug, "our-city"]))
    api_list = client.get("/api/v1/archive/items").content.decode()
    api_words = client.get("/api/v1/archive/items", {"q": "条目", "library": slug}).content.decode()
    api_shelf = client.get("/api/v1/archive/items", {"library": slug, "collection": "our-city"}).content.decode()
    collections = client.get("/api/v1/archive/collections", {"library": slug}).json()
    for name, text in (
        ("home", home),
        ("search", search),
        ("search with words", words),
        ("collection", shelf),
        ("API list", api_list),
        ("API search", api_words),
        ("API collection", api_shelf),
    ):
        yield name, private.reference in text or private.title in text, public.reference in text
    yield "API collection count", collections[0]["item_count"] != 1, collections[0]["item_count"] == 1
    yield (
        "item page",
        status(reverse("archive:item", args=[slug, private.reference])) != 404,
        status(reverse("archive:item", args=[slug, public.reference])) == 200,
    )
    for variant in ("web", "thumb"):
        yield (
            f"file {variant}",
            status(reverse("archive:file", args=[slug, private.reference, 0, variant])) != 404,
            status(reverse("archive:file", args=[slug, public.reference, 0, variant])) == 200,
        )
    yield (
        "API detail",
        status(f"/api/v1/archive/items/{private.reference}") != 404,
        status(f"/api/v1/archive/items/{public.reference}") == 200,
    )


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_an_item_that_is_not_public_never_shows(client, library_a, state):
    shelf = collection(library_a)
    public = accepted_item(library_a, shelf, title=TITLE + " 条目")
    private = item_in_state(library_a, state, shelf)
    for surface, private_shows, public_shows in _surfaces(client, private, public):
        assert public_shows, f"the public item shows on the {surface}"
        assert not private_shows, f"the {state} item stays off the {surface}"


def test_a_public_item_of_an_unpublished_collection_keeps_its_page_but_not_the_collections(client, library_a):
    draft = collection(library_a, "draft-shelf", published=False, title_en="Draft shelf")
    item = accepted_item(library_a, draft)
    page = client.get(reverse("archive:item", args=["alpha", item.reference]))
    assert page.status_code == 200 and "Draft shelf" not in page.content.decode()
    assert client.get(f"/api/v1/archive/items/{item.reference}").json()["collections"] == []
