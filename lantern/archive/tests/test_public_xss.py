"""Whatever a contributor or a librarian typed is shown as text on every public page, in the JSON-LD and in the
search box: real XSS payloads in each field never become markup (no extra <script>, no raw tag)."""

import pytest
from django.urls import reverse

from lantern.archive.models import Item
from lantern.tests.xss_payloads import PAYLOADS

from .helpers import accepted_item, collection, photo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_text_never_becomes_markup(client, library_a, payload):
    shelf = collection(
        library_a,
        title_en=payload,
        description_en=payload,
        calls_for_contributions=True,
        call_text_en=payload,
    )
    item = accepted_item(library_a, shelf, files=[photo()], title=payload, description=payload, creator=payload,
                         place=payload[:200], contributor_name=payload[:100], language=payload[:20])  # fmt: skip
    Item.objects.filter(pk=item.pk).update(subject=payload, source_link=f"javascript:alert(1)//{payload}")
    item.files.update(caption=payload)

    pages = {
        # The site's own scripts on every page: htmx and regions.js; JSON-LD adds one on collection and item.
        "home": (reverse("archive:home", args=["alpha"]), {}, 2),
        "search": (reverse("archive:search", args=["alpha"]), {"q": payload, "place": payload}, 2),
        "collection": (reverse("archive:collection", args=["alpha", shelf.slug]), {"q": payload}, 3),
        "item": (reverse("archive:item", args=["alpha", item.reference]), {}, 3),
    }
    for name, (url, params, scripts) in pages.items():
        response = client.get(url, params)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert payload not in html, name
        assert html.lower().count("<script") == scripts, name
        assert 'href="javascript' not in html.lower(), name
