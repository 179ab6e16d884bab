"""WSGI entry point for gunicorn: `gunicorn lantern.wsgi`."""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application

# A request thread that has waited on the database or the network waits again for the interpreter lock while
# another thread computes; at Python's default 5 ms per hand-over, a quick answer ("this slot is full") that
# hands over a dozen times takes tens of ms behind one busy booking. 1 ms keeps quick answers quick, for a few
# per cent of throughput. Measured with bench/reopening_rush.py.
sys.setswitchinterval(0.001)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
application = get_wsgi_application()
# Everything loaded so far lives as long as the worker: kept out of the collector's full passes, which would
# otherwise walk Django's whole object graph and stall every request thread of the worker for tens of ms.
gc.freeze()
