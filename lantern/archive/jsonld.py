"""What the public pages say about items and collections in schema.org terms (JSON-LD), the licence each public
item carries (name, link, what it allows), and the safe embedding of JSON-LD in a page.

Only what the page itself shows goes in: the creator, the contributor's name only where they allowed it, the
web-size images (never an image's original, which keeps its EXIF and GPS).
"""

import json

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .models import Collection, Item, ItemFile

LICENCES = {
    Item.Licence.CC_BY: {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "allows": _("Anyone may share and adapt it, for any purpose, as long as they name the creator."),
    },
    Item.Licence.CC_BY_NC: {
        "name": "CC BY-NC 4.0",
        "url": "https://creativecommons.org/licenses/by-nc/4.0/",
        "allows": _(
            "Anyone may share and adapt it, but not for commercial purposes, as long as they name the creator."
        ),
    },
}

# schema.org's closest type for each kind of item.
TYPES = {
    Item.Kind.PHOTO: "Photograph",
    Item.Kind.COMMUNITY_PASS: "ImageObject",
    Item.Kind.DRAWING: "ImageObject",
    Item.Kind.SOCIAL_POST: "ImageObject",
    Item.Kind.LETTER: "Article",
    Item.Kind.DIARY: "Article",
    Item.Kind.DOCUMENT: "Article",
    Item.Kind.POEM_STORY: "CreativeWork",
    Item.Kind.AUDIO: "AudioObject",
    Item.Kind.VIDEO: "VideoObject",
    Item.Kind.OTHER: "CreativeWork",
}

# Django's json_script escapes: nothing in the data can end the <script> element or open a comment.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def licence_of(item: Item) -> dict | None:
    """The item's licence (name, url, allows), or None for one that is not published under a licence."""
    return LICENCES.get(item.licence)


def file_url(request, item: Item, item_file: ItemFile, variant: str) -> str:
    return request.build_absolute_uri(
        reverse("archive:file", args=[item.library.slug, item.reference, item_file.position, variant])
    )


def _person(name: str) -> dict:
    return {"@type": "Person", "name": name}


def item_data(request, item: Item, files: list[ItemFile], collections: list[Collection]) -> dict:
    """The item as schema.org CreativeWork (or its subtype for the item's kind). `files` are the shown ones."""
    data = {
        "@context": "https://schema.org",
        "@type": TYPES.get(item.kind, "CreativeWork"),
        "@id": request.build_absolute_uri(item.get_absolute_url()),
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "identifier": item.reference,
        "name": item.title,
        "publisher": {"@type": "Library", "name": str(item.library.name)},
    }
    if item.description:
        data["description"] = item.description
    if item.creator:
        data["creator"] = _person(item.creator)
    if item.credited_name:
        data["contributor"] = _person(item.credited_name)
    if item.date:
        data["dateCreated"] = item.date
    if item.coverage:
        data["contentLocation"] = {"@type": "Place", "name": item.coverage}
    if item.language:
        data["inLanguage"] = item.language
    if item.subjects:
        data["keywords"] = item.subjects
    licence = licence_of(item)
    if licence:
        data["license"] = licence["url"]
    if collections:
        data["isPartOf"] = [
            {"@type": "Collection", "name": c.title, "url": request.build_absolute_uri(c.get_absolute_url())}
            for c in collections
        ]
    images = [f for f in files if f.is_image]
    if images:
        data["image"] = [file_url(request, item, f, "web") for f in images]
        data["thumbnailUrl"] = file_url(request, item, images[0], "thumb")
    media = [f for f in files if not f.is_image and f.mime.startswith(("audio/", "video/"))]
    if media:
        data["contentUrl"] = file_url(request, item, media[0], "original")
        data["encodingFormat"] = media[0].mime
    elif images and data["@type"] in ("Photograph", "ImageObject"):
        data["contentUrl"] = data["image"][0]
    return data


def collection_data(request, collection: Collection, items: list[Item], total: int) -> dict:
    """The collection's page as schema.org CollectionPage, its items (this page of them) as an ItemList."""
    url = request.build_absolute_uri(collection.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": collection.title,
        "publisher": {"@type": "Library", "name": str(collection.library.name)},
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": total,
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": request.build_absolute_uri(item.get_absolute_url()),
                    "name": item.title,
                }
                for position, item in enumerate(items, start=1)
            ],
        },
    }
    if collection.description:
        data["description"] = collection.description
    return data


def script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element holding `data`, safe whatever the strings contain."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
