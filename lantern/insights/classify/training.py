"""The bundled training data: `lantern/insights/data/devset.jsonl` (+ `extra.jsonl`), see its README."""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEVSET = DATA_DIR / "devset.jsonl"
EXTRA = DATA_DIR / "extra.jsonl"


def data_files() -> list[Path]:
    return [p for p in (DEVSET, EXTRA) if p.exists()]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def devset_examples() -> list[dict]:
    return read_jsonl(DEVSET)


def extra_examples() -> list[dict]:
    return read_jsonl(EXTRA) if EXTRA.exists() else []


def bundled_examples() -> list[dict]:
    return devset_examples() + extra_examples()
