"""Whole pages kept rendered for readers who are not signed in, for the few pages that take most of the traffic
(the catalogue's search page).

A kept page must not carry one reader's secrets to another: it is rendered with marks in place of the two
values that differ per request (the CSRF token of its forms and the CSP nonce of its scripts), and each
reader gets the page with their own values put in. Only readers without an account's state are served this
way: not signed in, nothing waiting in the messages.

The key is the caller's; it must hold everything else the page shows (the library's row: `row_key`, the
language, the address, easy reading). What is not in the key may be as old as the cache's lifetime.
"""

import hashlib
from functools import lru_cache

from django.contrib.messages import get_messages
from django.db import connection
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.shortcuts import render

# Letters and digits only, so that escaping in the template leaves them as they are.
CSRF_MARK = "lanternCsrfTokenMark7f3a"
NONCE_MARK = "lanternCspNonceMark7f3a"


def cacheable(request) -> bool:
    """A request whose page is the same for every reader in its place: a plain GET by nobody signed in."""
    # len() reads the messages without marking them shown, so a page served fresh still shows them.
    return request.method == "GET" and not request.user.is_authenticated and len(get_messages(request)) == 0


@lru_cache(maxsize=32)
def _row_sql(model, field: str) -> tuple[str, int]:
    """The SELECT of every stored column of a row of `model` by `field`, and where the primary key is in it."""
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    columns = ", ".join(quote(f.column) for f in fields)
    where = quote(model._meta.get_field(field).column)
    sql = f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE {where} = %s"  # noqa: S608
    return sql, [f.attname for f in fields].index(model._meta.pk.attname)


def row_key(model, field: str, value) -> tuple | None:
    """(primary key, fingerprint) of the row of `model` whose unique `field` is `value`, or None when there is
    none. The fingerprint hashes every stored value, so it changes when the row changes: a key part for what
    the page shows of that row. One plain SELECT, no model built: a kept page is served before any query
    through the ORM, which cost more than the rest of serving it (0.7 of 1.8 ms)."""
    sql, pk_index = _row_sql(model, field)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        row = cursor.fetchone()
    if row is None:
        return None
    return row[pk_index], hashlib.blake2b("\x1f".join(map(str, row)).encode(), digest_size=8).hexdigest()


def render_marked(request, template: str, context: dict) -> str:
    """The page's text, with the marks in place of this request's CSRF token and CSP nonce (to keep)."""
    response = render(request, template, {**context, "csrf_token": CSRF_MARK, "csp_nonce": NONCE_MARK})
    return response.content.decode(response.charset)


def fill(text: str, request) -> str:
    """A kept page for this request: its own CSRF token (the cookie is set as for any form) and CSP nonce."""
    nonce = get_nonce(request)  # a LazyNonce is falsy until first read: str() makes it, and the header then names it
    return text.replace(CSRF_MARK, get_token(request)).replace(NONCE_MARK, "" if nonce is None else str(nonce))
