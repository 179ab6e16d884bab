"""Files people upload to programs, checked by what they contain (never by their name): WebVTT captions
here; the exhibition helpers (images, documents) sit beside them.

Each check takes an uploaded file, reads at most its limit, and returns clean bytes or raises
ValidationError with a message the uploader can act on.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
