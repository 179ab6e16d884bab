"""Every archive test keeps its files in its own folder, never in var/archive."""

import pytest


@pytest.fixture(autouse=True)
def archive_root(settings, tmp_path):
    settings.LANTERN_ARCHIVE_ROOT = tmp_path / "archive"
    return settings.LANTERN_ARCHIVE_ROOT
