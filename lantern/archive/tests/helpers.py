"""What the archive's tests share: pictures made on the spot (one with GPS in its EXIF), other files, and
items in each state, made through the services as a contributor and a reviewer would."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_LATITUDE = (30.0, 35.0, 0.0)  # Wuhan, roughly


def jpeg_bytes(*, size=(800, 600), colour=(200, 40, 40), gps: bool = False) -> bytes:
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (114.0, 18.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def photo(name: str = "photo.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def pdf(name: str = "letter.pdf") -> SimpleUploadedFile:
    data = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    data += b"trailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def text(name: str = "diary.txt", body: str = "二月十日，小区封闭第十天。") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body.encode("utf-8"), content_type="text/plain")


def zip_file(name: str = "photos.jpg") -> SimpleUploadedFile:
    """A ZIP archive named like a photo."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def executable(name: str = "poem.pdf") -> SimpleUploadedFile:
    """The start of a Windows program, named like a PDF."""
    data = b"MZ" + b"\x90\x00" * 30 + b"\x00" * 0x40 + b"PE\x00\x00" + b"\x00" * 200
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def pixel_bomb(name: str = "bomb.png") -> SimpleUploadedFile:
    """A small PNG whose header declares 30,000 × 30,000 pixels."""
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
    data += chunk(b"IEND", b"")
    return SimpleUploadedFile(name, data, content_type="image/png")


def contribution(**overrides) -> dict:
    """The fields of a contribution as the public form takes them (files apart)."""
    fields = {
        "kind": "photo",
        "title": "小区门口的志愿者",
        "description": "2020年2月，我们小区的志愿者在门口测体温。",
        "date": "2020-02",
        "place": "武汉市江岸区",
        "creator": "王小明",
        "contributor_name": "王小明",
        "contact_email": "xiaoming@example.org",
        "contact_phone": "",
        "show_name": True,
        "licence": "cc_by",
        "is_minor": False,
        "guardian_name": "",
        "guardian_consent": False,
        "source_link": "",
        "language": "zh",
    }
    fields.update(overrides)
    return fields


def submitted_item(library, *, files=None, **overrides):
    """A contribution waiting for review, made through the service."""
    from lantern.archive.services.contribute import submit_contribution

    return submit_contribution(library, contribution(**overrides), files if files is not None else [photo()])


def accepted_item(library, collection=None, *, files=None, **overrides):
    """A contribution as it stands once a reviewer accepted it (into `collection` when given)."""
    from django.utils import timezone

    from lantern.archive.models import Item

    item = submitted_item(library, files=files, **overrides)
    item.status = Item.Status.ACCEPTED
    item.accepted_at = timezone.now()
    item.save()
    if collection is not None:
        item.collections.add(collection)
    return item


def collection(library, slug="our-city", *, published=True, **overrides):
    from django.utils import timezone

    from lantern.archive.models import Collection

    fields = {
        "title_zh_hans": "我们城市的抗疫记忆",
        "title_en": "Our city in the epidemic",
        "description_zh_hans": "市民捐赠的信件、日记、照片和通行证。",
        "description_en": "Letters, diaries, photos and passes given by the city's people.",
        "status": Collection.Status.PUBLISHED if published else Collection.Status.DRAFT,
        "published_at": timezone.now() if published else None,
    }
    fields.update(overrides)
    return Collection.objects.create(library=library, slug=slug, **fields)
