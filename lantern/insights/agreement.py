"""Agreement between two coders, per code at post level, over a study's double-coded posts.

For each of the nine codes every double-coded post (both coders done) is one unit with two values: did
coder 1 give the code, did coder 2. Per code: Krippendorff's alpha (nominal), Cohen's kappa, percent
agreement, N, and how often the code is used (share of the 2·N codings that have it). The overall line pools
every (post, code) decision into one table.

Krippendorff's alpha is our own (the krippendorff package is GPL; the tests cross-check against it). For
two coders and no missing values every unit is pairable, each unit adds its ordered pairs (a, b) and (b, a)
to the coincidence matrix, n = 2·N values, and

    alpha = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k

Cohen's kappa = (p_o − p_e) / (1 − p_e) with p_e from each coder's own marginals. Both are undefined when
every value is the same — nobody used the code, or both coders gave it to every post — because the expected
disagreement is then zero: we say so in words instead of dividing by zero. Arithmetic is exact (fractions)
and only the result is a float.
"""

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from .models import CODES
from .taxonomy import Category, Feature


def krippendorff_alpha_nominal(pairs) -> float | None:
    """Alpha for two coders, no missing data: `pairs` is a list of (value of coder 1, value of coder 2).

    None when it is undefined (fewer than one unit, or every value the same).
    """
    pairs = list(pairs)
    if not pairs:
        return None
    values = Counter()
    disagreeing = 0  # Σ_{c≠k} o_ck: each disagreeing unit adds (a, b) and (b, a)
    for a, b in pairs:
        values[a] += 1
        values[b] += 1
        if a != b:
            disagreeing += 2
    n = 2 * len(pairs)
    expected = sum(values[c] * values[k] for c in values for k in values if c != k)
    if expected == 0:
        return None
    return float(1 - Fraction((n - 1) * disagreeing, expected))


def cohen_kappa(pairs) -> float | None:
    """Cohen's kappa for two coders; None when undefined (p_e = 1: both coders gave one and the same value)."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return None
    first = Counter(a for a, _b in pairs)
    second = Counter(b for _a, b in pairs)
    observed = Fraction(sum(a == b for a, b in pairs), n)
    expected = sum(Fraction(first[v] * second[v], n * n) for v in set(first) | set(second))
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))


@dataclass
class Figures:
    """Agreement on one code (or, for the overall line, on every decision pooled)."""

    code: str
    label: str
    n: int
    percent_agreement: float | None
    alpha: float | None
    kappa: float | None
    used: float | None  # share of codings (coder × post) with the code
    undefined_reason: str = ""


def figures(code: str, label: str, pairs: list[tuple[bool, bool]]) -> Figures:
    """The figures for one code from its (coder 1, coder 2) values, with the reason when alpha and kappa
    are undefined."""
    n = len(pairs)
    if n == 0:
        return Figures(code, label, 0, None, None, None, None, _("undefined, because no post has been coded twice yet"))
    agree = sum(a == b for a, b in pairs)
    uses = sum(a for a, _b in pairs) + sum(b for _a, b in pairs)
    reason = ""
    if uses == 0:
        reason = _("undefined, because no coder used this code")
    elif uses == 2 * n:
        reason = _("undefined, because every post has this code")
    return Figures(
        code=code,
        label=label,
        n=n,
        percent_agreement=100 * agree / n,
        alpha=krippendorff_alpha_nominal(pairs),
        kappa=cohen_kappa(pairs),
        used=100 * uses / (2 * n),
        undefined_reason=reason,
    )


@dataclass
class AgreementTable:
    rows: list[Figures]
    overall: Figures
    exact_match: float | None  # share of posts where both coders gave exactly the same codes
    n_posts: int


def agreement_from_codings(codings: list[tuple[set[str], set[str]]]) -> AgreementTable:
    """Per code and overall, from (codes of coder 1, codes of coder 2) for each double-coded post."""
    labels = {**dict(Category.choices), **dict(Feature.choices)}
    rows = []
    pooled = []
    for code in CODES:
        pairs = [(code in first, code in second) for first, second in codings]
        pooled.extend(pairs)
        rows.append(figures(code, str(labels[code]), pairs))
    overall = figures("", _("All codes, every decision pooled"), pooled)
    exact = 100 * sum(set(a) == set(b) for a, b in codings) / len(codings) if codings else None
    return AgreementTable(rows, overall, exact, len(codings))


def study_agreement(study) -> AgreementTable:
    """The agreement table of a study, over its double-coded posts whose two coders are both done."""
    from .coding import double_coded_pairs

    return agreement_from_codings(
        [(set(first.codes), set(second.codes)) for _post, first, second in double_coded_pairs(study)]
    )
