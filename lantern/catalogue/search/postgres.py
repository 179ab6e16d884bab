"""The PostgreSQL backend: a `tsvector` per record built from the token stream (no parser of its own: the
lexemes are ours, so the `simple` configuration never splits them), GIN-indexed, ranked by ts_rank.

Text fields carry weights A–D (title, authors, subjects, body); the special fields are kept apart by a
prefix on the lexeme (`i:` ISBN, `c:` single characters, `p:` pinyin).
"""

from .tokens import SEPARATOR, TEXT_FIELDS, Match, Query, title_key

TABLE = "catalogue_searchdoc"
CREATE = [
    # No foreign key to catalogue_record: Django's test flush TRUNCATEs the records table, which a
    # reference from this unmanaged table would forbid. Deleted records leave through delete_records.
    f"CREATE TABLE IF NOT EXISTS {TABLE} (record_id bigint PRIMARY KEY, library_id bigint NOT NULL, "
    "exact text NOT NULL DEFAULT '', doc tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_doc ON {TABLE} USING gin (doc)",
]
DROP = f"DROP TABLE IF EXISTS {TABLE}"
WEIGHT = dict(zip(TEXT_FIELDS, "ABCD", strict=True))
PREFIX = {"isbn": "i:", "chars": "c:", "pinyin": "p:", "titlekey": "k:"}
MAX_POSITION = 16383
# "The newest n matches" first walks this many newest records (times n / 1000) in primary-key order, which is
# fast when matches are dense (a common word); when that finds too few, the GIN index gives every match.
PROBE = 10000


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


def delete(cursor, record_ids) -> None:
    cursor.execute(f"DELETE FROM {TABLE} WHERE record_id = ANY(%s)", [list(record_ids)])  # noqa: S608


def clear(cursor) -> None:
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
        score="-ts_rank(s.doc, %s::tsquery)",
        score_params=[expression],
    )


def _fetch(cursor, sql, params) -> list[int]:
    cursor.execute(sql, params)
    return [row[0] for row in cursor.fetchall()]


def newest(cursor, match: Match, source, conditions, filter_params, limit, below=None) -> list[int]:
    """The newest `limit` matching ids (older than `below`).

    The planner cannot tell a word in 70% of records (walk the primary key backwards, stop soon) from one in
    2% (walking would read half the table; the GIN bitmap is 5-10 times faster), so try the walk over a
    bounded number of records first.
    """
    rid = match.record_id
    others = [*conditions, *([f"{rid} < %s"] if below else [])] or ["TRUE"]
    bound = [below] if below else []
    walked = _fetch(
        cursor,
        f"SELECT id FROM (SELECT {rid} AS id, s.doc AS doc FROM {source} WHERE {' AND '.join(others)} "  # noqa: S608
        f"ORDER BY {rid} DESC LIMIT %s) recent WHERE doc @@ %s::tsquery ORDER BY id DESC LIMIT %s",
        [*filter_params, *bound, max(PROBE, PROBE * limit // 1000), *match.params, limit],
    )
    if len(walked) >= limit:
        return walked
    where = " AND ".join([match.where, *others])
    # "+ 0" keeps the planner off the primary key: the bitmap of every match, then the newest of them.
    return _fetch(
        cursor,
        f"SELECT {rid} FROM {source} WHERE {where} ORDER BY {rid} + 0 DESC LIMIT %s",  # noqa: S608
        [*match.params, *filter_params, *bound, limit],
    )


def rank_newest(cursor, match: Match, source, conditions, filter_params, window) -> list[int]:
    """The newest `window` matching ids, best first by ts_rank (computed only for those)."""
    ids = newest(cursor, match, source, conditions, filter_params, window)
    return _fetch(
        cursor,
        f"SELECT s.record_id FROM {TABLE} s WHERE s.record_id = ANY(%s) ORDER BY {match.score}, s.record_id",  # noqa: S608
        [ids, *match.score_params],
    )
