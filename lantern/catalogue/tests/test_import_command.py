"""`lantern import-records`: a summary line, each rejected record with its position and reason, a
non-zero exit when the file cannot be read at all, and a clear error for an unknown library."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lantern.catalogue.models import Record

from .test_import_readers import REALDATA

pytestmark = pytest.mark.django_db


def run(*args):
    """The command's output in English (commands speak the site's default language, Chinese)."""
    out = StringIO()
    with translation.override("en"):
        call_command("import-records", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_ends_with_a_summary_and_lists_each_rejected_record(library_a):
    output = run(REALDATA / "bad_records.mrc", "--library", "alpha")
    lines = output.strip().splitlines()
    assert lines[-1] == "read 8 / created 1 / updated 1 / rejected 6"
    assert len([line for line in lines if line.startswith("record ")]) == 6
    assert "record 7 (byte 764)" in output
    assert "The record has no fields." in output


def test_running_it_again_updates_instead_of_duplicating(library_a):
    run(REALDATA / "marc.dat", "--library", "alpha")
    output = run(REALDATA / "marc.dat", "--library", "alpha", "--format", "marc21")
    assert output.strip().splitlines()[-1] == "read 20 / created 0 / updated 20 / rejected 0"
    assert Record.objects.count() == 20


def test_an_unknown_library_is_a_clear_error(library_a):
    with pytest.raises(CommandError, match=r"There is no library “nowhere”\. Libraries: alpha"):
        run(REALDATA / "marc.dat", "--library", "nowhere")


def test_a_missing_or_unreadable_file_is_an_error_and_imports_nothing(library_a, tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run(tmp_path / "missing.mrc", "--library", "alpha")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02garbage\xff" * 10)
    with pytest.raises(CommandError, match="not in a format Lantern can import"):
        run(junk, "--library", "alpha")
    with pytest.raises(CommandError, match="not in MARCXML"):
        run(REALDATA / "marc.dat", "--library", "alpha", "--format", "marcxml")
    assert not Record.objects.exists()


def test_the_installed_command_is_found_by_its_hyphenated_name_and_fails_with_exit_status_1(tmp_path):
    # As a user runs it: the `lantern` entry point in a fresh process (no database needed for these two).
    command = [sys.executable, "-m", "lantern.cli", "import-records"]
    helped = subprocess.run([*command, "--help"], capture_output=True, text=True, check=False)
    assert helped.returncode == 0
    assert "--library" in helped.stdout
    missing = subprocess.run(
        [*command, str(tmp_path / "missing.mrc"), "--library", "alpha"], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 1
    assert "missing.mrc" in missing.stderr
