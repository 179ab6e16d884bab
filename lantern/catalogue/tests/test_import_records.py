"""Saving and importing records: real files arrive with the right counts, a second import updates
instead of duplicating, records are matched by control number or any ISBN, and bad rows are refused."""

import io

import pytest
from django.core.exceptions import ValidationError

from lantern.catalogue import imports
from lantern.catalogue.models import Copy, EResource, ImportJob, Isbn, Record
from lantern.catalogue.services.records import CopyData, EResourceData, RecordData, import_file, save_record
from lantern.core.models import AuditEntry

from .test_import_readers import EXPECTED, REALDATA

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_file_imports_with_the_right_counts_and_a_second_time_updates(library_a, name):
    format_name, read, rejected, repaired = EXPECTED[name]
    first = import_file(REALDATA / name, library=library_a)
    imported = read - rejected
    distinct = Record.objects.filter(library=library_a).count()
    assert (first.status, first.format, first.read, first.rejected) == (
        ImportJob.Status.DONE,
        format_name,
        read,
        rejected,
    )
    assert first.created + first.updated == imported
    assert first.created == distinct
    assert len([p for p in first.problems if p["rejected"]]) == rejected
    assert len({p["position"] for p in first.problems if not p["rejected"]}) == repaired

    again = import_file(REALDATA / name, library=library_a)
    assert (again.read, again.created, again.updated, again.rejected) == (read, 0, imported, rejected)
    assert Record.objects.filter(library=library_a).count() == distinct


def test_every_real_file_together_gives_one_record_per_book(library_a):
    for name in sorted(EXPECTED):
        import_file(REALDATA / name, library=library_a)
    # one.dat repeats test.dat's first record; marc8.dat and utf8_with_leader_flag.dat are one record in
    # two encodings; bad_records.mrc holds one good record twice: 49 records read, 6 rejected, 40 books.
    assert Record.objects.filter(library=library_a).count() == 40
    assert ImportJob.objects.filter(library=library_a).count() == len(EXPECTED)


def test_damaged_file_keeps_the_good_records_and_lists_the_bad_ones(library_a):
    job = import_file(REALDATA / "bad_records.mrc", library=library_a)
    assert (job.read, job.created, job.updated, job.rejected) == (8, 1, 1, 6)
    assert [(p["position"], p["offset"]) for p in job.problems] == [
        (2, 127),
        (3, 254),
        (4, 381),
        (5, 509),
        (6, 637),
        (7, 764),
    ]
    assert job.problems[-1]["message"] == "The record has no fields."
    assert Record.objects.get(library=library_a).title == "The pragmatic programmer"


def test_unimarc_record_is_saved_with_title_isbn_publisher_and_year(library_a):
    import_file(REALDATA / "testunimarc.dat", library=library_a)
    record = Record.objects.get(library=library_a)
    assert record.title == "L'altra faccia della spirale"
    assert record.isbns == ["9788804406822"]
    assert (record.publisher, record.year, record.language, record.source_format) == (
        "A. Mondadori",
        1996,
        "ita",
        "unimarc",
    )


def test_a_record_with_several_isbns_is_found_again_by_any_of_them(library_a):
    import_file(REALDATA / "multi_isbn.dat", library=library_a)
    record = Record.objects.get(library=library_a)
    assert sorted(record.isbns) == ["9780914378266", "9780914378280", "9780914378297"]
    assert Isbn.objects.get(record=record, value="9780914378297").qualifier == "lim. ed.; v. 1"
    # A spreadsheet naming only the paperback's ISBN, hyphenated, updates the same record.
    csv = b"title,isbn,summary\nThe town scold,0-914378-26-0,A poem in parts.\n"
    job = import_file(io.BytesIO(csv), library=library_a, filename="scold.csv")
    assert (job.created, job.updated) == (0, 1)
    record.refresh_from_db()
    assert record.summary == "A poem in parts."
    assert len(record.isbns) == 3  # the other two ISBNs stay: later imports are matched by them too
    assert Record.objects.filter(library=library_a).count() == 1


def test_records_are_matched_only_within_their_library(library_a, library_b):
    import_file(REALDATA / "marc.dat", library=library_a)
    job = import_file(REALDATA / "marc.dat", library=library_b)
    assert job.created == 20
    assert Record.objects.filter(library=library_b).count() == 20


def test_import_is_audited_and_indexed_in_batches(library_a, librarian_a, monkeypatch):
    batches = []
    monkeypatch.setattr("lantern.catalogue.search.index_records", lambda records: batches.append(list(records)))
    monkeypatch.setattr("lantern.catalogue.services.records.INDEX_BATCH", 8)
    job = import_file(REALDATA / "marc.dat", library=library_a, by=librarian_a)
    assert [len(batch) for batch in batches] == [8, 8, 4]
    entry = AuditEntry.objects.get(action="catalogue.imported")
    assert (entry.actor, entry.library, entry.object_id) == (librarian_a, library_a, str(job.pk))
    assert "created 20" in entry.summary


def test_progress_is_reported_record_by_record(library_a):
    seen = []
    import_file(REALDATA / "test.dat", library=library_a, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 10) for n in range(1, 11)]


def test_an_unexpected_failure_leaves_a_failed_job_that_counts_only_what_was_saved(library_a, monkeypatch):
    monkeypatch.setattr("lantern.catalogue.services.records.INDEX_BATCH", 8)
    calls = []

    def index_then_break(records):
        calls.append(len(records))
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr("lantern.catalogue.search.index_records", index_then_break)
    with pytest.raises(RuntimeError):
        import_file(REALDATA / "marc.dat", library=library_a)
    job = ImportJob.objects.get()
    assert (job.status, job.read, job.created) == (ImportJob.Status.FAILED, 8, 8)
    assert job.finished_at is not None
    assert Record.objects.count() == 8


# --- save_record ---------------------------------------------------------------------------------
def test_saving_checks_first_and_writes_nothing_when_invalid(library_a):
    bad = RecordData(
        title="  ",
        year=20201,
        isbns=["978-7-02-000000-0"],
        eresources=[EResourceData(url="javascript:alert(1)", platform="x")],
    )
    with pytest.raises(ValidationError) as caught:
        save_record(library_a, bad)
    messages = caught.value.messages
    assert "The record has no title." in messages
    assert "The year 20201 is not a plausible year of publication." in messages
    assert "“978-7-02-000000-0” is not a valid ISBN-10 or ISBN-13." in messages
    assert "“javascript:alert(1)” is not a web address (http:// or https://)." in messages
    assert not Record.objects.exists()


def test_saving_matches_by_control_number_else_by_any_isbn(library_a):
    first, created = save_record(library_a, RecordData(title="One", control_number="c1", isbns=["9780199589548"]))
    assert created
    second, created = save_record(library_a, RecordData(title="One, revised", control_number="c1"))
    assert (second.pk, created, second.title, second.isbns) == (first.pk, False, "One, revised", ["9780199589548"])
    # Another system's number for the same book, found by its ISBN-10: updated, keeping our number.
    third, created = save_record(library_a, RecordData(title="One", control_number="x9", isbns=["0-19-958954-2"]))
    assert (third.pk, created, third.control_number) == (first.pk, False, "c1")
    _fourth, created = save_record(library_a, RecordData(title="Two", control_number="c2"))
    assert created
    assert Record.objects.count() == 2


def test_copies_and_eresources_are_added_once_and_a_copy_on_loan_keeps_its_status(library_a):
    data = RecordData(
        title="Plague",
        isbns=["9780199589548"],
        copies=[CopyData(barcode="A1", location="Stack", shelf_mark="R614")],
        eresources=[EResourceData(url="https://e.example.org/plague", platform="E-books")],
    )
    record, _created = save_record(library_a, data)
    Copy.objects.filter(barcode="A1").update(status=Copy.Status.ON_LOAN)
    save_record(library_a, data)
    copy = Copy.objects.get(library=library_a)
    assert (copy.record, copy.status, copy.location) == (record, Copy.Status.ON_LOAN, "Stack")
    assert EResource.objects.filter(record=record).count() == 1


def test_a_barcode_of_another_record_is_refused(library_a):
    save_record(library_a, RecordData(title="First", copies=[CopyData(barcode="B1")]))
    with pytest.raises(ValidationError) as caught:
        save_record(library_a, RecordData(title="Second", copies=[CopyData(barcode="B1")]))
    assert caught.value.messages == ["The barcode B1 already belongs to “First”."]
    assert Record.objects.count() == 1


# --- CSV -----------------------------------------------------------------------------------------
GOOD_CSV = (
    "title,subtitle,authors,publisher,year,isbn,language,subjects,classification,summary,format,"
    "barcode,location,shelf_mark,url,platform,access_note\n"
    "红楼梦,,曹雪芹; 高鹗,人民文学出版社,1996,978-7-02-002207-6,chi,章回小说; 中国,I242.4,,print_book,"
    "A0001,二楼,I242.4/C1,,,\n"
    'Plague,a very short introduction,"Slack, Paul",Oxford University Press,2012,9780199589548,eng,'
    "Plague -- History,,,ebook,,,,https://e.example.org/plague,Example e-books,Free during the closure\n"
)


def test_a_good_csv_file_imports_with_copies_and_eresources(library_a):
    job = import_file(io.BytesIO(("\ufeff" + GOOD_CSV).encode()), library=library_a, filename="list.csv")
    assert (job.format, job.read, job.created, job.rejected) == ("csv", 2, 2, 0)
    novel = Record.objects.get(title="红楼梦")
    assert novel.authors == ["曹雪芹", "高鹗"]
    assert novel.isbns == ["9787020022076"]
    assert novel.copies.get().shelf_mark == "I242.4/C1"
    plague = Record.objects.get(title="Plague")
    assert (plague.format, plague.authors) == ("ebook", ["Slack, Paul"])
    assert plague.eresources.get().access_note == "Free during the closure"
    again = import_file(io.BytesIO(GOOD_CSV.encode()), library=library_a, filename="list.csv")
    assert (again.created, again.updated) == (0, 2)


def test_csv_from_chinese_excel_in_gb18030_is_read(library_a):
    job = import_file(io.BytesIO("title,authors\n红楼梦,曹雪芹\n".encode("gb18030")), library=library_a)
    assert job.created == 1
    assert Record.objects.get().authors == ["曹雪芹"]


def test_bad_csv_rows_are_reported_by_line_and_the_good_rows_imported(library_a):
    content = (
        b"title,year,isbn,url\n"
        b"Good one,2001,,\n"
        b",1999,,\n"
        b"Bad year,19x9,,\n"
        b'"A title\nover two lines",2020,,\n'
        b"Bad isbn,,123,\n"
        b"Bad url,,,ftp//nowhere\n"
        b"Last good,,,https://example.org/x\n"
    )
    job = import_file(io.BytesIO(content), library=library_a, filename="rows.csv")
    assert (job.read, job.created, job.rejected) == (7, 3, 4)
    assert [(p["position"], p["line"], p["message"]) for p in job.problems] == [
        (2, 3, "The record has no title."),
        (3, 4, "The year “19x9” is not a number."),
        (5, 7, "“123” is not a valid ISBN-10 or ISBN-13."),
        (6, 8, "“ftp//nowhere” is not a web address (http:// or https://)."),
    ]
    assert Record.objects.filter(title="A title over two lines").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("titel,author\nX,Y\n", "Unknown column(s) in the header: titel, author."),
        ("title,price\nX,5\n", "Unknown column(s) in the header: price."),
        ("authors,isbn\nX,9780199589548\n", "The header has no “title” column"),
        ("\ufeffauthors\nX\n", "not in a format Lantern can import"),
    ],
)
def test_a_csv_header_lantern_does_not_know_rejects_the_whole_file(library_a, content, message):
    with pytest.raises(imports.FileRejected) as caught:
        import_file(io.BytesIO(content.encode()), library=library_a, filename="x.csv")
    assert message in caught.value.messages[0]
    assert not Record.objects.exists()
    assert not ImportJob.objects.exists()


def test_a_csv_without_a_title_column_is_refused_when_csv_is_chosen(library_a):
    with pytest.raises(imports.FileRejected) as caught:
        import_file(io.BytesIO(b"authors,isbn\nX,9780199589548\n"), library=library_a, format="csv")
    assert "The header has no “title” column" in caught.value.messages[0]
    assert not ImportJob.objects.exists()


def test_imported_records_can_be_searched_at_once(library_a):
    from lantern.catalogue import search

    import_file(REALDATA / "testunimarc.dat", library=library_a)
    import_file(REALDATA / "marc.dat", library=library_a)
    assert [r.title for r in search.search("spirale").records] == ["L'altra faccia della spirale"]
    assert [r.title for r in search.search("0-201-61622-X").records] == ["The pragmatic programmer"]
