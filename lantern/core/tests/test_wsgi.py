"""The app server's entry point: a worker is ready to answer quickly before its first request."""

import gc
import importlib
import sys

from django.conf import settings
from django.urls import clear_url_caches, get_resolver


def test_worker_loads_url_tables_of_every_language_before_serving():
    clear_url_caches()
    assert not get_resolver()._reverse_dict  # nothing loaded yet: the check below can fail
    import lantern.wsgi

    interval = sys.getswitchinterval()
    try:
        importlib.reload(lantern.wsgi)
    finally:  # the module tunes the interpreter for a server; the rest of the test run keeps its defaults
        sys.setswitchinterval(interval)
        gc.unfreeze()
    loaded = set(get_resolver()._reverse_dict)
    assert {code for code, _name in settings.LANGUAGES} <= loaded
