"""`lantern archive-export COLLECTION DIR`: a bag that bagit validates, with each original byte for byte,
its Dublin Core and a list of items; every accepted item (preserve-only and hidden ones too), never a
declined, withdrawn or unreviewed one; a damaged original stops the export and leaves nothing behind."""

import csv
import hashlib
import subprocess
import sys
from io import StringIO
from pathlib import Path

import bagit
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import etree

from .helpers import accepted_item, collection, pdf, photo, submitted_item, text
from .oai_helpers import NS, OAI_DC, declined_item, hidden_item, withdrawn_item
from .preservation_helpers import change_one_byte, delete_original, original_path

pytestmark = pytest.mark.django_db


def export(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("archive-export", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def city(library_a):
    return collection(library_a)


def only_bag(folder: Path) -> Path:
    bags = list(folder.iterdir())
    assert len(bags) == 1, bags
    return bags[0]


def test_the_bag_validates_and_holds_each_original_byte_for_byte(library_a, city, tmp_path):
    item = accepted_item(library_a, city, files=[photo(gps=True), pdf(), text()], title="封控第十天")
    output = export("alpha/our-city", tmp_path / "bags")
    path = only_bag(tmp_path / "bags")
    assert path.name.startswith("alpha_our-city_")
    assert f"bag written: {path}" in output
    bag = bagit.Bag(str(path))
    bag.validate()
    assert bag.is_valid()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    for item_file in item.files.all():
        copied = path / "data" / item.reference / f"{item_file.position}.{item_file.original.name.rsplit('.', 1)[1]}"
        assert hashlib.sha256(copied.read_bytes()).hexdigest() == item_file.sha256
        assert copied.read_bytes() == original_path(item_file).read_bytes()
    info = bag.info
    assert info["Source-Organization"] == "甲市图书馆"
    assert info["External-Description"] == "我们城市的抗疫记忆 / Our city in the epidemic"
    assert info["Contact-Email"] == "alpha@library.example.org"
    assert info["Bag-Count"] == "1 of 1"
    assert info["Payload-Oxum"].endswith(".5")  # three originals, dc.xml, items.csv
    assert info["Bagging-Date"]

    dc = etree.parse(str(path / "data" / item.reference / "dc.xml"))
    assert OAI_DC.validate(dc), OAI_DC.error_log
    assert dc.findtext("dc:title", namespaces=NS) == "封控第十天"
    with open(path / "data" / "items.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["reference"] for row in rows] == [item.reference]
    assert rows[0]["title"] == "封控第十天" and rows[0]["licence"] == "cc_by"
    assert all(f"sha256:{f.sha256}" in rows[0]["files"] for f in item.files.all())
    # Contact details stay in the archive.
    assert "xiaoming@example.org" not in (path / "data" / "items.csv").read_text(encoding="utf-8-sig")


def test_every_accepted_item_goes_in_and_nothing_else(library_a, city, tmp_path):
    public = accepted_item(library_a, city, files=[text()])
    preserve_only = accepted_item(library_a, city, files=[text()], licence="preserve_only")
    hidden = hidden_item(library_a, city, files=[text()])
    declined = declined_item(library_a, files=[text()])
    declined.collections.add(city)
    withdrawn = withdrawn_item(library_a, city, files=[text()])
    unreviewed = submitted_item(library_a, files=[text()])
    unreviewed.collections.add(city)
    elsewhere = accepted_item(library_a, collection(library_a, "other"), files=[text()])
    export("our-city", tmp_path / "bags")
    path = only_bag(tmp_path / "bags")
    references = {p.name for p in (path / "data").iterdir() if p.is_dir()}
    assert references == {public.reference, preserve_only.reference, hidden.reference}
    assert {declined.reference, withdrawn.reference, unreviewed.reference, elsewhere.reference}.isdisjoint(references)
    with open(path / "data" / "items.csv", encoding="utf-8-sig") as handle:
        public_column = {row["reference"]: row["public"] for row in csv.DictReader(handle)}
    assert public_column == {public.reference: "yes", preserve_only.reference: "no", hidden.reference: "no"}
    assert bagit.Bag(str(path)).is_valid()


@pytest.mark.parametrize("damage", [delete_original, change_one_byte])
def test_a_damaged_original_stops_the_export_and_leaves_nothing(library_a, city, tmp_path, damage):
    accepted_item(library_a, city, files=[text()])
    item = accepted_item(library_a, city, files=[photo(), pdf()])
    broken = item.files.get(position=1)
    damage(broken)
    word = "missing" if damage is delete_original else "changed"
    with pytest.raises(CommandError, match=rf"item {item.reference}, file 1 \(.*\.pdf\) (is|has) {word}"):
        export("alpha/our-city", tmp_path / "bags")
    assert list((tmp_path / "bags").iterdir()) == []


def test_an_existing_bag_is_never_overwritten(library_a, city, tmp_path):
    accepted_item(library_a, city, files=[text()])
    export("alpha/our-city", tmp_path, "--name", "bag")
    before = sorted(p.name for p in (tmp_path / "bag").rglob("*"))
    with pytest.raises(CommandError, match="already exists and is not empty"):
        export("alpha/our-city", tmp_path, "--name", "bag")
    assert sorted(p.name for p in (tmp_path / "bag").rglob("*")) == before
    (tmp_path / "empty").mkdir()
    export("alpha/our-city", tmp_path, "--name", "empty")
    assert bagit.Bag(str(tmp_path / "empty")).is_valid()
    with pytest.raises(CommandError, match="a folder name, not a path"):
        export("alpha/our-city", tmp_path, "--name", "../elsewhere")


def test_an_empty_collection_makes_an_empty_but_valid_bag(library_a, city, tmp_path):
    export("alpha/our-city", tmp_path / "bags")
    bag = bagit.Bag(str(only_bag(tmp_path / "bags")))
    assert bag.is_valid()
    assert bag.info["Payload-Oxum"] == f"{(Path(bag.path) / 'data' / 'items.csv').stat().st_size}.1"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nowhere/our-city", "There is no library “nowhere”."),
        ("alpha/no-such", "There is no collection “alpha/no-such”. Collections: alpha/our-city"),
        ("no-such", "There is no collection “no-such”. Collections: alpha/our-city, beta/our-city"),
        (
            "our-city",
            "More than one library has a collection “our-city”: name it with its library "
            "(alpha/our-city, beta/our-city).",
        ),
    ],
)
def test_a_bad_collection_is_a_readable_error(library_a, library_b, city, tmp_path, name, message):
    collection(library_b)
    with pytest.raises(CommandError) as raised:
        export(name, tmp_path / "bags")
    assert str(raised.value) == message
    assert not (tmp_path / "bags").exists()


def test_the_installed_command_runs_by_its_hyphenated_name(tmp_path):
    command = [sys.executable, "-m", "lantern.cli", "archive-export"]
    helped = subprocess.run([*command, "--help"], capture_output=True, text=True, check=False)
    assert helped.returncode == 0
    assert "preservation only" in " ".join(helped.stdout.split())
