"""The public file view of the archive: an image's web size or thumbnail, or the original of a sound, video, PDF
or text file — only for public items and files not hidden by staff, never an image's original (it keeps the
camera's EXIF and GPS). Byte ranges are honoured so that sound and video can be skipped through."""

import mimetypes
import re

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse

from lantern.core.permissions import get_library

from ..models import Item, ItemFile
from ..services.common import public_items

VARIANTS = ("web", "thumb", "original")
# Short: a takedown hides an item at once, and browsers and proxies should not keep showing it for long.
# Caches must ask again each time: a takedown or a blur must take effect at once, not minutes later.
CACHE_CONTROL = "no-cache"
CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def get_public_item(slug: str, reference: str) -> Item:
    """A public item of the library named by `slug` (404 for any other, whatever its state)."""
    library = get_library(slug)
    item = public_items(library).filter(reference=reference).select_related("library").first()
    if item is None:
        raise Http404
    return item


def _content_type(mime: str, name: str) -> str:
    mime = mime or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return "text/plain; charset=utf-8" if mime == "text/plain" else mime


def _chunks(handle, length: int):
    try:
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


def _byte_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) byte of a single "bytes=" range; None for no usable range (serve it whole); False when the
    range lies outside the file (416)."""
    match = _RANGE.match(header.strip()) if header else None
    if match is None or not (match[1] or match[2]):
        return None
    if not match[1]:
        length = int(match[2])
        if length == 0:
            return False
        return max(0, size - length), size - 1
    first = int(match[1])
    last = min(int(match[2]), size - 1) if match[2] else size - 1
    if first >= size or first > last:
        return False
    return first, last


def serve(request, field_file, content_type: str, filename: str):
    """The stored file as a response (whole, or the asked byte range), with the archive's headers."""
    storage, name = field_file.storage, field_file.name
    try:
        size = storage.size(name)
    except OSError:
        raise Http404 from None
    wanted = _byte_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    else:
        first, last = wanted
        handle = storage.open(name, "rb")
        handle.seek(first)
        response = StreamingHttpResponse(_chunks(handle, last - first + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = CACHE_CONTROL
    # Never the contributor's own file name: it can carry their name or their device's.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def item_file(request, slug, reference, position, variant):
    if variant not in VARIANTS:
        raise Http404
    item: Item = get_public_item(slug, reference)
    found: ItemFile | None = item.files.filter(position=position, hidden=False).first()
    if found is None:
        raise Http404
    if variant == "original":
        if found.is_image or found.mime.startswith("image/"):
            raise Http404
        field_file, mime = found.original, found.mime
    else:
        field_file = found.web if variant == "web" else found.thumbnail
        if not field_file:
            raise Http404
        mime = found.web_mime
    extension = field_file.name.rsplit(".", 1)[-1].lower() if "." in field_file.name else "bin"
    return serve(request, field_file, _content_type(mime, field_file.name), f"{item.reference}-{position}.{extension}")
