"""Keeping files: a submission that fails after its files were written leaves no file behind, and the names
files are kept under are the archive's own."""

import pytest

from lantern.archive.models import Item, ItemFile
from lantern.archive.services import contribute

from . import helpers

pytestmark = pytest.mark.django_db


def stored(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_submission_that_fails_after_writing_files_leaves_none(library_a, archive_root, monkeypatch):
    def broken(item):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(contribute, "formats_of", broken)
    with pytest.raises(RuntimeError):
        helpers.submitted_item(library_a, files=[helpers.photo(), helpers.text()])
    assert not Item.objects.exists() and not ItemFile.objects.exists()
    assert stored(archive_root) == []


def test_files_are_kept_under_names_the_archive_chose(library_a, archive_root):
    item = helpers.submitted_item(library_a, files=[helpers.photo(name="../../etc/家.jpg"), helpers.text()])
    names = sorted(str(p.relative_to(archive_root)) for p in stored(archive_root))
    base = f"{library_a.slug}/{item.reference}"
    assert names == [
        f"derivatives/{base}/0-thumb.jpg",
        f"derivatives/{base}/0-web.jpg",
        f"originals/{base}/0.jpg",
        f"originals/{base}/1.txt",
    ]
    assert item.files.get(position=0).original_name == "家.jpg"
