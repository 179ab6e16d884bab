"""Closure-day lending surge: R readers (200) order from a pool of C copies (500: 100 records × 5) through the
HTTP API of a real app server (gunicorn gthread on 127.0.0.1) for S seconds (60), on SQLite and on
PostgreSQL; then pgbench on this machine, as the database's own limit for scale.

Every reader is a thread with its own bearer token and keep-alive connection, ordering without pause: it
picks a random record it has not yet seen run out and orders it for home delivery (one item per order).
A 409 "unavailable" makes it pick another record; a 429 is retried after Retry-After (counted apart). A
reader holding its limit of open orders (3) stops; one still short of it keeps asking until the time is up,
also once every record has run out for it: after the shelf is empty that load is all refusals, whose latency
is the other figure (`--at-limit ask` keeps the readers at their limit asking too, a harsher flood). After
the run the database is checked: each copy held by at most one live order item (`holds_copy`) or open
loan, `Copy.status` agreeing, and no reader over the limit. Prints the figures and writes the "Lending
surge" section of bench/RESULTS.md.

    .venv/bin/python bench/lending_surge.py                          # both databases, 60 s each
    .venv/bin/python bench/lending_surge.py --quick --database sqlite  # a 10-second smoke run

SQLite runs in a temporary file, PostgreSQL in the database `lantern_surge` (dropped and made again; left
for inspection), pgbench in `lantern_surge_pgbench` (dropped afterwards). Only loopback is contacted.
"""

# ruff: noqa: S603, S607, S311  (fixed local commands; random choices of a simulated reader)
import argparse
import datetime
import http.client
import json
import os
import random
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from _harness import (
    PYTHON,
    ROOT,
    Client,
    app_server,
    django_setup,
    drop_pg_database,
    machine,
    migrate,
    percentile,
    recreate_pg_database,
    server_env,
    warm_up,
    write_results,
)

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/lantern_surge"
SLUG = "surge"
HEADING = "Lending surge"
MAX_OPEN_ORDERS = 3


# --- child processes: seeding and checking inside Django -----------------------------------------
def seed(readers: int, copies: int, per_record: int, out: Path) -> None:
    """A library lending by home delivery (one zone, one item per order, 3 open orders per reader), `copies`
    copies over `copies / per_record` print records, and `readers` readers with a card and an API token."""
    django_setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from lantern.catalogue.models import Copy, Record
    from lantern.core.models import ApiToken, Card, Library, ServiceMode
    from lantern.lending.models import DeliveryZone, LendingRules

    user_model = get_user_model()
    records_n = max(1, -(-copies // per_record))
    with transaction.atomic():
        library = Library.objects.create(
            slug=SLUG, name_zh_hans="闭馆借阅图书馆", name_en="Surge Library", service_mode=ServiceMode.CONTACTLESS
        )
        LendingRules.objects.create(
            library=library, max_open_orders=MAX_OPEN_ORDERS, max_items_per_order=1, pickup_enabled=False
        )
        zone = DeliveryZone.objects.create(library=library, name_zh_hans="市区", name_en="City")
        Record.objects.bulk_create(
            [
                Record(library=library, title=f"书 {n}", authors=["作者"], year=2020, control_number=f"S{n:05d}")
                for n in range(records_n)
            ]
        )
        record_ids = list(Record.objects.filter(library=library).order_by("pk").values_list("pk", flat=True))
        Copy.objects.bulk_create(
            [
                Copy(
                    record_id=record_ids[n % records_n],
                    library=library,
                    barcode=f"S{n:07d}",
                    location="Stacks",
                    shelf_mark=f"I247/{n}",
                )
                for n in range(copies)
            ],
            batch_size=2000,
        )
        users = user_model.objects.bulk_create(
            [
                user_model(
                    username=f"surge{n}",
                    email=f"surge{n}@example.org",
                    phone=f"+86139{n:08d}",
                    name=f"Reader {n}",
                    password="!",  # noqa: S106  (unusable password)
                )
                for n in range(readers)
            ],
            batch_size=2000,
        )
        if users[0].pk is None:
            users = list(user_model.objects.filter(username__startswith="surge").order_by("pk"))
        Card.objects.bulk_create(
            [Card(reader=user, library=library, number=f"C{n:07d}") for n, user in enumerate(users)], batch_size=2000
        )
        keys, tokens = [], []
        for user in users:
            key = ApiToken.new_key()
            keys.append(key)
            tokens.append(ApiToken(user=user, name="surge", prefix=key[:10], key_hash=ApiToken.hash_key(key)))
        ApiToken.objects.bulk_create(tokens, batch_size=2000)
    out.write_text(json.dumps({"keys": keys, "records": record_ids, "zone": zone.pk}))


def check(out: Path) -> None:
    """Double allocations and status consistency, from the database itself."""
    django_setup()
    from django.db.models import Count

    from lantern.catalogue.models import Copy
    from lantern.lending.models import Loan, Order, OrderItem

    copies = Copy.objects.filter(library__slug=SLUG)
    holding = list(OrderItem.objects.filter(copy__library__slug=SLUG, holds_copy=True).values_list("copy", flat=True))
    lent = list(Loan.objects.open().filter(copy__library__slug=SLUG).values_list("copy", flat=True))
    holders = Counter(holding) + Counter(lent)
    live_items = Counter(
        OrderItem.objects.filter(copy__library__slug=SLUG, order__status__in=Order.OPEN).values_list("copy", flat=True)
    )
    held_statuses = {Copy.Status.REQUESTED, Copy.Status.IN_TRANSIT, Copy.Status.ON_LOAN}
    inconsistent = [
        (pk, status)
        for pk, status in copies.values_list("pk", "status")
        if (pk in holders and status not in held_statuses) or (pk not in holders and status != Copy.Status.AVAILABLE)
    ]
    orders = Order.objects.filter(library__slug=SLUG)
    out.write_text(
        json.dumps(
            {
                "copies": copies.count(),
                "copies_taken": copies.exclude(status=Copy.Status.AVAILABLE).count(),
                "orders": orders.count(),
                "orders_by_status": dict(Counter(orders.values_list("status", flat=True))),
                "items_holding": len(holding),
                "double_allocated": sum(1 for n in holders.values() if n > 1),
                "double_in_live_orders": sum(1 for n in live_items.values() if n > 1),
                "status_inconsistent": len(inconsistent),
                "status_inconsistent_sample": inconsistent[:5],
                "orders_without_one_item": orders.annotate(n=Count("items")).exclude(n=1).count(),
                "readers_over_limit": orders.filter(status__in=Order.OPEN)
                .values("reader")
                .annotate(n=Count("pk"))
                .filter(n__gt=MAX_OPEN_ORDERS)
                .count(),
            }
        )
    )


# --- the load ------------------------------------------------------------------------------------
def surge(port: int, data: dict, seconds: float, keep_asking: bool) -> dict:
    """Each reader orders without pause until `seconds` are up; returns every answer with its timing."""
    client = Client(port)
    # (began s since start, status, reason, seconds taken, a retry of a 429?)
    answers, lock = [], threading.Lock()
    path = f"/api/v1/libraries/{SLUG}/orders"
    record_ids = data["records"]
    barrier = threading.Barrier(len(data["keys"]) + 1)
    start_box = []

    def reader(n: int, key: str) -> None:
        rng = random.Random(2020 + n)
        headers = {"Authorization": f"Bearer {key}", "Accept-Language": "en", "Content-Type": "application/json"}
        left = set(record_ids)  # records this reader has not seen run out
        placed, at_limit, retry, record = 0, False, False, None
        barrier.wait()
        start = start_box[0]
        end = start + seconds
        while time.perf_counter() < end:
            if not retry:
                if at_limit and not keep_asking:
                    return
                record = rng.choice(sorted(left)) if left and not at_limit else rng.choice(record_ids)
            body = json.dumps(
                {
                    "records": [record],
                    "method": "delivery",
                    "zone": data["zone"],
                    "recipient": f"Reader {n}",
                    "phone": "13800138000",
                    "address": f"{n} Library Road",
                    "postcode": "",
                }
            )
            began = time.perf_counter()
            try:
                status, retry_after, answer = client.request("POST", path, headers, body.encode())
            except (http.client.HTTPException, OSError) as exc:  # counted; the reader goes on
                status, retry_after, answer = 0, None, repr(exc).encode()
            took = time.perf_counter() - began
            reason = ""
            if status == 409:
                try:
                    reason = json.loads(answer).get("reason") or ""
                except ValueError:
                    reason = "?"
            with lock:
                answers.append((began - start, status, reason, took, retry, answer[:300] if status != 201 else b""))
            retry = status == 429
            if retry:
                time.sleep(float(retry_after or 1))
            elif status == 201:
                placed += 1
                at_limit = at_limit or placed >= MAX_OPEN_ORDERS
            elif reason == "unavailable":
                left.discard(record)
            elif reason == "too_many_orders":
                at_limit = True

    threads = [threading.Thread(target=reader, args=(n, key), daemon=True) for n, key in enumerate(data["keys"])]
    for thread in threads:
        thread.start()
    start_box.append(time.perf_counter() + 0.2)
    barrier.wait()
    for thread in threads:
        thread.join(seconds + 60)
    return {"answers": answers, "wall": time.perf_counter() - start_box[0]}


def ms(values: list[float], p: float) -> float:
    return round(percentile(values, p) * 1000, 1)


def summarise(run: dict, copies: int, seconds: float) -> dict:
    answers = run["answers"]
    by_status = Counter(str(a[1]) for a in answers)
    refusal_reasons = Counter(a[2] for a in answers if a[1] == 409)
    ok = sorted(a[0] + a[3] for a in answers if a[1] == 201)  # when each order was confirmed
    emptied = ok[copies - 1] if len(ok) >= copies else None
    orders_lat = [a[3] for a in answers if a[1] == 201]
    refusals = [a for a in answers if a[1] == 409]
    after = [a[3] for a in refusals if emptied is not None and a[0] >= emptied]
    rush_window = emptied if emptied is not None else seconds
    errors = [a for a in answers if a[1] >= 500 or a[1] == 0]
    others = Counter(str(a[1]) for a in answers if a[1] not in (201, 409, 429) and a[1] < 500 and a[1] != 0)
    return {
        "requests": len(answers),
        "requests_per_s": round(len(answers) / seconds, 1),
        "by_status": dict(sorted(by_status.items())),
        "orders": len(ok),
        "orders_per_s": round(len(ok) / rush_window, 1) if rush_window else 0,
        "orders_p50_ms": ms(orders_lat, 50),
        "orders_p95_ms": ms(orders_lat, 95),
        "orders_p99_ms": ms(orders_lat, 99),
        "orders_max_ms": round(max(orders_lat, default=0) * 1000, 1),
        "shelf_empty_after_s": round(emptied, 2) if emptied is not None else None,
        "refusals": len(refusals),
        "refusal_reasons": dict(refusal_reasons.most_common()),
        "refusals_p50_ms": ms([a[3] for a in refusals], 50),
        "refusals_p95_ms": ms([a[3] for a in refusals], 95),
        "refusals_p99_ms": ms([a[3] for a in refusals], 99),
        "refusals_after_empty": len(after),
        "refusals_after_empty_per_s": round(len(after) / max(seconds - emptied, 0.001), 1) if after else 0,
        "refusals_after_empty_p50_ms": ms(after, 50),
        "refusals_after_empty_p95_ms": ms(after, 95),
        "refusals_after_empty_p99_ms": ms(after, 99),
        "busy_429": by_status.get("429", 0),
        "retries": sum(1 for a in answers if a[4]),
        "server_errors_5xx": sum(v for k, v in by_status.items() if k.startswith("5")),
        "connection_errors": by_status.get("0", 0),
        "other_errors": dict(others),
        "other_samples": [a[5].decode("utf-8", "replace") for a in answers if str(a[1]) in others][:3],
        "error_samples": [f"{a[1]} at {a[0]:.1f} s: {a[5].decode('utf-8', 'replace')}" for a in errors][:3],
        "wall_s": round(run["wall"], 1),
    }


# --- one database phase --------------------------------------------------------------------------
CHAIN = ("Traceback (most recent call last):", "The above exception", "During handling of the above")


def server_errors(log: Path) -> dict:
    """What the server logged: each distinct message and exception line with its count, and the first logged
    error in full (Django logs a 500, or a failed on_commit callback, with its traceback)."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    counts = Counter(line for line in lines if line and not line[0].isspace() and not line.startswith(CHAIN))
    first: list[str] = []
    begin = next((n for n, line in enumerate(lines) if line.startswith(CHAIN[0])), None)
    if begin is not None:
        end = begin
        for n in range(begin + 1, len(lines)):
            line = lines[n]
            if line and not line[0].isspace() and not line.startswith(CHAIN):
                end = n
                following = next((later for later in lines[n + 1 : n + 3] if later), "")
                if not following.startswith(CHAIN):
                    break
        first = lines[max(begin - 1, 0) : end + 1]
    return {"counts": dict(counts.most_common(10)), "first": "\n".join(first)}


def phase(db: str, args, workdir: Path) -> dict:
    env = server_env(db, workdir, pg_url=args.pg, sqlite_name="surge.sqlite3")
    env["EMAIL_URL"] = "dummymail://"  # notices are written and texted (logging SMS backend); no mail server
    print(f"[{db}] migrating and creating {args.readers} readers, {args.copies} copies...", flush=True)
    migrate(env)
    seeded = workdir / db / "seed.json"
    subprocess.run(
        [
            PYTHON,
            __file__,
            "--seed",
            str(seeded),
            "--readers",
            str(args.readers),
            "--copies",
            str(args.copies),
            "--per-record",
            str(args.per_record),
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    data = json.loads(seeded.read_text())
    log = workdir / db / "server.log"
    ready = f"/api/v1/libraries/{SLUG}/lending"
    with app_server(env, workers=args.server_workers, threads=args.server_threads, ready_path=ready, log=log) as port:
        warm_up(port, args.server_threads * args.server_workers, ready)
        print(f"[{db}] surge: {args.readers} readers for {args.seconds:.0f} s, {args.copies} copies", flush=True)
        load_before = os.getloadavg()
        run = surge(port, data, args.seconds, args.at_limit == "ask")
        load_after = os.getloadavg()
    checked = workdir / db / "check.json"
    subprocess.run([PYTHON, __file__, "--check", str(checked)], env=env, check=True, cwd=ROOT)
    result = summarise(run, args.copies, args.seconds) | json.loads(checked.read_text())
    result["db"] = db
    result["load"] = f"{load_before[0]:.1f} → {load_after[0]:.1f}"
    result["server_log"] = server_errors(log)
    if result["server_log"]["first"] or result["server_errors_5xx"]:
        kept = Path(tempfile.gettempdir()) / f"lending_surge_{db}_server.log"
        kept.write_bytes(log.read_bytes() if log.exists() else b"")
        result["server_log"]["kept_at"] = str(kept)
    return result


# --- the database's own limit --------------------------------------------------------------------
def pgbench(args) -> dict:
    """pgbench on a scratch database: select-only (-S) and the TPC-B-like default, `-c 8 -j 2`."""
    url = args.pg + "_pgbench"
    recreate_pg_database(url)
    try:
        subprocess.run(["pgbench", "-i", "-q", "-s", str(args.pgbench_scale), url], check=True, capture_output=True)
        figures = {"scale": args.pgbench_scale}
        for name, extra in (("select_only", ["-S"]), ("tpcb_like", [])):
            cmd = ["pgbench", "-c", "8", "-j", "2", "-T", str(args.pgbench_seconds), *extra, url]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)
            latency = re.search(r"latency average = ([\d.]+) ms", out)
            figures[name] = {
                "tps": round(float(tps.group(1))) if tps else None,
                "latency_ms": float(latency.group(1)) if latency else None,
                "command": "pgbench " + " ".join(shlex.quote(c) for c in cmd[1:-1]),
            }
        return figures
    finally:
        drop_pg_database(url)


def sqlite_limit(workdir: Path, seconds: float) -> dict:
    """SQLite's counterpart, with the project's settings (WAL, synchronous=NORMAL, BEGIN IMMEDIATE): one
    connection, TPC-B-like write transactions (3 updates and an insert) and point selects, from Python."""
    path = workdir / "limit.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)")
    db.execute("CREATE TABLE tellers (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)")
    db.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, account INTEGER, delta INTEGER, at REAL)")
    db.execute("BEGIN")
    db.executemany("INSERT INTO accounts VALUES (?, 0)", ((n,) for n in range(100_000)))
    db.executemany("INSERT INTO tellers VALUES (?, 0)", ((n,) for n in range(10)))
    db.execute("COMMIT")
    rng = random.Random(1)
    figures = {}
    for name in ("select_only", "tpcb_like"):
        n, end = 0, time.perf_counter() + seconds
        while time.perf_counter() < end:
            account, delta = rng.randrange(100_000), rng.randrange(-5000, 5000)
            if name == "select_only":
                db.execute("SELECT balance FROM accounts WHERE id = ?", (account,)).fetchone()
            else:
                db.execute("BEGIN IMMEDIATE")
                db.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", (delta, account))
                db.execute("SELECT balance FROM accounts WHERE id = ?", (account,)).fetchone()
                db.execute("UPDATE tellers SET balance = balance + ? WHERE id = ?", (delta, account % 10))
                db.execute("INSERT INTO history (account, delta, at) VALUES (?, ?, ?)", (account, delta, time.time()))
                db.execute("COMMIT")
            n += 1
        figures[name] = {"tps": round(n / seconds)}
    db.close()
    return figures


# --- report --------------------------------------------------------------------------------------
def section(results: list[dict], limits: dict, args, command: str, started: dict) -> str:
    threads = args.server_workers * args.server_threads

    def cell(value):
        return "—" if value is None else f"{value:,}"

    lines = [
        f"## {HEADING}",
        "",
        f"`bench/lending_surge.py` — {started['at']} UTC, {machine()}. Load average (1/5/15 min) at the start: "
        f"{started['load']} (other engineers' test runs share the machine).",
        "",
        f"Command: `{command}`",
        "",
        f"{args.readers} readers, each with a card, its own API token and keep-alive connection, order for home "
        f"delivery from {args.copies} copies ({args.copies // args.per_record} records × {args.per_record}) through "
        f"`POST /api/v1/libraries/{{slug}}/orders` for {args.seconds:.0f} s without pause, on gunicorn gthread "
        f"({args.server_workers} workers × {args.server_threads} threads) on 127.0.0.1. One item per order, at most "
        f"{MAX_OPEN_ORDERS} open orders per reader. A reader picks a random record it has not seen run out; after "
        f"a 409 `unavailable` it picks another. "
        + (
            f"A reader holding {MAX_OPEN_ORDERS} orders stops; one short of that keeps asking until the time is up, "
            "also once every record has run out for it (refusals). "
            if args.at_limit == "stop"
            else f"Every reader keeps asking until the time is up, also once it holds {MAX_OPEN_ORDERS} orders "
            "(refusals: `too_many_orders`) or every record has run out for it (`unavailable`). "
        )
        + "A 429 is retried after Retry-After. Latency is per "
        "request, measured by the client (a Python thread per reader on the same 2 CPUs as the server and the "
        "database).",
        "",
        "| database | orders (201) | orders/s until empty | order p50 / p95 / p99 | shelf empty after | "
        "refusals (409) | refusal p50 / p95 / p99 | refusals after empty: /s, p50 / p95 / p99 | 429 (retried) | "
        "5xx | other errors | requests/s | load avg before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        other = sum(r["other_errors"].values()) + r["connection_errors"]
        lines.append(
            f"| {r['db']} | {r['orders']:,} of {r['copies']:,} | {r['orders_per_s']} | {r['orders_p50_ms']} / "
            f"{r['orders_p95_ms']} / {r['orders_p99_ms']} ms | "
            f"{'not emptied' if r['shelf_empty_after_s'] is None else str(r['shelf_empty_after_s']) + ' s'} | "
            f"{r['refusals']:,} | {r['refusals_p50_ms']} / {r['refusals_p95_ms']} / {r['refusals_p99_ms']} ms | "
            f"{r['refusals_after_empty_per_s']}/s, {r['refusals_after_empty_p50_ms']} / "
            f"{r['refusals_after_empty_p95_ms']} / {r['refusals_after_empty_p99_ms']} ms | "
            f"{r['busy_429']:,} | {r['server_errors_5xx']} | {other} | {r['requests_per_s']} | {r['load']} |"
        )
    lines += ["", "Checked in the database after each run:", ""]
    for r in results:
        reasons = ", ".join(f"{k} {v:,}" for k, v in r["refusal_reasons"].items()) or "none"
        lines.append(
            f"- {r['db']}: **{r['double_allocated']} double-allocated copies** (held by more than one live order item "
            f"or open loan; {r['double_in_live_orders']} copies in two open orders), "
            f"{r['status_inconsistent']} copies whose status disagrees, {r['readers_over_limit']} readers over the "
            f"open-order limit, {r['orders_without_one_item']} orders without exactly one item; "
            f"{r['copies_taken']:,} of {r['copies']:,} copies taken by {r['orders']:,} orders "
            f"(the client saw {r['by_status'].get('201', 0):,} 201s). Refusals by reason: {reasons}. "
            f"Answers by status: {', '.join(f'{k} {v:,}' for k, v in r['by_status'].items())}."
        )
    for r in results:
        logged = "; ".join(
            f"{v:,} × `{k[:160]}`" for k, v in r["server_log"]["counts"].items() if "staticfiles" not in k
        )
        lines.append(f"- {r['db']} server log (errors only): {logged or 'nothing'}.")
    lines.append("")
    if limits.get("pgbench"):
        pg = limits["pgbench"]
        lines += [
            "The limit for scale, on the same machine right after the runs:",
            "",
            "| database | read-only transactions/s | TPC-B-like transactions/s | how |",
            "|---|---|---|---|",
            f"| postgresql (pgbench, scale {pg['scale']}) | {cell(pg['select_only']['tps'])} "
            f"(latency {pg['select_only']['latency_ms']} ms) | {cell(pg['tpcb_like']['tps'])} "
            f"(latency {pg['tpcb_like']['latency_ms']} ms) | `{pg['select_only']['command']}`, and without `-S` |",
        ]
        if limits.get("sqlite"):
            sq = limits["sqlite"]
            lines.append(
                f"| sqlite (one connection from Python, WAL, synchronous=NORMAL) | {cell(sq['select_only']['tps'])} "
                f"| {cell(sq['tpcb_like']['tps'])} | point select; BEGIN IMMEDIATE, 2 updates, a select and an "
                "insert, COMMIT |"
            )
        lines.append("")
    lines += [
        f"Latency here is mostly waiting in line: until the shelf is empty, up to {args.readers} readers have a "
        f"request in flight for {threads} server threads; with all of them busy, a request's own time in the "
        f"server is about {threads} ÷ requests per second ("
        + ", ".join(f"{r['db']} {1000 * threads / max(r['requests_per_s'], 0.1):.0f} ms" for r in results)
        + f") on {os.cpu_count()} CPUs shared with the clients and the database.",
        "",
        f"Database connections are held by the server, not the clients: at most {args.server_workers} × "
        f"{args.server_threads} = {args.server_workers * args.server_threads} (one per gunicorn thread, kept for "
        "`CONN_MAX_AGE`, 60 s by default on PostgreSQL), well under PostgreSQL's `max_connections` (100); the "
        f"{args.readers} client connections wait in gunicorn's keep-alive queue, not in the database. Notices are "
        "written for every order and texted through the logging SMS backend; email goes to Django's dummy backend.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--per-record", type=int, default=5, help="copies per record")
    parser.add_argument(
        "--at-limit", choices=["stop", "ask"], default="stop", help="what a reader holding its limit of orders does"
    )
    parser.add_argument("--quick", action="store_true", help="a 10-second smoke run (pgbench 3 s)")
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=8)
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--pgbench-seconds", type=int, default=15)
    parser.add_argument("--pgbench-scale", type=int, default=8, help="at least the 8 clients, as pgbench advises")
    parser.add_argument("--no-limit", action="store_true", help="skip pgbench and the SQLite limit")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--check", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        return seed(args.readers, args.copies, args.per_record, args.seed)
    if args.check:
        return check(args.check)
    if args.quick:
        args.seconds, args.pgbench_seconds = 10.0, 3

    command = " ".join([".venv/bin/python", "bench/lending_surge.py", *map(shlex.quote, sys.argv[1:])])
    started = {
        "at": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        "load": " / ".join(f"{v:.1f}" for v in os.getloadavg()),
    }
    print(f"load average at the start: {started['load']}", flush=True)
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results, limits = [], {}
    with tempfile.TemporaryDirectory(prefix="lantern-surge-") as tmp:
        for db in databases:
            result = phase(db, args, Path(tmp))
            print(json.dumps(result, indent=2, ensure_ascii=False), flush=True)
            results.append(result)
        if not args.no_limit:
            print("the limit: pgbench and SQLite on this machine...", flush=True)
            limits["pgbench"] = pgbench(args)
            limits["sqlite"] = sqlite_limit(Path(tmp), args.pgbench_seconds)
            print(json.dumps(limits, indent=2), flush=True)
    text = section(results, limits, args, command, started)
    print(text)
    if not args.no_write:
        write_results(text, HEADING)
    failed = [
        r["db"]
        for r in results
        if r["server_errors_5xx"] or r["double_allocated"] or r["double_in_live_orders"] or r["status_inconsistent"]
    ]
    if failed:
        raise SystemExit(f"FAILED on {', '.join(failed)}: 5xx answers, double allocation or inconsistent copies")


if __name__ == "__main__":
    main()
