"""Cross-validated and held-out quality stays above a floor (a regression guard).

Measured with reduced settings (3-fold, 1 repeat, 3-fold threshold search, blend only) when the test was
written: each floor is the measured figure minus MARGIN. The full figures are in
lantern/insights/classify/EVALUATION.md."""

from lantern.insights.classify.evaluate import blind_half, cross_validate, held_out
from lantern.insights.classify.labels import CATEGORIES, FEATURES
from lantern.insights.classify.model import Options

MARGIN = 0.05
BLEND = {"blend": Options()}

# Devset k-fold CV (more.jsonl and extra.jsonl in every training fold since 2026-11-29).
# Categories without the lexicon columns (model.py, category_lexicon) since the end of 2026-11-29: re-measured.
MEASURED_CATEGORIES = 0.818  # 0.837 with the lexicon; full 5 × 5 CV: 0.832 (was 0.831)
MEASURED_FEATURES = 0.801  # 0.809 with the 136 first-round more posts; full 5 × 5 CV: 0.805 (was 0.819)

# Held-out test: trained on devset + extra, scored on more.jsonl (libraries not in the devset).
# Re-measured after the second round (m137-m180): the scored set changed, so the old floors no longer apply.
HELD_OUT_CATEGORIES = 0.668  # full run (5 repeats): 0.665; 0.677 with the lexicon; 0.744 on the first 136 posts
HELD_OUT_FEATURES = 0.694  # full run: 0.691; was 0.718 on the 136 first-round posts


def test_cross_validated_macro_f1_stays_above_the_measured_floor():
    result = cross_validate(folds=3, repeats=1, variants=BLEND, threshold_folds=3)["blend"]
    categories, features = result["all"].macro(CATEGORIES), result["all"].macro(FEATURES)
    print(f"categories {categories:.3f}, features {features:.3f}")
    assert categories >= MEASURED_CATEGORIES - MARGIN
    assert features >= MEASURED_FEATURES - MARGIN


def test_held_out_macro_f1_on_other_libraries_stays_above_the_measured_floor():
    result = held_out(repeats=1, variants=BLEND, threshold_folds=3)["blend"]
    categories, features = result["all"].macro(CATEGORIES), result["all"].macro(FEATURES)
    print(f"held-out categories {categories:.3f}, features {features:.3f}")
    assert result["all"].n >= 120
    assert categories >= HELD_OUT_CATEGORIES - MARGIN
    assert features >= HELD_OUT_FEATURES - MARGIN


def test_the_blind_half_and_the_pooled_split_are_scored_on_the_right_posts():
    half = held_out(repeats=1, variants=BLEND, threshold_folds=0, only=blind_half)["blend"]["all"]
    everything = held_out(repeats=1, variants=BLEND, threshold_folds=0)["blend"]["all"]
    assert 0 < half.n < everything.n
    pooled = cross_validate(folds=3, repeats=1, variants=BLEND, threshold_folds=0, split="pooled")["blend"]["all"]
    devset = cross_validate(folds=3, repeats=1, variants=BLEND, threshold_folds=0)["blend"]["all"]
    assert pooled.n == devset.n + everything.n
