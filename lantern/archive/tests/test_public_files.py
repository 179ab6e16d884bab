"""The public file view: a photo's web size and thumbnail carry no EXIF or GPS while the original in storage
keeps them and is never served; sound, video, PDF and text originals are served with their stored type, safe
headers and a name the archive chose; hidden files and unknown variants are not found; byte ranges work."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from lantern.archive.models import ItemFile

from .helpers import accepted_item, collection, pdf, photo, text

pytestmark = pytest.mark.django_db


def _url(item, position, variant):
    return reverse("archive:file", args=[item.library.slug, item.reference, position, variant])


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def snapshot(library_a):
    return accepted_item(library_a, collection(library_a), files=[photo("王小明家门口.jpg", gps=True)])


@pytest.mark.parametrize("variant", ["web", "thumb"])
def test_a_photos_public_sizes_have_no_exif_or_gps_while_the_original_keeps_them(client, snapshot, variant):
    response = client.get(_url(snapshot, 0, variant))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    public = Image.open(io.BytesIO(_body(response)))
    exif = public.getexif()
    assert 0x8825 not in exif and 0x010F not in exif, "no GPS, no camera make"
    assert "exif" not in public.info

    stored = ItemFile.objects.get(item=snapshot)
    with stored.original.open("rb") as handle:
        original = Image.open(io.BytesIO(handle.read())).getexif()
    assert original.get_ifd(0x8825)[2] == (30.0, 35.0, 0.0), "the original keeps its GPS latitude"
    assert original[0x010F] == "PhoneMaker"


def test_a_photos_original_is_never_served(client, snapshot):
    assert client.get(_url(snapshot, 0, "original")).status_code == 404


def test_files_come_with_safe_headers_and_a_name_the_archive_chose(client, snapshot):
    response = client.get(_url(snapshot, 0, "web"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="{snapshot.reference}-0.jpg"'
    assert "王小明" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-cache"  # a takedown or a blur takes effect at once
    assert response["Accept-Ranges"] == "bytes"


def test_a_pdf_and_a_text_are_served_as_stored(client, library_a):
    item = accepted_item(library_a, files=[pdf("我的信.pdf"), text("诗.txt", "春天会来")], kind="letter")
    document = client.get(_url(item, 0, "original"))
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    assert _body(document).startswith(b"%PDF")
    assert document["Content-Disposition"] == f'inline; filename="{item.reference}-0.pdf"'
    poem = client.get(_url(item, 1, "original"))
    assert poem["Content-Type"] == "text/plain; charset=utf-8"
    assert _body(poem).decode("utf-8") == "春天会来"
    # Neither has a web size or thumbnail.
    assert client.get(_url(item, 0, "web")).status_code == 404
    assert client.get(_url(item, 1, "thumb")).status_code == 404


@pytest.mark.parametrize(
    ("position", "variant"),
    [(0, "large"), (0, "ORIGINAL"), (5, "web"), (1, "web"), (0, "..")],
)
def test_unknown_files_and_variants_are_not_found(client, snapshot, position, variant):
    snapshot.files.update(hidden=False)
    assert client.get(f"/alpha/archive/files/{snapshot.reference}/{position}/{variant}/").status_code == 404


@pytest.mark.parametrize("variant", ["web", "thumb", "original"])
def test_a_hidden_file_is_not_served(client, library_a, variant):
    item = accepted_item(library_a, files=[photo(), pdf()])
    item.files.update(hidden=True)
    position = 1 if variant == "original" else 0
    assert client.get(_url(item, position, variant)).status_code == 404


def test_a_file_gone_from_storage_is_not_found_rather_than_an_error(client, library_a):
    item = accepted_item(library_a, files=[pdf()])
    stored = item.files.get()
    stored.original.storage.delete(stored.original.name)
    assert client.get(_url(item, 0, "original")).status_code == 404


def test_byte_ranges_let_players_seek(client, library_a):
    item = accepted_item(library_a, files=[pdf()], kind="document")
    whole = _body(client.get(_url(item, 0, "original")))
    size = len(whole)

    first = client.get(_url(item, 0, "original"), headers={"range": "bytes=0-3"})
    assert first.status_code == 206 and _body(first) == b"%PDF"
    assert first["Content-Range"] == f"bytes 0-3/{size}" and first["Content-Length"] == "4"
    assert first["Content-Disposition"].startswith("inline; filename=")

    tail = client.get(_url(item, 0, "original"), headers={"range": "bytes=-6"})
    assert tail.status_code == 206 and _body(tail) == whole[-6:]

    rest = client.get(_url(item, 0, "original"), headers={"range": "bytes=10-"})
    assert _body(rest) == whole[10:] and rest["Content-Range"] == f"bytes 10-{size - 1}/{size}"

    beyond = client.get(_url(item, 0, "original"), headers={"range": f"bytes={size + 10}-"})
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{size}"

    # A range this view does not handle (several at once, or nonsense) gets the whole file.
    for header in ("bytes=0-1,4-5", "pages=1", "bytes=abc"):
        response = client.get(_url(item, 0, "original"), headers={"range": header})
        assert response.status_code == 200 and _body(response) == whole
