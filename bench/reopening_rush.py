"""Opening-day rush: N readers (10,000) try to book P places (10 slots × 100) within one minute through the
HTTP API of a real app server (gunicorn gthread on 127.0.0.1), on SQLite and then on PostgreSQL.

Each reader sends one booking request at its arrival time (arrivals spread evenly over --duration seconds),
with its own bearer token, for a random slot; on 429 it waits Retry-After and tries again (at most 3
tries), as the mini-program does. Reports bookings made (must equal the places), answers by status, 500s,
latency p50/p95/p99, and the share of non-201 answers under 100 ms. Prints the figures and writes the
"Reopening rush" section of bench/RESULTS.md.

    .venv/bin/python bench/reopening_rush.py                  # both databases, full size
    .venv/bin/python bench/reopening_rush.py --db sqlite --readers 2000 --duration 15

Each database gets its own store: SQLite in a temporary file, PostgreSQL in the database `lantern_rush`
(dropped and created again). Only loopback is contacted.
"""

# ruff: noqa: S603, S311, S106  (fixed local commands, a seeded shuffle, unusable passwords "!")
import argparse
import datetime
import gc
import http.client
import json
import os
import random
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _harness import (
    PYTHON,
    ROOT,
    Client,
    app_server,
    django_setup,
    machine,
    migrate,
    percentile,
    server_env,
    warm_up,
    write_results,
)

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/lantern_rush"
SLUG = "rush"
MAX_TRIES = 3


# --- child processes: seeding and counting inside Django -----------------------------------------
def seed(readers: int, slots: int, places: int, out: Path) -> None:
    """A library taking visits by appointment, its slots tomorrow, and `readers` accounts with tokens."""
    django_setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from lantern.core.models import ApiToken, Library, ServiceMode
    from lantern.emergency.models import ReservationRules, Slot, Zone

    user_model = get_user_model()
    with transaction.atomic():
        library = Library.objects.create(
            slug=SLUG, name_zh_hans="压力测试图书馆", name_en="Rush Library", service_mode=ServiceMode.APPOINTMENT
        )
        ReservationRules.objects.create(library=library, per_reader_per_day=1, days_ahead=7)
        zone = Zone.objects.create(library=library, name_zh_hans="阅览室", name_en="Reading room")
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        tz = timezone.get_current_timezone()
        slot_rows = []
        for n in range(slots):
            starts = datetime.datetime.combine(tomorrow, datetime.time(8), tzinfo=tz) + datetime.timedelta(
                minutes=60 * n
            )
            slot_rows.append(
                Slot(
                    library=library,
                    zone=zone,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(minutes=50),
                    capacity=places,
                )
            )
        Slot.objects.bulk_create(slot_rows)
        users = user_model.objects.bulk_create(
            [user_model(username=f"rush{n}@example.org", name=f"Reader {n}", password="!") for n in range(readers)],
            batch_size=2000,
        )
        if users[0].pk is None:  # SQLite before RETURNING support would not set pks
            users = list(user_model.objects.filter(username__startswith="rush").order_by("pk"))
        keys, tokens = [], []
        for user in users:
            key = ApiToken.new_key()
            keys.append(key)
            tokens.append(ApiToken(user=user, name="rush", prefix=key[:10], key_hash=ApiToken.hash_key(key)))
        ApiToken.objects.bulk_create(tokens, batch_size=2000)
    out.write_text(json.dumps({"keys": keys, "slots": list(library.slots.values_list("pk", flat=True))}))


def count(out: Path) -> None:
    django_setup()
    from django.db.models import Count, Sum

    from lantern.emergency.models import Booking, Slot

    slots = Slot.objects.filter(library__slug=SLUG)
    live = Booking.objects.filter(slot__library__slug=SLUG, status__in=Booking.LIVE)
    per_slot = {s.pk: (s.booked, s.capacity, live.filter(slot=s).count()) for s in slots}
    out.write_text(
        json.dumps(
            {
                "bookings": live.count(),
                "booked_counters": slots.aggregate(n=Sum("booked"))["n"],
                "capacity": slots.aggregate(n=Sum("capacity"))["n"],
                "readers_with_two": live.values("reader").annotate(n=Count("pk")).filter(n__gt=1).count(),
                "slots_consistent": all(b == n <= c for b, c, n in per_slot.values()),
            }
        )
    )


# --- the load ------------------------------------------------------------------------------------
def rush(port: int, keys: list[str], slot_ids: list[int], duration: float, workers: int) -> dict:
    client = Client(port)
    answers, lock = [], threading.Lock()  # (status, seconds, try)
    rng = random.Random(2020)
    plan = [(n, key, rng.choice(slot_ids)) for n, key in enumerate(keys)]
    start = time.perf_counter() + 0.5
    interval = duration / len(keys)

    def reader(item):
        n, key, slot_id = item
        delay = start + n * interval - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        headers = {"Authorization": f"Bearer {key}", "Accept-Language": "en", "Content-Length": "0"}
        path = f"/api/v1/libraries/{SLUG}/slots/{slot_id}/bookings"
        for attempt in range(1, MAX_TRIES + 1):
            began = time.perf_counter()
            try:
                status, retry_after, body = client.request("POST", path, headers)
            except (http.client.HTTPException, OSError):
                status, retry_after, body = 0, None, b""
            took = time.perf_counter() - began
            with lock:
                answers.append(
                    (status, took, attempt, body[:200] if status >= 500 or status == 0 else b"", began - start)
                )
            if status != 429:
                return
            time.sleep(float(retry_after or 1))

    # The client's own collector passes over the readers' keys would show up as server latency.
    gc.freeze()
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(reader, plan))
    return {"answers": answers, "wall": time.perf_counter() - began}


def summarise(run: dict) -> dict:
    answers = run["answers"]
    by_status: dict[str, int] = {}
    for status, *_rest in answers:
        by_status[str(status)] = by_status.get(str(status), 0) + 1
    latencies = [a[1] for a in answers]
    refusals = [a[1] for a in answers if a[0] != 201]
    errors = [a[3].decode("utf-8", "replace") for a in answers if a[0] >= 500 or a[0] == 0][:3]
    return {
        "requests": len(answers),
        "by_status": dict(sorted(by_status.items())),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else 0,
        "refusals_p99_ms": round(percentile(refusals, 99) * 1000, 1),
        "refusals_under_100ms": round(100 * sum(1 for t in refusals if t < 0.1) / max(len(refusals), 1), 2),
        "retries": sum(1 for a in answers if a[2] > 1),
        # Which answers were slow and when: tells a queue (early, 429s) from a stall (any time, any status).
        "slow_refusals_by_status": {
            str(k): sum(1 for a in answers if a[0] == k and a[1] >= 0.1)
            for k in sorted({a[0] for a in answers} - {201})
        },
        "slow_refusals_between_s": [
            round(min((a[4] for a in answers if a[0] != 201 and a[1] >= 0.1), default=0), 1),
            round(max((a[4] for a in answers if a[0] != 201 and a[1] >= 0.1), default=0), 1),
        ],
        "last_201_at_s": round(max((a[4] for a in answers if a[0] == 201), default=0), 1),
        "p95_ms_by_10s": [
            round(percentile([a[1] for a in answers if 10 * n <= a[4] < 10 * (n + 1)], 95) * 1000, 1)
            for n in range(int(max((a[4] for a in answers), default=0) // 10) + 1)
        ],
        "wall_s": round(run["wall"], 1),
        "sample_errors": errors,
    }


# --- one database phase --------------------------------------------------------------------------
def phase(db: str, args, workdir: Path) -> dict:
    env = server_env(db, workdir, pg_url=args.pg, sqlite_name="rush.sqlite3")
    print(f"[{db}] migrating and creating {args.readers} readers with tokens...", flush=True)
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
            "--slots",
            str(args.slots),
            "--places",
            str(args.places),
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    data = json.loads(seeded.read_text())
    ready = f"/api/v1/libraries/{SLUG}/slots"
    with app_server(env, workers=args.server_workers, threads=args.server_threads, ready_path=ready) as port:
        print(
            f"[{db}] rush: {args.readers} readers over {args.duration:.0f} s for {args.slots * args.places} places",
            flush=True,
        )
        warm_up(port, args.client_threads, ready)
        load_before = os.getloadavg()[0]
        run = rush(port, data["keys"], data["slots"], args.duration, args.client_threads)
        load_after = os.getloadavg()[0]
    counted = workdir / db / "count.json"
    subprocess.run([PYTHON, __file__, "--count", str(counted)], env=env, check=True, cwd=ROOT)
    result = summarise(run) | json.loads(counted.read_text())
    result["db"] = db
    result["load"] = f"{load_before:.1f} → {load_after:.1f}"
    return result


# --- report --------------------------------------------------------------------------------------
def section(results: list[dict], args) -> str:
    lines = [
        "## Reopening rush",
        "",
        f"`bench/reopening_rush.py` — {datetime.date.today().isoformat()}, {machine()}.",
        f"{args.readers:,} readers, each with its own API token, send one booking request for a random slot at "
        f"evenly spread arrival times over {args.duration:.0f} s ({args.slots} slots × {args.places} places = "
        f"{args.slots * args.places:,}), through `POST /api/v1/libraries/{{slug}}/slots/{{id}}/bookings` on gunicorn "
        f"gthread ({args.server_workers} workers × {args.server_threads} threads) on 127.0.0.1; "
        f"{args.client_threads} client threads with keep-alive. A 429 is retried after its Retry-After "
        f"(at most {MAX_TRIES} tries). Latency is per request, measured by the client.",
        "",
        "| database | bookings made | places | answers 201 / 409 / 429 / other | 5xx | p50 | p95 | p99 | max | "
        "non-201 under 100 ms | non-201 p99 | wall | load avg before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r["by_status"]
        other = sum(v for k, v in s.items() if k not in {"201", "409", "429"})
        fives = sum(v for k, v in s.items() if k.startswith("5") or k == "0")
        lines.append(
            f"| {r['db']} | {r['bookings']:,} | {r['capacity']:,} | {s.get('201', 0):,} / {s.get('409', 0):,} / "
            f"{s.get('429', 0):,} / {other} | {fives} | {r['p50_ms']} ms | {r['p95_ms']} ms | {r['p99_ms']} ms | "
            f"{r['max_ms']} ms | {r['refusals_under_100ms']} % | {r['refusals_p99_ms']} ms | {r['wall_s']} s | "
            f"{r['load']} |"
        )
    lines += [
        "",
        "Checks after each run: `booked` counters equal the live bookings in every slot "
        + ", ".join(f"({r['db']}: {'yes' if r['slots_consistent'] else 'NO'})" for r in results)
        + "; no reader holds two bookings "
        + ", ".join(f"({r['db']}: {r['readers_with_two']})" for r in results)
        + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--slots", type=int, default=10)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds over which readers arrive")
    parser.add_argument("--client-threads", type=int, default=64)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=8)
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        return seed(args.readers, args.slots, args.places, args.seed)
    if args.count:
        return count(args.count)

    results = []
    with tempfile.TemporaryDirectory(prefix="lantern-rush-") as tmp:
        for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
            result = phase(db, args, Path(tmp))
            print(json.dumps(result, indent=2, ensure_ascii=False), flush=True)
            results.append(result)
    text = section(results, args)
    print(text)
    if not args.no_write:
        write_results(text, "Reopening rush")
    if any(r["bookings"] != r["capacity"] or any(k.startswith("5") for k in r["by_status"]) for r in results):
        raise SystemExit("FAILED: bookings differ from the places, or the server answered 5xx")


if __name__ == "__main__":
    main()
