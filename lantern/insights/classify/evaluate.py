"""Repeated cross-validation of the classifier on the development set, two ways.

    python -m lantern.insights.classify.evaluate [--folds 5] [--repeats 5] [--split both|kfold|library] [--more]
    lantern classify --evaluate [--folds 5] [--repeats 5]          # both splits

Figures are on held-out devset posts only. The extra examples (`data/extra.jsonl`) are added to every
training fold and never scored. Two splits:

- `kfold`: stratified k-fold over posts (strata: language × the post's rarest code);
- `library`: leave-library-out, a stratified *group* k-fold in which all posts of one library (its
  branches included: `library_groups`) fall in the same fold, so that no test post shares a library,
  and so a house style, with a training post. The acceptance set comes from other libraries: this
  is the split that resembles it. (In the devset nearly every library has one post, so the two
  splits differ little; neither removes the optimism of lexicons written after reading the devset.)

Out-of-fold predictions of a repeat are pooled, scored per code, and the scores averaged over
repeats. Three variants show what each part is worth: the blend (n-grams + lexicon, the shipped
model), the n-gram model alone and the lexicon alone (a logistic regression on lexicon hits only).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from lantern.insights.classify.labels import CATEGORIES, FEATURES, LABELS
from lantern.insights.classify.model import (
    C_GRID,
    SCALE_GRID,
    Classifier,
    Options,
    Prepared,
    label_matrix,
    prepare,
)
from lantern.insights.classify.text import fold, language
from lantern.insights.classify.training import devset_examples, extra_examples

VARIANTS = {
    "blend": Options(),
    "model only": Options(use_lexicon=False),
    "lexicon only": Options(use_ngrams=False),
}
# --more: the shipped model's options that were tried and left off (see model.py), each nested in CV.
MORE_VARIANTS = {
    "blend + per-code C and lexicon weight by inner CV": Options(C_grid=C_GRID, scale_grid=SCALE_GRID),
    "blend + lexicon columns per language": Options(split_languages=True),
}


@dataclass
class Scores:
    """Per-code precision, recall, F1 (averaged over repeats) for one variant and one language."""

    precision: dict[str, float]
    recall: dict[str, float]
    f1: dict[str, float]
    support: dict[str, int]
    n: int
    macro_f1_runs: dict[str, list[float]]

    def macro(self, group: tuple[str, ...]) -> float:
        return float(np.mean([self.f1[c] for c in group]))


def _prf(truth: np.ndarray, guess: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(truth & guess))
    p = tp / guess.sum() if guess.sum() else (1.0 if not truth.sum() else 0.0)
    r = tp / truth.sum() if truth.sum() else 1.0
    f = 2 * tp / (truth.sum() + guess.sum()) if truth.sum() + guess.sum() else 1.0
    return p, r, f


def _strata(examples: list[dict], y: np.ndarray, folds: int) -> list[str]:
    freq = y.sum(axis=0)
    keys = []
    for ex, row in zip(examples, y, strict=True):
        present = np.flatnonzero(row)
        rarest = LABELS[present[np.argmin(freq[present])]] if len(present) else "none"
        keys.append(f"{ex.get('lang') or language(ex.get('text', ''))}:{rarest}")
    counts = Counter(keys)
    keys = [k if counts[k] >= folds else k.split(":")[0] for k in keys]
    counts = Counter(keys)
    keys = [k if counts[k] >= folds else "other" for k in keys]
    if 0 < Counter(keys)["other"] < folds:  # too few left over to stratify: join the largest stratum
        largest = Counter(keys).most_common(1)[0][0]
        keys = [largest if k == "other" else k for k in keys]
    return keys


SPLITS = {"kfold": "stratified k-fold over posts", "library": "leave-library-out (stratified group k-fold)"}


def library_groups(examples: list[dict]) -> list[str]:
    """A group key per post: its library's folded name, a branch joined to its parent library when the
    parent's name begins the branch's ("东莞图书馆常平分馆" → "东莞图书馆"). A post without a library is
    its own group."""
    names = [re.sub(r"[\s\W]+", " ", fold(str(ex.get("library") or ""))).strip() for ex in examples]
    known = sorted({n for n in names if n}, key=len)
    keys = []
    for i, name in enumerate(names):
        if not name:
            keys.append(f"#post{i}")
            continue
        parent = next((k for k in known if len(k) >= 4 and k != name and name.startswith(k)), name)
        keys.append(parent)
    return keys


def cross_validate(
    folds: int = 5,
    repeats: int = 5,
    variants: dict[str, Options] | None = None,
    threshold_folds: int = 5,
    split: str = "kfold",
) -> dict[str, dict[str, Scores]]:
    """{variant: {"all" | "zh" | "en": Scores}} from repeated CV on the devset; `split` is "kfold"
    (stratified k-fold over posts) or "library" (leave-library-out: stratified group k-fold)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    variants = variants or VARIANTS
    dev = devset_examples()
    extra = extra_examples()
    y_dev, y_extra = label_matrix(dev), label_matrix(extra)
    docs_dev, docs_extra = prepare(dev), prepare(extra)
    langs = np.array([ex.get("lang") or language(ex.get("text", "")) for ex in dev])
    strata = _strata(dev, y_dev, folds)
    groups = library_groups(dev)
    guesses = {name: [] for name in variants}
    for repeat in range(repeats):
        if split == "library":
            splits = StratifiedGroupKFold(folds, shuffle=True, random_state=repeat).split(dev, strata, groups)
        else:
            splits = StratifiedKFold(folds, shuffle=True, random_state=repeat).split(np.zeros(len(dev)), strata)
        oof = {name: np.zeros(y_dev.shape, dtype=bool) for name in variants}
        for train, test in splits:
            docs_train = _concat(docs_dev.take(train), docs_extra)
            y_train = np.vstack([y_dev[train], y_extra])
            for name, options in variants.items():
                opts = Options(**{**options.__dict__, "seed": repeat, "threshold_folds": threshold_folds})
                clf = Classifier(opts).fit(docs_train, y_train)
                oof[name][test] = clf.decide(clf.predict_proba(docs_dev.take(test)))
        for name in variants:
            guesses[name].append(oof[name])
    truth = y_dev.astype(bool)
    result = {}
    for name in variants:
        result[name] = {}
        for lang in ("all", "zh", "en"):
            rows = np.ones(len(dev), bool) if lang == "all" else langs == lang
            per_run = [[_prf(truth[rows, j], g[rows, j]) for j in range(len(LABELS))] for g in guesses[name]]
            mean = np.mean(np.array(per_run), axis=0)
            runs = {
                group: [float(np.mean([run[LABELS.index(c)][2] for c in codes])) for run in per_run]
                for group, codes in (("categories", CATEGORIES), ("features", FEATURES))
            }
            result[name][lang] = Scores(
                precision={c: float(mean[j, 0]) for j, c in enumerate(LABELS)},
                recall={c: float(mean[j, 1]) for j, c in enumerate(LABELS)},
                f1={c: float(mean[j, 2]) for j, c in enumerate(LABELS)},
                support={c: int(truth[rows, j].sum()) for j, c in enumerate(LABELS)},
                n=int(rows.sum()),
                macro_f1_runs=runs,
            )
    return result


def _concat(a: Prepared, b: Prepared) -> Prepared:
    return a + b if len(b) else a


def report(result: dict[str, dict[str, Scores]], out=sys.stdout) -> None:
    """Markdown tables: per code and language for the blend, then macro-F1 of every variant."""
    blend = result.get("blend") or next(iter(result.values()))
    out.write("| code | all P / R / F1 | zh P / R / F1 | en P / R / F1 | support all / zh / en |\n")
    out.write("|---|---|---|---|---|\n")
    for code in LABELS:
        cells = [
            f"{s.precision[code]:.2f} / {s.recall[code]:.2f} / **{s.f1[code]:.2f}**"
            for s in (blend["all"], blend["zh"], blend["en"])
        ]
        sup = " / ".join(str(blend[k].support[code]) for k in ("all", "zh", "en"))
        out.write(f"| `{code}` | {' | '.join(cells)} | {sup} |\n")
    out.write("\n| variant | categories macro-F1 all / zh / en | features macro-F1 all / zh / en |\n|---|---|---|\n")
    for name, by_lang in result.items():
        cats = " / ".join(f"{by_lang[k].macro(CATEGORIES):.3f}" for k in ("all", "zh", "en"))
        feats = " / ".join(f"{by_lang[k].macro(FEATURES):.3f}" for k in ("all", "zh", "en"))
        out.write(f"| {name} | {cats} | {feats} |\n")
    runs = blend["all"].macro_f1_runs
    if len(runs["categories"]) > 1:
        out.write(
            f"\nblend, spread over repeats (all posts): categories {np.std(runs['categories']):.3f} sd, "
            f"features {np.std(runs['features']):.3f} sd, over {len(runs['categories'])} repeats\n"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--split", choices=["both", *SPLITS], default="both")
    parser.add_argument("--more", action="store_true", help="also the options tried and left off (slow)")
    args = parser.parse_args(argv)
    run(args.folds, args.repeats, split=args.split, more=args.more)


def run(folds: int, repeats: int, out=sys.stdout, split: str = "both", more: bool = False) -> None:
    """Both evaluations (or one), each as the tables of `report`."""
    dev = devset_examples()
    n_extra = len(extra_examples())
    n_groups = len(set(library_groups(dev)))
    for i, name in enumerate(SPLITS if split == "both" else [split]):
        out.write(
            ("\n" if i else "")
            + f"## {SPLITS[name]}\n\nCross-validation: {repeats} × {folds}-fold on {len(dev)} devset posts"
            + (f" from {n_groups} libraries (a library's posts never split)" if name == "library" else "")
            + f" (+{n_extra} extra examples in every training fold, never scored)\n\n"
        )
        variants = {**VARIANTS, **MORE_VARIANTS} if more else VARIANTS
        report(cross_validate(folds, repeats, variants=variants, split=name), out)


if __name__ == "__main__":
    main()
