"""Text messages (SMS) behind one small interface, so that a library can plug in its own gateway.

`LANTERN_SMS_BACKEND` names a class with `send(phone, text) -> bool`. The default only logs; `MemoryBackend`
keeps messages in `outbox` for tests. A gateway backend must not raise for a failed send: it returns False.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Messages MemoryBackend has "sent", oldest first: (phone, text).
outbox: list[tuple[str, str]] = []
# One SMS is 70 Chinese characters; longer texts are cut so a gateway never splits them into many.
MAX_LENGTH = 70 * 3


class LoggingBackend:
    def send(self, phone: str, text: str) -> bool:
        logger.info("SMS to %s: %s", phone, text)
        return True


class MemoryBackend:
    def send(self, phone: str, text: str) -> bool:
        outbox.append((phone, text))
        return True


def send_sms(phone: str, text: str) -> bool:
    if not phone:
        return False
    backend = import_string(settings.LANTERN_SMS_BACKEND)()
    return backend.send(phone, text[:MAX_LENGTH])
