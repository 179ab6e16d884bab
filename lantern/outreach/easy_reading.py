"""The site-wide "easy reading" switch: larger text, higher contrast and a simpler one-column layout
(lantern/static/lantern/easy-reading.css, driven by the class `easy-reading` on <body>).

Where the choice is remembered: in a cookie, for a year, for everyone. That is deliberately all: the
accounts model has no field for it (and core's models are not ours to change), and the cookie already
remembers the choice on each device a reader uses, signed in or not. A reader who needs easy reading on a
new device switches it on there once; nothing personal is stored on the server.
"""

from django.utils.http import url_has_allowed_host_and_scheme

COOKIE = "lantern_easy_reading"
ON = "on"
ONE_YEAR = 365 * 24 * 60 * 60


def is_on(request) -> bool:
    return request.COOKIES.get(COOKIE) == ON


def remember(response, on: bool, *, secure: bool = False):
    """Keep the choice in the reader's cookie (a year, SameSite=Lax so it holds when arriving by a link)."""
    if on:
        response.set_cookie(COOKIE, ON, max_age=ONE_YEAR, samesite="Lax", httponly=True, secure=secure)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


def safe_next(request, fallback: str) -> str:
    """Where to go back to: the page the switch was pressed on, if it is on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def context(request) -> dict:
    """Template context for every page: `easy_reading` (on or off)."""
    return {"easy_reading": is_on(request)}
