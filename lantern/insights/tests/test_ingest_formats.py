"""Each format from files shaped like real exports: counted, dated right (and where the date came from),
a missing date left missing, bad entries reported with their place while the rest come in."""

import datetime

import pytest

from lantern.insights import ingest as formats
from lantern.insights.ingest import FileRejected
from lantern.insights.models import Post

from .ingest_helpers import content, ingest

pytestmark = pytest.mark.django_db


def counts(job):
    return job.read, job.created, job.duplicates, job.rejected


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("feed_rss.xml", "rss"),
        ("feed_atom.xml", "rss"),
        ("page_article.html", "page"),
        ("page_undated.html", "page"),
        ("wechat_article.html", "wechat"),
        ("wechat_articles.json", "wechat"),
        ("wechat_front_matter.md", "wechat"),
        ("wechat_heading.md", "wechat"),
        ("posts.csv", "csv"),
        ("posts.jsonl", "jsonl"),
    ],
)
def test_each_file_is_detected_as_its_own_format(name, fmt):
    assert formats.detect_format(content(name)) == fmt


def test_rss_feed(library_a):
    job = ingest("feed_rss.xml", library_a)
    assert counts(job) == (4, 3, 0, 1)
    assert job.problems == [{"position": 4, "message": "entry 4 has neither a title nor any text"}]
    closing = Post.objects.get(title="关于暂停对外开放的公告")
    # 00:30 in Beijing on the 24th is still the 24th, whatever UTC says.
    assert closing.published_on == datetime.date(2020, 1, 24)
    assert closing.date_source == Post.DateSource.FEED
    assert closing.url == "https://alpha-library.example.cn/news/2020/0124.html"  # utm_* gone
    assert "<pubDate>" in closing.original and "我馆自" in closing.text and "<p>" not in closing.text
    assert closing.language == "zh"
    assert closing.closed_on == datetime.date(2020, 1, 24)
    online = Post.objects.get(url__endswith="0210.html")
    assert "云上书香" in online.text and "alert" not in online.text  # content:encoded, scripts dropped
    guide = Post.objects.get(title="读者服务指南")
    assert guide.published_on is None and guide.date_source == Post.DateSource.NONE
    assert guide.captured_at is not None


def test_atom_feed_uses_published_before_updated(library_b):
    job = ingest("feed_atom.xml", library_b)
    assert counts(job) == (2, 2, 0, 0)
    reopening = Post.objects.get(title="Library to reopen on June 8")
    assert reopening.published_on == datetime.date(2020, 6, 1)
    assert reopening.url == "https://beta-library.example.org/news/reopening"  # fragment gone
    assert reopening.language == "en"
    assert reopening.reopens_on == datetime.date(2020, 6, 8)
    assert Post.objects.get(title="Curbside pickup starts").published_on == datetime.date(2020, 5, 18)


def test_saved_page_takes_date_title_and_address_from_its_metadata(library_b):
    job = ingest("page_article.html", library_b)
    assert counts(job) == (1, 1, 0, 0)
    post = Post.objects.get()
    assert post.title == "关于恢复开放的公告"
    assert post.url == "https://beta-library.example.cn/news/2020/0301.html"
    assert post.published_on == datetime.date(2020, 3, 1) and post.date_source == Post.DateSource.PAGE
    assert "每日限流300人次" in post.text
    assert "版权所有" not in post.text  # the footer is not the announcement
    assert post.original.startswith("<!DOCTYPE html>")


def test_saved_page_without_a_date_stays_undated(library_a):
    ingest("page_undated.html", library_a)
    post = Post.objects.get()
    assert post.published_on is None and post.date_source == Post.DateSource.NONE
    assert post.url == ""
    assert "reference librarians" in post.text


def test_wechat_html(library_a):
    job = ingest("wechat_article.html", library_a)
    assert counts(job) == (1, 1, 0, 0)
    post = Post.objects.get()
    assert post.title == "战“疫”有我 | 图书馆志愿者在行动"
    assert post.published_on == datetime.date(2020, 2, 18)  # var ct, Beijing time
    assert post.date_source == Post.DateSource.PAGE
    assert post.url == (
        "https://mp.weixin.qq.com/s?__biz=MzA5NjYwOTg0Nw%3D%3D&idx=1&mid=2650891234&sn=5f3c1a2b9d8e7f6a5b4c3d2e1f0a9b8c"
    )
    assert "下沉社区" in post.text and "js_content" in post.original


def test_wechat_json_export(library_a):
    job = ingest("wechat_articles.json", library_a)
    assert counts(job) == (4, 3, 0, 1)
    assert job.problems[0]["position"] == 3 and "上周三" in job.problems[0]["message"]
    story = Post.objects.get(title__startswith="停课不停学")
    assert story.published_on == datetime.date(2020, 2, 15)  # create_time 1581760800 = 18:00 Beijing
    assert story.date_source == Post.DateSource.FILE
    assert "chksm" not in story.url and "scene" not in story.url
    assert '"create_time": 1581760800' in story.original
    assert Post.objects.get(title="数字资源免费开放清单").published_on == datetime.date(2020, 2, 5)
    assert Post.objects.get(title="没有日期的推送").published_on is None


def test_wechat_markdown_with_front_matter(library_a):
    ingest("wechat_front_matter.md", library_a)
    post = Post.objects.get()
    assert post.title == "图书馆线上读书会：共读《鼠疫》"
    assert post.published_on == datetime.date(2020, 3, 5) and post.date_source == Post.DateSource.FILE
    assert "scene" not in post.url and "sn=f00dfeed" in post.url
    assert post.text.startswith("本周六晚八点") and "**" not in post.text and "mmbiz" not in post.text


def test_wechat_markdown_with_heading_and_date_line(library_a):
    ingest("wechat_heading.md", library_a)
    post = Post.objects.get()
    assert post.title == "关于调整开放时间的通知"
    assert post.published_on == datetime.date(2020, 4, 20)
    assert post.url.startswith("https://mp.weixin.qq.com/s?__biz=MzI0OTk5ODg3Nw") and "chksm" not in post.url
    assert post.text.startswith("自4月21日起") and "原文链接" not in post.text


def test_csv_rows_report_their_line_and_the_rest_come_in(library_a, library_b):
    job = ingest("posts.csv", library_a)
    assert counts(job) == (5, 3, 0, 2)
    assert [(p["line"], p["message"]) for p in job.problems] == [
        (3, "the date “sometime in spring” cannot be read (write it as 2020-02-24)"),
        (7, "the text is empty"),
    ]
    assert Post.objects.get(title="乙馆恢复开放").library == library_b  # the row's own library column
    assert Post.objects.get(title="乙馆恢复开放").published_on == datetime.date(2020, 3, 8)
    undated = Post.objects.get(title="没有日期")
    assert undated.published_on is None and undated.library == library_a
    assert undated.original.startswith("url,title,text,published,library\n")


def test_csv_with_an_unknown_column_is_refused_before_anything_is_written(library_a):
    with pytest.raises(FileRejected, match="Unknown: pubished"):
        formats.reader_for(b"url,title,text,pubished\nhttps://x.example/,t,text,2020-01-01\n", "csv")
    assert not Post.objects.exists()


def test_a_row_naming_an_unknown_library_is_rejected(library_a):
    job = ingest_bytes(b'{"text": "Some text", "library": "nowhere"}\n{"text": "Other text"}\n', library_a)
    assert counts(job) == (2, 1, 0, 1)
    assert job.problems == [{"position": 1, "line": 1, "message": "there is no library “nowhere”"}]


def test_jsonl(library_a):
    job = ingest("posts.jsonl", library_a)
    assert counts(job) == (4, 3, 0, 1)
    assert job.problems[0]["line"] == 3 and job.problems[0]["message"].startswith("not valid JSON")
    closure = Post.objects.get(title="图书馆暂停开放公告")
    assert closure.published_on == datetime.date(2020, 1, 25)  # unix time, Beijing
    assert closure.url == ""
    xss = Post.objects.get(url="https://alpha-library.example.cn/news/j4.html")
    assert "<script>" in xss.original and "<script>" not in xss.text


def test_a_wrong_explicit_format_is_refused(library_a):
    with pytest.raises(FileRejected, match="not in the format"):
        ingest("posts.csv", library_a, format="rss")
    with pytest.raises(FileRejected, match="empty"):
        formats.reader_for(b"  \n")
    with pytest.raises(FileRejected, match="not in a format"):
        formats.reader_for(b"just some words\nwithout any structure\n")


def ingest_bytes(data: bytes, library):
    from lantern.insights.ingest.service import ingest_content

    return ingest_content(data, library=library, source="test.jsonl")
