"""Agreement figures against examples worked by hand, against the krippendorff package and scikit-learn on
random data, and undefined figures said in words (never NaN, never a division by zero)."""

import math
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from lantern.insights.agreement import agreement_from_codings, cohen_kappa, figures, krippendorff_alpha_nominal

# Ten posts, one code. Coder 1 gives it to posts 1-4, coder 2 to posts 1-3 and 10:
#   (1,1) ×3, (1,0) ×1, (0,1) ×1, (0,0) ×5  →  N = 10, agreements 8  →  80 %
WORKED = [(True, True)] * 3 + [(True, False)] + [(False, False)] * 5 + [(False, True)]


def test_worked_example_percent_kappa_alpha_and_use():
    row = figures("reading_online", "Reading promotion, online", WORKED)
    assert row.n == 10
    assert row.percent_agreement == 80.0
    # Kappa: p_o = 8/10; each coder used it 4 times: p_e = 0.4·0.4 + 0.6·0.6 = 0.52;
    #        kappa = (0.8 − 0.52) / (1 − 0.52) = 0.28 / 0.48 = 7/12 = 0.58333…
    assert row.kappa == pytest.approx(7 / 12)
    # Alpha: n = 20 values, n_1 = 8, n_0 = 12; the two disagreeing units put 4 in o_01 + o_10;
    #        alpha = 1 − (n − 1)·4 / (2·n_1·n_0) = 1 − 19·4/192 = 1 − 76/192 = 29/48 = 0.60417
    assert row.alpha == pytest.approx(29 / 48)
    # Used: 8 of the 20 codings have the code.
    assert row.used == 40.0
    assert row.undefined_reason == ""


def test_opposite_coders_have_kappa_zero_and_negative_alpha():
    # Coder 1 always gives it, coder 2 never, N = 4. Kappa: p_o = 0, p_e = 1·0 + 0·1 = 0 → 0.
    # Alpha: n = 8, n_1 = n_0 = 4, o_01 + o_10 = 8: 1 − 7·8/(2·4·4) = 1 − 56/32 = −0.75.
    pairs = [(True, False)] * 4
    assert cohen_kappa(pairs) == 0.0
    assert krippendorff_alpha_nominal(pairs) == pytest.approx(-0.75)


def test_a_code_nobody_used_is_undefined_with_the_reason():
    row = figures("resources", "Resource construction", [(False, False)] * 7)
    assert row.alpha is None and row.kappa is None
    assert row.undefined_reason == "undefined, because no coder used this code"
    assert row.percent_agreement == 100.0
    assert row.used == 0.0
    assert row.n == 7


def test_a_code_everyone_used_is_undefined_with_the_reason():
    row = figures("emergency", "Emergency management", [(True, True)] * 5)
    assert row.alpha is None and row.kappa is None
    assert row.undefined_reason == "undefined, because every post has this code"
    assert row.used == 100.0


def test_no_double_coded_posts_yet():
    row = figures("social", "Social service", [])
    assert (row.n, row.alpha, row.kappa, row.percent_agreement) == (0, None, None, None)
    assert "no post has been coded twice" in row.undefined_reason


def test_table_per_code_and_overall_line_by_hand():
    # The ten posts of WORKED for reading_online; both coders give emergency to every post; nothing else.
    codings = []
    for first, second in WORKED:
        codings.append(
            (
                {"emergency"} | ({"reading_online"} if first else set()),
                {"emergency"} | ({"reading_online"} if second else set()),
            )
        )
    table = agreement_from_codings(codings)
    rows = {row.code: row for row in table.rows}
    assert len(rows) == 9
    assert rows["reading_online"].alpha == pytest.approx(29 / 48)
    assert rows["emergency"].undefined_reason == "undefined, because every post has this code"
    assert rows["resources"].undefined_reason == "undefined, because no coder used this code"
    assert rows["targeted_groups"].undefined_reason == "undefined, because no coder used this code"
    # Overall: 90 decisions (10 posts × 9 codes), 88 agree → 97.78 %. Each coder gave 14 codes (4 + 10).
    # Kappa: p_o = 88/90, p_e = (14/90)² + (76/90)² = 5972/8100 → (7920 − 5972)/(8100 − 5972) = 1948/2128
    # Alpha: n = 180, n_1 = 28, n_0 = 152, o_01 + o_10 = 4 → 1 − 179·4/(2·28·152) = 1 − 716/8512 = 7796/8512
    overall = table.overall
    assert overall.n == 90
    assert overall.percent_agreement == pytest.approx(100 * 88 / 90)
    assert overall.kappa == pytest.approx(1948 / 2128)
    assert overall.alpha == pytest.approx(7796 / 8512)
    assert overall.used == pytest.approx(100 * 28 / 180)
    # Posts 4 and 10 differ: 8 of 10 posts have exactly the same codes.
    assert table.exact_match == 80.0
    assert table.n_posts == 10


@pytest.mark.parametrize("seed", range(20))
def test_alpha_matches_the_krippendorff_package_and_kappa_scikit_learn(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 80)
    p1, p2 = rng.random(), rng.random()
    pairs = [(rng.random() < p1, rng.random() < p2) for _ in range(n)]
    ours = krippendorff_alpha_nominal(pairs)
    first, second = [int(a) for a, _b in pairs], [int(b) for _a, b in pairs]
    if len(set(first + second)) < 2:
        assert ours is None
        return
    theirs = krippendorff.alpha(reliability_data=np.array([first, second]), level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)
    theirs_kappa = cohen_kappa_score(first, second)
    if math.isnan(theirs_kappa):
        assert cohen_kappa(pairs) is None
    else:
        assert cohen_kappa(pairs) == pytest.approx(theirs_kappa, abs=1e-9)


def test_no_figure_is_ever_nan():
    for pairs in ([(False, False)], [(True, True)], [(True, False)], [(False, True)], []):
        row = figures("x", "x", pairs)
        for value in (row.alpha, row.kappa, row.percent_agreement, row.used):
            assert value is None or not math.isnan(value)
