"""Reading stations: staff create, open and close a station at an outside site, send it a deposit collection of
copies, take copies back, report them lost and rotate the collection; the site's contact, through the secret
link, asks for more books or a rotation and reports how the books were used; staff answer the requests.

No copy goes to two places at once: a copy leaves the shelf by one conditional UPDATE (available → on_loan)
and the database keeps one deposit per copy "at the station" (a unique constraint), so two stations asking for
the same copy at the same moment cannot both get it.

Decisions:
- Checking out a list of barcodes is line by line, not all or nothing: a trolley of forty books with one
  mistyped barcode sends the thirty-nine and reports the one line, which staff fix and send again.
- A returned copy goes back to "available", not "in quarantine". Quarantine belongs to lending and emergency
  (outreach must not import them), and only lending's quarantine records are ever released: a copy that
  outreach marked "in quarantine" would stay off the shelf for good. Staff set returned copies aside under
  the library's own rules before shelving them; the return page says so.

Measurement (the study's shared/CODEBOOK.md): opening a station records one ServiceRecord with
- reading_offline: the codebook names "reading stations or deposit collections in shelters, hospitals,
  quarantine hotels, communities" as offline reading promotion;
- social: the library serves people outside its walls where they are cut off (patients, the quarantined,
  residents of a closed community), a service to the community beyond library work;
- cross_industry when a host partner is named: every partner kind (hospital, hotel, community, school...) is
  "an organisation outside the library field";
- targeted_groups when the site is a makeshift hospital or a quarantine hotel (its readers are "patients" and
  "quarantined people", both named groups in the codebook) or a school ("students", also named there).
"""

import dataclasses
import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.catalogue.models import PHYSICAL_FORMATS, Copy
from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.services import record_audit
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Deposit, Station, StationRequest

# The site's side lives in stations_site; its functions are re-exported so that callers use one module.
from .stations_site import (  # noqa: F401
    MAX_AT_ONCE,
    MAX_PERIOD_DAYS,
    MAX_REPORTED,
    POSTS_PER_HOUR,
    allow_post,
    answer_request,
    ask_for_books,
    ask_for_rotation,
    check_report,
    in_both_languages,
    report_usage,
)

Status = Station.Status
# Which statuses staff may move a station to from each status (a closed station stays closed: open a new one).
TRANSITIONS = {
    Status.PLANNED: {Status.OPEN, Status.CLOSED},
    Status.OPEN: {Status.CLOSED},
    Status.CLOSED: set(),
}
TARGETED_SITES = (Station.Site.HOSPITAL, Station.Site.QUARANTINE_HOTEL, Station.Site.SCHOOL)
BARCODE_MAX = 64
MAX_LINES = 500
EDITABLE = [
    "name_zh_hans",
    "name_en",
    "site",
    "address",
    "host",
    "contact_name",
    "contact_phone",
    "opens_on",
    "closes_on",
]


def new_token() -> str:
    return secrets.token_urlsafe(32)


# --- writing stations (staff) --------------------------------------------------------------------
def check_station(library: Library, values: dict) -> None:
    """Raise ValidationError by field: a name in one language at least, a host partner of this library, the
    closing date not before the opening date."""
    errors: dict[str, list] = {}
    if not ((values.get("name_zh_hans") or "").strip() or (values.get("name_en") or "").strip()):
        errors["name_zh_hans"] = [_("Give the station a name, in Chinese, English or both.")]
    if values.get("site") not in Station.Site.values:
        errors["site"] = [_("Choose the kind of site.")]
    for field, message in (
        ("address", _("Give the station's address.")),
        ("contact_name", _("Name the contact person at the site.")),
    ):
        if not (values.get(field) or "").strip():
            errors[field] = [message]
    host = values.get("host")
    if host is not None and not library.partners.filter(pk=host.pk).exists():
        errors["host"] = [_("Choose a partner of this library.")]
    opens_on, closes_on = values.get("opens_on"), values.get("closes_on")
    if opens_on is None:
        errors["opens_on"] = [_("Give the opening date.")]
    elif closes_on is not None and closes_on < opens_on:
        errors["closes_on"] = [_("The station cannot close before it opens.")]
    if errors:
        raise ValidationError(errors)


def save_station(library: Library, values: dict, *, station: Station | None = None, by=None) -> Station:
    """Create (with a fresh secret link) or change a station; an open station keeps its ServiceRecord current."""
    if station is not None and station.status == Status.CLOSED:
        raise Refused(_("A closed station cannot be changed."), "wrong_status", 409)
    check_station(library, values)
    created = station is None
    station = station or Station(library=library, token=new_token())
    for field in EDITABLE:
        value = values.get(field)
        setattr(station, field, value.strip() if isinstance(value, str) else value)
    with transaction.atomic():
        station.save()
        if station.status == Status.OPEN:
            _record(station)
        record_audit(
            by, "outreach.station_created" if created else "outreach.station_changed", station, library=library
        )
    return station


def _record(station: Station) -> None:
    features = []
    if station.host_id:
        features.append(Feature.CROSS_INDUSTRY)
    if station.site in TARGETED_SITES:
        features.append(Feature.TARGETED_GROUPS)
    record_service(
        library=station.library,
        date=station.opens_on,
        categories=[Category.READING_OFFLINE, Category.SOCIAL],
        features=features,
        title_zh=f"阅读服务点：{station.name_zh_hans}" if station.name_zh_hans else "",
        title_en=f"Reading station: {station.name_en}" if station.name_en else "",
        source_object=station,
    )


def _move(station: Station, to: str) -> None:
    if to not in TRANSITIONS[station.status]:
        raise Refused(
            _("This station is “%(status)s”; it cannot become “%(to)s”.")
            % {"status": station.get_status_display(), "to": Status(to).label},
            "wrong_status",
            409,
        )


def open_station(station: Station, *, by=None) -> Station:
    """Open a planned station: its link works for the site and it is counted as a service."""
    _move(station, Status.OPEN)
    with transaction.atomic():
        if not Station.objects.filter(pk=station.pk, status=Status.PLANNED).update(status=Status.OPEN):
            raise Refused(_("This station has already been opened or closed."), "wrong_status", 409)
        station.status = Status.OPEN
        _record(station)
        record_audit(by, "outreach.station_opened", station, library=station.library)
    return station


def close_station(station: Station, *, by=None, today: datetime.date | None = None) -> int:
    """Close the station and bring every copy still there back to the shelf; returns how many came back.
    The ServiceRecord stays: the service was given."""
    _move(station, Status.CLOSED)
    today = today or timezone.localdate()
    with transaction.atomic():
        if not Station.objects.filter(pk=station.pk).exclude(status=Status.CLOSED).update(status=Status.CLOSED):
            raise Refused(_("This station has already been closed."), "wrong_status", 409)
        station.status = Status.CLOSED
        if station.closes_on is None or station.closes_on > today:
            station.closes_on = max(today, station.opens_on)
            Station.objects.filter(pk=station.pk).update(closes_on=station.closes_on)
        returned = _return(station, station.deposits.filter(status=Deposit.Status.AT_STATION))
        record_audit(
            by,
            "outreach.station_closed",
            station,
            library=station.library,
            summary=_("%(count)d copies returned") % {"count": returned},
        )
    return returned


def rotate_token(station: Station, *, by=None) -> Station:
    """A new secret link for the site; the old one stops working at once."""
    with transaction.atomic():
        station.token = new_token()
        station.save(update_fields=["token"])
        record_audit(by, "outreach.station_link_rotated", station, library=station.library)
    return station


# --- the deposit collection (staff) --------------------------------------------------------------
@dataclasses.dataclass
class Sent:
    """What a checkout did: the copies sent, and each line that was not, with why."""

    copies: list = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)  # (line number, barcode, why)


def _check_can_send(station: Station) -> None:
    if station.status == Status.CLOSED:
        raise Refused(_("This station is closed; it cannot receive copies."), "wrong_status", 409)


def _send_one(station: Station, copy_id: int) -> bool:
    """Move one copy from the shelf to the station: the status check is in the UPDATE itself, and the
    deposit's unique constraint backs it up, so a copy goes to one station however many ask at once."""
    try:
        with transaction.atomic():
            if not Copy.objects.filter(pk=copy_id, library=station.library, status=Copy.Status.AVAILABLE).update(
                status=Copy.Status.ON_LOAN, updated_at=timezone.now()
            ):
                return False
            Deposit.objects.create(station=station, copy_id=copy_id)
    except IntegrityError:
        return False
    return True


def parse_barcodes(text: str) -> list[tuple[int, str]]:
    """(line number, barcode) for every non-empty line."""
    return [(number, line.strip()) for number, line in enumerate((text or "").splitlines(), 1) if line.strip()]


def send_copies(station: Station, barcodes_text: str, *, by=None) -> Sent:
    """Check out to the station every copy listed (one barcode a line) that is on the shelf; every other line
    is reported with its number and why, and the rest are sent."""
    _check_can_send(station)
    lines = parse_barcodes(barcodes_text)
    if not lines:
        raise ValidationError({"barcodes": [_("Scan or type at least one barcode, one a line.")]})
    if len(lines) > MAX_LINES:
        raise ValidationError(
            {"barcodes": [_("Send at most %(max)d copies at once.") % {"max": MAX_LINES}]},
        )
    sent, seen = Sent(), set()
    # The copies and their audit entry stand or fall together: on SQLite a "database is locked" at the audit
    # (answered 429, "try again") had left the copies sent, and the retry then found them already at the station.
    with transaction.atomic():
        for number, barcode in lines:
            why = _send_line(station, barcode, seen, sent)
            if why:
                sent.problems.append((number, barcode, why))
        _audit_sent(station, sent, by)
    return sent


def _send_line(station: Station, barcode: str, seen: set, sent: Sent) -> str:
    if len(barcode) > BARCODE_MAX:
        return _("not a barcode: too long")
    if barcode in seen:
        return _("listed twice")
    seen.add(barcode)
    copy = Copy.objects.select_related("record").filter(library=station.library, barcode=barcode).first()
    if copy is None:
        return _("no copy of this library has this barcode")
    if copy.record.format not in PHYSICAL_FORMATS:
        return _("not a physical item")
    if not _send_one(station, copy.pk):
        copy.refresh_from_db(fields=["status"])
        where = copy.deposits.filter(status=Deposit.Status.AT_STATION).select_related("station").first()
        if where is not None:
            return _("already at the station “%(station)s”") % {"station": where.station.name}
        return _("not on the shelf (%(status)s)") % {"status": copy.get_status_display()}
    copy.status = Copy.Status.ON_LOAN
    sent.copies.append(copy)
    return ""


def available_for(library: Library, search: str = ""):
    """The library's physical copies on the shelf, optionally of records whose title or author matches."""
    copies = Copy.objects.available().at(library).filter(record__format__in=PHYSICAL_FORMATS)
    search = (search or "").strip()
    if search:
        copies = copies.filter(Q(record__title__icontains=search) | Q(record__responsibility__icontains=search))
    return copies.order_by("record__title", "pk")


def send_available(station: Station, count: int, search: str = "", *, by=None, exclude=()) -> Sent:
    """Check out `count` copies chosen by the system from the shelf (optionally matching `search`, never the
    copies in `exclude`), one record each where possible; fewer when fewer are on the shelf (the result says
    how many)."""
    _check_can_send(station)
    if not isinstance(count, int) or not 1 <= count <= MAX_AT_ONCE:
        raise ValidationError({"count": [_("Ask for between 1 and %(max)d copies.") % {"max": MAX_AT_ONCE}]})
    sent, first, more, records = Sent(), [], [], set()
    # One copy of each title first: a station is better served by forty titles than by forty of one.
    shelf = available_for(station.library, search).exclude(pk__in=list(exclude))
    for copy_id, record_id in shelf.values_list("pk", "record_id")[: count * 5]:
        (more if record_id in records else first).append(copy_id)
        records.add(record_id)
    with transaction.atomic():  # as in send_copies: sent and audited, or neither
        for copy_id in first + more:
            if len(sent.copies) >= count:
                break
            if _send_one(station, copy_id):
                sent.copies.append(Copy.objects.select_related("record").get(pk=copy_id))
        if not sent.copies:
            raise Refused(_("No copy matching this is on the shelf."), "none_available", 409)
        _audit_sent(station, sent, by)
    return sent


def _audit_sent(station: Station, sent: Sent, by) -> None:
    if sent.copies:
        record_audit(
            by,
            "outreach.station_copies_sent",
            station,
            library=station.library,
            summary=", ".join(copy.barcode for copy in sent.copies)[:500],
        )


def _deposits(station: Station, deposit_ids) -> list[Deposit]:
    """The chosen deposits, which must all be at this station now."""
    ids = {int(pk) for pk in deposit_ids}
    if not ids:
        raise ValidationError({"deposits": [_("Choose at least one copy.")]})
    deposits = list(station.deposits.filter(pk__in=ids, status=Deposit.Status.AT_STATION).select_related("copy"))
    if len(deposits) != len(ids):
        raise Refused(
            _("Some of the chosen copies are no longer at this station. Reload the page and choose again."),
            "not_at_station",
            409,
        )
    return deposits


def _return(station: Station, deposits) -> int:
    now, count = timezone.now(), 0
    for deposit in deposits:
        # Each deposit ends once: a second return of the same copy (two staff at once) does nothing.
        if Deposit.objects.filter(pk=deposit.pk, status=Deposit.Status.AT_STATION).update(
            status=Deposit.Status.RETURNED, ended_at=now
        ):
            Copy.objects.filter(pk=deposit.copy_id, status=Copy.Status.ON_LOAN).update(
                status=Copy.Status.AVAILABLE, updated_at=now
            )
            count += 1
    return count


def return_copies(station: Station, deposit_ids, *, by=None) -> int:
    """Take the chosen copies back from the station to the shelf (available); returns how many."""
    deposits = _deposits(station, deposit_ids)
    with transaction.atomic():
        count = _return(station, deposits)
        record_audit(
            by,
            "outreach.station_copies_returned",
            station,
            library=station.library,
            summary=", ".join(d.copy.barcode for d in deposits)[:500],
        )
    return count


def report_lost(station: Station, deposit_ids, *, by=None) -> int:
    """The chosen copies did not come back: their deposits end as lost and the copies become lost."""
    deposits = _deposits(station, deposit_ids)
    now, count = timezone.now(), 0
    with transaction.atomic():
        for deposit in deposits:
            if Deposit.objects.filter(pk=deposit.pk, status=Deposit.Status.AT_STATION).update(
                status=Deposit.Status.LOST, ended_at=now
            ):
                Copy.objects.filter(pk=deposit.copy_id, status=Copy.Status.ON_LOAN).update(
                    status=Copy.Status.LOST, updated_at=now
                )
                count += 1
        record_audit(
            by,
            "outreach.station_copies_lost",
            station,
            library=station.library,
            summary=", ".join(d.copy.barcode for d in deposits)[:500],
        )
    return count


def rotate(
    station: Station,
    *,
    deposit_ids=(),
    return_all: bool = False,
    barcodes_text: str = "",
    count: int | None = None,
    search: str = "",
    by=None,
) -> tuple[int, Sent]:
    """One step: the chosen (or all) copies come back and a new set goes out, by barcode list or chosen by the
    system. Recorded as one rotation in the audit log; the site's open rotation requests are answered.
    Returns (how many came back, what was sent)."""
    if station.status != Status.OPEN:
        raise Refused(_("Only an open station can be rotated."), "wrong_status", 409)
    has_list = bool(parse_barcodes(barcodes_text))
    if not has_list and not count:
        raise ValidationError({"barcodes": [_("Give the new copies: a list of barcodes or how many to choose.")]})
    deposits = (
        list(station.deposits.filter(status=Deposit.Status.AT_STATION))
        if return_all
        else (_deposits(station, deposit_ids) if deposit_ids else [])
    )
    with transaction.atomic():
        back = _return(station, deposits)
        if has_list:
            sent = send_copies(station, barcodes_text, by=by)
        else:
            try:
                # The copies just taken back stay home: the site asked for something new.
                sent = send_available(station, count, search, by=by, exclude=[d.copy_id for d in deposits])
            except Refused:
                sent = Sent()
        summary = _("rotation: %(back)d returned, %(sent)d sent") % {"back": back, "sent": len(sent.copies)}
        record_audit(by, "outreach.station_rotated", station, library=station.library, summary=summary)
        now = timezone.now()
        station.requests.filter(kind=StationRequest.Kind.ROTATION, status=StationRequest.Status.OPEN).update(
            status=StationRequest.Status.DONE,
            handled_by=by if getattr(by, "is_authenticated", False) else None,
            handled_at=now,
            answer=in_both_languages(
                lambda: (
                    _("Rotated: %(back)d books taken back, %(sent)d new books sent.")
                    % {"back": back, "sent": len(sent.copies)}
                )
            ),
        )
    return back, sent


# --- counts --------------------------------------------------------------------------------------
def with_counts(stations):
    """Annotate stations with what staff and the site read: copies at the station, sent in all, returned,
    lost, open requests, reported readers and books used, and the end of the last report."""
    return stations.annotate(
        at_station=Count("deposits", filter=Q(deposits__status=Deposit.Status.AT_STATION), distinct=True),
        sent=Count("deposits", distinct=True),
        returned=Count("deposits", filter=Q(deposits__status=Deposit.Status.RETURNED), distinct=True),
        lost=Count("deposits", filter=Q(deposits__status=Deposit.Status.LOST), distinct=True),
        open_requests=Count("requests", filter=Q(requests__status=StationRequest.Status.OPEN), distinct=True),
        last_report_end=Max("reports__period_end"),
    )


def counts(station: Station) -> dict:
    """The station's counts (deposits and the totals of its usage reports); they always add up:
    sent = at the station + returned + lost."""
    by_status = dict(station.deposits.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    totals = station.reports.aggregate(readers=Sum("readers"), books_used=Sum("books_used"), reports=Count("pk"))
    return {
        "at_station": by_status.get(Deposit.Status.AT_STATION, 0),
        "returned": by_status.get(Deposit.Status.RETURNED, 0),
        "lost": by_status.get(Deposit.Status.LOST, 0),
        "sent": sum(by_status.values()),
        "readers": totals["readers"] or 0,
        "books_used": totals["books_used"] or 0,
        "reports": totals["reports"],
    }
