"""The one token stream both search backends index, and the parsing of what a reader types.

Text is folded (NFKC, lower case, Traditional→Simplified), then Chinese runs become overlapping character
bigrams (a query of two or more characters is a phrase of its bigrams, which gives exact substring recall
on the two-character words readers type most), Latin words become English Snowball stems, numbers stay.
Single characters go to their own field for one-character queries, pinyin of title and authors (as pairs of
syllables) to another, and every ISBN is indexed as ISBN-13 and ISBN-10.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import opencc
import snowballstemmer
from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from lantern.catalogue.isbn import to_isbn10, to_isbn13

# Text fields searched by ordinary words, in ranking order; then the special fields.
TEXT_FIELDS = ("title", "authors", "subjects", "body")
FIELDS = (*TEXT_FIELDS, "isbn", "chars", "pinyin", "titlekey")
# Between two runs or two list items, so that a phrase never matches across them.
SEPARATOR = "ǂ"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_PIECE = re.compile(rf"([{_HAN}]+)|([^\W\d_{_HAN}]+)|(\d+)")
_NOT_WORD = re.compile(r"[\W_]+")
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_converter = opencc.OpenCC("t2s")
_stemmer = snowballstemmer.stemmer("english")


def normalise(text: str) -> str:
    """NFKC, lower case, Simplified: the form in which everything is compared."""
    return _converter.convert(unicodedata.normalize("NFKC", text or "").lower())


def exact_key(text: str) -> str:
    """A title as compared for "exact title match": normalised, without spaces or punctuation."""
    return _NOT_WORD.sub("", normalise(text))


def title_key(exact: str) -> str:
    """One index token standing for a whole exact title, so "exact title first" is an index lookup."""
    return "k" + hashlib.blake2b(exact.encode(), digest_size=8).hexdigest() if exact else ""


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _bigrams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def text_tokens(text: str) -> list[str]:
    """Tokens of already normalised text, with SEPARATOR between Chinese runs."""
    tokens: list[str] = []
    for han, word, number in _PIECE.findall(text):
        if han:
            if tokens and tokens[-1] != SEPARATOR:
                tokens.append(SEPARATOR)
            tokens.extend(_bigrams(han))
            tokens.append(SEPARATOR)
        elif word:
            tokens.append(_stem(word))
        else:
            tokens.append(number)
    if tokens and tokens[-1] == SEPARATOR:
        tokens.pop()
    return tokens


def _list_tokens(values) -> list[str]:
    """Tokens of several normalised values (authors, subjects), SEPARATOR between them."""
    tokens: list[str] = []
    for value in values:
        if part := text_tokens(value):
            if tokens:
                tokens.append(SEPARATOR)
            tokens.extend(part)
    return tokens


@lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, ...]:
    han = "".join(re.findall(rf"[{_HAN}]+", text))
    return tuple(syllable for syllable in lazy_pinyin(han) if syllable.isalpha()) if han else ()


def isbn_tokens(isbns) -> list[str]:
    tokens = []
    for value in isbns:
        if isbn13 := to_isbn13(value):
            tokens.append(isbn13)
            if isbn10 := to_isbn10(isbn13):
                tokens.append(isbn10.lower())
    return tokens


@dataclass
class Document:
    """What the index holds for one record: tokens per field and the title's exact key."""

    record_id: int
    library_id: int
    fields: dict[str, list[str]]
    exact: str


def _normalise_all(parts: list[str]) -> list[str]:
    # One conversion call for the whole record: OpenCC's cost is mostly per call, not per character.
    joined = normalise("\n".join(part.replace("\n", " ") for part in parts))
    result = joined.split("\n")
    return result if len(result) == len(parts) else [normalise(part) for part in parts]


def document(record) -> Document:
    """The index document of a record: a Record (with `isbn_set` prefetched) or any object with its
    fields, `pk`, `library_id` and `isbns`."""
    authors = [author for author in record.authors or [] if isinstance(author, str)]
    subjects = [subject for subject in record.subjects or [] if isinstance(subject, str)]
    body = " ".join(
        part for part in (record.summary, record.publisher, record.responsibility, record.classification) if part
    )
    normalised = _normalise_all([record.title, record.subtitle or "", body, *authors, *subjects])
    title_only, subtitle, body = normalised[:3]
    authors, subjects = normalised[3 : 3 + len(authors)], normalised[3 + len(authors) :]
    title = f"{title_only} {subtitle}" if subtitle else title_only
    fields = {
        "title": text_tokens(title),
        "authors": _list_tokens(authors),
        "subjects": _list_tokens(subjects),
        "body": text_tokens(body),
        "isbn": isbn_tokens(record.isbns),
        "chars": sorted(set(_HAN_CHAR.findall("\n".join(normalised)))),
    }
    pinyin: list[str] = []
    for text in (title, *authors):
        if pairs := syllable_pairs(_pinyin(text)):
            if pinyin:
                pinyin.append(SEPARATOR)
            pinyin.extend(pairs)
    fields["pinyin"] = pinyin
    exact = _NOT_WORD.sub("", title_only)
    fields["titlekey"] = [title_key(exact)] if exact else []
    return Document(record.pk, record.library_id, fields, exact)


def syllable_pairs(syllables) -> list[str]:
    """Each two neighbouring syllables as one token ("hong lou meng" → honglou, loumeng).

    Pinyin is indexed and searched as these pairs, not as syllables: there are about 400 syllables, so each
    is in a large share of the records, and a phrase of them ("yu hua") had to be checked position by
    position in every record holding all of its syllables; a pair is rare, and a pinyin query is always
    two syllables or more.
    """
    return [first + second for first, second in pairwise(syllables)]


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (ü written v), from pypinyin's own dictionary."""
    # Tone marks are stripped from the ~1,500 distinct readings, not from each of the 40,000 characters'
    # (that took a quarter of a second, paid by the first reader who typed Latin letters).
    readings = {reading for value in pinyin_dict.values() for reading in value.split(",")}
    syllables = set()
    for reading in readings:
        plain = "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c))
        syllables.add(plain.replace("ü", "v").lower())
    return frozenset(s for s in syllables if s.isalpha() and s.isascii())


def split_pinyin(text: str) -> list[str] | None:
    """ "hongloumeng" or "hong lou meng" → ["hong", "lou", "meng"]; None unless all of it is pinyin."""
    letters = re.sub(r"[\s'’-]+", "", text.lower())
    if not letters or not letters.isascii() or not letters.isalpha():
        return None
    valid = pinyin_syllables()
    # Fewest syllables wins (xian, not xi an), by dynamic programming over the string.
    best: list[list[str] | None] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 6), end):
            prefix = best[start]
            if prefix is not None and letters[start:end] in valid:
                candidate = [*prefix, letters[start:end]]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    result = best[-1]
    # A single syllable ("an", "he") is an ordinary word far more often than a pinyin search.
    return result if result and len(result) >= 2 else None


@dataclass
class Term:
    """One part of a query, which every match must contain: a phrase of text tokens, or one character."""

    tokens: list[str]
    field: str = "text"  # "text" (any text field) or "chars"


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    pinyin: list[str] | None = None
    isbn: list[str] | None = None
    exact: str = ""

    def __bool__(self) -> bool:
        return bool(self.terms or self.pinyin or self.isbn)


@dataclass
class Match:
    """A backend's SQL for one query: its table, how to join records (for filters) and the match."""

    source: str
    join: str
    record_id: str
    library_id: str
    where: str
    params: list
    exact_params: list  # for `where`, restricted to records whose title is exactly the query
    filters_library: bool = False  # the match itself keeps to the libraries asked for

    def exact_select(self, source: str, where: str) -> str:
        """The matches whose title is exactly the query, newest first: `where` with `exact_params` for the match."""
        return f"SELECT {self.record_id} FROM {source} WHERE {where} ORDER BY {self.record_id} DESC"  # noqa: S608


@lru_cache(maxsize=4096)
def parse_query(text: str) -> Query:
    """What a reader typed, as terms (all must match), OR a pinyin phrase, OR an ISBN.

    Cached: readers type the same words again and again. The Query returned is shared; do not change it.
    """
    folded = normalise(text)
    query = Query(exact=exact_key(text))
    if isbn13 := to_isbn13(text.strip()):
        query.isbn = [isbn13]
        return query
    for han, word, number in _PIECE.findall(folded):
        if han:
            if len(han) == 1:
                query.terms.append(Term([han], "chars"))
            else:
                query.terms.append(Term(_bigrams(han)))
        elif word:
            query.terms.append(Term([_stem(word)]))
        else:
            query.terms.append(Term([number]))
    if syllables := split_pinyin(text):
        query.pinyin = syllable_pairs(syllables)
    return query
