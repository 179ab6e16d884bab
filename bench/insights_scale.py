"""Observatory at scale: 3,000 libraries in 30 networks and 31 provinces, 1,000,000 ServiceRecords over
2020–2022, then a network report (about 100 libraries, about 33,000 records) and a province report timed
in full — every figure, every chart's SVG and every table — median of 5 runs. Goal: a network report under
2 s on PostgreSQL. Then, when `lantern.insights.ingest` exists, 100,000 posts ingested from JSON Lines with
classification (goal: under 5 minutes).

    .venv/bin/python bench/insights_scale.py                    # full size, PostgreSQL database lantern_scale
    .venv/bin/python bench/insights_scale.py --records 100000 --posts 10000 --keep

The database `lantern_scale` is dropped and created again, migrated, filled with COPY, and dropped at the end
(unless --keep). Prints the figures and writes the "Insights at scale" section of bench/RESULTS.md.
"""

# ruff: noqa: S311  (seeded random data; table and column names are ours)
import argparse
import datetime
import io
import json
import os
import random
import statistics
import sys
import time

from _harness import ROOT, drop_pg_database, machine, migrate, recreate_pg_database, write_results

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/lantern_scale"
PROVINCES = [f"省{n:02d}" for n in range(31)]
CODES = [
    "reading_online",
    "reading_offline",
    "information",
    "social",
    "resources",
    "emergency",
    "cross_industry",
    "social_participation",
    "targeted_groups",
]
# Roughly the study's mix: emergency notices and online reading promotion dominate.
CODE_RATES = [0.35, 0.12, 0.2, 0.1, 0.08, 0.4, 0.1, 0.08, 0.15]
START = datetime.date(2020, 1, 1)
DAYS = 3 * 365
INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS insights_servicerecord_library_date ON insights_servicerecord (library_id, date)"
)


def say(text: str) -> None:
    print(text, flush=True)


def seed(libraries: int, networks: int, records: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from lantern.core.models import Library, Network, ServiceMode, ServiceModeChange

    rng = random.Random(2020)
    t0 = time.perf_counter()
    with transaction.atomic():
        nets = Network.objects.bulk_create(
            Network(slug=f"net-{n:02d}", name_zh_hans=f"联盟{n:02d}", name_en=f"Network {n:02d}")
            for n in range(networks)
        )
        libs = Library.objects.bulk_create(
            (
                Library(
                    slug=f"lib-{n:04d}",
                    name_zh_hans=f"第{n}图书馆",
                    name_en=f"Library {n}",
                    network=nets[n % networks],
                    province=PROVINCES[n % len(PROVINCES)],
                )
                for n in range(libraries)
            ),
            batch_size=1000,
        )
        tz = timezone.get_current_timezone()
        changes = []
        for lib in libs:
            closed = datetime.datetime(2020, 1, 24, 9, tzinfo=tz) + datetime.timedelta(days=rng.randint(0, 10))
            reopened = closed + datetime.timedelta(days=rng.randint(20, 120))
            changes.append(ServiceModeChange(library=lib, mode=ServiceMode.CLOSED, since=closed))
            changes.append(ServiceModeChange(library=lib, mode=ServiceMode.APPOINTMENT, since=reopened))
        ServiceModeChange.objects.bulk_create(changes, batch_size=5000)
    seconds = time.perf_counter() - t0
    say(f"  {libraries} libraries in {networks} networks, {len(changes)} mode changes ({seconds:.1f} s)")

    ids = [lib.pk for lib in libs]
    columns = ["library_id", "date", "title", "title_zh_hans", "title_en", "link", "source", "coded_by", "object_id"]
    columns += [*CODES, "recorded_at"]
    now = timezone.now().isoformat()
    t0 = time.perf_counter()
    batch = 100_000
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3
        for first in range(0, records, batch):
            buf = io.StringIO()
            for n in range(first, min(first + batch, records)):
                flags = ["t" if rng.random() < rate else "f" for rate in CODE_RATES]
                if "t" not in flags[:6]:
                    flags[5] = "t"  # every record has a category
                day = START + datetime.timedelta(days=rng.randrange(DAYS))
                coded_by = rng.choice(("app", "app", "machine", "human"))
                title = f"活动 {n}"
                buf.write(
                    f"{rng.choice(ids)}\t{day.isoformat()}\t{title}\t{title}\tActivity {n}\t\tapp\t{coded_by}\t\t"
                    + "\t".join(flags)
                    + f"\t{now}\n"
                )
            with raw.copy(f"COPY insights_servicerecord ({', '.join(columns)}) FROM STDIN") as copy:
                copy.write(buf.getvalue())
            say(f"  {min(first + batch, records):>9,} records ({time.perf_counter() - t0:.0f} s)")
        cursor.execute("ANALYZE")
    connection.commit() if not connection.get_autocommit() else None
    say(f"  records in {time.perf_counter() - t0:.1f} s")


def time_report(kind: str, key: str, runs: int = 5) -> dict:
    from lantern.insights.reports import build_report, resolve_scope
    from lantern.insights.reports.charts import CHARTS, chart_svg
    from lantern.insights.reports.exports import tables

    times, report = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        scope = resolve_scope(kind, key)
        report = build_report(scope, datetime.date(2020, 1, 1), datetime.date(2022, 12, 31))
        svgs = [str(chart_svg(report, name)) for name in CHARTS]
        tables(report)
        times.append(time.perf_counter() - t0)
    return {
        "median": statistics.median(times),
        "max": max(times),
        "libraries": len(report.libraries),
        "records": report.total,
        "svg_bytes": sum(len(s) for s in svgs),
    }


def time_page(kind: str, key: str, runs: int = 5) -> float:
    """The whole page through Django's test client (a researcher signed in): view, template and all."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    from lantern.conftest import make_user
    from lantern.core.services import grant_role

    setup_test_environment()
    user = make_user(f"bench-{time.time_ns()}@example.org", "Bench")
    grant_role(user, "researcher")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="lantern.core.auth.EmailOrPhoneBackend")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(
            "/observatory/reports/show/", {"scope": kind, "key": key, "start": "2020-01-01", "end": "2022-12-31"}
        )
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def ingest_part(posts: int) -> dict | None:
    try:
        from lantern.insights.ingest.service import ingest_files
    except ImportError:
        say("Ingest: lantern.insights.ingest is not there; skipped.")
        return None
    from lantern.core.models import Library

    rng = random.Random(7)
    samples = [
        ("闭馆通知", "因疫情防控需要，本馆自2020年1月24日起暂停对外开放，恢复开放时间另行通知。"),
        ("线上阅读推荐", "居家期间，读者可通过本馆数字资源平台免费阅读电子书，扫描二维码即可访问。"),
        ("Reopening notice", "The library will reopen on June 8 with timed-entry reservations and temperature checks."),
        ("志愿者招募", "本馆招募志愿者协助社区防疫物资配送，欢迎市民报名参加。"),
        ("Storytime online", "Join our online storytime for children every Saturday on our video channel."),
    ]
    library = Library.objects.order_by("pk").first()
    lines = []
    for n in range(posts):
        title, text = rng.choice(samples)
        day = START + datetime.timedelta(days=rng.randrange(DAYS))
        lines.append(
            json.dumps(
                {
                    "url": f"https://lib.example.org/posts/{n}",
                    "title": f"{title} {n}",
                    "text": f"{text} （第{n}号）",
                    "published": day.isoformat(),
                },
                ensure_ascii=False,
            )
        )
    # As a directory of feed exports, 1,000 posts a file, taken in as one job. (One file of 100,000 lines is
    # slower than it should be: ingest_content counts the file's lines once per post, which is quadratic.)
    files = []
    for first in range(0, len(lines), 1000):
        content = ("\n".join(lines[first : first + 1000]) + "\n").encode("utf-8")
        files.append((f"part-{first // 1000:03d}.jsonl", lambda content=content: content))
    done = [0]

    def progress(current, total):
        if current - done[0] >= 10_000 or current == total:
            done[0] = current
            say(f"  {current:>7,} / {total:,} posts")

    t0 = time.perf_counter()
    job = ingest_files(files, library=library, source="bench/", format="jsonl", progress=progress)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "created": job.created, "rejected": job.rejected, "duplicates": job.duplicates}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--libraries", type=int, default=3000)
    parser.add_argument("--networks", type=int, default=30)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is (seeded by --keep)")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args()

    env = dict(os.environ, DATABASE_URL=args.pg, LOG_LEVEL="ERROR")
    if not args.reuse:
        say(f"Creating and migrating {args.pg.rsplit('/', 1)[1]} ...")
        recreate_pg_database(args.pg)
        migrate(env)
    os.environ.update(DATABASE_URL=args.pg, DJANGO_SETTINGS_MODULE="lantern.settings", LOG_LEVEL="ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    if not args.reuse:
        say("Seeding ...")
        seed(args.libraries, args.networks, args.records)

    results = {}
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS insights_servicerecord_library_date")
        cursor.execute("ANALYZE insights_servicerecord")
    say("Timing reports (median of 5, after one warm-up) with the indexes the models declare ...")
    time_report("network", "net-07", runs=1)
    results["network"] = time_report("network", "net-07")
    results["province"] = time_report("province", PROVINCES[3])
    results["network_page"] = time_page("network", "net-07")
    for name in ("network", "province"):
        r = results[name]
        size = f"{r['libraries']} libraries, {r['records']:,} records"
        say(f"  {name}: {r['median']:.3f} s median, {r['max']:.3f} s max ({size})")
    say(f"  network page over the test client: {results['network_page']:.3f} s median")

    say(f"With an extra index: {INDEX_SQL}")
    with connection.cursor() as cursor:
        cursor.execute(INDEX_SQL)
        cursor.execute("ANALYZE insights_servicerecord")
    results["network_indexed"] = time_report("network", "net-07")
    results["province_indexed"] = time_report("province", PROVINCES[3])
    for name in ("network_indexed", "province_indexed"):
        r = results[name]
        say(f"  {name}: {r['median']:.3f} s median, {r['max']:.3f} s max")
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS insights_servicerecord_library_date")

    say(f"Ingest of {args.posts:,} posts with classification ...")
    results["ingest"] = ingest_part(args.posts)
    if results["ingest"]:
        r = results["ingest"]
        counts = f"{r['created']:,} new, {r['duplicates']:,} duplicates, {r['rejected']:,} rejected"
        say(f"  {counts} in {r['seconds']:.1f} s")

    connection.close()
    if not args.keep:
        drop_pg_database(args.pg)
    if not args.no_write:
        write_results(section(args, results), "Insights at scale")


def section(args, results: dict) -> str:
    load = os.getloadavg()
    n, p = results["network"], results["province"]
    ni, pi = results["network_indexed"], results["province_indexed"]
    lines = [
        "## Insights at scale",
        "",
        f"`.venv/bin/python bench/insights_scale.py` — {datetime.date.today().isoformat()}, {machine()}, "
        f"PostgreSQL, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} when it ended.",
        "",
        f"{args.libraries:,} libraries in {args.networks} networks and {len(PROVINCES)} provinces, "
        f"{args.records:,} ServiceRecords over 2020–2022 (loaded with COPY). A report = every figure, every "
        "chart's SVG and every table (in process); median of 5 after a warm-up.",
        "",
        "| report | libraries | records | median (s) | max (s) | with (library_id, date) index: median (s) |",
        "|---|---|---|---|---|---|",
        f"| network | {n['libraries']} | {n['records']:,} | {n['median']:.3f} | {n['max']:.3f} | {ni['median']:.3f} |",
        f"| province | {p['libraries']} | {p['records']:,} | {p['median']:.3f} | {p['max']:.3f} | {pi['median']:.3f} |",
        "",
        f"Network report page through Django's test client (view + template): {results['network_page']:.3f} s median.",
        "Goal: network report under 2 s — " + ("met." if n["median"] < 2 else "NOT met."),
        "",
    ]
    ingest = results.get("ingest")
    if ingest:
        lines += [
            f"Ingest of {args.posts:,} posts (JSON Lines, with classification): {ingest['seconds']:.1f} s "
            f"({ingest['created']:,} new, {ingest['duplicates']:,} duplicates, {ingest['rejected']:,} rejected). "
            "Goal: under 5 minutes — " + ("met." if ingest["seconds"] < 300 else "NOT met."),
            "",
        ]
    else:
        lines += ["Ingest: skipped (lantern.insights.ingest was not there).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
