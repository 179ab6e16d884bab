"""Reading the real files in ../shared/realdata/marc: every record found, damaged ones explained one by
one, the UNIMARC record and MARC-8 diacritics right, and the format told from the file itself."""

from pathlib import Path

import pytest
from django.conf import settings

from lantern.catalogue import imports
from lantern.catalogue.imports import iso2709

# The repository sits beside shared/ (in /work and in CI's fresh clone alike).
REALDATA = Path(settings.BASE_DIR).parents[1] / "shared" / "realdata" / "marc"

# file: (format, records read, rejected, records imported with repairs) — counted with pymarc by hand.
EXPECTED = {
    "bad_indicator.dat": ("marc21", 1, 0, 1),
    "bad_records.mrc": ("marc21", 8, 6, 0),
    "batch.xml": ("marcxml", 2, 0, 0),
    "diacritic.dat": ("marc21", 1, 0, 0),
    "marc.dat": ("marc21", 20, 0, 0),
    "marc8.dat": ("marc21", 1, 0, 0),
    "multi_isbn.dat": ("marc21", 1, 0, 0),
    "one.dat": ("marc21", 1, 0, 0),
    "test.dat": ("marc21", 10, 0, 0),
    "testunimarc.dat": ("unimarc", 1, 0, 0),
    "utf8.xml": ("marcxml", 1, 0, 0),
    "utf8_invalid.mrc": ("marc21", 1, 0, 1),
    "utf8_with_leader_flag.dat": ("marc21", 1, 0, 0),
}


def realfile(name: str) -> bytes:
    return (REALDATA / name).read_bytes()


def read_all(name: str, format=None):
    content = realfile(name)
    return list(imports.reader_for(content, format).read(content))


def test_every_real_file_is_covered():
    files = {p.name for p in REALDATA.iterdir() if not p.name.startswith("LICENSE")}
    assert files == set(EXPECTED), "a new file in shared/realdata/marc needs its expected counts here"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_file_is_detected_and_read_record_by_record(name):
    format_name, read, rejected, repaired = EXPECTED[name]
    assert imports.detect_format(realfile(name)) == format_name
    items = read_all(name)
    assert [item.position for item in items] == list(range(1, read + 1))
    assert sum(1 for item in items if item.problem) == rejected
    assert sum(1 for item in items if item.notes) == repaired
    for item in items:
        assert bool(item.problem) != bool(item.data)
        if item.data:
            assert item.data.title, f"record {item.position} of {name} lost its title"


def test_damaged_records_are_reported_with_their_position_and_the_good_ones_around_them_are_read():
    items = read_all("bad_records.mrc")
    assert [item.position for item in items if item.data] == [1, 8]
    problems = {item.position: (item.offset, item.problem) for item in items if item.problem}
    assert problems == {
        2: (127, "The leader says the data starts at a place that is not in the record."),
        3: (254, "The leader says the data starts at a place that is not in the record."),
        4: (381, "The record's directory (the list of its fields) is damaged."),
        5: (509, "The record's leader or directory is damaged (unreadable characters or numbers)."),
        6: (637, "The record's leader or directory is damaged (unreadable characters or numbers)."),
        7: (764, "The record has no fields."),
    }
    assert items[7].data.title == "The pragmatic programmer"
    assert items[7].data.subtitle == "from journeyman to master"


def test_a_field_with_a_broken_tag_is_left_out_and_the_record_kept():
    (item,) = read_all("bad_indicator.dat")  # 821 bytes of padding after it are not a record
    assert item.data.title == "Aristocrats of color"
    assert item.data.isbns == ["0253325528 (alk. paper)"]
    assert item.data.control_number == "426705"
    assert any("0 2" in note for note in item.notes)


def test_an_unreadable_subfield_code_is_repaired_and_said_so():
    (item,) = read_all("utf8_invalid.mrc")
    assert item.data.publisher == "Association of Teacher Educators"
    assert item.data.year == 1994
    assert item.notes == ["Field 260 had an unreadable character where a subfield code belongs; read as $b."]


def test_the_unimarc_record_comes_in_with_title_isbn_publisher_and_year():
    (item,) = read_all("testunimarc.dat")
    data = item.data
    assert data.title == "L'altra faccia della spirale"  # without the non-sorting markers around “L'”
    assert data.isbns == ["88-04-40682-8"]
    assert data.publisher == "A. Mondadori"
    assert data.year == 1996
    assert data.language == "ita"
    assert data.authors[0] == "Asimov, Isaac"
    assert "Fruttero, Carlo" in data.authors
    assert data.responsibility.startswith("Isaac Asimov")
    assert data.control_number == r"IT\ICCU\ANA\0019370"
    assert data.source_format == "unimarc"


def test_marc8_and_utf8_copies_of_a_record_decode_to_the_same_accented_text():
    marc8, _notes = iso2709.parse(realfile("marc8.dat").rstrip(b"\n"), iso2709.utf8_or_marc8)
    utf8, _notes = iso2709.parse(realfile("utf8_with_leader_flag.dat").rstrip(b"\n"), iso2709.utf8_or_marc8)
    assert marc8.leader[9] == " " and utf8.leader[9] == "a"
    assert marc8.first("240", "a") == "De la solitude à la communauté."
    assert utf8.first("240", "a") == "De la solitude à la communauté."
    assert [f.subfields for f in marc8.fields if f.subfields] == [f.subfields for f in utf8.fields if f.subfields]


def test_utf8_text_keeps_its_diacritics():
    (item,) = read_all("diacritic.dat")
    assert "Eva Hemmungs Wirtén" in item.data.summary  # from the 505 contents note
    assert item.data.isbns == ["9780415782654 (hardback)", "9780203112021 (ebook)"]


def test_marc21_fields_are_mapped():
    data = read_all("marc.dat")[0].data
    assert data.title == "The pragmatic programmer"
    assert data.authors == ["Hunt, Andrew", "Thomas, David"]
    assert data.publisher == "Addison-Wesley"
    assert data.year == 2000
    assert data.language == "eng"
    assert data.subjects == ["Computer programming"]
    assert data.classification == "QA76.6 .H857 2000"
    assert data.control_number == "11778504"
    assert data.format == "print_book"


def test_marcxml_records_are_read():
    first, second = read_all("batch.xml")
    assert first.data.title == "The Great Ray Charles"
    assert first.data.authors == ["Charles, Ray"]
    assert second.data.title == "The White House"
    assert second.data.source_format == "marcxml"


def test_cnmarc_in_utf8_uses_the_unimarc_field_map():
    from pymarc import Field, Indicators, Record, Subfield

    record = Record(force_utf8=True)
    record.leader = record.leader[:5] + "nam" + record.leader[8:]
    record.add_field(Field(tag="001", data="CN0001"))

    def field(tag, *pairs):
        subfields = [Subfield(code=pairs[i], value=pairs[i + 1]) for i in range(0, len(pairs), 2)]
        return Field(tag=tag, indicators=Indicators(" ", " "), subfields=subfields)

    record.add_field(
        field("010", "a", "978-7-02-002207-6", "d", "CNY59.70"),
        field("101", "a", "chi"),
        field("200", "a", "红楼梦", "f", "曹雪芹著"),
        field("210", "a", "北京", "c", "人民文学出版社", "d", "1996"),
        field("330", "a", "中国古典小说。"),
        field("606", "a", "章回小说", "y", "中国", "z", "清代"),
        field("690", "a", "I242.47", "v", "5"),
        field("701", "a", "曹雪芹", "4", "著"),
    )
    content = record.as_marc()
    assert imports.detect_format(content) == "unimarc"
    (item,) = list(imports.reader_for(content).read(content))
    data = item.data
    assert (data.title, data.publisher, data.year, data.language) == ("红楼梦", "人民文学出版社", 1996, "chi")
    assert data.isbns == ["978-7-02-002207-6 (CNY59.70)"]
    assert data.classification == "I242.47"
    assert data.authors == ["曹雪芹"]
    assert data.subjects == ["章回小说 -- 中国 -- 清代"]
    assert data.summary == "中国古典小说。"
    assert data.responsibility == "曹雪芹著"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00junk", "not in a format Lantern can import"),
        (b"<html><body>hello</body></html>", "not in a format Lantern can import"),
    ],
)
def test_files_in_no_known_format_are_refused_at_once(content, message):
    with pytest.raises(imports.FileRejected) as caught:
        imports.reader_for(content)
    assert message in caught.value.messages[0]


def test_choosing_the_wrong_format_is_refused_with_the_format_named():
    with pytest.raises(imports.FileRejected) as caught:
        imports.reader_for(realfile("marc.dat"), "marcxml")
    assert "not in MARCXML" in caught.value.messages[0]
    with pytest.raises(imports.FileRejected):
        imports.reader_for(realfile("testunimarc.dat"), "marc21")
    with pytest.raises(imports.FileRejected):
        imports.reader_for(realfile("batch.xml"), "csv")
