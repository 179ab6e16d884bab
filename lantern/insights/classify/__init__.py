"""Automatic coding of library announcements into the study's taxonomy (CODEBOOK.md).

    from lantern.insights.classify import get_classifier, extract_dates

    clf = get_classifier()                       # trained from the bundled data, cached
    [p] = clf.predict([{"title": ..., "text": ...}])
    p.categories, p.features, p.confidence       # codes, and a score in (0, 1) for all nine codes
    clf = train_classifier(extra_examples)       # bundled data + human codes
    extract_dates(text, published)               # {"closed_on": date | None, "reopens_on": date | None}

`get_classifier()` trains at first use and keeps the result in the process; when Django's
`settings.VAR_DIR` is available it also saves it there (`VAR_DIR/classify/`), under a name made of a
hash of the training data and of this package's code, so a later process loads instead of retraining
and any change to data or code retrains. A classifier retrained from human codes (`use_classifier`) is
saved beside it and preferred by every process until `forget_retrained()`. Nothing here touches the
database.
"""

from __future__ import annotations

import functools
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
    "forget_retrained",
    "get_classifier",
    "retrained_in_use",
    "train_classifier",
    "use_classifier",
]

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: Classifier | None = None
_cached_source = ""  # "bundled" or "retrained"
_cached_mtime: float | None = None  # the retrained file's, when that is where the cache came from
_CODE_FILES = ("labels.py", "lexicon.py", "model.py", "text.py", "training.py")


def train_classifier(extra_examples: list[dict] | None = None, options: Options | None = None) -> Classifier:
    """A classifier trained on the bundled examples plus `extra_examples` (dicts with title, text,
    categories, features — e.g. posts coded by people). Unknown codes in them are ignored."""
    return fit(bundled_examples() + list(extra_examples or []), options)


@functools.cache
def model_key() -> str:
    """Hash of the training data, the classifier's code and scikit-learn's version. Computed once per process
    (they change only with a deployment, which restarts it): `get_classifier()` asks for it on every call."""
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


def _load(path: Path) -> Classifier | None:
    try:
        with path.open("rb") as fh:
            # Our own file, written below under VAR_DIR and named by the hash of data and code.
            return pickle.load(fh)  # noqa: S301
    except Exception:
        logger.warning("Could not load %s", path, exc_info=True)
        return None


def _retrained_path(store: Path) -> Path:
    return store / f"retrained-{model_key()}.pickle"


def _mtime(path: Path | None) -> float | None:
    try:
        return path.stat().st_mtime if path else None
    except OSError:
        return None


def get_classifier() -> Classifier:
    """The classifier in use: one retrained from human codes when one was saved (for the current data and
    code), else the one trained on the bundled data — from this process's cache, from VAR_DIR, or trained now.

    A retrained model saved or removed by another process is noticed on the next call (by its file's
    modification time), so every app server answers with the same classifier.
    """
    global _cached, _cached_source, _cached_mtime
    with _lock:
        store = _store_dir()
        retrained = _retrained_path(store) if store else None
        mtime = _mtime(retrained)
        if mtime is not None:
            if _cached is not None and _cached_source == "retrained" and _cached_mtime == mtime:
                return _cached
            clf = _load(retrained)
            if clf is not None:
                _cached, _cached_source, _cached_mtime = clf, "retrained", mtime
                return clf
        elif _cached is not None and (_cached_source == "bundled" or store is None):
            return _cached
        path = store / f"classifier-{model_key()}.pickle" if store else None
        clf = _load(path) if path and path.exists() else None
        if clf is None:
            clf = train_classifier()
            if path:
                _save(clf, path, "classifier-*.pickle")
        _cached, _cached_source, _cached_mtime = clf, "bundled", None
        return clf


def _save(clf: Classifier, path: Path, stale: str) -> None:
    """Write `clf` to `path` atomically and remove the other files matching `stale`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(clf, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        logger.warning("Could not save the classifier to %s", path, exc_info=True)


def use_classifier(clf: Classifier) -> None:
    """Make `clf` (retrained with human codes) the classifier in use, in this process and — saved under
    VAR_DIR — in every other process and after restarts, until `forget_retrained()`. A change of the bundled
    data or of this package's code leaves it unused (its file name carries their hash)."""
    global _cached, _cached_source, _cached_mtime
    with _lock:
        store = _store_dir()
        retrained = _retrained_path(store) if store else None
        if retrained is not None:
            _save(clf, retrained, "retrained-*.pickle")
        _cached, _cached_source, _cached_mtime = clf, "retrained", _mtime(retrained)


def forget_retrained() -> bool:
    """Go back to the classifier trained on the bundled data; True when a retrained one was in use."""
    global _cached, _cached_source, _cached_mtime
    with _lock:
        found = _cached_source == "retrained"
        store = _store_dir()
        for path in store.glob("retrained-*.pickle") if store is not None else ():
            path.unlink(missing_ok=True)
            found = True
        _cached, _cached_source, _cached_mtime = None, "", None
        return found


def retrained_in_use() -> bool:
    """Whether `get_classifier()` answers with a classifier retrained from human codes."""
    get_classifier()
    return _cached_source == "retrained"
