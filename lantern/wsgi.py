"""WSGI entry point for gunicorn: `gunicorn lantern.wsgi`."""

import gc
import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

# A request thread that has waited on the database or the network waits again for the interpreter lock while
# another thread computes; at Python's default 5 ms per hand-over, a quick answer ("this slot is full") that
# hands over a dozen times takes tens of ms behind one busy booking. 1 ms keeps quick answers quick, for a few
# per cent of throughput. Measured with bench/reopening_rush.py.
sys.setswitchinterval(0.001)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
application = get_wsgi_application()

# What a worker's first requests would otherwise load while readers wait, each thread on its own: the URL
# patterns, the reverse lookup tables (one set per language, 140 ms each: the first booking of a worker took
# 160 ms instead of 6) and the translation catalogues. Done before serving, the opening minute of a rush is as
# quick as the rest (bench/reopening_rush.py: every slow answer came in its first 0.3 s).
for _code, _name in settings.LANGUAGES:
    with translation.override(_code):
        get_resolver().reverse_dict  # noqa: B018  (the property fills the tables)
# Everything loaded so far lives as long as the worker: kept out of the collector's full passes, which would
# otherwise walk Django's whole object graph and stall every request thread of the worker for tens of ms.
gc.freeze()
