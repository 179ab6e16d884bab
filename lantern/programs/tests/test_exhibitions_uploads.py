"""Uploads checked by content: what is an image (libmagic and Pillow agree), what is too big in bytes or in
pixels, and what a saved web image keeps (nothing of the camera's metadata)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from lantern.core import uploads

from .exhibitions_helpers import PDF, WINDOWS_PROGRAM, jpeg_with_gps, pixel_bomb, png, upload


def test_a_png_is_accepted_and_re_encoded_without_metadata():
    web = uploads.check_image(upload("photo.png", png((40, 30))))
    assert (web.width, web.height) == (40, 30)
    assert web.content_type == "image/jpeg"
    with Image.open(io.BytesIO(web.large)) as image:
        assert image.format == "JPEG"
        assert "icc_profile" not in image.info


def test_a_transparent_png_stays_transparent_as_webp():
    web = uploads.check_image(upload("logo.png", png((20, 20), (0, 0, 0, 0), mode="RGBA")))
    assert web.extension == "webp"
    with Image.open(io.BytesIO(web.large)) as image:
        assert image.mode == "RGBA"


def test_a_photo_loses_its_gps_and_exif_and_is_turned_upright():
    original = jpeg_with_gps((64, 32))
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825)  # the test photo really carries a position
    web = uploads.check_image(upload("photo.jpg", original))
    for data in (web.large, web.thumbnail):
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), "no EXIF at all"
            assert "exif" not in image.info
            assert b"SpyCam" not in data
    # Orientation 6 applied: the 64 × 32 landscape is shown as a 32 × 64 portrait.
    assert (web.width, web.height) == (32, 64)


def test_large_images_are_resized_to_web_sizes():
    web = uploads.check_image(upload("big.png", png((2400, 1200))))
    assert (web.width, web.height) == (1600, 800)
    with Image.open(io.BytesIO(web.thumbnail)) as image:
        assert image.size == (480, 240)


def test_a_renamed_windows_program_is_refused_by_what_it_contains():
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(upload("photo.jpg", WINDOWS_PROGRAM, "image/jpeg"))
    assert refused.value.messages[0].startswith("This file is not an image (it looks like a Windows program).")


def test_the_refusal_is_in_the_uploaders_language():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        uploads.check_image(upload("photo.jpg", WINDOWS_PROGRAM, "image/jpeg"))
    assert refused.value.code == "not_image"


@pytest.mark.parametrize(
    ("data", "kind"),
    [(PDF, "a PDF document"), (b"<html><body>hi</body></html>", "a web page"), (b"", "an empty file")],
)
def test_other_files_named_as_images_are_refused(data, kind):
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(upload("photo.png", data))
    assert f"it looks like {kind}" in refused.value.messages[0]


def test_an_oversized_file_is_refused_before_it_is_read():
    data = png() + b"\x00" * (uploads.IMAGE_MAX_BYTES + 1)
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(upload("huge.png", data))
    assert refused.value.code == "too_large"
    assert "the limit is 15 MB" in refused.value.messages[0]


def test_a_pixel_bomb_is_refused_from_its_header():
    bomb = pixel_bomb(30000, 30000)
    assert len(bomb) < 20000  # small on disk, 900 megapixels once decoded
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(upload("small.png", bomb))
    assert refused.value.code == "too_many_pixels"
    assert "more pixels than the limit of 40 megapixels" in refused.value.messages[0]


def test_an_image_just_over_the_limit_is_refused_with_its_size(monkeypatch):
    # Below Pillow's own guard, our header check names the size.
    monkeypatch.setattr(uploads, "IMAGE_MAX_PIXELS", 1000)
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(upload("wide.png", png((50, 30))))
    assert "50 × 30 pixels, more than the limit of" in refused.value.messages[0]


def test_pillows_own_bomb_guard_is_at_our_limit():
    assert Image.MAX_IMAGE_PIXELS == uploads.IMAGE_MAX_PIXELS


def test_a_damaged_image_is_refused_clearly():
    import weasyprint  # noqa: F401  (importing it makes Pillow tolerate truncated files process-wide)

    data = png((200, 200))
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(upload("cut.png", data[: len(data) // 2]))
    assert refused.value.code == "damaged"


def test_a_pdf_is_accepted_and_a_program_named_pdf_is_not():
    assert uploads.check_document(upload("letter.pdf", PDF)) == PDF
    with pytest.raises(ValidationError) as refused:
        uploads.check_document(upload("letter.pdf", WINDOWS_PROGRAM))
    assert refused.value.messages[0] == "This file is not a PDF document (it looks like a Windows program)."
