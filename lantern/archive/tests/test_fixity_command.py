"""`lantern archive-fixity [--library SLUG]`: a summary line, each problem on its own line, and exit status 1
(a CommandError) when anything is missing or changed, so that cron mails about it."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lantern.archive.models import FixityRun

from .helpers import accepted_item, text
from .preservation_helpers import change_one_byte, delete_original, item_with_three_files

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("archive-fixity", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_a_clean_archive_ends_with_a_summary_and_succeeds(library_a, library_b):
    item_with_three_files(library_a)
    accepted_item(library_b, files=[text()])
    assert run().strip().splitlines()[-1] == "checked 4 / problems 0"
    assert run("--library", "beta").strip().splitlines()[-1] == "checked 1 / problems 0"


def test_problems_are_listed_and_exit_with_status_1(library_a, library_b):
    item = item_with_three_files(library_a)
    delete_original(item.files.get(position=1))
    change_one_byte(item.files.get(position=2))
    other = accepted_item(library_b, files=[text()])
    delete_original(other.files.get())
    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="3 archive files are missing or changed"):
        call_command("archive-fixity", stdout=out, stderr=StringIO())
    lines = out.getvalue().strip().splitlines()
    assert lines[-1] == "checked 4 / problems 3"
    assert f"alpha {item.reference}/1: Missing: the file is not in storage" in lines
    assert f"alpha {item.reference}/2: Changed: its SHA-256 is not the one recorded" in lines
    assert f"beta {other.reference}/0: Missing: the file is not in storage" in lines
    # Only the library asked for.
    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="1 archive file is missing"):
        call_command("archive-fixity", "--library", "beta", stdout=out, stderr=StringIO())
    assert out.getvalue().strip().splitlines()[-1] == "checked 1 / problems 1"
    assert FixityRun.objects.count() == 2


def test_an_unknown_library_is_a_clear_error(library_a):
    with pytest.raises(CommandError, match=r"There is no library “nowhere”\. Libraries: alpha"):
        run("--library", "nowhere")
    assert not FixityRun.objects.exists()


def test_the_installed_command_runs_by_its_hyphenated_name():
    helped = subprocess.run(
        [sys.executable, "-m", "lantern.cli", "archive-fixity", "--help"], capture_output=True, text=True, check=False
    )
    assert helped.returncode == 0
    assert "--library" in helped.stdout and "exit status is 1" in " ".join(helped.stdout.split())
