"""Cross-validated and held-out quality stays above a floor (a regression guard).

Measured with reduced settings (3-fold, 1 repeat, 3-fold threshold search, blend only) when the test was
written: each floor is the measured figure minus MARGIN. The full figures are in
lantern/insights/classify/EVALUATION.md."""

import pytest

from lantern.insights.classify.evaluate import blind_half, cross_validate, held_out, learning_curve
from lantern.insights.classify.labels import CATEGORIES, FEATURES
from lantern.insights.classify.model import Options
from lantern.insights.classify.training import round_examples, rounds_examples

MARGIN = 0.05
BLEND = {"blend": Options()}

# Devset k-fold CV (more.jsonl and extra.jsonl in every training fold since 2026-11-29).
# Categories without the lexicon columns (model.py, category_lexicon) since the end of 2026-11-29: re-measured.
# Re-measured after the features' title block, per-language category thresholds and the Chinese lexicon
# for the categories (Issue 10 follow-up): 0.818 / 0.801 before; full 5 × 5 CV 0.833 / 0.814.
# Re-measured with round3.jsonl in every training fold and the second coder's changes (0.837 / 0.819 before);
# full 5 × 5 CV 0.854 / 0.812.
# Re-measured after category C 8 and feature thresholds per language ("Tried after round 4"; was 0.861 / 0.811).
# Re-measured with round5.jsonl in every training fold, the Chinese lexicon columns at 0.125 and the features' C 8
# (was 0.879 / 0.801).
# Re-measured with round6.jsonl in every training fold and a linear SVM per code, the lexicon block at half weight
# (was 0.873 / 0.840).
# Re-measured with round7.jsonl and revisit.jsonl in every training fold (was 0.880 / 0.852).
MEASURED_CATEGORIES = 0.878
MEASURED_FEATURES = 0.860

# Held-out test: trained on devset + extra, scored on more.jsonl (libraries not in the devset).
# Re-measured after the second round (m137-m180): the scored set changed, so the old floors no longer apply.
# Re-measured after the Issue 10 follow-up (was 0.668 / 0.694): full run (5 repeats) 0.755 / 0.693.
# Re-measured after the second coder's changes to 18 more posts (was 0.738 / 0.698): full run 0.776 / 0.707.
# Re-measured after category C 8 and feature thresholds per language (was 0.760 / 0.712): 3 repeats 0.781 / 0.719.
# Re-measured with the Chinese lexicon columns at 0.125 and the features' C 8 (was 0.770 / 0.727): the features lose
# here, where the training set is smallest (EVALUATION.md, "Round 5").
# Re-measured with a linear SVM per code and the lexicon block at half weight (was 0.783 / 0.685; EVALUATION.md,
# "Round 6").
HELD_OUT_CATEGORIES = 0.769
HELD_OUT_FEATURES = 0.720

# Round 3: trained on devset + more + extra, scored on round3.jsonl (libraries in none of them). Full run
# (5 repeats) 0.793 / 0.742.
# Re-measured after category C 8 and feature thresholds per language (was 0.787 / 0.749): 3 repeats 0.810 / 0.734.
# Re-measured with the Chinese lexicon columns at 0.125 and the features' C 8 (was 0.808 / 0.748).
# Re-measured with a linear SVM per code and the lexicon block at half weight (was 0.826 / 0.750).
ROUND3_CATEGORIES = 0.827
ROUND3_FEATURES = 0.747

# Round 4 (Chinese only): trained on devset + more + round3 + extra, scored on round4.jsonl. Full run (3 repeats)
# 0.763 / 0.662.
# Re-measured after category C 8 and feature thresholds per language (was 0.775 / 0.649): 3 repeats 0.768 / 0.675.
# Re-measured with the Chinese lexicon columns at 0.125 and the features' C 8 (was 0.783 / 0.666).
# Re-measured with a linear SVM per code and the lexicon block at half weight (was 0.791 / 0.668).
ROUND4_CATEGORIES = 0.792
ROUND4_FEATURES = 0.696

# Round 5 (Chinese only): trained on devset + more + round3 + round4 + extra, scored on round5.jsonl. Before the
# Chinese lexicon columns went to 0.125 and the features' C to 8 (3 repeats, full settings): 0.721 / 0.752.
# Re-measured with a linear SVM per code and the lexicon block at half weight (was 0.740 / 0.772).
ROUND5_CATEGORIES = 0.740
ROUND5_FEATURES = 0.823

# Round 6 (Chinese only): trained on devset + more + round3 + round4 + round5 + extra, scored on round6.jsonl. Before
# the SVM (3 repeats, full settings): 0.738 / 0.674.
ROUND6_CATEGORIES = 0.741
ROUND6_FEATURES = 0.706

# Round 7 (Chinese only): trained on devset + more + rounds 3–6 + extra, scored on round7.jsonl. Full run (5 repeats,
# full settings) 0.704 / 0.657.
ROUND7_CATEGORIES = 0.711
ROUND7_FEATURES = 0.672


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


# Each later round, trained on the files before it: (language scored, floors of categories and features, fewest
# posts).
ROUND_FLOORS = {
    "round3": ("all", ROUND3_CATEGORIES, ROUND3_FEATURES, 150),
    "round4": ("zh", ROUND4_CATEGORIES, ROUND4_FEATURES, 100),
    "round5": ("zh", ROUND5_CATEGORIES, ROUND5_FEATURES, 60),
    "round6": ("zh", ROUND6_CATEGORIES, ROUND6_FEATURES, 60),
    "round7": ("zh", ROUND7_CATEGORIES, ROUND7_FEATURES, 200),
}


@pytest.mark.parametrize("name", list(ROUND_FLOORS))
def test_each_round_s_macro_f1_on_yet_other_libraries_stays_above_the_measured_floor(name):
    language, categories_floor, features_floor, fewest = ROUND_FLOORS[name]
    result = held_out(repeats=1, variants=BLEND, threshold_folds=3, split=name)["blend"]
    categories, features = result[language].macro(CATEGORIES), result[language].macro(FEATURES)
    print(f"{name} categories {categories:.3f}, features {features:.3f}")
    assert result[language].n == result["all"].n == len(round_examples(name)) >= fewest
    assert categories >= categories_floor - MARGIN
    assert features >= features_floor - MARGIN


def test_the_blind_half_and_the_pooled_split_are_scored_on_the_right_posts():
    half = held_out(repeats=1, variants=BLEND, threshold_folds=0, only=blind_half)["blend"]["all"]
    everything = held_out(repeats=1, variants=BLEND, threshold_folds=0)["blend"]["all"]
    assert 0 < half.n < everything.n
    pooled = cross_validate(folds=3, repeats=1, variants=BLEND, threshold_folds=0, split="pooled")["blend"]["all"]
    devset = cross_validate(folds=3, repeats=1, variants=BLEND, threshold_folds=0)["blend"]["all"]
    assert pooled.n == devset.n + everything.n + len(rounds_examples())


def test_the_learning_curve_ends_at_the_pooled_cv_and_falls_with_fewer_training_posts():
    curve = learning_curve(folds=3, repeats=1, shares=(0.25, 1.0))
    (quarter_label, quarter), (full_label, full) = curve.items()
    pooled = cross_validate(folds=3, repeats=1, variants=BLEND, split="pooled")["blend"]
    assert full["all"].macro(CATEGORIES) == pooled["all"].macro(CATEGORIES)
    assert quarter["all"].macro(CATEGORIES) < full["all"].macro(CATEGORIES) - 0.01
    assert quarter_label.startswith("25%") and full_label.startswith("100%")
