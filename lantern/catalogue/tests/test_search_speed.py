"""Search stays fast on huge result sets: bounded counts ("more than …"), bounded work per page, a short
cache of common queries, and the library filter inside the full-text index."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.catalogue import search
from lantern.catalogue.models import Record


@pytest.fixture(autouse=True)
def in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def make_records(library, titles):
    records = [Record.objects.create(library=library, title=title) for title in titles]
    search.index_records(records)
    return records


def page_titles(response):
    return re.findall(r'class="result-title" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_huge_result_set_says_more_than_and_still_pages(client, library_a, monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 5)
    monkeypatch.setattr(search, "FACET_LIMIT", 10)
    make_records(library_a, [f"防疫读本 第{number}册" for number in range(30)])
    first = client.get("/alpha/catalogue/", {"q": "防疫"})
    body = first.content.decode()
    assert "More than 20 records found" in body
    assert len(page_titles(first)) == 20 and "page=2" in body and "Page 1 of" not in body
    second = client.get("/alpha/catalogue/", {"q": "防疫", "page": "2"})
    assert "30 records found" in second.content.decode() and "Page 2 of 2" in second.content.decode()
    assert len(page_titles(second)) == 10


def test_search_and_api_say_when_the_count_is_a_lower_bound(client, library_a, monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 5)
    make_records(library_a, [f"小说选 第{number}卷" for number in range(8)])
    result = search.search("小说", per_page=3, facets=False)
    assert (result.count, result.count_exact, result.has_next, len(result.records)) == (5, False, True, 3)
    last = search.search("小说", per_page=3, page=3, facets=False)
    assert (last.count, last.count_exact, len(last.records)) == (8, True, 2)
    api = client.get("/api/v1/records", {"q": "小说", "per_page": 3}).json()
    assert (api["count"], api["count_exact"], len(api["items"])) == (5, False, 3)
    small = client.get("/api/v1/records", {"q": "第1卷"}).json()
    assert small["count_exact"] is True


def test_search_page_queries_do_not_grow_with_the_result_set(client, library_a, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 10)
    make_records(library_a, [f"营养指南 第{number}册" for number in range(15)])
    make_records(library_a, [f"健康手册 第{number}册" for number in range(90)])

    def queries(q):
        with CaptureQueriesContext(connection) as context:
            response = client.get("/alpha/catalogue/", {"q": q})
        assert response.status_code == 200 and page_titles(response)
        return len(context.captured_queries)

    # Past the ranking window, six times as many matches cost not one query more.
    assert queries("健康") == queries("营养") <= 15


def test_common_query_is_cached_until_the_index_changes(library_a, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    make_records(library_a, [f"儿童故事 第{number}册" for number in range(6)])
    first = search.search("儿童")
    with CaptureQueriesContext(connection) as context:
        again = search.search("儿童")
    # Only the page's records (with their library) are read again; ranking, count and facets come from the cache.
    assert [query["sql"].split(" FROM ")[1].split(" WHERE ")[0] for query in context.captured_queries] == [
        "catalogue_record r JOIN core_library l ON l.id = r.library_id"
    ]
    assert [r.pk for r in again.records] == [r.pk for r in first.records] and again.facets == first.facets
    make_records(library_a, ["儿童故事 新编"])
    assert search.search("儿童").count == 7


def test_one_character_query_puts_exact_title_first_then_newest(library_a):
    exact = make_records(library_a, ["书"])[0]
    others = make_records(library_a, ["读书笔记", "书法入门", "藏书票"])
    assert [r.pk for r in search.search("書").records] == [exact.pk, *[r.pk for r in reversed(others)]]


def test_library_filter_keeps_to_the_library(library_a, library_b):
    make_records(library_a, ["瘟疫年纪事"])
    mine = make_records(library_b, ["瘟疫与人"])
    only_b = search.search("瘟疫", filters=search.Filters(libraries=[library_b.pk]))
    assert [r.pk for r in only_b.records] == [r.pk for r in mine]
    assert search.search("瘟疫", filters=search.Filters(libraries=[])).count == 0
    assert search.search("瘟疫").count == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the migration changes only the SQLite index")
def test_migration_moves_an_old_index_to_the_library_column(library_a, library_b):
    from lantern.catalogue.search import sqlite

    migration = importlib.import_module("lantern.catalogue.migrations.0003_search_library_token")
    record = make_records(library_b, ["鼠疫"])[0]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {sqlite.TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {sqlite.TABLE} USING fts5({', '.join(sqlite.FIELDS)}, exact UNINDEXED, "
            "library_id UNINDEXED, tokenize='unicode61')"
        )
        cursor.execute(
            f"INSERT INTO {sqlite.TABLE} (rowid, title, chars, exact, library_id) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
            [record.pk, "鼠疫", "鼠 疫", "鼠疫", library_b.pk],
        )

    class Editor(SimpleNamespace):
        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migration.add_library_column(None, Editor(connection=connection))
    found = search.search("鼠疫", filters=search.Filters(libraries=[library_b.pk]))
    assert [r.pk for r in found.records] == [record.pk]
    assert search.search("鼠疫", filters=search.Filters(libraries=[library_a.pk])).count == 0


def test_ranking_a_library_among_others_keeps_to_it_and_to_the_order(library_a, library_b, monkeypatch):
    # The ranked window spans ids of both libraries (SQLite scores that id range, then keeps the library's).
    monkeypatch.setattr(search, "RANK_WINDOW", 6)
    mine = []
    for number in range(12):
        mine += make_records(library_a, [f"口罩的故事 第{number}册" if number % 3 else f"口罩 口罩 口罩 第{number}册"])
        make_records(library_b, [f"口罩 口罩 口罩 口罩 别馆{number}"])
    result = search.search("口罩", filters=search.Filters(libraries=[library_a.pk]), per_page=20, facets=False)
    ids = [r.pk for r in result.records]
    assert sorted(ids) == sorted(r.pk for r in mine) and result.count == 12
    newest = sorted((r.pk for r in mine), reverse=True)
    # The six newest are ranked (the titles that say it three times first), the rest follow newest first.
    assert set(ids[:6]) == set(newest[:6]) and ids[6:] == newest[6:]
    assert {r.title.count("口罩") for r in result.records[:2]} == {3}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL chooses how to read by word frequency")
@pytest.mark.parametrize("share", [0.5, 0.05])
def test_every_way_of_reading_the_newest_matches_gives_the_same_page(library_a, library_b, monkeypatch, share):
    from lantern.catalogue.search import postgres

    monkeypatch.setattr(search, "RANK_WINDOW", 5)  # so that most of the page is in the order read
    records = []
    for number in range(90):
        records += make_records(
            library_a if number % 4 else library_b, [f"{'疫苗' if number % 3 else '接种'}手册{number}"]
        )
    filters = search.Filters(libraries=[library_a.pk])
    monkeypatch.setattr(postgres, "_statistics", lambda cursor: {"frequency": {}, "rows": 0, "top": 0})
    expected = [search._ranked_ids(search.parse_query(q), filters, 40, 0) for q in ("疫苗", "手册", "疫苗手册")]
    # The same answers when the statistics say the word is common (walk), or rare enough to read it in ranges
    # (several narrow ranges here, then the rest, because the statistics overestimate the density).
    top = max(r.pk for r in records)
    stats = {"frequency": {"疫苗": share, "手册": share, "c:疫": share}, "floor": share, "rows": 10**6, "top": top}
    monkeypatch.setattr(postgres, "_statistics", lambda cursor: stats)
    monkeypatch.setattr(postgres, "RARE", 0.01)
    monkeypatch.setattr(postgres, "MARGIN", 0.001)
    monkeypatch.setattr(postgres, "INDEX_MARGIN", 0.001)
    got = [search._ranked_ids(search.parse_query(q), filters, 40, 0) for q in ("疫苗", "手册", "疫苗手册")]
    assert got == expected
    assert expected[1][1] == 67 and len(expected[1][0]) == 40
    # And from the indexes of the newest records: the smallest that should hold the page, or the largest,
    # then the older matches (all at once when few remain, else in ranges).
    monkeypatch.setattr(postgres, "RECENT", (10, 30))
    with connection.cursor() as cursor:
        postgres.finish(cursor)
    stats["recent"] = [top - 30, top - 10]
    got = [search._ranked_ids(search.parse_query(q), filters, 40, 0) for q in ("疫苗", "手册", "疫苗手册")]
    assert got == expected
    # The smallest first, too short: the older part of the next, then the rest.
    monkeypatch.setattr(postgres, "INDEX_MARGIN", 0.0001)
    got = [search._ranked_ids(search.parse_query(q), filters, 40, 0) for q in ("疫苗", "手册", "疫苗手册")]
    assert got == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes of the newest records are PostgreSQL's")
def test_a_rebuild_indexes_the_newest_records_apart_and_the_statistics_know_the_bounds(library_a, monkeypatch):
    from lantern.catalogue.search import postgres

    records = make_records(library_a, [f"防疫手册{number}" for number in range(40)])
    monkeypatch.setattr(postgres, "RECENT", (10, 30, 100))
    search.reindex()
    top = max(r.pk for r in records)
    with connection.cursor() as cursor:
        # The GIN index, set aside while the rows were written, stands again.
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'catalogue_searchdoc_doc'")
        assert "gin (doc)" in cursor.fetchone()[0]
        assert postgres._statistics(cursor)["recent"] == [top - 30, top - 10]  # no index wider than the table
        monkeypatch.setattr(postgres, "RECENT", (20,))
        postgres.finish(cursor)  # a rebuild replaces them
        assert postgres._statistics(cursor)["recent"] == [top - 20]
    assert search.search("防疫手册").count == 40


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_search_s_statements_are_prepared_and_still_logged(library_a):
    from lantern.catalogue.search import postgres

    make_records(library_a, ["防疫读本", "防疫手册"])
    for _ in range(postgres.PREPARE_AFTER):
        assert search.search("防疫", facets=False).count == 2
    with CaptureQueriesContext(connection) as context:
        assert search.search("防疫", facets=False).count == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("catalogue_searchdoc" in statement for statement in prepared)
    # Query logging (and so the debug toolbar and these tests' query counts) still sees them.
    assert any("catalogue_searchdoc" in query["sql"] for query in context.captured_queries)
