"""Acceptance: each library's RSS feed parses with feedparser, lists current notices only (pinned first), and
expired notices are gone from it by themselves once their time passes."""

import datetime

import feedparser
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.infoservice.services import hub as services

from .hub_helpers import make_notice

pytestmark = pytest.mark.django_db


def read_feed(client, slug):
    response = client.get(reverse("infoservice:feed", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return feedparser.parse(response.content)


def test_the_feed_parses_and_expired_notices_leave_it(client, library_a, librarian_a):
    make_notice(library_a, librarian_a, title_en="Lasting notice", expires_at=None)
    make_notice(
        library_a, librarian_a, title_en="Short notice", expires_at=timezone.now() + datetime.timedelta(hours=5)
    )
    make_notice(library_a, librarian_a, title_en="Pinned notice", pinned=True)
    make_notice(library_a, librarian_a, title_en="A draft", publish=False)
    feed = read_feed(client, library_a.slug)
    assert not feed.bozo and feed.version == "rss20"
    assert feed.feed.title == f"Information notices of {library_a.name}"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Pinned notice"
    assert set(titles) == {"Lasting notice", "Short notice", "Pinned notice"}
    entry = feed.entries[0]
    assert f"/{library_a.slug}/information/notices/" in entry.link
    assert "武汉市卫生健康委员会" in entry.description

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=6), tick=False):
        titles = [entry.title for entry in read_feed(client, library_a.slug).entries]
    assert "Short notice" not in titles and set(titles) == {"Lasting notice", "Pinned notice"}


def test_withdrawn_notices_leave_the_feed_and_each_library_has_its_own(client, library_a, library_b, librarian_a):
    bulletin = make_notice(library_a, librarian_a, title_en="To be withdrawn")
    assert [e.title for e in read_feed(client, library_a.slug).entries] == ["To be withdrawn"]
    assert read_feed(client, library_b.slug).entries == []
    services.withdraw_bulletin(bulletin, by=librarian_a)
    assert read_feed(client, library_a.slug).entries == []
    assert client.get(reverse("infoservice:feed", args=["no-such-library"])).status_code == 404


def test_authority_text_is_escaped_in_the_feed(client, library_a, librarian_a):
    make_notice(library_a, librarian_a, authority="<script>alert(1)</script> Health Office")
    feed = read_feed(client, library_a.slug)
    assert "<script>" not in feed.entries[0].description
