"""The PostgreSQL backend: a `tsvector` per record built from the token stream (no parser of its own: the
lexemes are ours, so the `simple` configuration never splits them), GIN-indexed, ranked by ts_rank.

Text fields carry weights A–D (title, authors, subjects, body); the special fields are kept apart by a
prefix on the lexeme (`i:` ISBN, `c:` single characters, `p:` pinyin).
"""

import time

import psycopg
from django.db import connection

from .tokens import SEPARATOR, TEXT_FIELDS, Match, Query, title_key

TABLE = "catalogue_searchdoc"
TUNING = [
    # A search reads at most a few thousand rows, but the planner, estimating far more for a common word in an
    # index of the newest records, started parallel workers: 30 ms to start them for a 4 ms read.
    f"ALTER TABLE {TABLE} SET (parallel_workers = 0)",
    # `newest` picks how to read a word's matches by its frequency in these statistics; at the default target
    # only the 1,000 commonest lexemes are listed, and a word in 1% of the records was taken for one in 0.5%.
    f"ALTER TABLE {TABLE} ALTER COLUMN doc SET STATISTICS 1000",
]
INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_doc ON {TABLE} USING gin (doc)"
CREATE = [
    # No foreign key to catalogue_record: Django's test flush TRUNCATEs the records table, which a
    # reference from this unmanaged table would forbid. Deleted records leave through delete_records.
    f"CREATE TABLE IF NOT EXISTS {TABLE} (record_id bigint PRIMARY KEY, library_id bigint NOT NULL, "
    "exact text NOT NULL DEFAULT '', doc tsvector NOT NULL)",
    INDEX,
    *TUNING,
]
DROP = f"DROP TABLE IF EXISTS {TABLE}"
WEIGHT = dict(zip(TEXT_FIELDS, "ABCD", strict=True))
PREFIX = {"isbn": "i:", "chars": "c:", "pinyin": "p:", "titlekey": "k:"}
MAX_POSITION = 16383
# The library filter is a test of a column here, as cheap when it names every library as when it names one.
LIBRARY_IN_INDEX = False


# A search's statements are prepared, once per connection, the PREPARE_AFTER-th time their text runs: planning one
# took 0.2–0.4 ms, as long as running it. Django's cursors bind parameters on the client and cannot prepare.
PREPARE_AFTER = 5


def cursor():
    """A cursor binding its parameters on the server, so that psycopg prepares its statements; on Django's connection
    (the same transaction) and wrapped as Django wraps its own (query logging and execute wrappers see it)."""
    connection.ensure_connection()
    raw = connection.connection
    raw.prepare_threshold = PREPARE_AFTER  # Django's own cursors never prepare: this changes nothing for them
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    return wrap(psycopg.Cursor(raw))


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(fields: dict[str, list[str]]) -> str:
    """The tsvector literal of a document; a gap between fields so that no phrase spans two."""
    positions: dict[str, list[str]] = {}
    position = 1
    for name, tokens in fields.items():
        weight = WEIGHT.get(name, "D")
        prefix = PREFIX.get(name, "")
        for token in tokens:
            if token != SEPARATOR:
                slots = positions.setdefault(prefix + token, [])
                if len(slots) < 256:
                    slots.append(f"{min(position, MAX_POSITION)}{weight}")
            position += 1
        position += 2
    return " ".join(f"{_quote(lexeme)}:{','.join(slots)}" for lexeme, slots in positions.items())


def write(cursor, documents, replace: bool = True) -> None:
    rows = [(doc.record_id, doc.library_id, doc.exact, tsvector(doc.fields)) for doc in documents]
    cursor.executemany(
        f"INSERT INTO {TABLE} (record_id, library_id, exact, doc) VALUES (%s, %s, %s, %s::tsvector) "  # noqa: S608
        "ON CONFLICT (record_id) DO UPDATE SET library_id = EXCLUDED.library_id, exact = EXCLUDED.exact, "
        "doc = EXCLUDED.doc",
        rows,
    )


def finish(cursor) -> None:
    """After a rebuild: the GIN index (set aside by `clear`), the indexes of the newest records (RECENT) and fresh
    statistics, which `newest` reads to choose how to read matches."""
    # GIN gathers its lists in this much memory before writing them: the default 64 MB is small for a million rows.
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    cursor.execute(INDEX)
    cursor.execute(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE i.indrelid = %s::regclass AND i.indpred IS NOT NULL AND c.relname LIKE %s",
        [TABLE, f"{TABLE}_recent_%"],
    )
    for (name,) in cursor.fetchall():
        cursor.execute(f'DROP INDEX "{name}"')
    cursor.execute(f"SELECT max(record_id), count(*) FROM {TABLE}")  # noqa: S608
    top, rows = cursor.fetchone()
    for size in RECENT:
        if rows > size:  # else the whole index is as small
            # Records added later have higher ids and join the index too; the next rebuild moves the bound.
            # "+ 0": a bound the primary key cannot use, or PostgreSQL walks the range testing every row.
            cursor.execute(
                f"CREATE INDEX {TABLE}_recent_{size} ON {TABLE} USING gin (doc) WHERE record_id + 0 > {top - size:d}"
            )
    cursor.execute(f"ANALYZE {TABLE}")
    _stats["at"] = None


def delete(cursor, record_ids) -> None:
    cursor.execute(f"DELETE FROM {TABLE} WHERE record_id = ANY(%s)", [list(record_ids)])  # noqa: S608


def clear(cursor, rebuild: bool = False) -> None:
    """Empty the index; for a `rebuild`, also set its GIN index aside until `finish`: writing 40,000 documents
    took 7.4 s with it kept up to date and 3.4 s without, then 2.2 s to build it."""
    if rebuild:
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_doc")
    cursor.execute(f"TRUNCATE {TABLE}")


def _phrase(tokens, prefix="") -> str:
    lexemes = [_quote(prefix + token) for token in tokens if token != SEPARATOR]
    return "(" + " <-> ".join(lexemes) + ")"


def match(query: Query, libraries=None) -> Match:
    """The SQL pieces that find and rank the records matching `query`."""
    alternatives = []
    if query.terms:
        parts = [_phrase(term.tokens, "c:" if term.field == "chars" else "") for term in query.terms]
        alternatives.append("(" + " & ".join(parts) + ")")
    if query.pinyin:
        alternatives.append(_phrase(query.pinyin, "p:"))
    if query.isbn:
        alternatives.append(_phrase(query.isbn, "i:"))
    expression = " | ".join(alternatives)
    return Match(
        source=f"{TABLE} s",
        join="JOIN catalogue_record r ON r.id = s.record_id",
        record_id="s.record_id",
        library_id="s.library_id",
        where="s.doc @@ %s::tsquery",
        params=[expression],
        exact_params=[f"({expression}) & {_quote('k:' + title_key(query.exact))}"],
    )


def _fetch(cursor, sql, params) -> list[int]:
    """The ids `sql` selects, newest first, as one array: psycopg took 1.1 µs to build each row (1,001 ids as rows
    1.7 ms, as an array 1.0 ms)."""
    cursor.execute(f"SELECT array_agg(id ORDER BY id DESC) FROM ({sql}) found (id)", params)  # noqa: S608
    return cursor.fetchone()[0] or []


# How "the newest n matches" are read depends on how common the query is (see `newest`).
# Rarer than this many times n: every match from the GIN index, then the newest of them.
RARE = 3
# In at least this share of records: walk the primary key backwards until n are found.
DENSE = 0.15
# Between the two: the GIN bitmap ANDed with a range of the newest ids, widened until n are found.
MARGIN = 1.5
# The index of the newest records read first is the smallest expected to hold this many times the matches wanted:
# when it holds fewer, the next one reads the older part of its range. 1.5 read 1.5–2.3 times the rows needed
# (p95 11.1 ms at a million records against 8.9 ms at 1.0), and no query of the bench's 200 needed a second index
# at 1.0.
INDEX_MARGIN = 1.0
# Also GIN-indexed apart: the newest this many records (as of the last rebuild, `finish`). A phrase's every
# match in the GIN index is read and its positions checked before a range of ids can set it aside (PostgreSQL
# estimates a phrase as rare, so it never ANDs the primary key's range in): 110 ms for a Chinese phrase in 1%
# of a million records. In the index of the newest 100,000 the same read takes 5 ms. The steps are close (at most
# 1.5 times apart above 50,000) because the chosen index is read whole: a word in 1% of the records, read from
# the newest 300,000 for lack of one of 150,000, took 12.5 ms instead of 5–7.
RECENT = (10_000, 30_000, 50_000, 100_000, 150_000, 200_000, 300_000)
PROBES = 3
STATS_SECONDS = 60
_stats: dict = {"at": None}
STATISTICS = (
    "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples, "  # noqa: S608
    f"(SELECT max(record_id) FROM {TABLE}), "
    # The bound of each index of the newest records, from its predicate "((record_id + 0) > 900000)".
    "(SELECT array_agg(substring(pg_get_expr(i.indpred, i.indrelid) FROM '> (\\d+)')::bigint) FROM pg_index i "
    "WHERE i.indrelid = c.oid AND i.indpred IS NOT NULL) "
    "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = "
    "current_schema() AND s.tablename = %s AND s.attname = 'doc' WHERE c.oid = %s::regclass"
)


def _statistics(cursor) -> dict:
    """How common each common lexeme is (PostgreSQL's own statistics of the column), the number of indexed
    records and the highest record id; read again after STATS_SECONDS. Empty before the first ANALYZE."""
    now = time.monotonic()
    if _stats["at"] is not None and now - _stats["at"] < STATS_SECONDS:
        return _stats
    cursor.execute(STATISTICS, [TABLE, TABLE])
    elements, frequencies, rows, top, recent = cursor.fetchone()
    frequency = dict(zip(elements or [], frequencies or [], strict=False))
    # After the elements' own frequencies come the lowest and the highest of them: a lexeme missing from
    # the list is rarer than the lowest (PostgreSQL's planner takes half of it).
    floor = frequencies[len(elements)] / 2 if elements and len(frequencies) > len(elements) else None
    _stats.update(
        at=now, frequency=frequency, floor=floor, rows=max(rows or 0, 0), top=top or 0, recent=sorted(recent or [])
    )
    return _stats


def _expected(query: Query, stats) -> float | None:
    """About how many records match `query` (an overestimate), from the statistics; None when unknown."""
    if not stats["frequency"] or not stats["rows"]:
        return None

    def rarest(lexemes):
        return min((stats["frequency"].get(lexeme, stats["floor"]) for lexeme in lexemes), default=0.0)

    share = 0.0
    if query.terms:
        # Every term must match, and a term matches only where its rarest lexeme is.
        share += min(
            rarest(PREFIX["chars"] + t if term.field == "chars" else t for t in term.tokens if t != SEPARATOR)
            for term in query.terms
        )
    if query.pinyin:
        share += rarest(PREFIX["pinyin"] + t for t in query.pinyin if t != SEPARATOR)
    if query.isbn:
        share += rarest(PREFIX["isbn"] + t for t in query.isbn)
    return min(share, 1.0) * stats["rows"]


def newest(cursor, query: Query, match: Match, source, conditions, filter_params, limit) -> list[int]:
    """The newest `limit` matching ids, newest first, reading as few records as the query's commonness allows.

    The GIN index finds matches but not in id order, and each match it yields costs a read of its row: for a
    word in 2% of a million records, finding its newest 1,000 that way reads 20,000 rows. So:
    - rare (at most RARE times `limit` matches expected): every match, then the newest;
    - common (in DENSE of the records or more): walk the ids backwards, testing each row, until `limit`;
    - between: the matches among the newest ids only: first from the smallest index of the newest records
      (RECENT) expected to hold `limit`, else the largest; then, when what it held says few older matches
      remain, all of those; else the older part of the next index expected to hold the rest, and so on; after
      the largest (and without such indexes) the GIN bitmap ANDed with the primary key's, in ranges wide enough
      for the rest at the density found so far.
    """
    rid = match.record_id
    stats = _statistics(cursor)
    expected = _expected(query, stats)
    where = " AND ".join([match.where, *conditions])
    params = [*match.params, *filter_params]
    if expected is None or expected <= RARE * limit:
        # "+ 0" keeps the planner off the primary key: the bitmap of every match, then the newest of them.
        return _fetch(
            cursor,
            f"SELECT {rid} FROM {source} WHERE {where} ORDER BY {rid} + 0 DESC LIMIT %s",  # noqa: S608
            [*params, limit],
        )
    density = expected / stats["rows"]
    if density >= DENSE:
        # Rows are read newest first until `limit` match; the LIMIT inside keeps the planner off the GIN index.
        others = " AND ".join(conditions) or "TRUE"
        return _fetch(
            cursor,
            f"SELECT id FROM (SELECT {rid} AS id, s.doc AS doc FROM {source} WHERE {others} "  # noqa: S608
            f"ORDER BY {rid} DESC LIMIT %s) recent WHERE doc @@ %s::tsquery LIMIT %s",
            [*filter_params, max(stats["rows"], stats["top"]) + limit, *match.params, limit],
        )
    found: list[int] = []
    upper = None
    low = stats["top"]
    recent = stats.get("recent", [])
    if recent:
        top, newer = stats["top"], None
        while True:
            # The smallest index of the newest records (RECENT) expected to hold the matches still wanted, among
            # those reaching below what was read before, else the largest; the bound written out as in the index's
            # own predicate, so that the planner can choose it. Older matches were never read: `newer` bounds them.
            wanted = limit - len(found)
            below = [b for b in reversed(recent) if newer is None or b < newer]
            bound = next((b for b in below if density * ((newer or top) - b) >= INDEX_MARGIN * wanted), below[-1])
            older = "" if newer is None else f" AND {rid} + 0 <= {int(newer)}"
            found += _fetch(
                cursor,
                f"SELECT {rid} FROM {source} WHERE {where} AND {rid} + 0 > {int(bound)}{older} "  # noqa: S608
                f"ORDER BY {rid} + 0 DESC LIMIT %s",
                [*params, wanted],
            )
            if len(found) >= limit:
                return found
            # The statistics only bound how common a word is; what the newest records held says it better.
            density = len(found) / max(top - bound, 1)
            if density * bound <= RARE * limit:
                # Few matches are older: every one of them (the GIN bitmap, "+ 0" keeps the planner off the key).
                return found + _fetch(
                    cursor,
                    f"SELECT {rid} FROM {source} WHERE {where} AND {rid} + 0 <= {int(bound)} "  # noqa: S608
                    f"ORDER BY {rid} + 0 DESC LIMIT %s",
                    [*params, limit - len(found)],
                )
            if bound == recent[0]:  # the largest index is read: the rest in ranges of the primary key
                break
            newer = bound
        density = max(density, 1 / max(bound, 1))
        upper = low = bound + 1
    for probe in range(PROBES + 1):
        wanted = limit - len(found)
        if probe < PROBES:
            low -= int(MARGIN * wanted / density) + 1
        bounds = ([f"{rid} >= %s"] if probe < PROBES else []) + ([f"{rid} < %s"] if upper is not None else [])
        values = ([low] if probe < PROBES else []) + ([upper] if upper is not None else [])
        batch = _fetch(
            cursor,
            f"SELECT {rid} FROM {source} WHERE {' AND '.join([where, *bounds])} "  # noqa: S608
            f"ORDER BY {rid} + 0 DESC LIMIT %s",
            [*params, *values, wanted],
        )
        found += batch
        if len(found) >= limit or probe == PROBES or low <= 0:
            break
        # The next range at the density this one showed (never assumed below an eighth of the estimate).
        span = (stats["top"] if upper is None else upper) - low
        density = max(len(batch) / max(span, 1), density / 8)
        upper = low
    return found


def exact_and_ranked(cursor, query: Query, match: Match, source, where, filter_params, window, rank: bool):
    """The ids of the matches whose title is exactly the query, and those with the `window` of matches, best first
    by ts_rank (computed only for them; ties oldest first) when `rank`, else exact titles and window in that order.

    One statement when ranked: the exact titles' lookup alone took 0.05 ms to run and 0.25 ms to plan. Its answer
    is two arrays (as in `_fetch`).
    """
    if not rank:
        exact = _fetch(cursor, match.exact_select(source, where), [*match.exact_params, *filter_params])
        return set(exact), list(dict.fromkeys(exact + window))
    # The window as an array literal: psycopg's dumper ran a regular expression over each of the 300 ids.
    ids = "{" + ",".join(map(str, window)) + "}"
    cursor.execute(
        "SELECT array_agg(id ORDER BY rank DESC, id), array_agg(id) FILTER (WHERE exact) FROM ("  # noqa: S608
        f"SELECT {match.record_id} AS id, s.doc @@ %s::tsquery AS exact, ts_rank(s.doc, %s::tsquery) AS rank "
        f"FROM {source} WHERE {match.record_id} = ANY(%s::bigint[]) OR ({where})) found",
        [*match.exact_params, *match.params, ids, *match.exact_params, *filter_params],
    )
    ranked, exact = cursor.fetchone()
    return set(exact or []), ranked or []
