"""Relevance ranking of a query's matches: BM25 over the indexed fields of the few matches being ordered.

Used by the SQLite backend, over at most RANK_WINDOW documents, instead of FTS5's bm25(): bm25() first
weighs every phrase of the query by reading all of its matches in the whole index (the phrase's document
frequency), which at a million records cost 20–150 ms for a common word, more than everything else a
search does. Every match holds every term of the query (terms are ANDed), so that weight changes little
between the records being ordered and is left out: each phrase counts equally, and a record scores by how
often and in which fields the phrase appears, against its length (BM25's saturation and length norm).
"""

from .tokens import SEPARATOR, TEXT_FIELDS, Query

# Field weights: a word in the title counts ten times a word in the summary. Single characters are not
# ranked: they only serve one-character queries, which are never ranked.
WEIGHTS = {"title": 10.0, "authors": 6.0, "subjects": 4.0, "body": 1.0, "isbn": 5.0, "pinyin": 3.0}
# The fields a document brings for ranking, in this order.
RANKED_FIELDS = tuple(WEIGHTS)
K1 = 1.2
B = 0.75


def phrases(query: Query) -> list[tuple[tuple[str, ...], str]]:
    """(fields searched, the phrase as space-joined tokens) for each part of the query."""
    found = []
    for term in query.terms:
        fields = ("chars",) if term.field == "chars" else TEXT_FIELDS
        found.append((fields, " ".join(token for token in term.tokens if token != SEPARATOR)))
    if query.pinyin:
        found.append((("pinyin",), " ".join(token for token in query.pinyin if token != SEPARATOR)))
    if query.isbn:
        found.append((("isbn",), " ".join(query.isbn)))
    return found


def order(query: Query, documents: dict[int, tuple[str, ...]]) -> list[int]:
    """The ids of `documents` best first, ties oldest first.

    Each document is the text of its RANKED_FIELDS, in that order: the field's tokens joined by spaces. Its
    length, for BM25's length norm, is counted in characters (in proportion to its tokens, and free).
    """
    if not documents:
        return []
    wanted = [
        (phrase, [(RANKED_FIELDS.index(name), WEIGHTS[name]) for name in names if name in WEIGHTS])
        for names, phrase in phrases(query)
    ]
    lengths = {pk: sum(map(len, texts)) for pk, texts in documents.items()}
    # BM25's norm, K1 * (1 - B + B * length / average), as a constant plus a factor of the length.
    constant, factor = K1 * (1 - B), K1 * B / (sum(lengths.values()) / len(lengths) or 1.0)
    scores = {}
    for pk, texts in documents.items():
        score = 0.0
        norm = constant + factor * lengths[pk]
        for phrase, fields in wanted:
            frequency = 0.0
            for index, weight in fields:
                text = texts[index]
                # The cheap test first: most fields of a match do not hold the phrase at all.
                if phrase in text:
                    frequency += weight * occurrences(text, phrase)
            score += frequency * (K1 + 1) / (frequency + norm)
        scores[pk] = score
    return sorted(documents, key=lambda pk: (-scores[pk], pk))


def occurrences(text: str, phrase: str) -> int:
    """How many times the whole tokens of `phrase` stand in `text` (both: tokens joined by spaces)."""
    padded = f" {text} "
    found = padded.count(f" {phrase} ")
    if found and f" {phrase} {phrase} " in padded:
        # str.count does not overlap, so back-to-back repeats share a space and count once; doubled spaces
        # give each its own.
        found = f" {text.replace(' ', '  ')} ".count(f" {phrase.replace(' ', '  ')} ")
    return found
