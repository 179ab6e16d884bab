"""The bundled training data, see `lantern/insights/data/README.md`:

- `devset.jsonl`: the shared development set (real announcements), the set the CV figures are scored on;
- `more.jsonl`: a second set of real coded announcements from other libraries, used in training and as
  a held-out test set (train on devset + extra, score on more);
- the later rounds (`ROUNDS`: `round3.jsonl` to `round7.jsonl`, all but the first Chinese only):
  real coded announcements from yet other libraries, each used in training and as a held-out test of the
  model trained on the files before it;
- `revisit.jsonl`: real coded announcements of libraries already in the files above, from pages not used before
  (mostly the COVID-19 closures of city and provincial libraries), used only in training: its libraries are not new,
  so it is never scored;
- `extra.jsonl`: examples written for Lantern (not real announcements), used only in training.

The shipped model is trained on all of them.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEVSET = DATA_DIR / "devset.jsonl"
MORE = DATA_DIR / "more.jsonl"
EXTRA = DATA_DIR / "extra.jsonl"
REVISIT = DATA_DIR / "revisit.jsonl"
# In the order they were gathered: each round is scored by the model trained on everything before it.
ROUNDS = ("round3", "round4", "round5", "round6", "round7")


def data_files() -> list[Path]:
    rounds = (DATA_DIR / f"{name}.jsonl" for name in ROUNDS)
    return [p for p in (DEVSET, MORE, EXTRA, *rounds, REVISIT) if p.exists()]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def devset_examples() -> list[dict]:
    return read_jsonl(DEVSET)


def more_examples() -> list[dict]:
    return read_jsonl(MORE) if MORE.exists() else []


def extra_examples() -> list[dict]:
    return read_jsonl(EXTRA) if EXTRA.exists() else []


def revisit_examples() -> list[dict]:
    return read_jsonl(REVISIT) if REVISIT.exists() else []


def train_only_examples() -> list[dict]:
    """The posts every training fold of a cross-validation gets and none scores: extra and revisit."""
    return extra_examples() + revisit_examples()


def round_examples(name: str) -> list[dict]:
    """The posts of one later round (a name in ROUNDS)."""
    if name not in ROUNDS:
        raise ValueError(f"no round named {name!r}: the rounds are {', '.join(ROUNDS)}")
    path = DATA_DIR / f"{name}.jsonl"
    return read_jsonl(path) if path.exists() else []


def rounds_examples(before: str | None = None) -> list[dict]:
    """The posts of every later round, or of those gathered before the round named `before`."""
    names = ROUNDS[: ROUNDS.index(before)] if before else ROUNDS
    return [post for name in names for post in round_examples(name)]


def bundled_examples() -> list[dict]:
    """Everything the shipped model learns from: devset + more + every later round + extra + revisit."""
    return devset_examples() + more_examples() + rounds_examples() + train_only_examples()
