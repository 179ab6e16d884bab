"""ISBNs as people type them: with or without hyphens, ISBN-10 or ISBN-13. Stored as ISBN-13 digits."""

import re

_NOT_ISBN_CHARS = re.compile(r"[^0-9Xx]")


def _isbn10_check(digits9: str) -> str:
    total = sum((10 - i) * int(d) for i, d in enumerate(digits9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _isbn13_check(digits12: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits12))
    return str((10 - total % 10) % 10)


def to_isbn13(value: str) -> str | None:
    """The ISBN-13 digits of `value` (ISBN-10 or -13, any punctuation), or None if it is not a valid ISBN."""
    compact = _NOT_ISBN_CHARS.sub("", value or "").upper()
    if len(compact) == 10 and compact[:9].isdigit() and _isbn10_check(compact[:9]) == compact[9]:
        core = "978" + compact[:9]
        return core + _isbn13_check(core)
    if len(compact) == 13 and compact.isdigit() and compact[:3] in ("978", "979"):
        return compact if _isbn13_check(compact[:12]) == compact[12] else None
    return None


def to_isbn10(isbn13: str) -> str | None:
    """The ISBN-10 form of a 978 ISBN-13, or None (979 ISBNs have no ISBN-10)."""
    if len(isbn13) != 13 or not isbn13.startswith("978"):
        return None
    return isbn13[3:12] + _isbn10_check(isbn13[3:12])


def find_isbn(text: str) -> str | None:
    """The first valid ISBN in free text such as MARC 020$a "0394502884 (pbk.) : $12.00"."""
    for candidate in re.findall(r"[0-9][0-9\- ]{8,16}[0-9Xx]", text or ""):
        isbn = to_isbn13(candidate)
        if isbn:
            return isbn
    return None
