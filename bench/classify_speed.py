"""Speed of the announcement classifier (lantern.insights.classify) on one core.

Times, separately: training from the bundled data, loading the saved model, batch prediction of N
posts through `clf.predict` (the figure the goal of 2,000 posts/s is about), and the whole
`lantern classify FILE.jsonl` command on the same posts (start-up included). The posts are the
bundled devset, more and extra examples repeated with a distinct number appended to each, so that no two
texts are identical. Pinned to one CPU with single-threaded BLAS.

    .venv/bin/python bench/classify_speed.py [--posts 20000] [--write]

--write replaces the "Announcement classifier" section of bench/RESULTS.md.
"""

# ruff: noqa: S603, S607  (runs our own command under taskset)
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "RESULTS.md"
HEADING = "## Announcement classifier"


def corpus(n: int) -> list[dict]:
    from lantern.insights.classify.training import bundled_examples

    base = bundled_examples()
    return [
        {"id": f"b{i}", "title": base[i % len(base)]["title"], "text": f"{base[i % len(base)]['text']} {i}"}
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    cpu = sorted(os.sched_getaffinity(0))[-1]
    os.sched_setaffinity(0, {cpu})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
    load_before = os.getloadavg()

    t0 = time.perf_counter()
    import django

    django.setup()
    from lantern.insights import classify

    t_import = time.perf_counter() - t0

    t0 = time.perf_counter()
    classify.train_classifier()
    t_train = time.perf_counter() - t0

    classify.get_classifier()  # make sure the saved model exists
    classify._cached = None
    t0 = time.perf_counter()
    clf = classify.get_classifier()
    t_load = time.perf_counter() - t0

    posts = corpus(args.posts)
    clf.predict(posts[:200])  # warm up (segmenter dictionary, caches)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        predictions = clf.predict(posts)
        runs.append(time.perf_counter() - t0)
    assert len(predictions) == len(posts)
    best, median = min(runs), sorted(runs)[1]

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts), encoding="utf-8")
        t0 = time.perf_counter()
        out = subprocess.run(
            ["taskset", "-c", str(cpu), str(Path(sys.executable).parent / "lantern"), "classify", str(path)],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        t_cmd = time.perf_counter() - t0
    assert out.count("\n") == len(posts)
    load_after = os.getloadavg()

    rows = [
        ("posts", f"{len(posts):,}"),
        (
            "batch prediction, `clf.predict` (best / median of 3)",
            f"{len(posts) / best:,.0f} / {len(posts) / median:,.0f} posts/s",
        ),
        ("whole command `lantern classify FILE` incl. start-up", f"{t_cmd:.1f} s ({len(posts) / t_cmd:,.0f} posts/s)"),
        ("import Django + classifier modules", f"{t_import:.2f} s"),
        ("load saved model (VAR_DIR/classify)", f"{t_load * 1000:.0f} ms"),
        ("train from bundled data (one-off, when data or code changed)", f"{t_train:.1f} s"),
    ]
    for k, v in rows:
        print(f"{k:65} {v}")
    if args.write:
        when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        section = [
            HEADING,
            "",
            f"`bench/classify_speed.py` — {when}, pinned to 1 CPU of {os.cpu_count()}, "
            f"Python {platform.python_version()}. "
            f"Load average (1/5/15 min) before → after: {' / '.join(f'{x:.1f}' for x in load_before)} → "
            f"{' / '.join(f'{x:.1f}' for x in load_after)} (the machine is shared with other test runs).",
            "",
            f"Command: `.venv/bin/python bench/classify_speed.py --posts {args.posts} --write`",
            "",
            "| what | figure |",
            "|---|---|",
            *[f"| {k} | {v} |" for k, v in rows],
            "",
            "Goal: at least 2,000 posts/s on one core for batch prediction (loading and training excluded).",
            "",
        ]
        text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        if HEADING in text:
            start = text.index(HEADING)
            nxt = text.find("\n## ", start + len(HEADING))
            text = text[:start] + text[nxt + 1 :] if nxt != -1 else text[:start]
        RESULTS.write_text(text.rstrip("\n") + "\n\n" + "\n".join(section), encoding="utf-8")


if __name__ == "__main__":
    main()
