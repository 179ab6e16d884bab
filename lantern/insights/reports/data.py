"""A report's figures, counted in the database over ServiceRecord's boolean columns (one query each for the
totals, the months and the libraries), so that a network of a hundred libraries and a million records in
all is counted in well under a second on PostgreSQL; and the reopening timeline of every library, from its
status history (emergency's reading of it) and from the dates coded in its announcements.

Shares are of all records in the report: a record may have several codes, so shares do not add up to 100 %.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.models import Library
from lantern.core.status_history import closure_dates, history_of

from ..competencies import competency_q
from ..models import CodedBy, Post, ServiceRecord
from ..taxonomy import Category, Competency, Feature
from .scope import Scope, check_window, library_windows

CODING = {
    "all": gettext_lazy("All codes"),
    "people": gettext_lazy("Leave out automatic codes (people's codes and Lantern's own activities)"),
    "human": gettext_lazy("Human coders only"),
}
SOURCE_STATUS = "status"
SOURCE_POST = "announcement"
SOURCE_LABELS = {
    SOURCE_STATUS: gettext_lazy("Status history"),
    SOURCE_POST: gettext_lazy("Announcement"),
}


@dataclasses.dataclass
class CodeRow:
    code: str
    label: str
    count: int
    share: float  # of all records, 0..1


@dataclasses.dataclass
class MonthRow:
    month: datetime.date
    total: int
    counts: dict[str, int]  # category -> records that month


@dataclasses.dataclass
class LibraryRow:
    library: Library
    total: int
    counts: dict[str, int]


@dataclasses.dataclass
class ReopeningRow:
    library: Library
    window: tuple[datetime.date, datetime.date]
    status_closed: datetime.date | None = None
    status_reopened: datetime.date | None = None
    post_closed: datetime.date | None = None
    post_reopened: datetime.date | None = None
    post_closed_from: Post | None = None
    post_reopened_from: Post | None = None

    @property
    def closed_on(self) -> datetime.date | None:
        """Status history first (it is what the library did), else the announced date."""
        return self.status_closed or self.post_closed

    @property
    def closed_source(self) -> str:
        return SOURCE_STATUS if self.status_closed else SOURCE_POST if self.post_closed else ""

    @property
    def reopened_on(self) -> datetime.date | None:
        return self.status_reopened or self.post_reopened

    @property
    def reopened_source(self) -> str:
        return SOURCE_STATUS if self.status_reopened else SOURCE_POST if self.post_reopened else ""

    def source_label(self, source: str) -> str:
        return str(SOURCE_LABELS[source]) if source else ""


@dataclasses.dataclass
class Report:
    scope: Scope
    start: datetime.date
    end: datetime.date
    coding: str
    windows: dict[int, tuple[datetime.date, datetime.date]]
    total: int
    categories: list[CodeRow]
    features: list[CodeRow]
    competencies: list[CodeRow]
    months: list[MonthRow]
    libraries: list[LibraryRow]
    reopening: list[ReopeningRow]

    @property
    def coding_label(self) -> str:
        return str(CODING[self.coding])


def records_in(scope: Scope, windows: dict, coding: str = "all"):
    """The ServiceRecords a report counts: its libraries, each within its window, coded as asked."""
    by_window = defaultdict(list)
    for pk, window in windows.items():
        by_window[window].append(pk)
    where = Q(pk__in=[])
    for (lo, hi), pks in by_window.items():
        where |= Q(library_id__in=pks, date__gte=lo, date__lte=hi)
    records = ServiceRecord.objects.filter(where) if by_window else ServiceRecord.objects.none()
    if coding == "human":
        records = records.filter(coded_by=CodedBy.HUMAN)
    elif coding == "people":
        records = records.exclude(coded_by=CodedBy.MACHINE)
    return records.order_by()


def _counts() -> dict:
    # Aliases prefixed: an aggregate may not take the name of the column it counts.
    counts = {f"n_{code}": Count("pk", filter=Q(**{code: True})) for code in (*Category.values, *Feature.values)}
    counts.update({f"c_{c}": Count("pk", filter=competency_q(c)) for c in Competency.values})
    return counts


def _rows(choices, totals: dict, total: int, prefix: str = "") -> list[CodeRow]:
    return [
        CodeRow(code, str(label), totals[prefix + code] or 0, (totals[prefix + code] or 0) / total if total else 0.0)
        for code, label in choices
    ]


def _month_list(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def default_start(scope: Scope) -> datetime.date:
    earliest = ServiceRecord.objects.filter(library__in=[lib.pk for lib in scope.libraries]).aggregate(d=Min("date"))
    return earliest["d"] or timezone.localdate() - datetime.timedelta(days=365)


def build_report(
    scope: Scope, start: datetime.date | None = None, end: datetime.date | None = None, coding: str = "all"
) -> Report:
    """Every figure of the report. Without dates: from the first record of the scope until today (a study:
    each library's own window)."""
    if coding not in CODING:
        coding = "all"
    check_window(start, end)
    if scope.kind != "study":
        end = end or timezone.localdate()
        start = start or min(default_start(scope), end)
    windows = library_windows(scope, start, end)
    if windows:
        start = min(lo for lo, _hi in windows.values())
        end = max(hi for _lo, hi in windows.values())
    else:
        end = end or timezone.localdate()
        start = start or end
    check_window(start, end)
    records = records_in(scope, windows, coding)

    totals = records.aggregate(total=Count("pk"), **_counts())
    total = totals["total"]
    category_names = Category.values
    by_month = {
        row["month"]: row
        for row in records.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Count("pk"), **{f"n_{c}": Count("pk", filter=Q(**{c: True})) for c in category_names})
        .order_by("month")
    }
    months = []
    for month in _month_list(start, end):
        row = by_month.get(month) or by_month.get(_as_datetime(month)) or {}
        months.append(MonthRow(month, row.get("total", 0), {c: row.get(f"n_{c}", 0) for c in category_names}))

    per_library = {
        row["library_id"]: row
        for row in records.values("library_id").annotate(
            total=Count("pk"), **{f"n_{c}": Count("pk", filter=Q(**{c: True})) for c in category_names}
        )
    }
    libraries = [
        LibraryRow(
            library,
            per_library.get(library.pk, {}).get("total", 0),
            {c: per_library.get(library.pk, {}).get(f"n_{c}", 0) for c in category_names},
        )
        for library in scope.libraries
        if library.pk in windows
    ]
    return Report(
        scope=scope,
        start=start,
        end=end,
        coding=coding,
        windows=windows,
        total=total,
        categories=_rows(Category.choices, totals, total, prefix="n_"),
        features=_rows(Feature.choices, totals, total, prefix="n_"),
        competencies=_rows(Competency.choices, totals, total, prefix="c_"),
        months=months,
        libraries=libraries,
        reopening=reopening_rows(scope, windows),
    )


def _as_datetime(month: datetime.date):
    # TruncMonth of a DateField is a date on every backend we run; kept for drivers that return datetimes.
    return timezone.make_aware(datetime.datetime.combine(month, datetime.time()))


def _aware(day: datetime.date, end: bool = False) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    return timezone.make_aware(moment)


def reopening_rows(scope: Scope, windows: dict) -> list[ReopeningRow]:
    """Each library's closure and reopening in its window, from both sources, earliest reopening first.

    Status history: emergency's reading (`closure_dates`: the first closure in force at the window's start or
    beginning in it, and the first return to open or by appointment after it). Announcements: the earliest
    closure date coded in a post (within the window), and the reopening date named by the latest-published
    post that names one on or after that closure (a postponement supersedes the date announced before it).
    """
    rows = {}
    for library in scope.libraries:
        if library.pk not in windows:
            continue
        lo, hi = windows[library.pk]
        closed, reopened = closure_dates(history_of(library), _aware(lo), _aware(hi, end=True))
        # A library that never changed mode has its current mode as its only entry: no closure to show.
        rows[library.pk] = ReopeningRow(library, (lo, hi), closed, reopened)

    posts = (
        Post.objects.filter(library_id__in=list(rows))
        .filter(Q(closed_on__isnull=False) | Q(reopens_on__isnull=False))
        .only("pk", "library_id", "title", "published_on", "closed_on", "reopens_on")
        .order_by("published_on", "pk")
    )
    dated = defaultdict(list)
    for post in posts:
        dated[post.library_id].append(post)
    for pk, library_posts in dated.items():
        row = rows[pk]
        lo, hi = row.window
        closings = [p for p in library_posts if p.closed_on and lo <= p.closed_on <= hi]
        if closings:
            first = min(closings, key=lambda p: (p.closed_on, p.pk))
            row.post_closed, row.post_closed_from = first.closed_on, first
        floor = row.post_closed or lo
        reopenings = [p for p in library_posts if p.reopens_on and floor <= p.reopens_on <= hi]
        if reopenings:
            latest = max(reopenings, key=lambda p: (p.published_on or datetime.date.min, p.pk))
            row.post_reopened, row.post_reopened_from = latest.reopens_on, latest
    ordered = list(rows.values())
    ordered.sort(key=lambda r: (r.reopened_on or datetime.date.max, r.closed_on or datetime.date.max, r.library.slug))
    return ordered


def post_codes(scope: Scope, windows: dict, coding: str = "all"):
    """(post, codes or None) for every post of the scope published in its library's window, for the QDA
    export; codes are those of the post's ServiceRecord (its final codes), None when it is not coded yet."""
    post_type = ContentType.objects.get_for_model(Post)
    coded = {
        int(record.object_id): record.codes
        for record in records_in(scope, windows, coding).filter(content_type=post_type)
        if record.object_id.isdigit()
    }
    where = Q(pk__in=[])
    for pk, (lo, hi) in windows.items():
        where |= Q(library_id=pk, published_on__gte=lo, published_on__lte=hi)
    posts = Post.objects.filter(where).select_related("library").order_by("library__slug", "published_on", "pk")
    for post in posts.iterator(chunk_size=500) if windows else ():
        yield post, coded.get(post.pk)


def no_research_note() -> str:
    return _("Research is shown only by activities whose kind is a study or a brief; no code says it.")
