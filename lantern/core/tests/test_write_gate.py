"""The write gate: one write at a time per process, a share of the time, one writer across processes on SQLite."""

from types import SimpleNamespace

import pytest

from lantern.core import write_gate
from lantern.core.write_gate import WriteGate


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(write_gate.time, "monotonic", lambda: now[0])
    return now


def test_a_second_write_while_one_is_in_flight_is_refused(clock):
    gate = WriteGate(duty=0.5, burst=0.05)
    started = gate.enter()
    assert started is not None
    assert gate.enter() is None
    gate.leave(started)
    assert gate.enter() is not None


def test_after_a_long_write_the_process_rests_in_proportion(clock):
    gate = WriteGate(duty=0.5, burst=0.05)
    started = gate.enter()
    clock[0] += 0.2  # 0.2 s of work owes 0.2 s of rest at half duty
    gate.leave(started)
    assert gate.enter() is None
    clock[0] += 0.14
    assert gate.enter() is None  # 60 ms of rest left: more than the burst
    clock[0] += 0.02
    assert gate.enter() is not None


def test_short_writes_one_after_another_pass_within_the_burst(clock):
    gate = WriteGate(duty=0.5, burst=0.05)
    for _ in range(3):
        started = gate.enter()
        assert started is not None
        clock[0] += 0.01
        gate.leave(started)
    # 30 ms of rest owed, under the 50 ms burst: a fourth write straight away is still admitted
    assert gate.enter() is not None


def test_on_sqlite_only_one_process_writes_at_a_time(tmp_path, clock):
    lock = str(tmp_path / "db.sqlite3.write-gate")
    # Two gates with their own lock-file handles behave as two processes would.
    first, second = WriteGate(1.0, 0.05, lock), WriteGate(1.0, 0.05, lock)
    started = first.enter()
    assert started is not None
    assert second.enter() is None
    first.leave(started)
    assert second.enter() is not None


@pytest.mark.parametrize(
    ("engine", "name", "lock"),
    [
        ("sqlite3", "/srv/lantern/db.sqlite3", "/srv/lantern/db.sqlite3.write-gate"),
        ("sqlite3", ":memory:", None),
        ("postgresql", "lantern", None),
    ],
)
def test_the_lock_file_sits_beside_a_sqlite_file_and_nowhere_else(monkeypatch, engine, name, lock):
    databases = {"default": {"ENGINE": f"django.db.backends.{engine}", "NAME": name}}
    monkeypatch.setattr(write_gate, "settings", SimpleNamespace(DATABASES=databases))
    assert write_gate._sqlite_lock_path() == lock
