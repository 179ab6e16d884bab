"""Evaluation of the classifier: cross-validation on the development set, and a held-out test.

    python -m lantern.insights.classify.evaluate [--folds 5] [--repeats 5]
        [--split all|both|kfold|library|heldout|round3|...|round7|pooled|curve] [--more]
    lantern classify --evaluate [--folds 5] [--repeats 5]          # all nine evaluations

Nine evaluations (`--split`; `both` = the two devset CVs, as before; `all`, the default, = all nine):

- `kfold`: repeated stratified k-fold over the devset posts (strata: language × the post's rarest code);
  `more.jsonl`, the later rounds, `extra.jsonl` and `revisit.jsonl` are added to every training fold and never
  scored;
- `library`: the same, leave-library-out: a stratified *group* k-fold in which all posts of one library
  (its branches included: `library_groups`) fall in the same fold. (In the devset nearly every library
  has one post, so the two splits differ little; neither removes the optimism of lexicons written
  after reading the devset.)
- `heldout`: trained on devset + extra only, scored on `more.jsonl` — real announcements of libraries
  that are not in the devset, coded after the lexicons were written: the closest proxy to the
  acceptance set. Repeats change only the seed of the inner threshold CV. Also scored on its blind half
  (`blind_half`: the posts whose errors were never read while the lexicons were revised);
- `round3`: trained on devset + more + extra (the shipped model before round 3), scored on `round3.jsonl` —
  real announcements of libraries in none of the other files, gathered after every choice of the model
  was made;
- `round4`: trained on devset + more + round3 + extra (the shipped model before round 4), scored on
  `round4.jsonl` — Chinese announcements of libraries in none of the other files, gathered after round 3's
  model was shipped: a proxy to the acceptance set in Chinese, the weaker language;
- `round5`: trained on everything before it, scored on `round5.jsonl` (Chinese, yet other libraries, aimed
  at the weakest Chinese codes: `information`, `social`, `cross_industry`, `social_participation`);
- `round6`: likewise, scored on `round6.jsonl` (Chinese, yet other libraries; 2021–2022 outbreaks and ordinary news);
- `round7`: likewise, scored on `round7.jsonl` (Chinese, yet other libraries: mostly county, township and village
  libraries' ordinary news, the store's COVID-period pages being used up);
- `pooled`: repeated stratified k-fold over devset + more + every later round pooled (extra and revisit in every
  training fold), also scored on the posts outside the devset only: the shipped model's data, judged on posts of
  unseen libraries.
- `curve` (not part of `all`): the pooled CV again with each training fold cut to 25, 50 and 75% of its scored
  posts, scored outside the devset: a learning curve, which tells what more coded posts would be worth.

Out-of-fold (or held-out) predictions of a repeat are pooled, scored per code, and the scores averaged
over repeats. Three variants show what each part is worth: the blend (n-grams + lexicon, the shipped
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
    DEFAULT_C,
    SCALE_GRID,
    THRESHOLD_SHRINK,
    Classifier,
    Options,
    Prepared,
    label_matrix,
    prepare,
)
from lantern.insights.classify.text import fold, language
from lantern.insights.classify.training import (
    ROUNDS,
    devset_examples,
    extra_examples,
    more_examples,
    revisit_examples,
    round_examples,
    rounds_examples,
    train_only_examples,
)

VARIANTS = {
    "blend": Options(),
    "model only": Options(use_lexicon=False),
    "lexicon only": Options(use_ngrams=False, C=DEFAULT_C, category_C=None, category_lexicon=None),
}
# --more: the shipped model's options that were tried and left off (see model.py), each nested in CV.
MORE_VARIANTS = {
    "blend + per-code C and lexicon weight by inner CV": Options(C_grid=C_GRID, scale_grid=SCALE_GRID),
    "blend + lexicon columns per language": Options(split_languages=True),
    "blend + thresholds shrunk half-way to 0.5": Options(threshold_shrink=THRESHOLD_SHRINK),
    "blend with the lexicon for the categories too (before 2026-11-29)": Options(
        category_C=None, category_lexicon=None
    ),
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


SPLITS = {
    "kfold": "stratified k-fold over devset posts",
    "library": "leave-library-out (stratified group k-fold) over devset posts",
    "heldout": "held-out test: trained on devset + extra, scored on more.jsonl",
    **{
        name: f"held-out test: trained on {' + '.join(['devset', 'more', *earlier, 'extra'])}, scored on {name}.jsonl"
        for name, earlier in ((name, ROUNDS[: ROUNDS.index(name)]) for name in ROUNDS)
    },
    "pooled": "stratified k-fold over devset + more + every later round pooled",
    "curve": "learning curve: the pooled CV with a share of each training fold, scored outside the devset",
}
CURVE_SHARES = (0.25, 0.5, 0.75, 1.0)
# `all` leaves the learning curve out: it is four pooled CVs more, and asks a different question (would more coded
# posts help?) than the evaluations of the shipped model.
CHOICES = {
    "all": [name for name in SPLITS if name != "curve"],
    "both": ["kfold", "library"],
    **{name: [name] for name in SPLITS},
}


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


def _language(examples: list[dict]) -> np.ndarray:
    return np.array([ex.get("lang") or language(ex.get("text", "")) for ex in examples])


def _fit_and_decide(options: Options, seed: int, threshold_folds: int, docs_train, y_train, docs_test) -> np.ndarray:
    opts = Options(**{**options.__dict__, "seed": seed, "threshold_folds": threshold_folds})
    clf = Classifier(opts).fit(docs_train, y_train)
    return clf.decide(clf.predict_proba(docs_test), docs_test.chinese)


def cross_validate(
    folds: int = 5,
    repeats: int = 5,
    variants: dict[str, Options] | None = None,
    threshold_folds: int = 5,
    split: str = "kfold",
    only=None,
) -> dict[str, dict[str, Scores]]:
    """{variant: {"all" | "zh" | "en": Scores}} from repeated CV. `split` is "kfold" (stratified k-fold
    over the devset; the other files in every training fold), "library" (the same, leave-library-out:
    stratified group k-fold) or "pooled" (stratified k-fold over devset + more + the later rounds; extra and revisit
    in every training fold). With `only`, only the posts for which `only(post)` is true are scored (e.g. the more
    posts of the pooled CV: `lambda p: p in more`)."""
    scored, y_scored, guesses = _cv_guesses(folds, repeats, variants or VARIANTS, threshold_folds, split)
    return _score_subset(scored, y_scored, guesses, only)


def _cv_guesses(
    folds: int, repeats: int, variants: dict[str, Options], threshold_folds: int, split: str, share: float = 1.0
):
    """Out-of-fold guesses per variant and repeat; with `share` < 1 each training fold keeps only that share of its
    scored posts (drawn at random per repeat; the train-only posts are all kept): a point of the learning curve."""
    if split not in ("kfold", "library", "pooled"):
        raise ValueError("split must be kfold, library or pooled (heldout: use held_out)")
    if split == "pooled":
        scored = devset_examples() + more_examples() + rounds_examples()
        train_only = train_only_examples()
    else:
        scored = devset_examples()
        train_only = more_examples() + rounds_examples() + train_only_examples()
    y_scored, y_train_only = label_matrix(scored), label_matrix(train_only)
    docs_scored, docs_train_only = prepare(scored), prepare(train_only)
    strata = _strata(scored, y_scored, folds)
    groups = library_groups(scored)
    guesses = {name: [] for name in variants}
    for repeat in range(repeats):
        if split == "library":
            splits = StratifiedGroupKFold(folds, shuffle=True, random_state=repeat).split(scored, strata, groups)
        else:
            splits = StratifiedKFold(folds, shuffle=True, random_state=repeat).split(np.zeros(len(scored)), strata)
        oof = {name: np.zeros(y_scored.shape, dtype=bool) for name in variants}
        rng = np.random.default_rng(repeat)
        for train, test in splits:
            if share < 1:
                train = np.sort(rng.permutation(train)[: round(share * len(train))])
            docs_train = _concat(docs_scored.take(train), docs_train_only)
            y_train = np.vstack([y_scored[train], y_train_only])
            for name, options in variants.items():
                oof[name][test] = _fit_and_decide(
                    options, repeat, threshold_folds, docs_train, y_train, docs_scored.take(test)
                )
        for name in variants:
            guesses[name].append(oof[name])
    return scored, y_scored, guesses


def learning_curve(folds: int = 5, repeats: int = 5, shares=CURVE_SHARES, only=None) -> dict[str, dict[str, Scores]]:
    """The shipped model's pooled CV with each training fold's scored posts cut to each of `shares` (extra and
    revisit always kept): {"NN% of each training fold (about N posts)": {"all" | "zh" | "en": Scores}}, scored on the
    posts for which `only(post)` is true. How the figures rise with the training posts tells what more coded posts
    would be worth."""
    result = {}
    for share in shares:
        scored, y_scored, guesses = _cv_guesses(folds, repeats, {"blend": Options()}, 5, "pooled", share)
        n_train = len(scored) * (folds - 1) / folds
        label = f"{share:.0%} of each training fold (about {round(share * n_train)} posts)"
        result[label] = _score_subset(scored, y_scored, guesses, only)["blend"]
    return result


def blind_half(post: dict) -> bool:
    """The posts of more.jsonl whose errors were never looked at while the classifier was improved (the
    even-numbered ids; the odd ones were read, see EVALUATION.md): their figure is the untouched one."""
    digits = re.sub(r"\D", "", str(post.get("id") or ""))
    return bool(digits) and int(digits) % 2 == 0


def held_out_sets(split: str = "heldout") -> tuple[list[dict], list[dict]]:
    """(training posts, test posts) of a held-out split: each later round is scored by the model that was
    shipped before it."""
    if split in ROUNDS:
        train = devset_examples() + more_examples() + rounds_examples(before=split) + extra_examples()
        return train, round_examples(split)
    return devset_examples() + extra_examples(), more_examples()


def _held_out_guesses(repeats: int, variants: dict[str, Options], threshold_folds: int, split: str = "heldout"):
    train, test = held_out_sets(split)
    if not test:
        raise ValueError(f"the test set of {split} is missing or empty: nothing to score")
    docs_train, y_train = prepare(train), label_matrix(train)
    docs_test = prepare(test)
    guesses = {name: [] for name in variants}
    for repeat in range(repeats):
        for name, options in variants.items():
            guesses[name].append(_fit_and_decide(options, repeat, threshold_folds, docs_train, y_train, docs_test))
    return test, label_matrix(test), guesses


def held_out(
    repeats: int = 5,
    variants: dict[str, Options] | None = None,
    threshold_folds: int = 5,
    only=None,
    split: str = "heldout",
) -> dict[str, dict[str, Scores]]:
    """{variant: {"all" | "zh" | "en": Scores}}: trained on devset + extra, scored on more.jsonl (whose
    libraries are not in the devset), or on its posts for which `only(post)` is true (e.g. `blind_half`);
    with split set to a later round ("round3", ...), trained on the files before it and scored on it
    (`held_out_sets`).
    Repeats differ only in the seed of the inner threshold CV."""
    test, y_test, guesses = _held_out_guesses(repeats, variants or VARIANTS, threshold_folds, split)
    return _score_subset(test, y_test, guesses, only)


def _score_subset(test, y_test, guesses, only=None):
    if only is None:
        return _score(test, y_test, guesses)
    rows = np.array([bool(only(post)) for post in test])
    return _score(
        [p for p, keep in zip(test, rows, strict=True) if keep],
        y_test[rows],
        {name: [g[rows] for g in runs] for name, runs in guesses.items()},
    )


def _score(examples: list[dict], y: np.ndarray, guesses: dict[str, list[np.ndarray]]) -> dict[str, dict[str, Scores]]:
    """Per variant and language: per-code P/R/F1 of each repeat's predictions, averaged over repeats."""
    truth = y.astype(bool)
    langs = _language(examples)
    result = {}
    for name, runs_of_variant in guesses.items():
        result[name] = {}
        for lang in ("all", "zh", "en"):
            rows = np.ones(len(examples), bool) if lang == "all" else langs == lang
            per_run = [[_prf(truth[rows, j], g[rows, j]) for j in range(len(LABELS))] for g in runs_of_variant]
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
            f"{s.precision[code]:.2f} / {s.recall[code]:.2f} / **{s.f1[code]:.2f}**" if s.n else "—"
            for s in (blend["all"], blend["zh"], blend["en"])
        ]
        sup = " / ".join(str(blend[k].support[code]) for k in ("all", "zh", "en"))
        out.write(f"| `{code}` | {' | '.join(cells)} | {sup} |\n")
    out.write("\n")
    report_macro(result, out)
    runs = blend["all"].macro_f1_runs
    if len(runs["categories"]) > 1:
        out.write(
            f"\nblend, spread over repeats (all posts): categories {np.std(runs['categories']):.3f} sd, "
            f"features {np.std(runs['features']):.3f} sd, over {len(runs['categories'])} repeats\n"
        )


def report_macro(result: dict[str, dict[str, Scores]], out=sys.stdout) -> None:
    """Only the macro-F1 table of `report`."""
    out.write("| variant | categories macro-F1 all / zh / en | features macro-F1 all / zh / en |\n|---|---|---|\n")
    for name, by_lang in result.items():
        # A language with no posts (round4 and round5 are Chinese only) has no figure, not a perfect one.
        cats, feats = (
            " / ".join(f"{by_lang[k].macro(group):.3f}" if by_lang[k].n else "—" for k in ("all", "zh", "en"))
            for group in (CATEGORIES, FEATURES)
        )
        out.write(f"| {name} | {cats} | {feats} |\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--split", choices=list(CHOICES), default="all")
    parser.add_argument("--more", action="store_true", help="also the options tried and left off (slow)")
    args = parser.parse_args(argv)
    run(args.folds, args.repeats, split=args.split, more=args.more)


def run(folds: int, repeats: int, out=sys.stdout, split: str = "all", more: bool = False) -> None:
    """The evaluations chosen by `split` (see CHOICES), each as the tables of `report`."""
    if split not in CHOICES:
        raise ValueError(f"split must be one of {', '.join(CHOICES)}")
    dev, more_posts, extra, revisit = devset_examples(), more_examples(), extra_examples(), revisit_examples()
    rounds = {name: round_examples(name) for name in ROUNDS}
    variants = {**VARIANTS, **MORE_VARIANTS} if more else VARIANTS
    names = [
        name
        for name in CHOICES[split]
        if (more_posts or name not in ("heldout", "pooled")) and (name not in rounds or rounds[name])
    ]
    later = more_posts + [post for posts in rounds.values() for post in posts]
    later_ids = {post["id"] for post in later}

    def outside_devset(post: dict) -> bool:
        return post["id"] in later_ids

    round_counts = " + ".join(f"{len(posts)} {name}" for name, posts in rounds.items())
    for i, name in enumerate(names):
        out.write(("\n" if i else "") + f"## {SPLITS[name]}\n\n")
        if name == "heldout":
            n_libraries = len(set(library_groups(more_posts)))
            out.write(
                f"Trained on {len(dev)} devset posts + {len(extra)} extra examples; scored on {len(more_posts)} "
                f"posts of more.jsonl from {n_libraries} libraries, none of them in the devset "
                f"({repeats} repeats: seeds of the inner threshold CV)\n\n"
            )
            test, y_test, guesses = _held_out_guesses(repeats, variants, 5)
            report(_score_subset(test, y_test, guesses), out)
            n_blind = sum(map(blind_half, more_posts))
            out.write(
                f"\nThe same predictions, scored on the {n_blind} posts of the blind half (even-numbered ids, "
                "whose errors were never looked at):\n\n"
            )
            report_macro(_score_subset(test, y_test, guesses, blind_half), out)
            continue
        if name in rounds:
            train, test = held_out_sets(name)
            out.write(
                f"Trained on {len(train)} posts and examples of the earlier files; scored on {len(test)} posts of "
                f"{name}.jsonl from {len(set(library_groups(test)))} libraries in none of those "
                f"({repeats} repeats: seeds of the inner threshold CV)\n\n"
            )
            report(_score_subset(*_held_out_guesses(repeats, variants, 5, name)), out)
            continue
        if name == "curve":
            out.write(
                f"The pooled cross-validation ({repeats} × {folds}-fold on {len(dev) + len(later)} posts), "
                "each training fold cut to a share of its posts drawn at random; scored on the "
                f"{len(later)} posts outside the devset\n\n"
            )
            report_macro(learning_curve(folds, repeats, only=outside_devset), out)
            continue
        if name == "pooled":
            out.write(
                f"Cross-validation: {repeats} × {folds}-fold on {len(dev) + len(later)} posts ({len(dev)} devset + "
                f"{len(more_posts)} more + {round_counts}) "
                f"(+{len(extra)} extra examples and {len(revisit)} revisit posts in every training fold, "
                "never scored)\n\n"
            )
        else:
            n_groups = len(set(library_groups(dev)))
            out.write(
                f"Cross-validation: {repeats} × {folds}-fold on {len(dev)} devset posts"
                + (f" from {n_groups} libraries (a library's posts never split)" if name == "library" else "")
                + f" (+{len(later)} posts of more and the later rounds, {len(extra)} extra examples and {len(revisit)} "
                "revisit posts in every training fold, never scored)\n\n"
            )
        scored, y_scored, guesses = _cv_guesses(folds, repeats, variants, 5, name)
        report(_score_subset(scored, y_scored, guesses), out)
        if name == "pooled":
            more_ids = {p["id"] for p in more_posts}
            subsets = [
                (f"the {len(more_posts)} posts of more.jsonl", lambda p, ids=more_ids: p["id"] in ids),
                ("the blind half of more.jsonl", lambda p, ids=more_ids: p["id"] in ids and blind_half(p)),
            ]
            subsets += [
                (f"the {len(posts)} posts of {key}.jsonl", lambda p, ids={q["id"] for q in posts}: p["id"] in ids)
                for key, posts in rounds.items()
                if posts
            ]
            subsets.append(
                (
                    f"the {len(later)} posts outside the devset (more and the later rounds)",
                    outside_devset,
                )
            )
            for label, only in subsets:
                out.write(f"\nThe same out-of-fold predictions, scored on {label} only:\n\n")
                report_macro(_score_subset(scored, y_scored, guesses, only), out)


if __name__ == "__main__":
    main()
