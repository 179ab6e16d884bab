"""Duplicates by address and by content, within a file, across files and across jobs; suggestions and
machine-coded service records kept apart from human codes."""

import pytest

from lantern.insights.ingest.service import content_hash, ingest_content, normalise_url
from lantern.insights.models import CODES, CodedBy, Coding, Post, ServiceRecord, Suggestion

from .ingest_helpers import ingest, make_researcher

pytestmark = pytest.mark.django_db


def test_addresses_are_normalised():
    wechat = "http://mp.weixin.qq.com/s?__biz=AB==&mid=1&idx=2&sn=xyz&chksm=99&scene=21&from=timeline#wechat_redirect"
    assert normalise_url(wechat) == "https://mp.weixin.qq.com/s?__biz=AB%3D%3D&idx=2&mid=1&sn=xyz"
    assert normalise_url("HTTPS://Example.ORG:443/a?utm_source=x&id=3#top") == "https://example.org/a?id=3"
    with pytest.raises(ValueError):
        normalise_url("javascript:alert(1)")


def test_traditional_and_simplified_twins_hash_alike():
    assert content_hash("圖書館 暫停開放", "我館自1月25日起暫停開放") == content_hash(
        "图书馆暂停开放", "我馆自1月25日起暂停开放"
    )
    assert content_hash("a", "b") != content_hash("a", "c")


def test_the_same_file_twice_adds_nothing(library_a):
    first = ingest("feed_rss.xml", library_a)
    again = ingest("feed_rss.xml", library_a)
    assert (again.read, again.created, again.duplicates, again.rejected) == (4, 0, 3, 1)
    assert Post.objects.count() == first.created == 3


def test_duplicates_by_address_and_by_content_across_files(library_a):
    ingest("posts.jsonl", library_a)
    job = ingest("twin_simplified.jsonl", library_a)
    # Line 1: the Simplified twin of a Traditional post; line 2: another post's address with tracking added.
    assert (job.read, job.created, job.duplicates) == (2, 0, 2)
    assert Post.objects.count() == 3


def test_duplicates_within_one_file(library_a):
    data = (
        b'{"url": "https://x.example/a", "text": "First"}\n'
        b'{"url": "https://x.example/a#again", "text": "Second, same address"}\n'
        b'{"text": "First", "url": "https://x.example/b"}\n'
    )
    job = ingest_content(data, library=library_a, source="dups.jsonl")
    assert (job.read, job.created, job.duplicates) == (3, 1, 2)


def test_the_same_post_in_another_library_is_not_a_duplicate(library_a, library_b):
    ingest("feed_atom.xml", library_a)
    job = ingest("feed_atom.xml", library_b)
    assert job.created == 2 and Post.objects.count() == 4


def test_every_new_post_gets_a_suggestion_with_all_nine_confidences(library_a):
    ingest("feed_rss.xml", library_a)
    closing = Post.objects.get(title="关于暂停对外开放的公告")
    suggestion = closing.suggestion
    assert set(suggestion.confidence) == set(CODES)
    assert all(0 <= value <= 1 for value in suggestion.confidence.values())
    assert suggestion.emergency and "emergency" in suggestion.codes
    assert suggestion.model_version
    assert Suggestion.objects.count() == Post.objects.count()


def test_dated_posts_get_a_machine_coded_record_and_undated_ones_none(library_a):
    ingest("feed_rss.xml", library_a)
    closing = Post.objects.get(title="关于暂停对外开放的公告")
    record = ServiceRecord.objects.get(object_id=str(closing.pk))
    assert record.coded_by == CodedBy.MACHINE and record.source == ServiceRecord.Source.OUTSIDE
    assert record.date == closing.published_on and record.link == closing.url and record.emergency
    assert record.library == library_a
    undated = Post.objects.get(title="读者服务指南")
    assert not ServiceRecord.objects.filter(object_id=str(undated.pk)).exists()


def test_suggestions_are_stored_apart_from_human_codes(library_a):
    ingest("feed_rss.xml", library_a)
    post = Post.objects.get(title="关于暂停对外开放的公告")
    suggested = post.suggestion.codes
    assert "emergency" in suggested and "social" not in suggested
    coder = make_researcher()
    Coding.objects.create(post=post, coder=coder, social=True)
    post.suggestion.refresh_from_db()
    assert post.suggestion.codes == suggested
    assert Coding.objects.get(post=post).codes == ["social"]


def test_the_bulk_machine_record_matches_what_record_service_makes(library_a):
    from lantern.insights.services import record_service

    ingest("feed_rss.xml", library_a)
    post = Post.objects.get(title="关于暂停对外开放的公告")
    bulk = ServiceRecord.objects.get(object_id=str(post.pk))
    fields = ("library_id", "date", "title", "title_zh_hans", "title_en", "link", "source", "coded_by", *CODES)
    made_here = {name: getattr(bulk, name) for name in fields}
    again = record_service(
        library=library_a,
        date=post.published_on,
        categories=bulk.categories,
        features=bulk.features,
        title_zh=post.title,
        source_object=post,
        link=post.url,
        source=ServiceRecord.Source.OUTSIDE,
        coded_by=CodedBy.MACHINE,
    )
    assert again.pk == bulk.pk  # the same record, found by its source object
    assert {name: getattr(again, name) for name in fields} == made_here
