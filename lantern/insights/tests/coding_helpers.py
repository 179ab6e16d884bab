"""Builders for the coding and agreement tests: researchers, a study with coders, posts, suggestions."""

import datetime
import hashlib
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from lantern.core.services import grant_role
from lantern.insights.models import Post, Study, Suggestion

START = datetime.date(2020, 1, 24)
END = datetime.date(2020, 6, 30)
_numbers = itertools.count(1)


def researcher(username: str, name: str):
    """A researcher who signs in through `client_as` only (no password: hashing one costs a second a user)."""
    user = get_user_model()(username=username, name=name, email=username)
    user.set_unusable_password()
    user.save()
    grant_role(user, "researcher")
    return user


def study(owner, libraries, coders, *, percent: int = 20, title: str = "Closures of 2020") -> Study:
    made = Study.objects.create(title=title, owner=owner, starts_on=START, ends_on=END, double_coding_percent=percent)
    made.libraries.set(libraries)
    made.coders.set(coders)
    return made


def post(library, title: str = "", *, published_on=datetime.date(2020, 2, 10), text: str = "", language: str = "en"):
    number = next(_numbers)
    title = title or f"Announcement {number}"
    text = text or f"The library announces service number {number}."
    return Post.objects.create(
        library=library,
        url=f"https://{library.slug}.example.org/news/{number}",
        title=title,
        text=text,
        content_hash=hashlib.sha256(f"{title}{text}{number}".encode()).hexdigest(),
        language=language,
        published_on=published_on,
        date_source=Post.DateSource.FEED if published_on else Post.DateSource.NONE,
        captured_at=timezone.now(),
    )


def suggestion(target, codes, confidence=None) -> Suggestion:
    made = Suggestion(post=target, confidence=confidence or dict.fromkeys(codes, 0.91), model_version="test")
    made.set_codes(codes)
    made.save()
    return made
