"""The harness of the race tests (the `test_*_concurrency.py` files of every app): `run_at_once` starts one
thread per racer, lets them all go at the same moment, and returns what each was told, so that a test can count
how many got the last seat, the copy, the question. The same tests run on SQLite and on PostgreSQL.

What each racer does is the test's business; this module only holds the starting line and the answers.
"""

import threading
import time

from django.db import OperationalError, connection


def _reason_or_error(exc: Exception) -> str:
    """A refusal's `reason`, as the API would give it; for anything else, the exception's class name."""
    return getattr(exc, "reason", type(exc).__name__)


def run_at_once(actions, *, before=None, attempts: int = 1000, describe=_reason_or_error) -> list:
    """Run each of `actions` in its own thread, all started together; return their answers in finishing order.

    An answer is what the action returned; `describe(exc)` if it raised; "gave up" if SQLite was still locked after
    `attempts` tries. `before`, when given, runs in every thread ahead of the start.
    """
    # Without the barrier the threads would start one after another and mostly not race at all.
    barrier, answers = threading.Barrier(len(actions)), []

    def run(action):
        try:
            if before:
                before()
            barrier.wait()
            answers.append(_retrying(action, attempts))
        except Exception as exc:
            answers.append(describe(exc))
        finally:
            # Django never closes a thread's connection for us: left open, they would use up PostgreSQL's
            # connections and keep the test database from being dropped.
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)  # a stuck racer fails the test on its missing answer rather than hanging the run
    return answers


def _retrying(action, attempts: int):
    for _attempt in range(attempts):
        try:
            return action()
        except OperationalError:  # SQLite's "locked": the API answers 429 and the client tries again
            time.sleep(0.02)  # a loaded machine may keep SQLite locked for seconds, hence the many attempts
    return "gave up"
