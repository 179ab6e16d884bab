"""Admission for writes in a rush: one write at a time per process, a share of the time, and on SQLite one
writer across all processes, so that a write that would have to wait is refused at once (the caller answers
429 with Retry-After) and every other answer stays quick.

Why: a write (a booking) costs a worker far more Python time than a refusal, and if writes took every core,
every other answer would wait behind them. So a process makes one write at a time and keeps writes to a share
`duty` of its time: past a short burst, it rests in proportion to the time its writes took (the rest grows by
itself when writes get slower: a busy machine, a contended database). SQLite lets one connection of all the
processes write; a second writer sleeps in SQLite's busy handler (1, 2, 5, 10, 15... ms) and may still fail,
so on SQLite the gate also holds a lock file beside the database, taken without waiting.
Measured with bench/reopening_rush.py.
"""

import fcntl
import os
import threading
import time

from django.conf import settings


def _sqlite_lock_path() -> str | None:
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if not database["ENGINE"].endswith("sqlite3") or not name or "memory" in name or name.startswith("file:"):
        return None
    return name + ".write-gate"


class WriteGate:
    """`enter()` admits a write or refuses it at once; `leave(started)` after the write, whatever happened."""

    def __init__(self, duty: float, burst: float, lock_path: str | None = None):
        self._lock = threading.Lock()
        self._busy = False
        self._rest_factor = (1 - duty) / duty
        self._burst = burst
        self._rested_at = 0.0  # when the rest owed for past writes is over
        self._lock_path = lock_path
        self._fd: int | None = None

    def enter(self) -> float | None:
        """The start time when admitted, or None (a write in flight, resting, or another process writing)."""
        with self._lock:
            now = time.monotonic()
            if self._busy or self._rested_at - now > self._burst or not self._lock_file():
                return None
            self._busy = True
            return now

    def leave(self, started: float) -> None:
        with self._lock:
            now = time.monotonic()
            self._rested_at = max(self._rested_at, now) + (now - started) * self._rest_factor
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            self._busy = False

    def _lock_file(self) -> bool:
        if self._lock_path is None:
            return True
        if self._fd is None:
            self._fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def write_gate(duty: float, burst: float = 0.05) -> WriteGate:
    """A gate for this process, with the SQLite lock file when the default database is a SQLite file."""
    return WriteGate(duty, burst, _sqlite_lock_path())
