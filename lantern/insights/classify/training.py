"""The bundled training data, see `lantern/insights/data/README.md`:

- `devset.jsonl`: the shared development set (real announcements), the set the CV figures are scored on;
- `more.jsonl`: a second set of real coded announcements from other libraries, used in training and as
  a held-out test set (train on devset + extra, score on more);
- `round3.jsonl`: a third round of real coded announcements from yet other libraries, used in training and
  as a held-out test of the model trained on the rest (train on devset + more + extra, score on round3);
- `round4.jsonl`: a fourth round, Chinese only, from yet other libraries, used in training and as a held-out
  test of the model trained on the rest (train on devset + more + round3 + extra, score on round4);
- `extra.jsonl`: examples written for Lantern (not real announcements), used only in training.

The shipped model is trained on all five.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEVSET = DATA_DIR / "devset.jsonl"
MORE = DATA_DIR / "more.jsonl"
EXTRA = DATA_DIR / "extra.jsonl"
ROUND3 = DATA_DIR / "round3.jsonl"
ROUND4 = DATA_DIR / "round4.jsonl"


def data_files() -> list[Path]:
    return [p for p in (DEVSET, MORE, EXTRA, ROUND3, ROUND4) if p.exists()]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def devset_examples() -> list[dict]:
    return read_jsonl(DEVSET)


def more_examples() -> list[dict]:
    return read_jsonl(MORE) if MORE.exists() else []


def extra_examples() -> list[dict]:
    return read_jsonl(EXTRA) if EXTRA.exists() else []


def round3_examples() -> list[dict]:
    return read_jsonl(ROUND3) if ROUND3.exists() else []


def round4_examples() -> list[dict]:
    return read_jsonl(ROUND4) if ROUND4.exists() else []


def bundled_examples() -> list[dict]:
    """Everything the shipped model learns from: devset + more + extra + round3 + round4."""
    return devset_examples() + more_examples() + extra_examples() + round3_examples() + round4_examples()
