"""`lantern classify FILE.jsonl`: one JSON line per input line, in order, with the taxonomy's codes only.

None of these tests is marked `django_db`: pytest-django refuses database access in them, so passing
shows the command works without a database.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from lantern.insights import classify
from lantern.insights.taxonomy import Category, Feature

POSTS = [
    {"id": "a1", "title": "图书馆闭馆通知", "text": "因疫情防控需要，本馆自即日起暂停开放，恢复开放时间另行通知。"},
    {
        "id": 2,
        "title": "Virtual storytime for kids",
        "text": "Join our children's librarian on Facebook Live every Tuesday.",
    },
    {
        "id": "a3",
        "title": "征集抗疫故事",
        "text": "本馆面向社会征集市民抗疫日记、照片和作品，建设地方抗疫记忆资源库。",
        "library": "x",
    },
]


@pytest.fixture(autouse=True)
def no_model_files(monkeypatch):
    """Train once per test process, keep it in memory, write nothing under VAR_DIR."""
    monkeypatch.setattr(classify, "_store_dir", lambda: None)


def run(path, monkeypatch=None, stdin: bytes | None = None) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    call_command("classify", str(path), stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def write(tmp_path: Path, lines: list[str], bom: bool = False) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "\n".join(lines).encode("utf-8") + b"\n")
    return path


def test_one_line_per_post_in_input_order_with_valid_codes(tmp_path):
    rows, err = run(write(tmp_path, [json.dumps(p, ensure_ascii=False) for p in POSTS]))
    assert err == ""
    assert [r["id"] for r in rows] == ["a1", 2, "a3"]
    for row in rows:
        assert set(row) == {"id", "categories", "features"}
        assert row["categories"], "every post gets at least one category"
        assert set(row["categories"]) <= set(Category.values)
        assert set(row["features"]) <= set(Feature.values)
    assert "emergency" in rows[0]["categories"]
    assert "reading_online" in rows[1]["categories"]
    assert "resources" in rows[2]["categories"]


def test_bad_lines_are_reported_by_number_and_the_rest_go_on(tmp_path):
    lines = [
        json.dumps(POSTS[0], ensure_ascii=False),
        "{not json",
        json.dumps({"id": "empty", "title": "", "text": "  "}),
        "[1, 2]",
        "",
        json.dumps(POSTS[1]),
    ]
    rows, err = run(write(tmp_path, lines))
    assert [r["id"] for r in rows] == ["a1", "empty", 2]
    assert rows[1] == {"id": "empty", "categories": [], "features": []}
    assert rows[2]["categories"]
    assert "line 2" in err and "line 3" in err and "line 4" in err
    assert "line 1:" not in err and "line 6" not in err


def test_reads_standard_input_and_tolerates_a_byte_order_mark(monkeypatch):
    data = b"\xef\xbb\xbf" + "\n".join(json.dumps(p, ensure_ascii=False) for p in POSTS).encode("utf-8")
    rows, err = run("-", monkeypatch, stdin=data)
    assert err == ""
    assert [r["id"] for r in rows] == ["a1", 2, "a3"]


def test_a_file_with_a_byte_order_mark(tmp_path):
    rows, _err = run(write(tmp_path, [json.dumps(p, ensure_ascii=False) for p in POSTS], bom=True))
    assert [r["id"] for r in rows] == ["a1", 2, "a3"]


def test_the_console_script_prints_nothing_but_json_and_needs_no_database(tmp_path):
    path = write(tmp_path, [json.dumps(p, ensure_ascii=False) for p in POSTS] + ["oops"])
    env = dict(os.environ)
    env.update(
        LANTERN_VAR_DIR=str(tmp_path / "var"),
        LANTERN_LANGUAGE="en",  # messages on stderr come in the site's language; this test reads English
        # a database that cannot be opened: any query would fail
        DATABASE_URL=f"sqlite:///{tmp_path / 'missing' / 'nowhere' / 'db.sqlite3'}",
    )
    lantern = Path(sys.executable).parent / "lantern"
    done = subprocess.run([str(lantern), "classify", str(path)], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a1", 2, "a3"]
    assert b"line 4" in done.stderr
    assert list((tmp_path / "var" / "classify").glob("classifier-*.pickle")), "the trained model is kept"
