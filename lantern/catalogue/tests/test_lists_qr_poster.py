"""QR codes and the A4 poster: a real decoder reads the absolute URL; the PDF renders, in both languages."""

import io
import re
import time
import zlib

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from lantern.catalogue import poster
from lantern.catalogue.services import lists as services
from lantern.core.pdf import render_pdf

from .test_lists_views import books, published_list

__all__ = ["books", "published_list"]  # fixtures, imported so pytest finds them


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def decode(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1
    return results[0].text


def test_a_lists_qr_code_is_its_absolute_url(client, published_list):
    response = client.get(f"/alpha/lists/{published_list.pk}/qr.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert decode(response.content) == f"http://testserver/alpha/lists/{published_list.pk}/"


def test_the_qr_code_follows_the_sites_real_address(client, published_list, settings):
    settings.ALLOWED_HOSTS = ["library.example.org"]
    response = client.get(f"/alpha/lists/{published_list.pk}/qr.png", headers={"host": "library.example.org"},
                          secure=True)  # fmt: skip
    assert decode(response.content) == f"https://library.example.org/alpha/lists/{published_list.pk}/"


def test_entry_qr_codes_lead_to_the_record_page_or_the_outside_resource(client, published_list, books):
    record_entry, _ebook, outside = published_list.entries.order_by("position")
    url = reverse("catalogue:reading_list_entry_qr_png", args=["alpha", published_list.pk, record_entry.pk])
    assert decode(client.get(url).content) == f"http://testserver{books[0].get_absolute_url()}"
    url = reverse("catalogue:reading_list_entry_qr_png", args=["alpha", published_list.pk, outside.pk])
    assert decode(client.get(url).content) == "https://www.nlc.cn/"


def test_qr_codes_come_as_svg_too(client, published_list):
    response = client.get(f"/alpha/lists/{published_list.pk}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg") and b"<path" in response.content
    entry = published_list.entries.first()
    svg = client.get(f"/alpha/lists/{published_list.pk}/entries/{entry.pk}/qr.svg")
    assert svg.status_code == 200 and svg.content.startswith(b"<svg")


def test_an_entry_of_another_list_has_no_qr_code_here(client, published_list, library_a, librarian_a, books):
    other = services.create_list(library_a, by=librarian_a, title_zh="另一个", title_en="", theme_zh="", theme_en="",
                                 audience="general", purpose="other")  # fmt: skip
    entry = services.add_record_entry(other, books[0], by=librarian_a)
    assert client.get(f"/alpha/lists/{published_list.pk}/entries/{entry.pk}/qr.png").status_code == 404


def page_texts(document) -> str:
    def walk(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", []):
            yield from walk(child)

    return "".join(text for page in document.pages for text in walk(page._page_box))


def test_the_poster_renders_both_languages_and_every_entry(published_list):
    from weasyprint import HTML

    html = poster.poster_html(published_list, lambda path: f"https://library.example.org{path}")
    document = HTML(string=html).render()
    assert len(document.pages) >= 1
    assert (document.pages[0].width, document.pages[0].height) == pytest.approx((793.7, 1122.5), abs=1)  # A4 in CSS px
    text = page_texts(document)
    expected = ["居家读经典", "Classics at home", "闭馆不闭学", "甲市图书馆", "Alpha City Library", "红楼梦"]
    expected += ["四大名著之一", "One of the four classics", "国家数字图书馆", "https://www.nlc.cn/"]
    for words in expected:
        assert words in text, words
    assert html.count("<svg") == 4  # one code for the list, one per entry
    # Each entry's "scan" label comes in both of the list's languages.
    assert html.count('<span lang="zh-Hans">') == html.count('<span lang="en">') == 3


def pdf_font_names(pdf: bytes) -> set[str]:
    """The embedded fonts' names, read from the PDF's compressed object streams."""
    names = set()
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            data = zlib.decompressobj().decompress(pdf[match.end() : match.end() + 200_000])
        except zlib.error:
            continue
        names.update(name.decode() for name in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", data))
    return names


def test_chinese_text_is_set_in_the_debian_cjk_font(published_list):
    pdf = render_pdf(poster.poster_html(published_list, lambda path: f"http://x{path}"))
    assert any("Noto-Sans-CJK-SC" in name for name in pdf_font_names(pdf))


def test_a_chinese_only_list_gets_a_chinese_only_poster(library_a, librarian_a, books):
    reading_list = services.create_list(library_a, by=librarian_a, title_zh="防疫知识", title_en="", theme_zh="",
                                        theme_en="", audience="elderly", purpose="epidemic_knowledge")  # fmt: skip
    services.add_record_entry(reading_list, books[0], note_zh="通俗易懂", note_en="Easy to read", by=librarian_a)
    html = poster.poster_html(reading_list, lambda path: f"http://x{path}")
    assert "防疫知识" in html and "通俗易懂" in html
    assert "Easy to read" not in html and 'lang="en"' not in html


def test_the_poster_pdf_downloads_and_is_cached_until_the_list_changes(client, published_list, librarian_a):
    url = reverse("catalogue:reading_list_poster", args=["alpha", published_list.pk])
    started = time.perf_counter()
    first = client.get(url)
    render_seconds = time.perf_counter() - started
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF")
    assert first.content.rstrip().endswith(b"%%EOF")
    assert "render" in first["Server-Timing"]

    started = time.perf_counter()
    second = client.get(url)
    assert second.content == first.content and "cache" in second["Server-Timing"]
    assert time.perf_counter() - started < render_seconds / 3

    services.update_entry_note(published_list.entries.first(), note_zh="改过的推荐语", by=librarian_a)
    third = client.get(url)
    assert "render" in third["Server-Timing"]
    assert len(list(poster.poster_dir().glob(f"list-{published_list.pk}-*.pdf"))) == 1  # the stale file is gone


def test_a_drafts_poster_is_not_public(client, published_list, librarian_a):
    services.unpublish_list(published_list, by=librarian_a)
    assert client.get(reverse("catalogue:reading_list_poster", args=["alpha", published_list.pk])).status_code == 404
