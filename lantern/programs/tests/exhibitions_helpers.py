"""What the exhibition tests share: files people might upload (good images, a photo with GPS, a renamed
program, a pixel bomb, a PDF), a museum partner with its contact, and an exhibition with one image."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from lantern.conftest import make_user
from lantern.core.models import Partner, Role
from lantern.core.services import grant_role
from lantern.programs.services import exhibitions as services


def use_own_media_root(settings, tmp_path):
    """Uploads go to a folder of each test's own, so tests can look at what was (not) written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def png(size=(40, 30), colour=(200, 30, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps(size=(64, 32)) -> bytes:
    """A camera photo: GPS position, camera make, and Orientation 6 (shown turned 90° clockwise)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (30.0, 35.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (114.0, 17.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb(width=30000, height=30000) -> bytes:
    """A PNG of a few dozen bytes whose header declares width × height 1-bit pixels (a decompression bomb:
    decoded, 30000 × 30000 would take gigabytes in RGB)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(row * 4)) + _chunk(b"IEND", b"")
    )


WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(name: str, data: bytes, content_type="application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_museum(library) -> Partner:
    museum = Partner.objects.create(name_zh_hans="测试博物馆", name_en="Test Museum", kind=Partner.Kind.MUSEUM)
    museum.libraries.add(library)
    return museum


def make_curator(partner, username="curator@example.org"):
    user = make_user(username, "Museum curator")
    grant_role(user, Role.Kind.PARTNER_CONTACT, partner=partner)
    return user


def make_exhibition(library, by, *, partners=(), audience="", with_image=True, title_en="Letters home"):
    exhibition = services.create_exhibition(
        library, by=by, title_zh="家书", title_en=title_en, audience=audience, partners=list(partners)
    )
    section = services.add_section(exhibition, by=by, title_zh="第一部分", title_en="Part one")
    if with_image:
        services.add_item(
            section,
            by=by,
            kind="image",
            image=upload("a.png", png()),
            caption_zh="一封信",
            caption_en="A letter",
            alt_zh="一封手写的信",
            alt_en="A handwritten letter",
            credit_en="Test Museum",
            rights="CC BY 4.0",
        )
    return exhibition
