"""Files sent to the archive: checked by their content before anything is kept, then stored — the original
byte for byte with its SHA-256, size and type, and for images a public derivative without EXIF or GPS."""

import hashlib
import io
import posixpath
import shutil
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageFilter, ImageOps

from lantern.core.uploads import IMAGE_TYPES, LARGE_SIDE, WebImage, check_image, looks_like, read_limited, sniff

from ..models import Item, ItemFile
from ..storage import archive_storage

# What the archive keeps, by the type libmagic reads in the content, and the extension it is stored under.
KEPT_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "application/pdf": "pdf",
    "text/plain": "txt",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/x-m4a": "m4a",
    "audio/ogg": "ogg",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/flac": "flac",
    "audio/x-flac": "flac",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "video/quicktime": "mov",
    "video/x-m4v": "m4v",
}


def max_file_bytes() -> int:
    return settings.LANTERN_ARCHIVE_MAX_FILE_MB * 1024 * 1024


def max_files() -> int:
    return settings.LANTERN_ARCHIVE_MAX_FILES


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks, not yet stored."""

    data: bytes
    mime: str
    extension: str
    original_name: str
    web: WebImage | None


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError(_("“%(name)s”: %(problem)s") % {"name": name, "problem": message}, code="file")


def check_file(upload) -> CheckedFile:
    """One upload checked by content: a kept type, within the size limit; an image must decode within the
    pixel limit (a 'pixel bomb' is refused) and gets its web derivative here."""
    name = posixpath.basename(getattr(upload, "name", "") or "")[:255] or _("file")
    try:
        data = read_limited(upload, max_file_bytes())
    except ValidationError as error:
        raise _refuse(name, " ".join(error.messages)) from None
    mime = sniff(data)
    if mime not in KEPT_TYPES:
        raise _refuse(
            name,
            _(
                "the archive does not take this kind of file (it looks like %(kind)s). Send pictures, PDF "
                "documents, plain text, sound or video."
            )
            % {"kind": looks_like(mime)},
        )
    if mime == "text/plain":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise _refuse(name, _("text files must be saved as UTF-8.")) from None
    web = None
    if mime in IMAGE_TYPES:
        try:
            web = check_image(SimpleUploadedFile(name, data, content_type=mime))
        except ValidationError as error:
            raise _refuse(name, " ".join(error.messages)) from None
    return CheckedFile(data=data, mime=mime, extension=KEPT_TYPES[mime], original_name=name, web=web)


def check_files(uploads) -> list[CheckedFile]:
    """Every upload checked before any is kept: one bad file refuses the lot (the form keeps what was typed)."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > max_files():
        raise ValidationError(
            ngettext(
                "Send at most %(limit)d file at a time.",
                "Send at most %(limit)d files at a time.",
                max_files(),
            )
            % {"limit": max_files()},
            code="too_many_files",
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_file(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def _store_derivative(item_file: ItemFile, web: WebImage) -> None:
    stem = f"{item_file.item.library.slug}/{item_file.item.reference}/{item_file.position}"
    for field in ("web", "thumbnail"):
        old = getattr(item_file, field)
        if old:
            old.delete(save=False)
    item_file.web.save(f"{stem}-web.{web.extension}", ContentFile(web.large), save=False)
    item_file.thumbnail.save(f"{stem}-thumb.{web.extension}", ContentFile(web.thumbnail), save=False)
    item_file.web_mime = web.content_type
    item_file.width, item_file.height = web.width, web.height


def store_files(item: Item, checked: list[CheckedFile]) -> list[ItemFile]:
    """Keep each checked file: the original as received, under a name the archive chose (never the sender's)."""
    start = item.files.count()
    stored = []
    for offset, file in enumerate(checked):
        position = start + offset
        item_file = ItemFile(
            item=item,
            position=position,
            original_name=file.original_name,
            mime=file.mime,
            size=len(file.data),
            sha256=hashlib.sha256(file.data).hexdigest(),
        )
        item_file.original.save(
            f"{item.library.slug}/{item.reference}/{position}.{file.extension}", ContentFile(file.data), save=False
        )
        if file.web is not None:
            _store_derivative(item_file, file.web)
        item_file.save()
        stored.append(item_file)
    return stored


def remove_folders(library_slug: str, reference: str) -> None:
    """Delete every file stored for one item (used when its submission fails after files were written)."""
    for top in ("originals", "derivatives"):
        shutil.rmtree(archive_storage.path(f"{top}/{library_slug}/{reference}"), ignore_errors=True)


def formats_of(item: Item) -> str:
    """The item's Dublin Core format: the types of its files, as read from their content."""
    return "; ".join(dict.fromkeys(item.files.values_list("mime", flat=True)))


def blur_regions(item_file: ItemFile, boxes: list[tuple[float, float, float, float]]) -> None:
    """Redact an image's public derivative: blur each box (left, top, width, height, as fractions of the
    picture) in a fresh copy made from the original. The original itself is never touched."""
    if not item_file.is_image:
        raise ValidationError(_("Only pictures can be blurred."), code="not_image")
    with item_file.original.open("rb") as handle:
        image = ImageOps.exif_transpose(Image.open(io.BytesIO(handle.read())))
    image = image.convert("RGB")
    # At most the web size the derivative gets anyway: a full-size phone photo as PNG would go over check_image's
    # 15 MB limit and be refused.
    image.thumbnail((LARGE_SIDE, LARGE_SIDE), Image.Resampling.LANCZOS)
    width, height = image.size
    for left, top, box_width, box_height in boxes:
        if not (0 <= left < 1 and 0 <= top < 1 and 0 < box_width <= 1 and 0 < box_height <= 1):
            raise ValidationError(_("Each area must lie inside the picture."), code="bad_box")
        box = (
            int(left * width),
            int(top * height),
            min(width, int((left + box_width) * width)),
            min(height, int((top + box_height) * height)),
        )
        region = image.crop(box)
        # Strong enough that faces, names and numbers cannot be read back at any size.
        radius = max(12, max(region.size) // 6)
        image.paste(region.filter(ImageFilter.GaussianBlur(radius)), box)
    out = io.BytesIO()
    image.save(out, "PNG")
    _store_derivative(item_file, check_image(SimpleUploadedFile("redacted.png", out.getvalue())))
    item_file.redacted = True
    item_file.save()


def sha256_of(item_file: ItemFile) -> str:
    """The SHA-256 of the original as it is in storage now (raises FileNotFoundError when it is gone)."""
    digest = hashlib.sha256()
    with item_file.original.storage.open(item_file.original.name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()
