"""Relevance: where and how often the words stand decides the order; the library filter and pinyin pairs
change the speed of a search, never what it finds."""

import pytest

from lantern.catalogue import search
from lantern.catalogue.models import Record
from lantern.catalogue.search import ranking
from lantern.catalogue.search.tokens import normalise, parse_query, syllable_pairs, text_tokens


def make(library, title, **fields):
    record = Record.objects.create(library=library, title=title, **fields)
    search.index_records([record])
    return record


def fields(title="", body=""):
    """A document as the index holds it: each field's tokens joined by spaces."""
    tokens = [" ".join(text_tokens(normalise(text))) for text in (title, "", "", body)]
    return (*tokens, "", "")


def test_a_word_in_the_title_outranks_the_same_word_in_the_summary():
    documents = {1: fields(title="故事", body="睡眠科学"), 2: fields(title="睡眠科学", body="故事")}
    assert ranking.order(parse_query("睡眠"), documents) == [2, 1]


def test_more_occurrences_outrank_fewer_and_shorter_outranks_longer():
    query = parse_query("plague")
    assert ranking.order(query, {1: fields(body="plague city"), 2: fields(body="plague, plague city")}) == [2, 1]
    long = fields(title="The plague: a history of the world in many volumes")
    assert ranking.order(query, {1: long, 2: fields(title="The plague")}) == [2, 1]
    # Equal scores keep the older record first.
    assert ranking.order(query, {7: fields(title="plague"), 3: fields(title="plague")}) == [3, 7]


def test_back_to_back_repeats_each_count():
    assert ranking.occurrences("a a a b", "a") == 3
    assert ranking.occurrences("x ab ab y ab", "ab") == 3
    assert ranking.occurrences("亲子 子阅 阅读 亲子 子阅 阅读", "亲子 子阅 阅读") == 2
    # Whole tokens only: "ab" is not in "abc".
    assert ranking.occurrences("abc cab", "ab") == 0


def test_search_puts_the_title_match_before_the_summary_match(library_a):
    summary = make(library_a, "夜读随笔", summary="谈睡眠与健康")
    title = make(library_a, "睡眠的科学")
    assert [r.pk for r in search.search("睡眠").records] == [title.pk, summary.pk]


def test_naming_every_library_finds_what_no_filter_finds(library_a, library_b):
    make(library_a, "瘟疫年纪事")
    make(library_b, "瘟疫与人")
    both = search.Filters(libraries=[library_a.pk, library_b.pk])
    assert search._narrowing([library_a.pk, library_b.pk]) is None
    assert search._narrowing([library_b.pk]) == [library_b.pk]
    assert search.search("瘟疫", filters=both).count == search.search("瘟疫").count == 2
    assert search.search("瘟疫", filters=search.Filters(libraries=[library_b.pk])).count == 1


def test_pinyin_is_indexed_as_pairs_of_neighbouring_syllables():
    assert syllable_pairs(["hong", "lou", "meng"]) == ["honglou", "loumeng"]
    assert syllable_pairs(["shu"]) == []
    assert parse_query("hong lou meng").pinyin == ["honglou", "loumeng"]


@pytest.mark.parametrize("typed", ["yuhua", "Yu Hua"])
def test_pinyin_finds_neighbouring_syllables_only(library_a, typed):
    author = make(library_a, "活着", authors=["余华"])
    make(library_a, "雨后的花园")  # yu hou de hua yuan: both syllables, never side by side
    assert [r.pk for r in search.search(typed).records] == [author.pk]
