"""A seeded generator of realistic bilingual catalogue records, for the demo and the search benchmark.

Chinese titles are built from real word lists by theme (epidemic, health, history, literature, children,
society), some in Traditional script as Taiwan and Hong Kong publishers print them; English titles,
Chinese and English author names, CLC classification numbers, valid ISBN-13s. The first records are
well-known books (红楼梦 by 曹雪芹, The Plague by Albert Camus...) so that searching by Traditional form
or by pinyin is easy to show. Records are plain dicts: the same seed and count give the same records.
"""

import random
from collections.abc import Iterator

import opencc

from lantern.catalogue.isbn import _isbn13_check

from .titles import FAMOUS, THEMES
from .vocabulary import (
    EN_ADJECTIVES,
    EN_PUBLISHERS,
    EN_TEMPLATES,
    FIRST,
    GIVEN,
    LAST,
    SURNAMES,
    TW_PUBLISHERS,
    ZH_AUDIENCES,
    ZH_PUBLISHERS,
    ZH_SUFFIXES,
)

FORMATS = (
    ["print_book"] * 60 + ["ebook"] * 25 + ["audiobook"] * 5 + ["video"] * 3 + ["database"] * 2 + ["periodical"] * 5
)
_to_traditional = opencc.OpenCC("s2t")


def isbn13(prefix: str, serial: int) -> str:
    """A valid ISBN-13: `prefix` (e.g. "9787") followed by the serial number, and its check digit."""
    core = prefix + str(serial).zfill(12 - len(prefix))
    return core + _isbn13_check(core)


def _chinese(rng: random.Random, theme: str, index: int, traditional: bool) -> dict:
    words, clc, zh_subjects, _en_subjects, _en_words = THEMES[theme]
    other = THEMES[rng.choice(list(THEMES))][0]
    first, second = rng.choice(words), rng.choice(other)
    shape = rng.random()
    if shape < 0.45:
        title = f"{first}{rng.choice(ZH_SUFFIXES)}"
    elif shape < 0.8:
        title = f"{first}与{second}"
    else:
        title = f"{first}{second}{rng.choice(ZH_SUFFIXES)}"
    authors = [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(rng.choice((1, 1, 1, 2)))]
    summary = f"本书介绍了{first}与{second}的基本知识和实用方法，适合{rng.choice(ZH_AUDIENCES)}阅读。"
    record = {
        "title": title,
        "authors": authors,
        "language": "chi",
        "publisher": rng.choice(TW_PUBLISHERS if traditional else ZH_PUBLISHERS),
        "subjects": rng.sample(zh_subjects, 2),
        "classification": f"{clc}{rng.randint(1, 99)}.{rng.randint(1, 9)}",
        "summary": summary,
        "isbns": [isbn13("9787", index)],
    }
    if traditional:
        for key in ("title", "summary"):
            record[key] = _to_traditional.convert(record[key])
        record["authors"] = [_to_traditional.convert(author) for author in authors]
        record["subjects"] = [_to_traditional.convert(subject) for subject in record["subjects"]]
    return record


def _plural(word: str) -> str:
    if word.lower().endswith("us"):
        return word + "es"
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _english(rng: random.Random, theme: str, index: int) -> dict:
    _words, clc, _zh, en_subjects, en_words = THEMES[theme]
    noun, other = rng.choice(en_words).capitalize(), rng.choice(en_words).capitalize()
    title = rng.choice(EN_TEMPLATES).format(
        A=rng.choice(EN_ADJECTIVES), N=noun, M=other, Ns=_plural(noun), Ms=_plural(other)
    )
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice((1, 1, 2)))]
    return {
        "title": title,
        "authors": authors,
        "language": "eng",
        "publisher": rng.choice(EN_PUBLISHERS),
        "subjects": rng.sample(en_subjects, 2),
        "classification": f"{clc}{rng.randint(1, 99)}",
        "summary": f"An introduction to {_plural(noun.lower())} and {_plural(other.lower())} for curious readers.",
        "isbns": [isbn13("9780", index)],
    }


def generate(count: int, seed: int = 2020) -> Iterator[dict]:
    """`count` records as dicts (title, authors, language, publisher, year, subjects, classification,
    summary, format, isbns, control_number); deterministic for a given seed."""
    rng = random.Random(seed)  # noqa: S311 (sample data, not secrets)
    for index in range(count):
        if index < len(FAMOUS):
            title, authors, language, publisher, year, subjects, clc, summary = FAMOUS[index]
            prefix = "9787" if language == "chi" else "9780"
            record = {
                "title": title,
                "authors": authors,
                "language": language,
                "publisher": publisher,
                "subjects": subjects,
                "classification": clc,
                "summary": summary,
                "isbns": [isbn13(prefix, 99_000_000 + index)],
                "format": "print_book",
                "year": year,
            }
        else:
            theme = rng.choice(list(THEMES))
            if rng.random() < 0.7:
                record = _chinese(rng, theme, index, traditional=rng.random() < 0.08)
            else:
                record = _english(rng, theme, index)
            record["format"] = rng.choice(FORMATS)
            record["year"] = rng.randint(1980, 2021)
        record["control_number"] = f"LS{seed}-{index:08d}"
        yield record
