"""The classifier: lexicon hit counts and n-gram features feeding one linear SVM per code.

Features of a post (title and text, folded by `text.fold`):
- terms (`words`), TF-IDF, sublinear: for Chinese rjieba words plus character 2- and 3-grams (robust
  to unseen words and to segmentation errors), for English Snowball stems and stem bigrams;
- lexicon hits (`lexicon.py`): log(1 + count) per code in the whole post, and 0/1 per code in the
  title, scaled so that regularisation does not drown them among thousands of n-grams. (Option
  `split_languages`: separate lexicon columns for Chinese and English posts plus a Chinese-post
  indicator. Evaluated, see EVALUATION.md: features +0.01, categories −0.01, within noise; off.)
- the title's terms again, as a second TF-IDF block: used by the three features (weight 0.5), not by
  the categories (`feature_title`, `category_title`).

Which code sees what: the six categories learn from the n-grams plus, in Chinese posts only, their own
lexicon columns (`category_lexicon_chinese`); the three features from the n-grams, the title block and
all lexicon columns. Each choice is measured in EVALUATION.md.

Each code gets its own class-balanced linear SVM (squared hinge, L2; one-vs-rest, multi-label; a logistic
regression before round 6), its margin read as a score in (0, 1): 1 / (1 + exp(-2 × margin)). Its decision threshold
is chosen by cross-validation inside the training data (out-of-fold probabilities, F1 maximised on a
smoothed grid; in the evaluation this is nested inside each outer training fold), never by looking at
single posts or at test folds. (Option `threshold_shrink`: move each threshold part of the way back to
0.5; evaluated on the held-out more.jsonl and the pooled CV, see EVALUATION.md: a gain for a model
trained on the devset alone, none with more.jsonl in training; off.) The thresholds are chosen per
language (Chinese and English posts apart, `category_thresholds_per_language`, and for the features since
round 4 `feature_thresholds_per_language`), from the same out-of-fold probabilities; `predict` applies the
one of each post's language. Options `C_grid` and `scale_grid` let the same inner CV also pick each code's C
and lexicon weight; evaluated by nested CV they gave no gain over C = 1, weight 1 and cost 6 × the training
time, so they are off. Every post gets at least one category: when no category clears its threshold, the one
closest to it (highest score ÷ threshold) is given.

Prediction is batched: one sparse matrix product for all nine codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import rjieba
import snowballstemmer
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

from lantern.insights.classify import lexicon
from lantern.insights.classify.labels import CATEGORIES, LABELS
from lantern.insights.classify.text import language, post_text

LEXICON_SCALE = 0.5  # the lexicon block's weight (in the shipped model only the features see it); 1.0 with the LR
SVM_SLOPE = 2.0  # score = 1 / (1 + exp(-SVM_SLOPE * margin)): margins of ±0.87 span the threshold grid
DEFAULT_C = 1.0
C_GRID = (0.3, 1.0, 3.0)  # Options.C_grid for a per-code C picked by inner CV (see Options)
SCALE_GRID = (1.0, 3.0)  # Options.scale_grid: extra weight of the lexicon columns, per code
THRESHOLD_GRID = np.round(np.arange(0.15, 0.86, 0.05), 2)
# Options.threshold_shrink: move each inner-CV threshold this share of the way back to 0.5 (the natural
# cut of a class-balanced model). Evaluated (EVALUATION.md): it helps a model trained on the devset
# alone (held-out more.jsonl), not one trained on devset + more (pooled CV), and it lets passing
# mentions of e-books in closure notices through as `reading_online`; off.
THRESHOLD_SHRINK = 0.5

# The lexicon columns (of `Prepared.lexicon`) of the six categories: hits in the post, then hit in the title.
_OWN_CATEGORY_COLUMNS = [*range(len(CATEGORIES)), *range(len(LABELS), len(LABELS) + len(CATEGORIES))]
_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z][a-z0-9'-]*|[\u4e00-\u9fff]+|\d+")
_STOP_CJK = set("的了和与及在是为将对等并于也")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def words(folded: str) -> list[str]:
    """The terms of folded text the n-gram model counts.

    Chinese: rjieba words (one-character function words dropped) and character bigrams and trigrams
    (robust to segmentation errors and unseen compounds). English: Snowball stems and stem bigrams.
    """
    return _words(folded)[0]


def _words(folded: str, prev: str = "") -> tuple[list[str], str]:
    """`words`, continuing after text whose last English stem was `prev` (no bigram when ""); also
    returns this text's last stem, so that a post's terms are its title's followed by its text's."""
    out = []
    for chunk in _WORD.findall(folded):
        if "\u4e00" <= chunk[0] <= "\u9fff":
            out.extend(w for w in rjieba.cut(chunk) if w not in _STOP_CJK)
            out.extend([chunk[i : i + 2] for i in range(len(chunk) - 1)])
            out.extend([chunk[i : i + 3] for i in range(len(chunk) - 2)])
            prev = ""
        elif chunk[0].isalpha():
            stem = _stem(chunk.strip("'-"))
            out.append(stem)
            if prev:
                out.append(f"{prev} {stem}")
            prev = stem
    return out, prev


def _identity(tokens):
    return tokens


@dataclass
class Prepared:
    """What feature extraction needs from posts, computed once (folding, segmentation, lexicon hits)."""

    bodies: list[str]
    tokens: list[list[str]]
    lexicon: np.ndarray  # (n, 18): log(1 + hits) in title and text, and 0/1 hits in the title
    chinese: np.ndarray  # (n,): 1.0 for a post in Chinese, else 0.0
    titles: list[list[str]]  # the terms of the title alone

    def __len__(self) -> int:
        return len(self.bodies)

    def take(self, rows) -> Prepared:
        rows = list(rows)
        return Prepared(
            [self.bodies[i] for i in rows],
            [self.tokens[i] for i in rows],
            self.lexicon[rows],
            self.chinese[rows],
            [self.titles[i] for i in rows],
        )

    def __add__(self, other: Prepared) -> Prepared:
        return Prepared(
            self.bodies + other.bodies,
            self.tokens + other.tokens,
            np.vstack([self.lexicon, other.lexicon]),
            np.concatenate([self.chinese, other.chinese]),
            self.titles + other.titles,
        )


def prepare(posts: list[dict]) -> Prepared:
    bodies, tokens, lex, chinese, titles = [], [], [], [], []
    for post in posts:
        title, text = post_text(post)
        body = f"{title}\n{text}"
        bodies.append(body)
        # The same terms as words(body), with the title's segmented once (a newline never joins two terms).
        title_terms, last_stem = _words(title)
        tokens.append(title_terms + _words(text, last_stem)[0])
        titles.append(title_terms)
        lex.append(np.log1p(lexicon.hits(body)).tolist() + [float(h > 0) for h in lexicon.hits(title)])
        chinese.append(1.0 if language(body) == "zh" else 0.0)
    return Prepared(
        bodies,
        tokens,
        np.array(lex, dtype=np.float32).reshape(len(posts), 2 * len(LABELS)),
        np.array(chinese, dtype=np.float32),
        titles,
    )


@dataclass
class Prediction:
    """The codes suggested for one post, with a probability for each of the nine codes."""

    categories: list[str]
    features: list[str]
    confidence: dict[str, float] = field(default_factory=dict)


@dataclass
class Options:
    """What the model looks at; the evaluation switches parts off to show what each part is worth."""

    use_ngrams: bool = True
    use_lexicon: bool = True
    split_languages: bool = False  # lexicon columns per language (evaluated, no gain: off)
    # The features' C (the categories have their own, category_C). 8 since round 5 (was DEFAULT_C): with 759
    # coded posts they too gain from weaker regularisation. Same seeds, features macro-F1 Chinese: pooled CV
    # outside the devset 0.727 -> 0.745, round5 0.752 -> 0.774, round3 0.737 -> 0.744, round4 0.675 -> 0.686;
    # held-out on more.jsonl, trained on the devset alone, 0.704 -> 0.688 (EVALUATION.md, "Round 5").
    C: float = 8.0
    C_grid: tuple[float, ...] = ()  # e.g. C_GRID: per-code C by inner CV (evaluated, no gain: off)
    scale_grid: tuple[float, ...] = ()  # e.g. SCALE_GRID: per-code lexicon weight, likewise
    threshold_folds: int = 5  # inner CV for thresholds and the grids; < 2: no inner CV (0.5, C, 1)
    threshold_shrink: float = 0.0  # e.g. THRESHOLD_SHRINK: thresholds moved toward 0.5 (evaluated, no gain: off)
    # The six categories learn from the n-grams alone, less regularised; the three features keep the lexicon.
    # On announcements from libraries the devset does not hold (more.jsonl), the categories' lexicon columns
    # cost 0.05 macro-F1: the lexicons were written by someone who had read the devset. None: as the features.
    # See EVALUATION.md, "Categories without the lexicon".
    # C 8 (was 2) since round 4: with 663 coded posts the categories gain from weaker regularisation. Same seeds,
    # categories macro-F1 Chinese: pooled CV outside the devset 0.786 -> 0.802, round3 0.725 -> 0.746, round4
    # 0.767 -> 0.768, held-out 0.768 -> 0.786; English no lower anywhere (EVALUATION.md, "Tried after round 4").
    category_C: float | None = 8.0
    category_lexicon: float | None = 0.0
    # The title's terms as a second TF-IDF block, with this weight for the three features and for the six
    # categories. Measured (EVALUATION.md, "Issue 10 follow-up"): features +0.006 to +0.018 on every evaluation
    # at 0.5; categories within noise at 0.25 and 0.01-0.07 worse at 0.5 and 1, so theirs stays 0.
    feature_title: float = 0.5
    category_title: float = 0.0
    # Each category also sees its own lexicon columns (hits in the post, hit in the title) of Chinese posts
    # only, with this weight (0: off). The full lexicon costs the categories 0.04 on other libraries' posts
    # (above), but that loss is all English: measured per language, the Chinese own-code columns gain on
    # both unseen-library evaluations (EVALUATION.md, "Issue 10 follow-up"; a trade for Chinese `information`).
    # Halved with round 4 and again with round 5: the more training posts, the less the columns add. 0.125
    # gains on five of the seven evaluations (Chinese, pooled outside the devset 0.804 -> 0.825, round3 0.746 ->
    # 0.780), loses 0.004 on the held-out one; off loses 0.10 there (EVALUATION.md, "Round 4", "Round 5").
    category_lexicon_chinese: float = 0.125
    # Category thresholds chosen per language (Chinese / English posts apart) by the same inner CV. It makes
    # the categories robust to a training set whose language mix differs from the posts scored (held-out
    # +0.04) and changes nothing when they match (pooled and devset CV).
    category_thresholds_per_language: bool = True
    # The features' thresholds per language too, since round 4 (120 Chinese posts more: it lost 0.016 on the
    # devset CV when the data were smaller, see "What was tried"). Same seeds, features macro-F1 Chinese: pooled CV
    # outside the devset 0.712 -> 0.723, round4 0.668 -> 0.675, held-out 0.699 -> 0.704; round3 0.740 -> 0.737,
    # its English 0.742 -> 0.733 (the largest loss, within the 0.01 allowed) (EVALUATION.md, "Tried after round 4").
    feature_thresholds_per_language: bool = True
    seed: int = 0


class Classifier:
    """A trained classifier. Build one with `fit`; use `predict` or `predict_proba` in batches."""

    def __init__(self, options: Options):
        self.options = options
        self.word_vec: TfidfVectorizer | None = None
        self.title_vec: TfidfVectorizer | None = None
        self._title_columns = (0, 0)
        self.weights: np.ndarray | None = None  # (n_features, 9)
        self.bias: np.ndarray | None = None  # (9,)
        self.thresholds: np.ndarray = np.full(len(LABELS), 0.5)
        # Per language, categories: row 0 English posts, row 1 Chinese; None: `thresholds` for all.
        self.category_thresholds: np.ndarray | None = None
        self.feature_thresholds: np.ndarray | None = None  # likewise for the features
        self.C: np.ndarray = np.full(len(LABELS), options.C)  # per code, chosen by inner CV
        self.scale: np.ndarray = np.ones(len(LABELS))  # weight of the lexicon columns per code, likewise
        self.n_examples = 0

    # --- features ---------------------------------------------------------------------------------
    def _features(self, docs: Prepared, fit: bool = False) -> sparse.csr_matrix:
        blocks = []
        if self.options.use_ngrams:
            if fit:
                self.word_vec = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True, dtype=np.float32)
                blocks.append(self.word_vec.fit_transform(docs.tokens))
            else:
                blocks.append(self._transform(self.word_vec, docs.tokens))
            if self._uses_title():
                if fit:
                    self.title_vec = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True, dtype=np.float32)
                    blocks.append(self.title_vec.fit_transform(docs.titles))
                else:
                    blocks.append(self._transform(self.title_vec, docs.titles))
                start = blocks[0].shape[1]
                self._title_columns = (start, start + blocks[1].shape[1])
        if self._uses_chinese_lexicon():
            blocks.append(sparse.csr_matrix(docs.lexicon[:, _OWN_CATEGORY_COLUMNS] * docs.chinese[:, None]))
        if self.options.use_lexicon:
            lex = docs.lexicon * LEXICON_SCALE
            if getattr(self.options, "split_languages", False):
                zh = docs.chinese[:, None]
                lex = np.hstack([lex * zh, lex * (1 - zh), zh])
            blocks.append(sparse.csr_matrix(lex))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def _uses_chinese_lexicon(self) -> bool:
        return bool(self.options.use_ngrams and self.options.use_lexicon and self.options.category_lexicon_chinese)

    def _uses_title(self) -> bool:
        return bool(self.options.use_ngrams and (self.options.feature_title or self.options.category_title))

    def _n_lexicon_columns(self) -> int:
        if not self.options.use_lexicon:
            return 0
        n = 2 * len(LABELS)
        return 2 * n + 1 if getattr(self.options, "split_languages", False) else n

    @staticmethod
    def _transform(vectoriser: TfidfVectorizer, token_lists: list[list[str]]) -> sparse.csr_matrix:
        """TfidfVectorizer.transform (sublinear tf, idf, l2), done with fewer Python steps per token."""
        vocab = vectoriser.vocabulary_
        get = vocab.get
        indices, indptr = [], [0]
        for tokens in token_lists:
            ids = [i for i in map(get, tokens) if i is not None]
            indices.extend(ids)
            indptr.append(len(indices))
        X = sparse.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr)),
            shape=(len(token_lists), len(vocab)),
        )
        X.sum_duplicates()
        np.log(X.data, out=X.data)
        X.data += 1
        X = X @ sparse.diags(vectoriser.idf_.astype(np.float32))
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return sparse.csr_matrix(sparse.diags(1 / norms) @ X, dtype=np.float32)

    # --- training ---------------------------------------------------------------------------------
    def _fit_weights(self, docs: Prepared, y: np.ndarray, C: np.ndarray, scale: np.ndarray) -> None:
        """One linear SVM per code, with that code's C, lexicon weight and title weight. The
        weights are folded into the coefficients, so prediction uses the unweighted features."""
        X = self._features(docs, fit=True)
        n_lex = self._n_lexicon_columns()
        scaled: dict[tuple, sparse.csr_matrix] = {}
        n_cat = len(CATEGORIES)
        self.weights = np.zeros((X.shape[1], len(LABELS)), dtype=np.float32)
        self.bias = np.zeros(len(LABELS), dtype=np.float32)
        for j in range(len(LABELS)):
            if y[:, j].min() == y[:, j].max():  # never or always used: a constant answer
                self.bias[j] = 8.0 if y[0, j] else -8.0
                continue
            column_weight = np.ones(X.shape[1], dtype=np.float32)
            if n_lex:
                column_weight[X.shape[1] - n_lex :] = scale[j]
            title = self.options.category_title if j < n_cat else self.options.feature_title
            if self._uses_title():
                column_weight[slice(*self._title_columns)] = title
            chinese_lexicon = -1
            if self._uses_chinese_lexicon():
                start = X.shape[1] - n_lex - len(_OWN_CATEGORY_COLUMNS)
                column_weight[start : X.shape[1] - n_lex] = 0.0
                if j < n_cat:  # the category's own two columns only
                    chinese_lexicon = j
                    for k, column in enumerate(_OWN_CATEGORY_COLUMNS):
                        if column % len(LABELS) == j:
                            column_weight[start + k] = self.options.category_lexicon_chinese
            key = (scale[j], title, chinese_lexicon)
            if key not in scaled:
                scaled[key] = sparse.csr_matrix(X @ sparse.diags(column_weight)) if (column_weight != 1).any() else X
            svm = LinearSVC(C=C[j], class_weight="balanced", max_iter=5000).fit(scaled[key], y[:, j])
            self.weights[:, j] = SVM_SLOPE * svm.coef_[0] * column_weight
            self.bias[j] = SVM_SLOPE * svm.intercept_[0]
        self.n_examples = len(docs)

    def fit(self, posts: list[dict] | Prepared, y: np.ndarray) -> Classifier:
        """Train on posts with a 0/1 matrix of codes (columns in LABELS order); per-code C, lexicon
        weight and threshold by inner CV."""
        docs = posts if isinstance(posts, Prepared) else prepare(posts)
        y = np.asarray(y, dtype=np.int8)
        self.C, self.scale = self._base()
        self.category_thresholds = None
        self.feature_thresholds = None
        if self.options.threshold_folds > 1 and len(docs) >= 4 * self.options.threshold_folds:
            self.C, self.scale, self.thresholds = self._tune(docs, y)
        self._fit_weights(docs, y, self.C, self.scale)
        return self

    def _base(self) -> tuple[np.ndarray, np.ndarray]:
        """C and lexicon weight per code before any grid: the options' values, categories apart."""
        C = np.full(len(LABELS), self.options.C)
        scale = np.ones(len(LABELS))
        categories = [LABELS.index(code) for code in CATEGORIES]
        if self.options.category_C is not None:
            C[categories] = self.options.category_C
        if self.options.category_lexicon is not None:
            scale[categories] = self.options.category_lexicon
        return C, scale

    def _tune(self, docs: Prepared, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per code: (C, lexicon weight) from the grids and a threshold, by the best smoothed
        out-of-fold F1 of an inner k-fold CV on the training data."""
        base_C, base_scale = self._base()
        # A grid point of None keeps each code's base value (the options' own, categories apart).
        c_grid = tuple(self.options.C_grid) or (None,)
        s_grid = tuple(self.options.scale_grid) if self.options.use_lexicon and self.options.scale_grid else (None,)
        grid = [(c, s) for c in c_grid for s in s_grid]
        oof = np.zeros((len(grid), *y.shape), dtype=np.float32)
        folds = KFold(self.options.threshold_folds, shuffle=True, random_state=self.options.seed)
        inner_options = Options(**{**self.options.__dict__, "threshold_folds": 0})
        for train, test in folds.split(np.arange(len(docs))):
            docs_train, docs_test, y_train = docs.take(train), docs.take(test), y[train]
            for g, (c, s) in enumerate(grid):
                inner = Classifier(inner_options)
                inner._fit_weights(
                    docs_train,
                    y_train,
                    base_C if c is None else np.full(len(LABELS), c),
                    base_scale if s is None else np.full(len(LABELS), s),
                )
                oof[g][test] = inner.predict_proba(docs_test)
        C, scale = base_C.copy(), base_scale.copy()
        thresholds = np.full(len(LABELS), 0.5)
        default = grid.index((self.options.C, 1.0)) if (self.options.C, 1.0) in grid else 0

        def take(j: int, point: tuple) -> None:
            C[j] = base_C[j] if point[0] is None else point[0]
            scale[j] = base_scale[j] if point[1] is None else point[1]

        for j in range(len(LABELS)):
            if y[:, j].sum() < 3:
                take(j, grid[default])
                continue
            best = (-1.0, 0, 0.5)
            for g in range(len(grid)):
                f1 = np.array([_f1(y[:, j], oof[g][:, j] >= t) for t in THRESHOLD_GRID])
                smooth = np.convolve(np.pad(f1, 1, mode="edge"), np.ones(3) / 3, mode="valid")
                k = int(np.argmax(smooth))
                if smooth[k] > best[0] + 1e-9:  # ties: the earlier (more regularised) grid point
                    best = (float(smooth[k]), g, float(THRESHOLD_GRID[k]))
            _, g, thresholds[j] = best
            take(j, grid[g])
        if getattr(self.options, "category_thresholds_per_language", False):
            # From the first grid point's probabilities (the only one, unless the grids are switched on).
            self.category_thresholds = _per_language_thresholds(y, oof[0], docs.chinese)
        if getattr(self.options, "feature_thresholds_per_language", False):
            n_cat = len(CATEGORIES)
            self.feature_thresholds = _per_language_thresholds(y[:, n_cat:], oof[0][:, n_cat:], docs.chinese)
        shrink = getattr(self.options, "threshold_shrink", 0.0)
        return C, scale, (1 - shrink) * thresholds + shrink * 0.5

    # --- prediction -------------------------------------------------------------------------------
    def predict_proba(self, posts: list[dict] | Prepared) -> np.ndarray:
        """Probabilities (n_posts × 9, columns in LABELS order)."""
        docs = posts if isinstance(posts, Prepared) else prepare(posts)
        if not len(docs):
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        z = self._features(docs) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def decide(self, proba: np.ndarray, chinese: np.ndarray | None = None) -> np.ndarray:
        """0/1 codes from probabilities: per-code thresholds, and at least one category per post. With
        `chinese` (1.0 for a post in Chinese, as `Prepared.chinese`), the categories' per-language thresholds
        apply where the model has them."""
        n_cat = len(CATEGORIES)
        thresholds = np.tile(self.thresholds, (len(proba), 1))
        per_language = getattr(self, "category_thresholds", None)  # absent in models pickled before it
        if per_language is not None and chinese is not None:
            thresholds[:, :n_cat] = per_language[(np.asarray(chinese) > 0.5).astype(int)]
        per_language = getattr(self, "feature_thresholds", None)
        if per_language is not None and chinese is not None:
            thresholds[:, n_cat:] = per_language[(np.asarray(chinese) > 0.5).astype(int)]
        chosen = proba >= thresholds
        empty = ~chosen[:, :n_cat].any(axis=1)
        if empty.any():
            best = np.argmax(proba[empty, :n_cat] / thresholds[empty, :n_cat], axis=1)
            chosen[np.flatnonzero(empty), best] = True
        return chosen

    def predict(self, posts: list[dict]) -> list[Prediction]:
        """Suggested codes for each post, in order."""
        docs = posts if isinstance(posts, Prepared) else prepare(posts)
        proba = self.predict_proba(docs)
        chosen = self.decide(proba, docs.chinese)
        n_cat = len(CATEGORIES)
        out = []
        for p, c in zip(proba, chosen, strict=True):
            out.append(
                Prediction(
                    categories=[LABELS[j] for j in range(n_cat) if c[j]],
                    features=[LABELS[j] for j in range(n_cat, len(LABELS)) if c[j]],
                    confidence={label: round(float(p[j]), 4) for j, label in enumerate(LABELS)},
                )
            )
        return out


def _best_threshold(truth: np.ndarray, proba: np.ndarray) -> float:
    """The threshold of THRESHOLD_GRID with the best F1, smoothed over neighbouring grid points."""
    f1 = np.array([_f1(truth, proba >= t) for t in THRESHOLD_GRID])
    smooth = np.convolve(np.pad(f1, 1, mode="edge"), np.ones(3) / 3, mode="valid")
    return float(THRESHOLD_GRID[int(np.argmax(smooth))])


def _per_language_thresholds(y: np.ndarray, oof: np.ndarray, chinese: np.ndarray) -> np.ndarray:
    """(2, 6): each category's threshold chosen on the English (row 0) and Chinese (row 1) training posts
    apart, from the same out-of-fold probabilities; 0.5 where a language has fewer than 3 posts with it.
    (Given the features' columns of `y` and `oof`, the same for the features: (2, 3).)"""
    n_codes = min(y.shape[1], len(CATEGORIES))
    out = np.full((2, n_codes), 0.5)
    zh = chinese > 0.5
    for row, rows in ((0, ~zh), (1, zh)):
        for j in range(n_codes):
            if y[rows, j].sum() >= 3:
                out[row, j] = _best_threshold(y[rows, j], oof[rows, j])
    return out


def _f1(truth: np.ndarray, guess: np.ndarray) -> float:
    tp = float(np.sum(truth & guess))
    denom = float(truth.sum() + guess.sum())
    return 2 * tp / denom if denom else 1.0


def label_matrix(examples: list[dict]) -> np.ndarray:
    """0/1 matrix of the codes of coded examples (`categories` and `features` lists), LABELS order."""
    y = np.zeros((len(examples), len(LABELS)), dtype=np.int8)
    index = {label: j for j, label in enumerate(LABELS)}
    for i, ex in enumerate(examples):
        for code in list(ex.get("categories") or []) + list(ex.get("features") or []):
            if code in index:
                y[i, index[code]] = 1
    return y


def fit(examples: list[dict], options: Options | None = None) -> Classifier:
    """A classifier trained on coded examples (dicts with title, text, categories, features)."""
    return Classifier(options or Options()).fit(examples, label_matrix(examples))
