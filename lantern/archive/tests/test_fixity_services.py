"""The fixity check: a deleted original is reported MISSING and a changed one CHANGED, each with the right
file; a clean archive reports nothing; each file's last check is kept; managers are told."""

import pytest
from django.core import mail

from lantern.archive.models import FixityProblem, FixityRun, ItemFile
from lantern.archive.services import fixity
from lantern.core.errors import Refused
from lantern.core.models import AuditEntry

from .helpers import accepted_item, photo
from .preservation_helpers import change_one_byte, delete_original, item_with_three_files

pytestmark = pytest.mark.django_db


def test_a_clean_archive_reports_no_problem_and_marks_every_file_checked(library_a, library_b):
    item_with_three_files(library_a)
    accepted_item(library_b)
    run = fixity.run_fixity_check()
    assert (run.checked, run.problems) == (4, 0)
    assert run.finished_at is not None
    assert not FixityProblem.objects.exists()
    assert set(ItemFile.objects.values_list("fixity_ok", flat=True)) == {True}
    assert ItemFile.objects.filter(last_checked_at__isnull=True).count() == 0
    assert mail.outbox == []


def test_a_deleted_original_is_missing_and_a_changed_byte_is_changed(library_a, manager_a):
    item = item_with_three_files(library_a)
    photo_file, pdf_file, text_file = item.files.order_by("position")
    delete_original(pdf_file)
    change_one_byte(text_file)
    run = fixity.run_fixity_check(library=library_a)
    assert (run.checked, run.problems) == (3, 2)
    problems = {p.file_id: p for p in run.found.all()}
    assert set(problems) == {pdf_file.pk, text_file.pk}
    assert problems[pdf_file.pk].kind == FixityProblem.Kind.MISSING
    assert problems[pdf_file.pk].expected == pdf_file.sha256 and problems[pdf_file.pk].found == ""
    changed = problems[text_file.pk]
    assert changed.kind == FixityProblem.Kind.CHANGED
    assert changed.expected == text_file.sha256 and len(changed.found) == 64 and changed.found != changed.expected
    flags = dict(ItemFile.objects.values_list("pk", "fixity_ok"))
    assert flags == {photo_file.pk: True, pdf_file.pk: False, text_file.pk: False}

    # The library's manager gets a notice by email naming both files.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [manager_a.email]
    assert "2" in message.subject
    assert pdf_file.original.name in message.body and text_file.original.name in message.body
    assert photo_file.original.name not in message.body
    assert "/alpha/staff/archive/preservation/" in message.body


def test_a_library_check_reads_only_that_librarys_files(library_a, library_b):
    accepted_item(library_a)
    other = accepted_item(library_b)
    delete_original(other.files.get())
    run = fixity.run_fixity_check(library=library_a)
    assert (run.checked, run.problems) == (1, 0)
    assert ItemFile.objects.get(item=other).last_checked_at is None


def test_a_library_without_a_manager_is_told_at_its_own_address(library_a):
    item = accepted_item(library_a)
    delete_original(item.files.get())
    fixity.run_fixity_check()
    assert [m.to for m in mail.outbox] == [[library_a.email]]


def test_every_run_is_audited_with_its_library(library_a, librarian_a):
    accepted_item(library_a)
    own = fixity.run_fixity_check(library=library_a, by=librarian_a)
    everyone = fixity.run_fixity_check()
    entries = AuditEntry.objects.filter(action="archive.fixity_run").order_by("pk")
    assert [(e.object_id, e.library, e.actor) for e in entries] == [
        (str(own.pk), library_a, librarian_a),
        (str(everyone.pk), None, None),
    ]
    assert own.started_by == librarian_a
    assert list(fixity.runs_for(library_a).order_by("pk")) == [own, everyone]


def test_a_second_check_is_refused_while_one_runs(library_a, library_b):
    running = fixity.start_fixity_run(library=library_a)
    with pytest.raises(Refused, match="already running"):
        fixity.run_fixity_check(library=library_a)
    with pytest.raises(Refused):
        fixity.run_fixity_check()
    # Another library's own check is not held up.
    fixity.run_fixity_check(library=library_b)
    FixityRun.objects.filter(pk=running.pk).update(finished_at=running.started_at)
    fixity.run_fixity_check(library=library_a)


def test_thousands_of_files_are_read_in_batches(library_a):
    item = accepted_item(library_a, files=[photo()])
    original = item.files.get()
    # 1,234 rows pointing at the same original: enough to cross several batches of 500.
    ItemFile.objects.bulk_create(
        [
            ItemFile(
                item=item,
                position=n,
                original=original.original.name,
                mime="image/jpeg",
                size=1,
                sha256=original.sha256,
            )
            for n in range(1, 1234)
        ]
    )
    seen = []
    run = fixity.run_fixity_check(library=library_a, progress=lambda done, total: seen.append((done, total)))
    assert (run.checked, run.problems) == (1234, 0)
    assert seen == [(500, 1234), (1000, 1234), (1234, 1234)]
