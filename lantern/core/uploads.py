"""Files people upload, checked by what they contain (never by their name): WebVTT captions, images
(re-encoded at web sizes, without metadata) and PDF documents. Every family that takes uploads uses these.

Each check takes an uploaded file, reads at most its limit, and returns clean bytes or raises
ValidationError with a message the uploader can act on.
"""

import io
import warnings
from dataclasses import dataclass

import magic
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageFile, ImageOps

CAPTIONS_MAX_BYTES = 2 * 1024 * 1024


def read_limited(upload, limit: int) -> bytes:
    """The upload's bytes, refusing it (without reading the rest) when it is larger than `limit`."""
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s MB.") % {"limit": f"{limit / 1048576:.0f}"},
            code="too_large",
        )
    return data


def check_captions(upload) -> bytes:
    """A WebVTT captions file: UTF-8 text that starts with the WEBVTT signature and has at least one cue."""
    data = read_limited(upload, CAPTIONS_MAX_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The captions file is not WebVTT text (it must be UTF-8 and start with “WEBVTT”)."), code="not_vtt"
        ) from None
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if not (first_line == "WEBVTT" or first_line.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(
            _("The captions file is not WebVTT text (it must be UTF-8 and start with “WEBVTT”)."), code="not_vtt"
        )
    if "-->" not in text:
        raise ValidationError(_("The captions file has no timed captions (no “-->” line)."), code="no_cues")
    return text.encode("utf-8")


# --- exhibition images and documents -------------------------------------------------------------
# Kept apart from the captions above: images are decoded (with a pixel-count guard before any pixel is
# read) and re-encoded, so that what is served never carries the uploader's metadata.
IMAGE_MAX_BYTES = 15 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
LARGE_SIDE = 1600
THUMBNAIL_SIDE = 480
JPEG_QUALITY = 85
DOCUMENT_MAX_BYTES = 30 * 1024 * 1024
SNIFF_BYTES = 64 * 1024

# Pillow's own guard, lowered to our limit: it warns above it and raises at twice it; both are refusals.
Image.MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS


@dataclass(frozen=True)
class WebImage:
    """An accepted image, re-encoded: `large` (at most LARGE_SIDE px) and `thumbnail`, no metadata."""

    large: bytes
    thumbnail: bytes
    width: int
    height: int
    extension: str
    content_type: str


def sniff(data: bytes) -> str:
    """The MIME type libmagic reads in the content (never the file name)."""
    return magic.from_buffer(data[:SNIFF_BYTES], mime=True) if data else "application/x-empty"


def looks_like(mime: str) -> str:
    """What a person would call a file of this type, for refusal messages."""
    kinds = {
        "application/x-dosexec": _("a Windows program"),
        "application/vnd.microsoft.portable-executable": _("a Windows program"),
        "application/x-executable": _("a program"),
        "application/x-pie-executable": _("a program"),
        "application/x-sharedlib": _("a program"),
        "application/x-mach-binary": _("a program"),
        "application/pdf": _("a PDF document"),
        "application/zip": _("a ZIP archive"),
        "application/x-rar": _("a compressed archive"),
        "application/x-7z-compressed": _("a compressed archive"),
        "application/gzip": _("a compressed archive"),
        "text/html": _("a web page"),
        "image/svg+xml": _("an SVG drawing, which could carry scripts"),
        "application/x-empty": _("an empty file"),
        "text/plain": _("plain text"),
        "application/msword": _("a Word document"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _("a Word document"),
    }
    if mime in kinds:
        return kinds[mime]
    if mime.startswith("image/"):
        return _("an image in a format the site cannot show (%(type)s)") % {"type": mime}
    if mime.startswith("video/"):
        return _("a video file; add videos as a link instead")
    if mime.startswith("text/"):
        return _("text")
    return _("a file of type %(type)s") % {"type": mime}


def _refuse_image(mime: str) -> ValidationError:
    return ValidationError(
        _("This file is not an image (it looks like %(kind)s). Choose a JPEG, PNG, WebP or GIF picture.")
        % {"kind": looks_like(mime)},
        code="not_image",
    )


def _damaged() -> ValidationError:
    return ValidationError(
        _("This image could not be read: the file seems damaged or incomplete. Save it again and retry."),
        code="damaged",
    )


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    if width is None:
        # Pillow's own guard stopped it while reading the header: the size is not at hand, the limit is.
        message = _(
            "This image has more pixels than the limit of %(limit)s megapixels. Make it smaller and try again."
        ) % {"limit": IMAGE_MAX_PIXELS // 1_000_000}
    else:
        message = _(
            "This image is %(width)s × %(height)s pixels, more than the limit of %(limit)s megapixels. "
            "Make it smaller and try again."
        ) % {"width": width, "height": height, "limit": IMAGE_MAX_PIXELS // 1_000_000}
    return ValidationError(message, code="too_many_pixels")


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels in sRGB, so that dropping the colour profile (browsers assume sRGB) keeps the colours."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        # A broken profile: the pixels as they are are the best guess.
        return image


def _encode(image: Image.Image, side: int, *, alpha: bool) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # Saved without exif= or icc_profile=: Pillow writes no metadata it is not given.
    if alpha:
        copy.save(out, "WEBP", quality=JPEG_QUALITY, method=4)
    else:
        copy.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _load_whole(image: Image.Image) -> None:
    """Decode every pixel, refusing a cut-off file. WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on for
    the whole process when it is imported (for PDFs), which would let a truncated upload through half grey."""
    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def check_image(upload) -> WebImage:
    """An image accepted by content: libmagic says JPEG, PNG, WebP or GIF, the header's size is within the
    pixel limit (checked before any pixel is decoded), Pillow decodes it, and it is re-encoded at web sizes
    with its EXIF orientation applied and no EXIF, GPS or colour profile kept. The upload itself is not kept.
    """
    data = read_limited(upload, IMAGE_MAX_BYTES)
    mime = sniff(data)
    if mime not in IMAGE_TYPES:
        raise _refuse_image(mime)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Image.open reads only the header: the declared size is known before the pixels are decoded.
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > IMAGE_MAX_PIXELS:
                raise _too_many_pixels(width, height)
            image.seek(0)  # an animated GIF shows its first frame
            _load_whole(image)
            image = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except ValidationError:
            raise
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _damaged() from None
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = _to_srgb(image)
    image = image.convert("RGBA" if alpha else "RGB")
    large = _encode(image, LARGE_SIDE, alpha=alpha)
    with Image.open(io.BytesIO(large)) as encoded:
        size = encoded.size
    return WebImage(
        large=large,
        thumbnail=_encode(image, THUMBNAIL_SIDE, alpha=alpha),
        width=size[0],
        height=size[1],
        extension="webp" if alpha else "jpg",
        content_type="image/webp" if alpha else "image/jpeg",
    )


def check_document(upload) -> bytes:
    """A PDF document, by content (libmagic says application/pdf), within the size limit."""
    data = read_limited(upload, DOCUMENT_MAX_BYTES)
    mime = sniff(data)
    if mime != "application/pdf":
        raise ValidationError(
            _("This file is not a PDF document (it looks like %(kind)s).") % {"kind": looks_like(mime)},
            code="not_pdf",
        )
    return data
