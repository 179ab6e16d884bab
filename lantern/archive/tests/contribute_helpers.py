"""What the contribute tests share: the form's POST data built from `helpers.contribution()`, the pages'
addresses, every file under the archive root, and a multipart body that keeps a hostile file name as sent."""

import html
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from .helpers import contribution


def form_data(**overrides) -> dict:
    """The contribution form as a browser sends it: ticked boxes as "on", unticked ones left out."""
    data = {}
    for key, value in contribution(**overrides).items():
        if value is True:
            data[key] = "on"
        elif value not in (False, None):
            data[key] = value
    return data


def contribute_url(slug: str = "alpha") -> str:
    return reverse("archive:contribute", args=[slug])


def status_url(item) -> str:
    return reverse("archive:contribution", args=[item.library.slug, item.reference])


def answer_url(item) -> str:
    return reverse("archive:contribution_answer", args=[item.library.slug, item.reference])


def stored_files() -> list[Path]:
    """Every file under the archive's private root (none when nothing was kept)."""
    root = Path(settings.LANTERN_ARCHIVE_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def multipart(fields: dict, files: list[tuple[str, bytes, str]], boundary: str = "lanternboundary") -> bytes:
    """A multipart/form-data body written by hand, so that a file name reaches the server exactly as given."""
    lines = []
    for key, value in fields.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{key}"', "", str(value)]
    body = "\r\n".join(lines).encode("utf-8") + b"\r\n"
    for name, data, mime in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        body += head.encode("utf-8") + f"Content-Type: {mime}\r\n\r\n".encode() + data + b"\r\n"
    return body + f"--{boundary}--\r\n".encode()


def words(response) -> str:
    """The page's text as a person reads it (entities such as &#x27; turned back into characters)."""
    return html.unescape(response.content.decode())
