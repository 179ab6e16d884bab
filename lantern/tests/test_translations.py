"""Every user-facing string has a Chinese translation: the catalogue is complete, nothing is fuzzy,
and no string in the code is missing from it."""

import shutil
import subprocess
import sys
from pathlib import Path

LANTERN = Path(__file__).resolve().parents[1]
CATALOGUE = LANTERN / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_catalogue_has_no_untranslated_or_fuzzy_message():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    copy = tmp_path / "lantern"
    shutil.copytree(LANTERN, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "*.mo", "static"))
    fresh = copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    fresh.unlink()
    subprocess.run(
        [sys.executable, "-m", "lantern.cli", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    result = subprocess.run(["msgcmp", str(CATALOGUE), str(fresh)], capture_output=True, text=True)
    assert result.returncode == 0, "strings missing from the catalogue (run makemessages):\n" + result.stderr
