"""What the moderation and takedown tests share: a second librarian, collections, a waiting item with a
detailed picture, and the address of a staff page for an item."""

import io

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantern.conftest import make_user
from lantern.core import services as core_services
from lantern.core.models import Role

from .helpers import collection, submitted_item


def striped_photo(name: str = "gate.jpg") -> SimpleUploadedFile:
    """A photo with detail everywhere (stripes and a checkerboard), so that blurring any area shows."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for x in range(0, 800, 16):
        draw.rectangle([x, 0, x + 7, 599], fill=(20, 20, 120))
    for x in range(0, 800, 40):
        for y in range(0, 600, 40):
            if (x + y) // 40 % 2:
                draw.rectangle([x, y, x + 19, y + 19], fill=(200, 30, 30))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def second_librarian(library):
    """Another member of the library's staff: the second reviewer."""
    user = make_user("dora@example.org", "Dora")
    core_services.grant_role(user, Role.Kind.STAFF, library=library)
    return user


def city_collection(library):
    return collection(library)


def other_collection(library_b):
    """A collection of library B, which library A's items must never go into."""
    return collection(library_b, slug="beta-city", title_en="Beta in the epidemic", title_zh_hans="乙市抗疫")


def waiting_item(library):
    """A contribution waiting for review, with a picture that has detail to blur."""
    return submitted_item(library, files=[striped_photo()])


def clear_counts() -> None:
    """Rate-limit counts live in the cache, which outlives a test."""
    cache.clear()


def staff_url(name: str, item, *extra) -> str:
    return reverse(f"archive:{name}", args=[item.library.slug, item.reference, *extra])
