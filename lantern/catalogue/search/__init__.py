"""Catalogue search, one interface over two backends chosen by the database: SQLite FTS5 and PostgreSQL
full text. Both index the same token stream (`tokens.py`), so both return the same records.

`index_records` / `delete_records` keep the index in step with saved records (callers pass batches);
`reindex` rebuilds it; `search` answers a reader's query with a page of records and facets.
"""

from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from types import SimpleNamespace

from asgiref.local import Local
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from lantern.catalogue.models import Copy, EResource, Isbn, Record
from lantern.core.models import Library

from . import cache as search_cache
from . import postgres, sqlite
from .tokens import Query, document, parse_query

__all__ = ["Filters", "SearchResult", "delete_records", "index_records", "parse_query", "reindex", "search"]

# Facets count over at most this many best matches, so that they stay fast on huge result sets.
FACET_LIMIT = 300
# Above this many matches, relevance is computed over the newest RANK_WINDOW matches only (see _ranked_ids).
# As many as the facets count: the page's facets then describe the matches that were ranked. Reading and
# ranking them is most of a search on SQLite (a million records, p95 of 200 queries: 9.4–10.2 ms at 500,
# 7.2–8.9 ms at 300).
RANK_WINDOW = 300
# Matches are counted exactly up to this many (the page then says "more than …"); see _ranked_ids.
COUNT_LIMIT = 1000
BATCH = 2000


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


INDEXED = (
    "id",
    "library_id",
    "title",
    "subtitle",
    "responsibility",
    "authors",
    "publisher",
    "summary",
    "classification",
    "subjects",
)


def _documents(record_ids):
    # Plain rows rather than model instances: reindexing a million records is mostly this loop.
    isbns: dict[int, list[str]] = {}
    for record_id, value in Isbn.objects.filter(record_id__in=record_ids).values_list("record_id", "value"):
        isbns.setdefault(record_id, []).append(value)
    rows = Record.objects.filter(pk__in=record_ids).values(*INDEXED)
    return [document(SimpleNamespace(pk=row["id"], isbns=isbns.get(row["id"], []), **row)) for row in rows]


def index_records(records) -> int:
    """Add or refresh these records (Record objects or ids) in the index; returns how many were indexed."""
    ids = [getattr(record, "pk", record) for record in records]
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            documents = _documents(chunk)
            backend().write(cursor, documents)
            found = {doc.record_id for doc in documents}
            # Records deleted since the caller saved them must not linger in the index.
            if missing := [pk for pk in chunk if pk not in found]:
                backend().delete(cursor, missing)
            written += len(documents)
    search_cache.bump()
    return written


def delete_records(record_ids) -> None:
    """Take these records (ids or Record objects) out of the index."""
    ids = [getattr(record, "pk", record) for record in record_ids]
    if ids:
        with connection.cursor() as cursor:
            backend().delete(cursor, ids)
        search_cache.bump()


def reindex(progress=None, batch: int = BATCH) -> int:
    """Rebuild the whole index from the records; `progress(n)` is called after each batch of n records."""
    total = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            backend().clear(cursor, rebuild=True)
        last = 0
        while True:
            ids = list(Record.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
            if not ids:
                break
            with connection.cursor() as cursor:
                backend().write(cursor, _documents(ids), replace=False)
            total += len(ids)
            last = ids[-1]
            if progress:
                progress(len(ids))
        with connection.cursor() as cursor:
            backend().finish(cursor)
    search_cache.bump()
    return total


@dataclass
class Filters:
    """Narrowing of a search; each is optional. `libraries` is a list of library ids."""

    libraries: list[int] | None = None
    format: str = ""
    language: str = ""
    subject: str = ""
    available: bool = False


@dataclass
class SearchResult:
    query: str
    count: int
    records: list[Record]
    page: int
    per_page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    facets_limited: bool = False
    # False when more records match than were counted: `count` is then a lower bound ("more than count").
    count_exact: bool = True

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or not self.count_exact

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _available_sql(today) -> tuple[str, list]:
    return (
        "(EXISTS (SELECT 1 FROM catalogue_copy c WHERE c.record_id = r.id AND c.status = %s)"
        " OR EXISTS (SELECT 1 FROM catalogue_eresource e WHERE e.record_id = r.id"
        " AND (e.starts_on IS NULL OR e.starts_on <= %s) AND (e.ends_on IS NULL OR e.ends_on >= %s)))",
        [Copy.Status.AVAILABLE, today, today],
    )


def _filter_sql(match, filters: Filters) -> tuple[list[str], list, bool]:
    """Conditions, their params, and whether they need the records table joined."""
    conditions, params = [], []
    if filters.libraries is not None and not match.filters_library:
        ids = list(filters.libraries) or [0]
        conditions.append(f"{match.library_id} IN ({', '.join(['%s'] * len(ids))})")
        params += ids
    if filters.format:
        conditions.append("r.format = %s")
        params.append(filters.format)
    if filters.language:
        conditions.append("r.language = %s")
        params.append(filters.language)
    if filters.subject:
        if connection.vendor == "postgresql":
            conditions.append("r.subjects @> jsonb_build_array(%s::text)")
        else:
            conditions.append("EXISTS (SELECT 1 FROM json_each(r.subjects) WHERE json_each.value = %s)")
        params.append(filters.subject)
    if filters.available:
        sql, extra = _available_sql(timezone.localdate())
        conditions.append(sql)
        params += extra
    needs_records = bool(filters.format or filters.language or filters.subject or filters.available)
    return conditions, params, needs_records


def _one_character(query: Query) -> bool:
    """A query of single characters only: relevance would rank by little more than record length: skipped."""
    return not (query.pinyin or query.isbn) and all(term.field == "chars" for term in query.terms)


def _narrowing(libraries: list[int] | None) -> list[int] | None:
    """These library ids, or None when they are every library and the filter would keep every record.

    Worth a query: on SQLite the library is a token ANDed into the full-text match, and every match then
    costs a seek in that library's list of records: 10 ms more for a common name in a million records.
    """
    if libraries is None:
        return None
    with connection.cursor() as cursor:
        ids = list(libraries) or [0]
        cursor.execute(
            f"SELECT 1 FROM {Library._meta.db_table} WHERE id NOT IN ({', '.join(['%s'] * len(ids))}) LIMIT 1",  # noqa: S608
            ids,
        )
        return libraries if cursor.fetchone() else None


def _ranked_ids(
    query: Query, filters: Filters, limit: int, offset: int, count_limit: int | None = None
) -> tuple[list[int], int, bool]:
    """A slice of the matching record ids in relevance order, how many match, and whether that count is exact.

    Counting is bounded: matches are counted up to `count_limit` (COUNT_LIMIT, or the end of the slice when
    deeper); beyond it the count is that limit and not exact ("more than …"). Counting every match of a
    one-character query cost 250 ms at 200,000 records, far more than everything else.

    Records whose title is exactly the query come first, ranked among themselves. The rest are ranked by
    relevance (`ranking.order`) when there are at most RANK_WINDOW of them; beyond that only the RANK_WINDOW
    newest matches are ranked and the others follow, newest first. One-character queries are not ranked
    by relevance at all: newest first after the exact titles.

    One statement fetches the newest matches up to the count limit (plus one): their number is the count,
    the first RANK_WINDOW of them are the ones ranked, and the rest follow in that order. So every match
    read is read once, and no statement ever reads all the matches of a common word.
    """
    if backend().LIBRARY_IN_INDEX:
        filters = replace(filters, libraries=_narrowing(filters.libraries))
    match = backend().match(query, filters.libraries)
    conditions, filter_params, needs_records = _filter_sql(match, filters)
    # The library is in the index itself; only the other filters need the records table.
    source = f"{match.source} {match.join}" if needs_records else match.source
    where = " AND ".join([match.where, *conditions])
    cap = max(COUNT_LIMIT if count_limit is None else count_limit, offset + limit)
    with backend().cursor() as cursor:
        window = backend().newest(cursor, query, match, source, conditions, filter_params, cap + 1)
        count, exact_count = min(len(window), cap), len(window) <= cap
        if not count or offset >= count:
            return [], count, exact_count
        # The exact titles and the newest RANK_WINDOW matches (all of them when there are no more) are
        # ranked together, the exact titles then put first; the rest follow, newest first.
        exact_ids, candidates = backend().exact_and_ranked(
            cursor, query, match, source, where, filter_params, window[:RANK_WINDOW], not _one_character(query)
        )
        ordered = [pk for pk in candidates if pk in exact_ids] + [pk for pk in candidates if pk not in exact_ids]
        chosen = set(candidates)
        ordered += [pk for pk in window[RANK_WINDOW:cap] if pk not in chosen]
        return ordered[offset : offset + limit], count, exact_count


def available_q(today=None) -> Q:
    """Records a reader can have now: an available copy, or e-resource access that is current."""
    today = today or timezone.localdate()
    current = EResource.objects.filter(record=OuterRef("pk")).filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=today), Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    copies = Copy.objects.filter(record=OuterRef("pk"), status=Copy.Status.AVAILABLE)
    return Q(Exists(copies)) | Q(Exists(current))


def _facets(ids: list[int]) -> dict[str, list[tuple[str, int]]]:
    """Counts per format, language, library and subject (top 15), and how many are available now."""
    counters = {name: Counter() for name in ("format", "language", "library", "subject")}
    rows = Record.objects.filter(pk__in=ids).values_list("format", "language", "library__slug", "subjects")
    for record_format, language, library, subjects in rows:
        counters["format"][record_format] += 1
        if language:
            counters["language"][language] += 1
        counters["library"][library] += 1
        counters["subject"].update({value for value in subjects or [] if isinstance(value, str)})
    facets = {name: sorted(counter.items(), key=lambda item: (-item[1], item[0])) for name, counter in counters.items()}
    facets["subject"] = facets["subject"][:15]
    facets["available"] = [("yes", Record.objects.filter(pk__in=ids).filter(available_q()).count())]
    return facets


def search(q: str, *, filters: Filters | None = None, page: int = 1, per_page: int = 20, facets: bool = True):
    """The `page` of records matching `q` in relevance order (exact title first), their count and facets.

    Facets are counted over the best FACET_LIMIT matches (`facets_limited` says when that cut applies).
    """
    filters = filters or Filters()
    query = parse_query(q or "")
    result = SearchResult(query=q, count=0, records=[], page=page, per_page=per_page)
    if not query:
        return result
    offset = (page - 1) * per_page
    cache_key = search_cache.key(q, asdict(filters), page, per_page, facets)
    if cached := search_cache.get(cache_key):
        ids, result.count, result.count_exact, result.facets, result.facets_limited = cached
    else:
        ids = _compute(query, filters, offset, per_page, facets, result)
        if result.count > RANK_WINDOW:
            search_cache.put(cache_key, (ids, result.count, result.count_exact, result.facets, result.facets_limited))
    by_id = _records(ids)
    result.records = [by_id[pk] for pk in ids if pk in by_id]
    if stale := [pk for pk in ids if pk not in by_id]:
        # Records deleted without delete_records (e.g. with their library): heal the index.
        delete_records(stale)
    return result


# What `_records` needs to read and build records, made once per database connection (the converters can be
# bound to it), kept as Django keeps its connections: composing it took 0.3 ms a search.
_plans = Local()


def _plan():
    wrapper = connections[DEFAULT_DB_ALIAS]
    plan = getattr(_plans, "plan", None)
    if plan is None or plan.wrapper is not wrapper:
        fields = (Record._meta.concrete_fields, Library._meta.concrete_fields)
        columns = [f.get_col("r") for f in fields[0]] + [f.get_col("l") for f in fields[1]]
        compiler = Record.objects.none().query.get_compiler(connection=wrapper)
        select = ", ".join(f"{column.alias}.{wrapper.ops.quote_name(column.target.column)}" for column in columns)
        plan = _plans.plan = SimpleNamespace(
            wrapper=wrapper,
            sql=f"SELECT {select} FROM {Record._meta.db_table} r JOIN {Library._meta.db_table} l "  # noqa: S608
            "ON l.id = r.library_id WHERE r.id IN ({})",
            compiler=compiler,
            converters=compiler.get_converters(columns),
            names=[[f.attname for f in group] for group in fields],
        )
    return plan


def _records(ids: list[int]) -> dict[int, Record]:
    """The records of these ids, each with its library, by id: one statement, written out here.

    The ORM took longer to compose its statements than the database took to answer them: a page of 20 records
    and their library by in_bulk cost 6 ms at a million records on PostgreSQL, a search's slowest part.
    """
    if not ids:
        return {}
    plan = _plan()
    with backend().cursor() as cursor:
        cursor.execute(plan.sql.format(", ".join(["%s"] * len(ids))), list(ids))
        rows = cursor.fetchall()
    if plan.converters:  # values as the ORM would have them: JSON decoded, SQLite's dates parsed
        rows = plan.compiler.apply_converters(rows, plan.converters)
    record_names, library_names = plan.names
    split = len(record_names)
    # A page's records nearly always share a library or two: each library is built once.
    libraries: dict[int, Library] = {}
    records = {}
    for row in rows:
        record = Record.from_db(connection.alias, record_names, row[:split])
        if (library := libraries.get(record.library_id)) is None:
            library = libraries[record.library_id] = Library.from_db(connection.alias, library_names, row[split:])
        record.library = library
        records[record.pk] = record
    return records


def browse(*, filters: Filters, page: int = 1, per_page: int = 20) -> SearchResult:
    """Records matching the filters alone ("every e-book here"), newest first: for links without a query."""
    records = Record.objects.select_related("library")
    if filters.libraries is not None:
        records = records.filter(library_id__in=filters.libraries)
    if filters.format:
        records = records.filter(format=filters.format)
    if filters.language:
        records = records.filter(language=filters.language)
    if filters.available:
        records = records.filter(copies__status="available").distinct()
    result = SearchResult(query="", count=records.count(), records=[], page=page, per_page=per_page)
    offset = (page - 1) * per_page
    result.records = list(records.order_by("-year", "-pk")[offset : offset + per_page])
    return result


def _compute(query: Query, filters: Filters, offset: int, per_page: int, facets: bool, result) -> list[int]:
    """The ids of the page; sets the count and facets on `result`."""
    top: list[int] = []
    if facets and offset + per_page <= FACET_LIMIT:
        # One ranked query serves both the page and the facets' best matches.
        top, result.count, result.count_exact = _ranked_ids(query, filters, FACET_LIMIT, 0)
        ids = top[offset : offset + per_page]
    else:
        ids, result.count, result.count_exact = _ranked_ids(query, filters, per_page, offset)
        if facets and result.count:
            top = _ranked_ids(query, filters, FACET_LIMIT, 0)[0]
    if facets and result.count:
        result.facets = _facets(top)
        result.facets_limited = result.count > FACET_LIMIT
    return ids
