"""A collection exported as a BagIt bag, for the library's own long-term preservation store.

The bag holds every ACCEPTED item of the collection, including preserve-only items and items hidden from the
public (preservation is private); never a declined, withdrawn or unreviewed one. Its payload:
`data/<reference>/<position>.<ext>` (each original byte for byte), `data/<reference>/dc.xml` (the item in
oai_dc) and `data/items.csv`. Each copy's SHA-256 must equal the one recorded when the original arrived: a
missing or changed original stops the export, naming it, and nothing is left behind. The bag is built in a
hidden folder beside its destination, validated with the bagit library, then renamed into place.
"""

import csv
import datetime
import hashlib
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

import bagit
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from lantern.core.models import Library

from ..models import Collection, Item, ItemFile
from ..oai import both_languages, dublin_core, oai_dc_element, oai_identifier
from .contribute import DCMI_TYPES

CHECKSUMS = ["sha256", "sha512"]
CSV_COLUMNS = ["reference", "title", "creator", "date", "type", "licence", "public", "files"]


class ExportRefused(ValidationError):
    """The export cannot go on; the message says why, naming the file or folder at fault."""


def find_collection(name: str) -> Collection:
    """`<library-slug>/<collection-slug>`, or a bare collection slug that only one library uses."""
    library_slug, _sep, collection_slug = name.strip().rpartition("/")
    collections = Collection.objects.select_related("library").filter(slug=collection_slug)
    if library_slug:
        if not Library.objects.filter(slug=library_slug).exists():
            raise ExportRefused(_("There is no library “%(slug)s”.") % {"slug": library_slug})
        collections = collections.filter(library__slug=library_slug)
    found = list(collections[:10])
    if len(found) == 1:
        return found[0]
    if not found:
        where = (
            Collection.objects.filter(library__slug=library_slug) if library_slug else Collection.objects.all()
        ).select_related("library")
        known = ", ".join(f"{c.library.slug}/{c.slug}" for c in where.order_by("library__slug", "slug")[:30]) or "—"
        raise ExportRefused(
            _("There is no collection “%(name)s”. Collections: %(known)s") % {"name": name, "known": known}
        )
    choices = ", ".join(f"{c.library.slug}/{c.slug}" for c in found)
    raise ExportRefused(
        _("More than one library has a collection “%(slug)s”: name it with its library (%(choices)s).")
        % {"slug": collection_slug, "choices": choices}
    )


def items_for_bag(collection: Collection):
    """Every accepted item of the collection, public or not (preserve-only, hidden): the library's own copy."""
    return (
        collection.items.filter(status=Item.Status.ACCEPTED)
        .select_related("library")
        .prefetch_related("files")
        .order_by("reference")
    )


def bag_name(collection: Collection, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"{collection.library.slug}_{collection.slug}_{today:%Y-%m-%d}"


def export_collection(collection: Collection, directory, *, name: str = "", progress=None) -> Path:
    """Write the collection's bag as `directory/<name>` and return its path; ExportRefused (nothing written)
    when the destination exists and is not empty, or an original is missing or changed.

    `progress(done, total)` is called after each item.
    """
    directory = Path(directory)
    target = directory / (name or bag_name(collection))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportRefused(
            _("“%(path)s” already exists and is not empty: move it away or choose another folder.") % {"path": target}
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=directory, prefix=f".{target.name}.partial-"))
    except OSError as exc:
        raise ExportRefused(
            _("Cannot write in “%(path)s”: %(reason)s") % {"path": directory, "reason": exc.strerror or exc}
        ) from None
    try:
        _write_payload(collection, staging, progress)
        bag = bagit.make_bag(str(staging), _bag_info(collection), checksums=CHECKSUMS)
        _check_manifest(bag, collection)
        bag.validate()
        if target.exists():
            target.rmdir()  # empty, as checked above
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _bag_info(collection: Collection) -> dict:
    library = collection.library
    title_zh, title_en = both_languages(collection, "title")
    info = {
        "Source-Organization": both_languages(library, "name")[0],
        "Bagging-Date": timezone.localdate().isoformat(),
        "External-Identifier": f"{library.slug}/{collection.slug}",
        "External-Description": title_zh if title_zh == title_en else f"{title_zh} / {title_en}",
        "Bag-Count": "1 of 1",
    }
    if library.email:
        info["Contact-Email"] = library.email
    return info


def payload_name(item_file: ItemFile) -> str:
    """`<position>.<ext>`: the original's extension, chosen by the archive from its content."""
    return f"{item_file.position}{PurePosixPath(item_file.original.name).suffix.lower()}"


def _write_payload(collection: Collection, staging: Path, progress) -> None:
    items = list(items_for_bag(collection))
    rows = []
    for done, item in enumerate(items, start=1):
        folder = staging / item.reference
        folder.mkdir()
        files = []
        for item_file in item.files.all():
            _copy_original(item_file, folder / payload_name(item_file))
            files.append(f"{payload_name(item_file)} sha256:{item_file.sha256}")
        dc = oai_dc_element(None, dublin_core(item, identifiers=(item.reference, oai_identifier(item))))
        (folder / "dc.xml").write_bytes(etree.tostring(dc, encoding="UTF-8", xml_declaration=True, pretty_print=True))
        rows.append(
            {
                "reference": item.reference,
                "title": item.title,
                "creator": item.creator,
                "date": item.date,
                "type": item.dc_type or DCMI_TYPES.get(item.kind, ""),
                "licence": item.licence,
                "public": "yes" if item.is_public else "no",
                "files": "; ".join(files),
            }
        )
        if progress is not None:
            progress(done, len(items))
    # utf-8-sig: spreadsheet programs then read Chinese titles correctly.
    with open(staging / "items.csv", "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _copy_original(item_file: ItemFile, destination: Path) -> None:
    """Copy byte for byte, hashing on the way: the copy must be the original the archive received."""
    digest = hashlib.sha256()
    where = _("item %(reference)s, file %(position)d (%(path)s)") % {
        "reference": item_file.item.reference,
        "position": item_file.position,
        "path": item_file.original.name,
    }
    try:
        with item_file.original.storage.open(item_file.original.name, "rb") as source, open(destination, "wb") as out:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                digest.update(chunk)
                out.write(chunk)
    except FileNotFoundError:
        raise ExportRefused(
            _("The original of %(where)s is missing. Nothing was exported: restore it from a backup first.")
            % {"where": where}
        ) from None
    if digest.hexdigest() != item_file.sha256:
        raise ExportRefused(
            _(
                "The original of %(where)s has changed since it arrived (its SHA-256 is not the one recorded). "
                "Nothing was exported: restore it from a backup first."
            )
            % {"where": where}
        )


def _check_manifest(bag: bagit.Bag, collection: Collection) -> None:
    """The manifest bagit wrote agrees with the SHA-256 the archive recorded for every original."""
    entries = bag.payload_entries()
    for item in items_for_bag(collection):
        for item_file in item.files.all():
            path = f"data/{item.reference}/{payload_name(item_file)}"
            if entries.get(path, {}).get("sha256") != item_file.sha256:
                raise ExportRefused(
                    _("The bag's manifest does not match the archive for %(path)s; nothing was exported.")
                    % {"path": path}
                )
