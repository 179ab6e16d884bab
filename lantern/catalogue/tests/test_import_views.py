"""The staff upload page: only the library's own staff may import, bad uploads are refused with a
clear message and write nothing, and a good upload shows its result and joins the recent imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from lantern.catalogue.models import ImportJob, Record
from lantern.core.models import AuditEntry

from .test_import_readers import REALDATA

pytestmark = pytest.mark.django_db
URL = "/alpha/staff/catalogue/import/"


def upload(name: str, content: bytes | None = None):
    if content is None:
        content = (REALDATA / name).read_bytes()
    return SimpleUploadedFile(name, content)


def test_the_url_is_where_staff_expect_it(library_a):
    assert reverse("catalogue:import", args=["alpha"]) == URL


def test_librarian_imports_a_file_and_sees_counts_and_each_problem(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    response = client.post(URL, {"file": upload("bad_records.mrc"), "format": ""})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}{job.pk}/"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Import of bad_records.mrc" in html
    assert "The record has no fields." in html
    assert "byte 764" in html
    assert html.count('class="problem-message"') == 6
    assert Record.objects.filter(library=library_a).count() == 1
    assert AuditEntry.objects.filter(action="catalogue.imported", actor=librarian_a).exists()
    listing = client.get(URL).content.decode()
    assert "bad_records.mrc" in listing


def test_the_upload_page_documents_the_csv_header_and_offers_an_example(client_as, librarian_a):
    client = client_as(librarian_a)
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "title,subtitle,authors,publisher,year,isbn" in html
    example = client.get(f"{URL}example.csv")
    assert example["Content-Type"].startswith("text/csv")
    text = example.content.decode("utf-8-sig")
    assert text.startswith("title,subtitle,authors,")
    assert "红楼梦" in text
    # The example imports cleanly: what we document is what we read.
    response = client.post(URL, {"file": SimpleUploadedFile("example.csv", example.content)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (job.read, job.created, job.rejected) == (2, 2, 0)


def test_staff_of_another_library_a_reader_and_a_visitor_cannot_import(client, client_as, librarian_b, reader):
    assert client.get(URL).status_code == 302  # to sign in
    for user in (librarian_b, reader):
        signed_in = client_as(user)
        assert signed_in.get(URL).status_code == 403
        assert signed_in.post(URL, {"file": upload("marc.dat")}).status_code == 403
        assert signed_in.get(f"{URL}example.csv").status_code == 403
    assert not Record.objects.exists()
    assert not ImportJob.objects.exists()


def test_an_import_of_another_library_cannot_be_seen(client_as, librarian_a, librarian_b, library_b):
    job = ImportJob.objects.create(library=library_b, filename="theirs.mrc", format="marc21")
    assert client_as(librarian_a).get(f"{URL}{job.pk}/").status_code == 404


def test_coordinator_of_the_network_may_import(client_as, coordinator, library_a):
    response = client_as(coordinator).post(URL, {"file": upload("testunimarc.dat"), "format": "unimarc"})
    assert response.status_code == 302
    assert Record.objects.get(library=library_a).publisher == "A. Mondadori"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a file to import."),
        ({"file": upload("empty.mrc", b"")}, "The file is empty."),
        ({"file": upload("blank.csv", b"   \n\n")}, "The file is empty."),
        ({"file": upload("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))}, "not in a format"),
        ({"file": upload("marc.dat"), "format": "marcxml"}, "This file is not in MARCXML."),
        ({"file": upload("batch.xml"), "format": "unimarc"}, "This file is not in UNIMARC/CNMARC."),
        ({"file": upload("records.csv", b"titel,autor\nA,B\n")}, "Unknown column(s) in the header: titel, autor."),
        ({"file": upload("marc.dat"), "format": "pdf"}, "Select a valid choice."),
    ],
)
def test_bad_uploads_get_the_page_again_with_a_clear_message_and_nothing_written(client_as, librarian_a, data, message):
    response = client_as(librarian_a).post(URL, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode() or "errorlist" in response.content.decode()
    assert not Record.objects.exists()
    assert not ImportJob.objects.exists()
    assert not AuditEntry.objects.filter(action="catalogue.imported").exists()


@override_settings(LANTERN_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused(client_as, librarian_a):
    response = client_as(librarian_a).post(URL, {"file": upload("marc.dat")}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "files up to 1000" in response.content.decode()
    assert not Record.objects.exists()
    assert not ImportJob.objects.exists()
