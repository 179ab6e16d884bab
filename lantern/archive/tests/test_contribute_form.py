"""The public contribution form: a contribution with several files (the GPS photo kept byte for byte, its
public derivative without EXIF), each refusal re-showing the form with everything typed and nothing stored,
names the archive chooses, the receipt email, calls for contributions, a library that takes none, and the
flood guard's 429."""

import hashlib
import io
import re

import pytest
from django.core import mail
from django.core.cache import cache
from PIL import Image

from lantern.archive.models import ArchiveSettings, Item
from lantern.archive.services import files as file_services

from .contribute_helpers import contribute_url, form_data, multipart, status_url, stored_files, words
from .helpers import collection, executable, jpeg_bytes, pdf, photo, pixel_bomb, text, zip_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_the_form_says_who_sees_what_and_explains_the_licences(client, library_a):
    page = client.get(contribute_url())
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    assert re.search(r'<input type="file" name="files"[^>]* multiple', page.text)
    assert "Only the library's archive staff see your email and phone; they are never published." in words(page)
    assert "Your name is shown with your contribution only if you tick “show my name”." in words(page)
    assert "Under 18: a parent or guardian must agree." in words(page)
    assert "nobody may use it to make money" in words(page) and "never shows it on its website" in words(page)
    assert "send a screenshot of it as a file, and paste the link to the post" in words(page)


def test_a_contribution_with_several_files_keeps_the_originals_and_strips_the_derivative(client, library_a):
    gps_bytes = jpeg_bytes(gps=True)
    uploads = [photo("family.jpg", gps=True), pdf(), text()]
    uploads[0].file = io.BytesIO(gps_bytes)
    response = client.post(contribute_url(), {**form_data(), "files": uploads})
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(item)
    assert item.status == Item.Status.SUBMITTED and item.contributor is None
    files = list(item.files.order_by("position"))
    assert [file.mime for file in files] == ["image/jpeg", "application/pdf", "text/plain"]
    assert [file.original_name for file in files] == ["family.jpg", "letter.pdf", "diary.txt"]
    with files[0].original.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == hashlib.sha256(gps_bytes).hexdigest() == files[0].sha256
    with files[0].web.open("rb") as handle:
        derivative = Image.open(io.BytesIO(handle.read()))
        assert 0x8825 not in derivative.getexif() and len(derivative.getexif()) == 0
    assert not files[1].web and not files[2].web
    assert "contact_email" not in item.submitted and item.submitted["files"] == [
        "family.jpg",
        "letter.pdf",
        "diary.txt",
    ]


def test_the_receipt_is_emailed_with_the_reference_and_an_absolute_link(client, library_a):
    client.post(contribute_url(), {**form_data(), "files": [photo()]})
    item = Item.objects.get()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["xiaoming@example.org"]
    assert item.reference in mail.outbox[0].subject
    assert f"http://testserver{status_url(item)}" in mail.outbox[0].body


def test_a_phone_only_contribution_sends_no_email_and_shows_the_phone_masked(client, library_a):
    data = form_data(contact_email="", contact_phone="13812345678")
    response = client.post(contribute_url(), {**data, "files": [photo()]}, follow=True)
    assert mail.outbox == []
    assert "***678" in response.text and "13812345678" not in response.text


def test_a_signed_in_reader_is_the_contributor(client_as, reader, library_a):
    client_as(reader).post(contribute_url(), {**form_data(), "files": [photo()]})
    assert Item.objects.get().contributor == reader


def test_a_file_sent_as_a_path_is_stored_under_the_name_the_archive_chose(client, library_a):
    body = multipart(form_data(), [("../../etc/passwd.jpg", jpeg_bytes(), "image/jpeg")])
    response = client.post(contribute_url(), body, content_type="multipart/form-data; boundary=lanternboundary")
    item = Item.objects.get()
    assert response.status_code == 302
    stored = item.files.get()
    assert stored.original.name == f"originals/alpha/{item.reference}/0.jpg"
    assert stored.original_name == "passwd.jpg"
    assert all("etc" not in path.parts for path in stored_files())


# --- refusals: everything typed comes back, nothing is kept ---------------------------------------------
REFUSALS = {
    "zip renamed .jpg": ({}, lambda: [zip_file()], "the archive does not take this kind of file"),
    "program renamed .pdf": ({}, lambda: [executable()], "the archive does not take this kind of file"),
    "pixel bomb": ({}, lambda: [pixel_bomb()], "megapixels"),
    "no contact": ({"contact_email": ""}, lambda: [photo()], "Give an email address or a phone number"),
    "minor without consent": ({"is_minor": True}, lambda: [photo()], "Contributors under 18 need a parent"),
    "social post without link": ({"kind": "social_post"}, lambda: [photo()], "give the link to the post"),
    "bad date": ({"date": "Feb 2020"}, lambda: [photo()], "Write the date as a year, a month or a day"),
    "bad email": ({"contact_email": "not-an-email"}, lambda: [photo()], "Enter a valid email address"),
    "no title": ({"title": "   "}, lambda: [photo()], "This field is required"),
    "name shown but not given": ({"contributor_name": ""}, lambda: [photo()], "Give the name you want shown"),
    "nothing to keep": ({"description": ""}, list, "Add at least one file, or write the text"),
    "bad licence": ({"licence": "all_rights"}, lambda: [photo()], "Select a valid choice"),
}


@pytest.mark.parametrize("case", REFUSALS.keys())
def test_a_refused_contribution_keeps_what_was_typed_and_stores_nothing(client, library_a, case):
    overrides, uploads, message = REFUSALS[case]
    data = form_data(**{"title": "我的<b>标题</b>", **overrides})
    files = uploads()
    response = client.post(contribute_url(), {**data, "files": files})
    assert response.status_code == 400
    assert message in words(response)
    assert "Nothing was sent yet" in response.text
    assert 'value="武汉市江岸区"' in response.text and 'value="王小明"' in response.text
    if case != "no title":
        assert 'value="我的&lt;b&gt;标题&lt;/b&gt;"' in response.text
    if case != "nothing to keep":
        assert "2020年2月，我们小区的志愿者在门口测体温。</textarea>" in response.text
    assert ("Choose your files again before sending" in response.text) == bool(files)
    assert not Item.objects.exists()
    assert stored_files() == []


def test_too_many_files_are_refused(client, library_a, settings):
    settings.LANTERN_ARCHIVE_MAX_FILES = 2
    response = client.post(contribute_url(), {**form_data(), "files": [photo("a.jpg"), photo("b.jpg"), pdf()]})
    assert response.status_code == 400 and "Send at most 2 files at a time." in response.text
    assert "Choose your files again" in response.text and 'value="小区门口的志愿者"' in response.text
    assert not Item.objects.exists() and stored_files() == []


def test_a_file_over_the_size_limit_is_refused(client, library_a, monkeypatch):
    monkeypatch.setattr(file_services, "max_file_bytes", lambda: 1000)
    response = client.post(contribute_url(), {**form_data(), "files": [text(body="日" * 400), pdf()]})
    assert response.status_code == 400 and "The file is too large" in response.text and "diary.txt" in response.text
    assert not Item.objects.exists() and stored_files() == []


def test_one_bad_file_refuses_the_lot(client, library_a):
    response = client.post(contribute_url(), {**form_data(), "files": [photo(), zip_file("b.jpg")]})
    assert response.status_code == 400 and "“b.jpg”" in response.text
    assert not Item.objects.exists() and stored_files() == []


def test_a_social_post_is_a_screenshot_and_its_link(client, library_a):
    data = form_data(kind="social_post", source_link="https://weibo.example.org/p/1")
    assert client.post(contribute_url(), {**data, "files": []}).status_code == 400
    assert "Add a screenshot of the post." in client.post(contribute_url(), data).text
    assert client.post(contribute_url(), {**data, "files": [photo("screenshot.png")]}).status_code == 302
    assert Item.objects.get().source_link == "https://weibo.example.org/p/1"


def test_a_minor_with_a_guardian_may_contribute(client, library_a):
    data = form_data(is_minor=True, guardian_name="王妈妈", guardian_consent=True)
    assert client.post(contribute_url(), {**data, "files": [photo()]}).status_code == 302
    item = Item.objects.get()
    assert item.is_minor and item.guardian_consent and item.guardian_name == "王妈妈"


# --- calls for contributions ----------------------------------------------------------------------------
def test_an_open_call_is_offered_and_kept_in_what_was_submitted(client, library_a):
    import datetime

    collection(library_a, "open-call", calls_for_contributions=True, call_text_en="Send us your diaries.")
    collection(
        library_a, "ended", calls_for_contributions=True, call_ends_on=datetime.date(2020, 1, 1), title_en="Ended"
    )
    collection(library_a, "draft", published=False, calls_for_contributions=True, title_en="Draft call")
    page = client.get(contribute_url() + "?call=open-call")
    assert "Send us your diaries." in words(page) and '<option value="open-call" selected>' in words(page)
    assert "Ended" not in words(page) and "Draft call" not in words(page)
    response = client.post(contribute_url(), {**form_data(), "call": "ended", "files": [photo()]})
    assert response.status_code == 400 and not Item.objects.exists()
    client.post(contribute_url(), {**form_data(), "call": "open-call", "files": [photo()]})
    assert Item.objects.get().submitted["call"] == "open-call"


def test_without_open_calls_the_form_asks_nothing_about_them(client, library_a):
    assert 'name="call"' not in client.get(contribute_url()).text
    client.post(contribute_url(), {**form_data(), "call": "anything", "files": [photo()]})
    assert "call" not in Item.objects.get().submitted


# --- a library that takes no contributions, and the flood guard -------------------------------------------
def test_a_library_that_takes_no_contributions_says_so_and_keeps_nothing(client, library_a):
    ArchiveSettings.objects.create(library=library_a, accepts_contributions=False)
    page = client.get(contribute_url())
    assert "is not taking contributions" in words(page) and 'type="file"' not in words(page)
    response = client.post(contribute_url(), {**form_data(), "files": [photo()]})
    assert response.status_code == 403 and not Item.objects.exists() and stored_files() == []


def test_too_many_sends_from_one_address_answer_429_with_a_readable_page(client, library_a, library_b, settings):
    settings.LANTERN_ARCHIVE_CONTRIBUTIONS_PER_HOUR = 2
    for _i in range(2):
        assert client.post(contribute_url(), {**form_data(), "files": [photo()]}).status_code == 302
    response = client.post(contribute_url(), {**form_data(), "files": [photo()]})
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert "Too many contributions were sent from your connection" in response.text
    assert Item.objects.count() == 2
    # Nothing typed is lost: the form comes back filled in, and says the files must be chosen again.
    assert 'value="小区门口的志愿者"' in response.text and "武汉市江岸区" in response.text
    assert "What you typed is still here" in response.text and "Choose your files again" in response.text
    other = client.post(contribute_url(), {**form_data(), "files": [photo()]}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    assert client.post(contribute_url("beta"), {**form_data(), "files": [photo()]}).status_code == 302


def test_the_form_answers_404_for_an_unknown_library(client, db):
    assert client.get(contribute_url("nowhere")).status_code == 404
