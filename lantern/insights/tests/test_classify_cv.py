"""Cross-validated quality on the development set stays above a floor (a regression guard).

Measured with this reduced setting (3-fold, 1 repeat, 3-fold threshold search, blend only) when the
test was written: categories macro-F1 FLOOR_CATEGORIES + MARGIN, features FLOOR_FEATURES + MARGIN.
The full figures are in lantern/insights/classify/EVALUATION.md."""

from lantern.insights.classify.evaluate import cross_validate
from lantern.insights.classify.labels import CATEGORIES, FEATURES
from lantern.insights.classify.model import Options

MARGIN = 0.05
MEASURED_CATEGORIES = 0.834  # 0.819 before the lexicons were broadened (2026-11-29)
MEASURED_FEATURES = 0.793  # kept: this reduced run now gives 0.772 (full 5 × 5 CV: 0.792); floors only go up


def test_cross_validated_macro_f1_stays_above_the_measured_floor():
    result = cross_validate(folds=3, repeats=1, variants={"blend": Options()}, threshold_folds=3)["blend"]
    categories, features = result["all"].macro(CATEGORIES), result["all"].macro(FEATURES)
    print(f"categories {categories:.3f}, features {features:.3f}")
    assert categories >= MEASURED_CATEGORIES - MARGIN
    assert features >= MEASURED_FEATURES - MARGIN
