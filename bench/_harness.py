"""What the HTTP benchmarks share: a scratch database (SQLite file or a PostgreSQL database made afresh),
migrated; a real app server (gunicorn gthread, production settings) on a free loopback port; keep-alive
clients; percentiles; the machine's description; and writing one's own section of bench/RESULTS.md.

Imported by `reopening_rush.py` and `lending_surge.py` (run from the repository as `bench/<name>.py`, so this
directory is on the import path).
"""

# ruff: noqa: S603, S607  (fixed local commands)
import contextlib
import http.client
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
BIN = Path(PYTHON).parent
RESULTS = ROOT / "bench" / "RESULTS.md"
HOST = "127.0.0.1"


def django_setup() -> None:
    """For the seeding and counting child processes, which run with the phase's environment."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
    import django

    django.setup()


# --- database and server -------------------------------------------------------------------------
def server_env(db: str, workdir: Path, *, pg_url: str, sqlite_name: str) -> dict:
    """Production settings on loopback for `db` ("sqlite" or "postgres"), with a store of its own: a SQLite
    file under `workdir/db`, or the database named in `pg_url` dropped and created again."""
    env = dict(os.environ)
    env.update(
        LANTERN_ENV="production",
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        LANTERN_VAR_DIR=str(workdir / db),
        LOG_LEVEL="ERROR",
    )
    if db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / db / sqlite_name}"
    else:
        env["DATABASE_URL"] = pg_url
        recreate_pg_database(pg_url)
    (workdir / db).mkdir(parents=True, exist_ok=True)
    return env


def recreate_pg_database(pg_url: str) -> None:
    name = pg_url.rsplit("/", 1)[1]
    admin = pg_url.rsplit("/", 1)[0] + "/postgres"
    for sql in (
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0",
    ):
        subprocess.run(["psql", admin, "-q", "-c", sql], check=True)


def drop_pg_database(pg_url: str) -> None:
    name = pg_url.rsplit("/", 1)[1]
    admin = pg_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)


def migrate(env: dict) -> None:
    subprocess.run([str(BIN / "lantern"), "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def app_server(env: dict, *, workers: int, threads: int, ready_path: str, log: Path | None = None):
    """gunicorn gthread serving the project on a free port; yields the port once `ready_path` answers 200.
    Its output goes to `log` when given (to read tracebacks afterwards), else to this terminal."""
    port = free_port()
    out = log.open("ab") if log else None
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "lantern.wsgi",
            "-k",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "-b",
            f"{HOST}:{port}",
            "--keep-alive",
            "30",
            "--log-level",
            "error",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=out,
        stderr=out,
    )
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=2)
                conn.request("GET", ready_path)
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the app server did not start")
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if out:
            out.close()


# --- load ----------------------------------------------------------------------------------------
class Client(threading.local):
    """One keep-alive connection per load thread, as a browser or mini-program would hold."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def request(self, method, path, headers, body=None):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                body_read = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status, response.getheader("Retry-After"), body_read
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")


def warm_up(port: int, threads: int, path: str) -> None:
    """A server is warm before the rush opens: every worker and thread has loaded the URLs and has its
    database connection."""

    def get(_n):
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.request("GET", path)
        conn.getresponse().read()
        conn.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(get, range(threads * 4)))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- report --------------------------------------------------------------------------------------
def python_speed_ms() -> float:
    """Milliseconds a fixed pure-Python loop takes here (best of five). VMs of one kind are not equally fast
    (one indexed the bench's million records at half the speed of another): two runs compare only beside this."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for step in range(1_000_000):
            total += step
        best = min(best, time.perf_counter() - started)
    return best * 1000


def machine() -> str:
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem_kb = 0
    with contextlib.suppress(OSError, AttributeError):
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return (
        f"{os.cpu_count()} CPUs (nproc), {mem_kb / 1024 / 1024:.0f} GiB RAM, {cpu}, Python {platform.python_version()}"
        f" (a million-step Python loop: {python_speed_ms():.0f} ms)"
    )


def write_results(text: str, heading: str) -> None:
    """Replace (or add) only the section `## {heading}`; other sections belong to other benchmarks."""
    current = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _m: text + "\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated)
