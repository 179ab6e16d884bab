"""The SQLite backend: an FTS5 table (`unicode61` tokenizer) over the space-joined token stream."""

from django.db import connection

from . import ranking
from .tokens import FIELDS, SEPARATOR, Match, Query, title_key

TABLE = "catalogue_search"
# The library is also an indexed token ("l" + id) in its own column, so that the library filter is part of
# the full-text match: filtering on the UNINDEXED library_id read every match's stored row (25 times slower).
LIBRARY_COLUMN = "library"
# So a filter naming every library is dropped before it becomes part of the match (search._narrowing).
LIBRARY_IN_INDEX = True
COLUMNS = f"{', '.join(FIELDS)}, exact UNINDEXED, library_id UNINDEXED, {LIBRARY_COLUMN}"


def cursor():
    return connection.cursor()


def create_sql(table: str = TABLE) -> str:
    return f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({COLUMNS}, tokenize='unicode61')"


CREATE = create_sql()
DROP = f"DROP TABLE IF EXISTS {TABLE}"
# Values are always parameters; the table and column names are the constants above.
INSERT = (
    f"INSERT INTO {TABLE} (rowid, {', '.join(FIELDS)}, exact, library_id, {LIBRARY_COLUMN}) "  # noqa: S608
    f"VALUES ({', '.join(['%s'] * (len(FIELDS) + 4))})"
)


def write(cursor, documents, replace: bool = True) -> None:
    """Insert the documents; `replace=False` when they are known not to be indexed yet (faster)."""
    documents = list(documents)
    if replace:
        delete(cursor, [doc.record_id for doc in documents])
    cursor.executemany(
        INSERT,
        [
            (
                doc.record_id,
                *(" ".join(doc.fields[name]) for name in FIELDS),
                doc.exact,
                doc.library_id,
                library_token(doc.library_id),
            )
            for doc in documents
        ],
    )


def finish(cursor) -> None:
    """After a rebuild: nothing (FTS5 keeps its own statistics as it goes)."""


def delete(cursor, record_ids) -> None:
    record_ids = list(record_ids)
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)  # noqa: S608


def clear(cursor, rebuild: bool = False) -> None:
    """Empty the index (FTS5 has no index apart from its table to set aside for a rebuild)."""
    cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608


def library_token(library_id) -> str:
    return f"l{int(library_id)}"


def _phrase(tokens) -> str:
    return '"' + " ".join(token.replace('"', "") for token in tokens if token != SEPARATOR) + '"'


def match(query: Query, libraries=None) -> Match:
    """The SQL pieces that find and rank the records matching `query` in these libraries (ids; None: all)."""
    alternatives = []
    if query.terms:
        parts = []
        for term in query.terms:
            columns = "chars" if term.field == "chars" else " ".join(("title", "authors", "subjects", "body"))
            parts.append(f"{{{columns}}} : {_phrase(term.tokens)}")
        alternatives.append("(" + " AND ".join(parts) + ")")
    if query.pinyin:
        alternatives.append(f"(pinyin : {_phrase(query.pinyin)})")
    if query.isbn:
        alternatives.append(f"(isbn : {_phrase(query.isbn)})")
    expression = " OR ".join(alternatives)
    if libraries is not None:
        tokens = " OR ".join(library_token(pk) for pk in list(libraries) or [0])
        expression = f"({expression}) AND ({LIBRARY_COLUMN} : ({tokens}))"
    return Match(
        source=TABLE,
        # CROSS JOIN keeps the full-text match as the outer loop (SQLite would otherwise scan records first).
        join=f"CROSS JOIN catalogue_record r ON r.id = {TABLE}.rowid",
        record_id=f"{TABLE}.rowid",
        library_id=f"{TABLE}.library_id",
        where=f"{TABLE} MATCH %s",
        params=[expression],
        exact_params=[f"({expression}) AND titlekey : {_phrase([title_key(query.exact)])}"],
        filters_library=libraries is not None,
    )


def _fetch(cursor, sql, params) -> list[int]:
    cursor.execute(sql, params)
    return [row[0] for row in cursor.fetchall()]


def newest(cursor, query: Query, match: Match, source, conditions, filter_params, limit) -> list[int]:
    """The newest `limit` matching ids, newest first: FTS5 walks its index in rowid order and stops there."""
    where = " AND ".join([match.where, *conditions])
    return _fetch(
        cursor,
        f"SELECT {match.record_id} FROM {source} WHERE {where} ORDER BY {match.record_id} DESC LIMIT %s",  # noqa: S608
        [*match.params, *filter_params, limit],
    )


def exact_and_ranked(cursor, query: Query, match: Match, source, where, filter_params, window, rank: bool):
    """The ids of the matches whose title is exactly the query, and those with the `window` of matches, best first
    (`ranking.order` over their indexed fields) when `rank`, else exact titles and window in that order."""
    exact = _fetch(cursor, match.exact_select(source, where), [*match.exact_params, *filter_params])
    candidates = list(dict.fromkeys(exact + window))
    return set(exact), ranking.order(query, _documents(cursor, candidates)) if rank else candidates


def _documents(cursor, ids) -> dict[int, tuple[str, ...]]:
    """The ranked fields of these records as indexed (tokens joined by spaces), for `ranking.order`.

    Read from FTS5's own copy of the columns (the `_content` table, one column `c0`, `c1`, … per indexed
    column in order) by id, rather than through the full-text table, which answers `rowid IN (…)` at half
    the speed; and on the SQLite connection itself, whose placeholders are already `?`: Django's
    translation of 500 of them took 40% of the time.
    """
    # A column never written (an index from before the column existed) reads as empty text.
    columns = ", ".join(f"ifnull(c{FIELDS.index(name)}, '')" for name in ranking.RANKED_FIELDS)
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = cursor.db.connection.execute(
            f"SELECT id, {columns} FROM {TABLE}_content WHERE id IN ({', '.join(['?'] * len(chunk))})",  # noqa: S608
            chunk,
        )
        found.update((row[0], row[1:]) for row in rows)
    return found
