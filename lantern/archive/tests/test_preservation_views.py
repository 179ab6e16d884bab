"""The staff preservation page: totals, the last checks and what they found (with links to the items), a
button that runs a check of the library's own files, and the command that exports a bag. Staff of that
library only."""

import pytest
from django.urls import reverse

from lantern.archive.models import FixityRun, ItemFile
from lantern.archive.services import fixity
from lantern.core.models import AuditEntry

from .helpers import accepted_item, collection, text
from .preservation_helpers import change_one_byte, delete_original, item_with_three_files

pytestmark = pytest.mark.django_db

PAGE = "/alpha/staff/archive/preservation/"
CHECK = "/alpha/staff/archive/preservation/check/"


def test_the_urls_are_named():
    assert reverse("archive:staff_preservation", args=["alpha"]) == PAGE
    assert reverse("archive:staff_fixity_run", args=["alpha"]) == CHECK


def test_only_the_librarys_staff_see_the_page_or_run_a_check(client, client_as, library_a, librarian_b, reader):
    # Someone not signed in is sent to sign in, not shown a bare refusal.
    assert client.get(PAGE)["Location"].startswith(reverse("login"))
    assert client.post(CHECK)["Location"].startswith(reverse("login"))
    for person in (reader, librarian_b):
        signed_in = client_as(person)
        assert signed_in.get(PAGE).status_code == 403
        assert signed_in.post(CHECK).status_code == 403
    assert not FixityRun.objects.exists()


def test_the_page_shows_totals_and_the_problems_of_the_last_checks(client_as, library_a, library_b, librarian_a):
    city = collection(library_a)
    item = item_with_three_files(library_a, city, title="封控第十天")
    accepted_item(library_a, files=[text()])
    other = accepted_item(library_b, files=[text()], title="乙市的秘密")
    delete_original(item.files.get(position=1))
    change_one_byte(item.files.get(position=2))
    delete_original(other.files.get())
    fixity.run_fixity_check()

    page = client_as(librarian_a).get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    totals = page.context["totals"]
    assert (totals["files"], totals["never_checked"], totals["failing"]) == (4, 0, 2)
    assert totals["bytes"] == sum(ItemFile.objects.filter(item__library=library_a).values_list("size", flat=True))
    assert "Missing: the file is not in storage" in html
    assert "Changed: its SHA-256 is not the one recorded" in html
    assert item.reference in html and "封控第十天" in html
    assert f'href="/alpha/staff/archive/items/{item.reference}/"' in html
    # Another library's problems stay theirs.
    assert other.reference not in html and "乙市的秘密" not in html
    assert "lantern archive-export alpha/our-city" in html
    assert "A check of every library&#x27;s files." in html or "A check of every library's files." in html


def test_a_check_from_the_page_covers_the_librarys_files_and_is_audited(client_as, library_a, library_b, librarian_a):
    item = accepted_item(library_a, files=[text(), text("b.txt")])
    other = accepted_item(library_b, files=[text()])
    delete_original(other.files.get())
    signed_in = client_as(librarian_a)
    response = signed_in.post(CHECK, follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    assert "Fixity check done: 2 files checked, all unchanged." in response.content.decode()
    run = FixityRun.objects.get()
    assert (run.checked, run.problems, run.started_by) == (2, 0, librarian_a)
    entry = AuditEntry.objects.get(action="archive.fixity_run")
    assert (entry.library, entry.actor, entry.object_id) == (library_a, librarian_a, str(run.pk))
    assert other.files.get().last_checked_at is None

    delete_original(item.files.get(position=0))
    response = signed_in.post(CHECK, follow=True)
    html = response.content.decode()
    assert "Fixity check done: 2 files checked, 1 is missing or changed." in html
    assert item.reference in html


def test_a_check_already_running_is_refused_with_a_message(client_as, library_a, librarian_a):
    accepted_item(library_a, files=[text()])
    fixity.start_fixity_run(library=library_a)
    response = client_as(librarian_a).post(CHECK)
    assert response.status_code == 409
    html = response.content.decode()
    assert "already running" in html
    assert FixityRun.objects.count() == 1


def test_the_check_button_needs_a_post(client_as, library_a, librarian_a):
    assert client_as(librarian_a).get(CHECK).status_code == 405
