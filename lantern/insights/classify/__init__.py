"""Automatic coding of library announcements into the study's taxonomy (CODEBOOK.md).

    from lantern.insights.classify import get_classifier, extract_dates

    clf = get_classifier()                       # trained from the bundled data, cached
    [p] = clf.predict([{"title": ..., "text": ...}])
    p.categories, p.features, p.confidence       # codes, and a probability for all nine codes
    clf = train_classifier(extra_examples)       # bundled data + human codes
    extract_dates(text, published)               # {"closed_on": date | None, "reopens_on": date | None}

`get_classifier()` trains at first use and keeps the result in the process; when Django's
`settings.VAR_DIR` is available it also saves it there (`VAR_DIR/classify/`), under a name made of a
hash of the training data and of this package's code, so a later process loads instead of retraining
and any change to data or code retrains. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import threading
from pathlib import Path

import sklearn

from lantern.insights.classify.dates import extract_dates
from lantern.insights.classify.labels import CATEGORIES, FEATURES, LABELS
from lantern.insights.classify.model import Classifier, Options, Prediction, fit
from lantern.insights.classify.training import bundled_examples, data_files

__all__ = [
    "CATEGORIES",
    "FEATURES",
    "LABELS",
    "Classifier",
    "Prediction",
    "extract_dates",
    "get_classifier",
    "train_classifier",
    "use_classifier",
]

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: Classifier | None = None
_CODE_FILES = ("labels.py", "lexicon.py", "model.py", "text.py", "training.py")


def train_classifier(extra_examples: list[dict] | None = None, options: Options | None = None) -> Classifier:
    """A classifier trained on the bundled examples plus `extra_examples` (dicts with title, text,
    categories, features — e.g. posts coded by people). Unknown codes in them are ignored."""
    return fit(bundled_examples() + list(extra_examples or []), options)


def model_key() -> str:
    """Hash of the training data, the classifier's code and scikit-learn's version."""
    digest = hashlib.sha256(sklearn.__version__.encode())
    here = Path(__file__).parent
    for path in [*data_files(), *(here / name for name in _CODE_FILES)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _store_dir() -> Path | None:
    try:
        from django.conf import settings

        var_dir = getattr(settings, "VAR_DIR", None)
    except Exception:  # settings not configured: no persistence, train in process
        return None
    return Path(var_dir) / "classify" if var_dir else None


def get_classifier() -> Classifier:
    """The classifier trained on the bundled data: from this process's cache, from VAR_DIR, or trained now."""
    global _cached
    with _lock:
        if _cached is not None:
            return _cached
        store = _store_dir()
        path = store / f"classifier-{model_key()}.pickle" if store else None
        if path and path.exists():
            try:
                with path.open("rb") as fh:
                    # Our own file, written below under VAR_DIR and named by the hash of data and code.
                    _cached = pickle.load(fh)  # noqa: S301
                return _cached
            except Exception:
                logger.warning("Could not load %s; retraining", path, exc_info=True)
        _cached = train_classifier()
        if path:
            _save(_cached, path)
        return _cached


def _save(clf: Classifier, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(clf, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("classifier-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        logger.warning("Could not save the classifier to %s", path, exc_info=True)


def use_classifier(clf: Classifier) -> None:
    """Make `clf` (e.g. retrained with human codes) what `get_classifier()` returns in this process.

    Not saved: a new process starts again from the bundled data (or its saved model)."""
    global _cached
    with _lock:
        _cached = clf
