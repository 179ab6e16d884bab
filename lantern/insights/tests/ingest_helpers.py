"""Builders shared by the ingest tests: fixture files, a researcher, a watched library, one-call ingest."""

from pathlib import Path

from lantern.conftest import make_user
from lantern.core.models import Library
from lantern.core.services import grant_role
from lantern.insights.ingest.service import ingest_content

FILES = Path(__file__).parent / "files"


def content(name: str) -> bytes:
    return (FILES / name).read_bytes()


def make_researcher(username="rita@example.org", name="Rita"):
    user = make_user(username, name)
    grant_role(user, "researcher")
    return user


def make_watched(slug="gamma", name="Gamma Public Library"):
    return Library.objects.create(slug=slug, name_en=name, name_zh_hans=name, observed_only=True)


def ingest(name: str, library, **options):
    """Take in a fixture file; returns the IngestJob."""
    return ingest_content(content(name), library=library, source=name, **options)
