"""Partner bookstores' lists for "you choose, the library pays": which titles a library's readers may pick
from, and the staff's CSV upload of a bookstore's list (bad rows reported by line, the rest taken in;
uploading again updates titles by ISBN)."""

import csv
import dataclasses
import io
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.catalogue.isbn import to_isbn13
from lantern.core.models import Library, Partner
from lantern.core.services import record_audit

from ..models import BookstoreTitle
from .common import Refused

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
CSV_COLUMNS = ("title", "authors", "publisher", "year", "isbn", "price", "in_stock")
_AUTHOR_SEPARATORS = re.compile(r"\s*[;；/、]\s*")
_YES = {"1", "yes", "y", "true", "是", "有", "有货"}
_NO = {"0", "no", "n", "false", "否", "无", "无货", "缺货"}


# --- what readers choose from ---------------------------------------------------------------------------------------
def bookstores_of(library: Library) -> QuerySet[Partner]:
    """The partner bookstores linked to `library`: whose lists its readers choose from."""
    return Partner.objects.filter(kind=Partner.Kind.BOOKSTORE, libraries=library).order_by("name")


def offered_titles(library: Library, query: str = "") -> QuerySet[BookstoreTitle]:
    """In-stock titles of the library's partner bookstores, matching `query` in title, authors or ISBN.

    An ISBN matches with or without hyphens, as ISBN-10 or ISBN-13; a run of digits matches part of one.
    """
    titles = BookstoreTitle.objects.filter(
        in_stock=True, bookstore__kind=Partner.Kind.BOOKSTORE, bookstore__libraries=library
    ).select_related("bookstore")
    query = " ".join((query or "").split())
    if query:
        match = Q(title__icontains=query) | Q(authors__icontains=query)
        isbn = to_isbn13(query)
        digits = re.sub(r"[\s\-]", "", query)
        if isbn:
            match |= Q(isbn=isbn)
        elif digits.isdigit() and len(digits) >= 4:
            match |= Q(isbn__contains=digits)
        titles = titles.filter(match)
    return titles.order_by("title", "pk")


def author_names(text: str) -> list[str]:
    return [name for name in _AUTHOR_SEPARATORS.split(text or "") if name]


# --- bookstore lists (staff) ---------------------------------------------------------------------
@dataclasses.dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = dataclasses.field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


def _read_text(file) -> str:
    raw = file.read() if hasattr(file, "read") else file
    if isinstance(raw, str):
        return raw
    if len(raw) > MAX_IMPORT_BYTES:
        raise Refused(
            _("The file is larger than %(mb)d MB; split it.") % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}, "too_big"
        )
    for encoding in ("utf-8-sig", "gb18030"):  # spreadsheets saved in China are often GB18030
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(_("The file is not text in UTF-8 or GB18030. Save it as CSV (UTF-8)."), "invalid")


def _in_stock(value: str) -> bool:
    value = value.strip().lower()
    if not value or value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(_("in_stock must be yes or no, not “%(value)s”.") % {"value": value})


def _title_row(row: dict) -> dict:
    """One CSV row as BookstoreTitle values, or ValueError saying what is wrong, in the active language."""
    problems = []
    title = " ".join((row.get("title") or "").split())
    if not title:
        problems.append(_("the title is empty"))
    elif len(title) > 500:
        problems.append(_("the title is longer than 500 characters"))
    isbn_text = (row.get("isbn") or "").strip()
    isbn = to_isbn13(isbn_text)
    if not isbn:
        problems.append(_("“%(value)s” is not a valid ISBN") % {"value": isbn_text})
    price_text = (row.get("price") or "").strip()
    try:
        price = Decimal(price_text)
        if not price.is_finite() or price < 0 or price >= Decimal("100000000"):
            raise InvalidOperation
        price = price.quantize(Decimal("0.01"))
    except InvalidOperation:
        problems.append(_("“%(value)s” is not a price") % {"value": price_text})
        price = None
    year_text = (row.get("year") or "").strip()
    year = None
    if year_text:
        if not year_text.isdigit() or not 1000 <= int(year_text) <= timezone.localdate().year + 5:
            problems.append(_("“%(value)s” is not a year") % {"value": year_text})
        else:
            year = int(year_text)
    try:
        in_stock = _in_stock(row.get("in_stock") or "")
    except ValueError as exc:
        problems.append(str(exc))
        in_stock = True
    authors = "; ".join(author_names(row.get("authors") or ""))
    publisher = " ".join((row.get("publisher") or "").split())
    if len(authors) > 300:
        problems.append(_("the authors are longer than 300 characters"))
    if len(publisher) > 300:
        problems.append(_("the publisher is longer than 300 characters"))
    if problems:
        raise ValueError("; ".join(problems))
    return {
        "title": title,
        "authors": authors,
        "publisher": publisher,
        "year": year,
        "isbn": isbn,
        "price": price,
        "in_stock": in_stock,
    }


def import_titles(bookstore: Partner, file, *, by=None, library: Library | None = None) -> ImportSummary:
    """Add or update a bookstore's titles from CSV (`title,authors,publisher,year,isbn,price,in_stock`).

    Good rows are imported (a title already listed with the same ISBN is updated), bad rows are reported
    by line number and skipped. A file without the right header changes nothing.
    """
    if bookstore.kind != Partner.Kind.BOOKSTORE:
        raise Refused(_("Choose a partner bookstore."), "invalid")
    text = _read_text(file)
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        raise Refused(
            _("The first line must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ",".join(CSV_COLUMNS), "missing": ", ".join(missing)},
            "invalid",
        )
    reader.fieldnames = header
    summary, good, seen = ImportSummary(), {}, {}
    for row in reader:
        line = reader.line_num
        if len(good) + len(summary.errors) >= MAX_IMPORT_ROWS:
            raise Refused(_("The file has more than %(n)d rows; split it.") % {"n": MAX_IMPORT_ROWS}, "too_big")
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # blank lines at the end of spreadsheets
        try:
            values = _title_row(row)
        except ValueError as exc:
            summary.errors.append((line, str(exc)))
            continue
        if values["isbn"] in seen:
            summary.errors.append((line, _("the ISBN is already on line %(line)d") % {"line": seen[values["isbn"]]}))
            continue
        seen[values["isbn"]] = line
        good[values["isbn"]] = values
    with transaction.atomic():
        existing = {t.isbn: t for t in BookstoreTitle.objects.filter(bookstore=bookstore, isbn__in=list(good))}
        for isbn, values in good.items():
            title = existing.get(isbn)
            if title is None:
                BookstoreTitle.objects.create(bookstore=bookstore, **values)
                summary.created += 1
            else:
                for name, value in values.items():
                    setattr(title, name, value)
                title.save()
                summary.updated += 1
        if good:
            record_audit(
                by,
                "purchases.titles_imported",
                bookstore,
                library=library,
                summary=f"{summary.created} new, {summary.updated} updated, {len(summary.errors)} bad rows",
            )
    return summary
