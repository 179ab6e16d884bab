"""Holdings in MARC exports become copies, and editions are kept: records built with pymarc in MARC21,
MARCXML and UNIMARC/CNMARC carry 852/952/905/995 holdings; a second import updates instead of
duplicating, a barcode of another record or a holding without one is reported and the record still
comes in, a copy on loan keeps its status, and the CSV `barcodes` column adds several copies."""

import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pymarc import Field, Indicators, Record, Subfield, record_to_xml

from lantern.catalogue.models import Copy, ImportJob
from lantern.catalogue.models import Record as CatalogueRecord
from lantern.catalogue.services.records import import_file

from .test_import_readers import EXPECTED, REALDATA

pytestmark = pytest.mark.django_db
AVAILABLE, LOST, ON_LOAN = Copy.Status.AVAILABLE, Copy.Status.LOST, Copy.Status.ON_LOAN


# --- building records ---------------------------------------------------------------------------
def field(tag: str, *pairs: tuple[str, str]) -> Field:
    return Field(tag=tag, indicators=Indicators(" ", " "), subfields=[Subfield(code, value) for code, value in pairs])


def marc21(control: str, title: str, *holdings: Field, edition: str = "") -> Record:
    record = Record(force_utf8=True, leader="00000nam a2200000 a 4500")
    record.add_field(Field(tag="001", data=control), field("245", ("a", title)))
    if edition:
        record.add_field(field("250", ("a", edition)))
    record.add_field(*holdings)
    return record


def unimarc(control: str, title: str, *holdings: Field, edition: str = "") -> Record:
    record = Record(force_utf8=True, leader="00000nam0 2200000   450 ")
    record.add_field(Field(tag="001", data=control), field("101", ("a", "chi")), field("200", ("a", title)))
    if edition:
        record.add_field(field("205", ("a", edition)))
    record.add_field(*holdings)
    return record


def iso2709(*records: Record) -> bytes:
    return b"".join(record.as_marc() for record in records)


def marcxml(*records: Record) -> bytes:
    body = b"".join(record_to_xml(record) for record in records)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">'
        + body
        + b"</collection>"
    )


def run(content: bytes, library, name: str = "export.mrc", format=None) -> ImportJob:
    return import_file(io.BytesIO(content), library=library, filename=name, format=format)


def copies(library) -> dict[str, tuple]:
    """barcode → (record title, location, shelf mark, status) of every copy of the library."""
    return {
        copy.barcode: (copy.record.title, copy.location, copy.shelf_mark, copy.status)
        for copy in Copy.objects.filter(library=library).select_related("record")
    }


def copy_problems(job: ImportJob) -> list[tuple[int, str, str]]:
    return [(p["position"], p["title"], p["message"]) for p in job.problems if p.get("copy")]


def koha_952(barcode: str, callnumber: str = "", location: str = "", **codes: str) -> Field:
    pairs = [("a", "MAIN"), ("b", "MAIN"), ("c", location), ("o", callnumber), ("p", barcode)]
    pairs += [(code.lstrip("_"), value) for code, value in codes.items()]
    return field("952", *[(code, value) for code, value in pairs if value])


# --- MARC21 ---------------------------------------------------------------------------------------
def test_marc21_852_and_952_holdings_become_copies_and_a_second_import_updates_them(library_a):
    first = iso2709(
        marc21(
            "m1",
            "Programming Python",
            field(
                "852",
                ("a", "Alpha"),
                ("b", "Main"),
                ("c", "Stacks"),
                ("h", "QA76.73.P98"),
                ("i", "L88 2001"),
                ("p", "31001"),
            ),
            koha_952("31002", callnumber="005.133 LUT", location="GEN"),
        ),
        marc21("m2", "Learning Perl", koha_952("31003", callnumber="005.133 SCH")),
    )
    job = run(first, library_a)
    assert (job.created, job.copies_created, job.copies_updated, job.rejected) == (2, 3, 0, 0)
    assert copies(library_a) == {
        "31001": ("Programming Python", "Main, Stacks", "QA76.73.P98 L88 2001", AVAILABLE),
        "31002": ("Programming Python", "GEN", "005.133 LUT", AVAILABLE),
        "31003": ("Learning Perl", "MAIN", "005.133 SCH", AVAILABLE),  # no $c: the branch
    }

    moved = iso2709(
        marc21(
            "m1",
            "Programming Python",
            field("852", ("b", "Main"), ("c", "Reference"), ("h", "QA76.73.P98"), ("i", "L88 2001"), ("p", "31001")),
            koha_952("31002", callnumber="005.133 LUT", location="GEN"),
        ),
        marc21("m2", "Learning Perl", koha_952("31003")),  # nothing but the barcode: keeps the shelf mark
    )
    again = run(moved, library_a)
    assert (again.created, again.updated, again.copies_created, again.copies_updated) == (0, 2, 0, 3)
    assert Copy.objects.filter(library=library_a).count() == 3
    assert copies(library_a)["31001"][1] == "Main, Reference"
    assert copies(library_a)["31003"] == ("Learning Perl", "MAIN", "005.133 SCH", AVAILABLE)
    assert copy_problems(again) == []


def test_koha_lost_and_withdrawn_codes_make_a_new_copy_lost(library_a):
    content = iso2709(
        marc21(
            "k1",
            "Koha book",
            koha_952("40001", _1="0", _0="0"),
            koha_952("40002", _1="1"),
            koha_952("40003", _0="1"),
            koha_952("40004", _1="2"),
        )
    )
    run(content, library_a)
    assert {barcode: row[3] for barcode, row in copies(library_a).items()} == {
        "40001": AVAILABLE,
        "40002": LOST,
        "40003": LOST,
        "40004": LOST,
    }


def test_a_holding_without_a_barcode_is_reported_and_the_record_still_imports(library_a):
    content = iso2709(
        marc21("a1", "Fine record", koha_952("50001")),
        marc21("a2", "Half catalogued", koha_952("50002"), koha_952("", callnumber="823 DIC", location="GEN")),
    )
    job = run(content, library_a)
    assert (job.read, job.created, job.rejected, job.copies_created) == (2, 2, 0, 2)
    assert copy_problems(job) == [
        (
            2,
            "Half catalogued",
            "Holding 2 in field 952 (GEN · 823 DIC) has no barcode ($p); no copy was made of it.",
        )
    ]
    assert CatalogueRecord.objects.get(title="Half catalogued").copies.get().barcode == "50002"


def test_a_barcode_of_another_record_is_reported_and_left_where_it_is(library_a):
    run(iso2709(marc21("c1", "First book", koha_952("60001", location="GEN"))), library_a)
    job = run(iso2709(marc21("c2", "Second book", koha_952("60001", location="REF"), koha_952("60002"))), library_a)
    first = CatalogueRecord.objects.get(title="First book")
    assert (job.created, job.rejected, job.copies_created, job.copies_updated) == (1, 0, 1, 0)
    assert copies(library_a) == {
        "60001": ("First book", "GEN", "", AVAILABLE),
        "60002": ("Second book", "MAIN", "", AVAILABLE),
    }
    assert copy_problems(job) == [
        (
            1,
            "Second book",
            f"The barcode 60001 already belongs to a copy of “First book” (record {first.pk}) in this library; "
            "that copy was left where it is. Check which record the item belongs to.",
        )
    ]


def test_the_same_barcode_in_another_library_is_another_copy(library_a, library_b):
    content = iso2709(marc21("d1", "Shared title", koha_952("70001")))
    run(content, library_a)
    job = run(content, library_b)
    assert job.copies_created == 1
    assert Copy.objects.filter(barcode="70001").count() == 2


def test_a_copy_on_loan_or_requested_keeps_its_status_and_an_available_one_becomes_lost(library_a):
    run(iso2709(marc21("e1", "Busy book", koha_952("80001"), koha_952("80002"), koha_952("80003"))), library_a)
    Copy.objects.filter(barcode="80001").update(status=ON_LOAN)
    Copy.objects.filter(barcode="80002").update(status=Copy.Status.REQUESTED)
    # The library system has no idea of Lantern's loans; it says every copy is on the shelf...
    run(iso2709(marc21("e1", "Busy book", koha_952("80001"), koha_952("80002"), koha_952("80003"))), library_a)
    assert [row[3] for _barcode, row in sorted(copies(library_a).items())] == [
        ON_LOAN,
        Copy.Status.REQUESTED,
        AVAILABLE,
    ]
    # ...then that all three are lost: only the copy on the shelf in Lantern follows.
    lost = iso2709(marc21("e1", "Busy book", *(koha_952(b, _1="1") for b in ("80001", "80002", "80003"))))
    job = run(lost, library_a)
    assert [row[3] for _barcode, row in sorted(copies(library_a).items())] == [ON_LOAN, Copy.Status.REQUESTED, LOST]
    assert [message for _position, _title, message in copy_problems(job)] == [
        "Copy 80001 is marked lost in the export but is “On loan” in Lantern; its status was kept.",
        "Copy 80002 is marked lost in the export but is “Requested” in Lantern; its status was kept.",
    ]


def test_a_lost_copy_is_not_made_available_again_by_an_export(library_a):
    run(iso2709(marc21("f1", "Gone", koha_952("81001", _1="1"))), library_a)
    run(iso2709(marc21("f1", "Gone", koha_952("81001"))), library_a)
    assert copies(library_a)["81001"][3] == LOST


def test_not_for_loan_comes_in_available_with_a_warning(library_a):
    job = run(iso2709(marc21("g1", "Reference work", koha_952("82001", _7="1"))), library_a)
    assert copies(library_a)["82001"][3] == AVAILABLE
    (problem,) = copy_problems(job)
    assert "Copy 82001 is marked not for loan ($7)" in problem[2]


def test_a_barcode_twice_in_one_record_makes_one_copy(library_a):
    job = run(iso2709(marc21("h1", "Twice", koha_952("83001", location="GEN"), koha_952("83001"))), library_a)
    assert copies(library_a) == {"83001": ("Twice", "GEN", "", AVAILABLE)}
    assert "appears again in holding 2 in field 952;" in copy_problems(job)[0][2]


def test_an_overlong_barcode_is_reported_not_a_crash(library_a):
    job = run(iso2709(marc21("i1", "Long", koha_952("9" * 80), koha_952("84001"))), library_a)
    assert (job.created, job.rejected, job.copies_created) == (1, 0, 1)
    assert "longer than 64 characters" in copy_problems(job)[0][2]


# --- MARCXML ---------------------------------------------------------------------------------------
def test_marcxml_holdings_become_copies_once(library_a):
    content = marcxml(
        marc21("x1", "XML book", koha_952("90001", callnumber="R614 SLA", location="GEN"), edition="3rd ed."),
        marc21("x2", "XML book two", field("852", ("b", "Branch"), ("h", "R615"), ("p", "90002"))),
    )
    job = run(content, library_a, name="export.xml")
    assert (job.format, job.created, job.copies_created) == ("marcxml", 2, 2)
    again = run(content, library_a, name="export.xml")
    assert (again.updated, again.copies_created, again.copies_updated) == (2, 0, 2)
    assert copies(library_a) == {
        "90001": ("XML book", "GEN", "R614 SLA", AVAILABLE),
        "90002": ("XML book two", "Branch", "R615", AVAILABLE),
    }
    assert CatalogueRecord.objects.get(title="XML book").edition == "3rd ed."


# --- UNIMARC / CNMARC ------------------------------------------------------------------------------
def test_cnmarc_905_and_koha_unimarc_995_holdings_become_copies(library_a):
    content = iso2709(
        unimarc(
            "cn1",
            "红楼梦",
            field("905", ("a", "ZJLIB"), ("b", "C0012345"), ("d", "I242.4"), ("e", "C123")),
            field("905", ("a", "ZJLIB"), ("d", "I242.4"), ("e", "C123")),
            edition="第3版",
        ),
        unimarc(
            "cn2",
            "Il nome della rosa",
            field("995", ("b", "CENTRALE"), ("e", "Narrativa"), ("f", "IT0001"), ("k", "853 ECO")),
            field("995", ("b", "CENTRALE"), ("f", "IT0002"), ("k", "853 ECO"), ("2", "1")),
        ),
    )
    job = run(content, library_a, name="cnmarc.iso")
    assert (job.format, job.created, job.copies_created, job.rejected) == ("unimarc", 2, 3, 0)
    assert copies(library_a) == {
        "C0012345": ("红楼梦", "ZJLIB", "I242.4/C123", AVAILABLE),
        "IT0001": ("Il nome della rosa", "Narrativa", "853 ECO", AVAILABLE),
        "IT0002": ("Il nome della rosa", "CENTRALE", "853 ECO", LOST),
    }
    assert copy_problems(job) == [
        (1, "红楼梦", "Holding 2 in field 905 (ZJLIB · I242.4/C123) has no barcode ($b); no copy was made of it.")
    ]
    assert CatalogueRecord.objects.get(title="红楼梦").edition == "第3版"
    again = run(content, library_a, name="cnmarc.iso")
    assert (again.copies_created, again.copies_updated) == (0, 3)
    assert Copy.objects.filter(library=library_a).count() == 3


# --- CSV ---------------------------------------------------------------------------------------------
def test_csv_barcodes_column_adds_several_copies_once(library_a):
    content = (
        "title,edition,barcodes,location,shelf_mark\n红楼梦,第3版,A1|A2; A3,二楼,I242.4/C1\nShelf only,,,Stack,R614\n"
    ).encode()
    job = run(content, library_a, name="list.csv")
    assert (job.created, job.rejected, job.copies_created) == (2, 0, 3)
    assert copies(library_a) == dict.fromkeys(("A1", "A2", "A3"), ("红楼梦", "二楼", "I242.4/C1", AVAILABLE))
    assert CatalogueRecord.objects.get(title="红楼梦").edition == "第3版"
    assert copy_problems(job) == [
        (
            2,
            "Shelf only",
            "A location or shelf mark is given without a barcode (barcode or barcodes); no copy was made.",
        )
    ]
    again = run(content.replace(b"\xe4\xba\x8c\xe6\xa5\xbc", "三楼".encode()), library_a, name="list.csv")
    assert (again.created, again.copies_created, again.copies_updated) == (0, 0, 3)
    assert {row[1] for row in copies(library_a).values()} == {"三楼"}


def test_csv_copy_fields_too_long_reject_the_row_with_a_message(library_a):
    content = f"title,barcode,location\nGood,B1,Stack\nBad,B2,{'x' * 250}\n".encode()
    job = run(content, library_a, name="list.csv")
    assert (job.created, job.rejected) == (1, 1)
    assert job.problems[-1]["message"] == "The location of copy B2 is longer than 200 characters."


# --- every real file still comes in, without copies ---------------------------------------------------
def test_the_real_files_have_no_holdings_and_keep_their_counts(library_a):
    for name in sorted(EXPECTED):
        job = run((REALDATA / name).read_bytes(), library_a, name=name)
        assert (job.read, job.rejected, job.copies_created) == (EXPECTED[name][1], EXPECTED[name][2], 0)
    assert not Copy.objects.exists()


# --- edition from the real files, and where it shows -----------------------------------------------
def test_edition_of_real_records_is_stored(library_a):
    import_file(REALDATA / "marc.dat", library=library_a)
    import_file(REALDATA / "test.dat", library=library_a)
    records = CatalogueRecord.objects.filter(library=library_a)
    assert records.get(control_number="12515882").edition == "2nd ed."  # Programming Python
    assert records.get(control_number="11877373").edition == "1st ed."  # Python programming on Win32
    assert records.get(control_number="fol05848297").edition == "2nd ed., expanded & updated"
    assert records.filter(edition="").count() == records.count() - 7


def test_edition_is_updated_by_a_second_import(library_a):
    run(iso2709(marc21("j1", "Revised", edition="1st ed.")), library_a)
    run(iso2709(marc21("j1", "Revised", edition="2nd ed.")), library_a)
    assert CatalogueRecord.objects.get(control_number="j1").edition == "2nd ed."


def test_edition_shows_on_the_record_page_in_the_api_and_in_json_ld(client, library_a):
    import_file(REALDATA / "marc.dat", library=library_a)
    record = CatalogueRecord.objects.get(library=library_a, control_number="12515882")
    body = client.get(record.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r"<dt>Edition</dt><dd>2nd ed\.</dd>", body)
    script = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', body, re.S)
    assert json.loads(script.group(1))["bookEdition"] == "2nd ed."
    assert client.get(f"/api/v1/records/{record.pk}").json()["edition"] == "2nd ed."
    plain = CatalogueRecord.objects.filter(library=library_a, edition="").first()
    body = client.get(plain.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dt>Edition</dt>" not in body
    assert "bookEdition" not in body


def test_edition_is_in_the_admin(client_as, librarian_a, library_a):
    import_file(REALDATA / "marc.dat", library=library_a)
    record = CatalogueRecord.objects.get(library=library_a, control_number="12515882")
    client = client_as(librarian_a)
    page = client.get(reverse("admin:catalogue_record_change", args=[record.pk])).content.decode()
    assert 'name="edition"' in page and 'value="2nd ed."' in page
    listing = client.get(reverse("admin:catalogue_record_changelist")).content.decode()
    assert "2nd ed." in listing


# --- the summary: command and staff page -------------------------------------------------------------
def test_the_command_prints_copies_and_each_copy_to_check(library_a, tmp_path):
    path = tmp_path / "holdings.mrc"
    path.write_bytes(iso2709(marc21("l1", "Command book", koha_952("85001"), koha_952(""))))
    out = StringIO()
    with translation.override("en"):
        call_command("import-records", str(path), "--library", "alpha", stdout=out, stderr=StringIO())
    lines = out.getvalue().strip().splitlines()
    assert lines[-2:] == ["copies created 1 / copies updated 0", "read 1 / created 1 / updated 0 / rejected 0"]
    assert lines[0].startswith(
        "record 1 (byte 0) “Command book”, imported, copy to check: Holding 2 in field 952 (MAIN) has no barcode"
    )


def test_the_result_page_shows_copy_counts_and_links_each_copy_to_check(client_as, librarian_a, library_a):
    job = run(iso2709(marc21("n1", "Page book", koha_952("86001"), koha_952(""))), library_a)
    record = CatalogueRecord.objects.get(title="Page book")
    client = client_as(librarian_a)
    html = client.get(f"/alpha/staff/catalogue/import/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dt>Copies created</dt><dd>1</dd>" in html
    assert "<dt>Copies updated</dt><dd>0</dd>" in html
    assert "Copies to check" in html and "never deleted" in html
    assert f'<a href="{record.get_absolute_url()}">Page book</a>: Holding 2 in field 952 (MAIN) has no barcode' in html
    assert "Imported with repairs" not in html
    listing = client.get("/alpha/staff/catalogue/import/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Copies created" in listing
