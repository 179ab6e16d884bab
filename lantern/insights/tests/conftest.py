"""The classifier's saved models go to one folder for the whole test run (the bundled model is trained
once), and a model retrained by one test is forgotten before the next."""

import pytest

from lantern.insights import classify


@pytest.fixture(scope="session")
def classifier_store(tmp_path_factory):
    return tmp_path_factory.mktemp("classify")


@pytest.fixture(autouse=True)
def own_classifier_store(monkeypatch, classifier_store):
    monkeypatch.setattr(classify, "_store_dir", lambda: classifier_store)
    before = (classify._cached, classify._cached_source, classify._cached_mtime)
    yield classifier_store
    for path in classifier_store.glob("retrained-*.pickle"):
        path.unlink()
    if classify._cached_source == "retrained" or before[1] == "retrained":
        classify._cached, classify._cached_source, classify._cached_mtime = None, "", None
    else:
        classify._cached, classify._cached_source, classify._cached_mtime = before
