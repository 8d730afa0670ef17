"""Every dashboard page and every export, timed on a synthesized database of a given size.

    .venv/bin/python benchmarks/pages.py --events 10000                   # an SQLite file
    .venv/bin/python benchmarks/pages.py --events 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/fakes_synth_bench

The database is built by ``manage.py synthesize --events N --seed S`` (see
``enforcement/synthesis.py``) unless it already holds exactly that data set, in which
case it is reused; a database holding anything else is refused, as synthesize refuses
it. Without ``--database-url`` it is ``benchmarks/corpus/pages-N-seedS.sqlite3``.

Each URL is requested in this process through the real URLconf and middleware with
Django's test client, ``DJANGO_DEBUG=0`` as in production: one request to warm up,
then ``--requests`` timed ones (default 15). A streamed export is read to its end inside
the clock. Reported per URL: the requests timed, p50 and p95 of the server time, p50 of
the time spent in the database driver (``execute``, timed by a connection execute
wrapper, and the fetching of the rows after it, timed around Django's ``cursor_iter``)
with its share of the whole, the number of queries and the response's size. What is not
database time is Python: building querysets, model instances, templates, charts, CSV/JSON.

Slow URLs do not block the run: a request is stopped after ``--timeout`` seconds
(PostgreSQL's ``statement_timeout``, SQLite's progress handler, and an alarm for Python
work), reported as "> T s"; and a URL stops being repeated once ``--budget`` seconds
have gone on it (at least ``--min-requests`` timed requests are made), and a URL whose
warm-up request alone took over a third of the budget is reported from that one request,
"1 (cold)". Every line says how many requests its figures come from.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import signal
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Timeout(Exception):
    pass


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--requests", type=int, default=15, help="timed requests per URL")
    parser.add_argument("--min-requests", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--budget", type=float, default=90.0, help="seconds per URL")
    parser.add_argument("--only", default="", help="only URLs whose label contains this")
    return parser.parse_args()


def configure(args) -> str:
    url = args.database_url
    if not url:
        path = ROOT / "benchmarks" / "corpus" / f"pages-{args.events}-seed{args.seed}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
    import django

    django.setup()
    return url


def build(args) -> str:
    from django.conf import settings
    from django.core.management import call_command

    from enforcement import synthesis

    call_command("migrate", verbosity=0)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)  # as in production
    if synthesis.holds(args.seed, args.events):
        return "reused"
    started = time.monotonic()
    call_command("synthesize", events=args.events, seed=args.seed)
    return f"built in {time.monotonic() - started:.0f} s"


def urls() -> list[tuple[str, str]]:
    from django.db.models import Count
    from django.urls import reverse

    from enforcement.models import Article, Event

    def busiest(through, column):
        row = through.objects.values(column).annotate(n=Count("pk")).order_by("-n", column).first()
        return row[column]

    lists = [
        ("events", "event-list"),
        ("statements", "statement-list"),
        ("statistics", "statistic-list"),
        ("actors", "actor-list"),
        ("regulators", "regulator-list"),
        ("articles", "article-list"),
    ]
    pages = [
        ("overview", reverse("enforcement:overview")),
        ("timeline", reverse("enforcement:timeline")),
        ("charts", reverse("enforcement:charts")),
        *[(label, reverse(f"enforcement:{name}")) for label, name in lists],
        ("events, page 2", reverse("enforcement:event-list") + "?page=2"),
        (
            "busiest actor",
            reverse("enforcement:actor-detail", args=[busiest(Event.actors.through, "actor_id")]),
        ),
        (
            "busiest regulator",
            reverse(
                "enforcement:regulator-detail",
                args=[busiest(Event.regulators.through, "regulator_id")],
            ),
        ),
        (
            "an article",
            reverse("enforcement:article-detail", args=[Article.objects.order_by("pk")[0].pk]),
        ),
    ]
    exports = [
        (f"{label} {fmt}", reverse(f"enforcement:{name}") + f"?format={fmt}")
        for label, name in lists
        for fmt in ("csv", "json")
    ]
    return pages + exports


class Meter:
    """Counts queries and the time inside ``execute``; enforces the per-request timeout."""

    def __init__(self, timeout: float):
        from django.db import connection
        from django.db.backends.signals import connection_created

        self.connection = connection
        self.timeout = timeout
        self.deadline = math.inf
        self.queries = 0
        self.execute_seconds = 0.0
        # Connections are kept for CONN_MAX_AGE and then opened again: each new one gets
        # the timeout too.
        connection_created.connect(self._limit, weak=False)
        connection.close()
        connection.ensure_connection()
        signal.signal(signal.SIGALRM, self._alarm)
        self._time_fetches()

    def _time_fetches(self) -> None:
        """Rows a query returns are fetched after ``execute`` (in ``cursor_iter``); time it too."""
        from django.db.models.sql import compiler

        fetch = compiler.cursor_iter
        meter = self

        def timed(*args, **kwargs):
            rows = fetch(*args, **kwargs)
            while True:
                started = time.perf_counter()
                try:
                    block = next(rows)
                except StopIteration:
                    return
                finally:
                    meter.execute_seconds += time.perf_counter() - started
                yield block

        compiler.cursor_iter = timed

    def _limit(self, sender, connection, **kwargs) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(self.timeout * 1000)}")
        elif connection.vendor == "sqlite":
            connection.connection.set_progress_handler(self._past_deadline, 100_000)

    def _past_deadline(self) -> int:
        return int(time.perf_counter() > self.deadline)

    def _alarm(self, *_):
        raise Timeout

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries += 1
            self.execute_seconds += time.perf_counter() - started

    def request(self, client, url: str) -> tuple[float, float, int, int]:
        """(seconds, seconds in execute, queries, bytes); raises Timeout."""
        self.queries, self.execute_seconds = 0, 0.0
        started = time.perf_counter()
        self.deadline = started + self.timeout
        signal.setitimer(signal.ITIMER_REAL, self.timeout + 1)
        try:
            with self.connection.execute_wrapper(self):
                response = client.get(url)
                if response.streaming:
                    size = sum(len(part) for part in response.streaming_content)
                else:
                    size = len(response.content)
        except Exception as error:  # the database's own timeout, or the alarm
            if time.perf_counter() - started >= self.timeout or isinstance(error, Timeout):
                raise Timeout from None
            raise
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.deadline = math.inf
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return time.perf_counter() - started, self.execute_seconds, self.queries, size


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def size_text(size: int) -> str:
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size} B"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def measure(args, meter, client, label: str, url: str) -> str:
    spent_from = time.monotonic()
    try:
        warm = meter.request(client, url)  # warm-up, not counted unless it is slow
    except Timeout:
        return f"| {label} | `{url}` | 0 | > {args.timeout:.0f} s | | | | |"
    if warm[0] > args.budget / 3:  # too slow to repeat within the budget: one cold figure
        seconds, execute, count, size = warm
        return (
            f"| {label} | `{url}` | 1 (cold) | {ms(seconds)} | | {ms(execute)} "
            f"({execute / seconds:.0%}) | {count} | {size_text(size)} |"
        )
    times, executes, queries, sizes = [], [], Counter(), set()
    for _ in range(args.requests):
        try:
            seconds, execute, count, size = meter.request(client, url)
        except Timeout:
            return (
                f"| {label} | `{url}` | {len(times)} | > {args.timeout:.0f} s "
                f"(a request timed out) | | | | |"
            )
        times.append(seconds)
        executes.append(execute)
        queries[count] += 1
        sizes.add(size)
        spent = time.monotonic() - spent_from
        if len(times) >= args.min_requests and spent > args.budget:
            break
    query_counts = "/".join(str(q) for q in sorted(queries))
    share = percentile(executes, 0.5) / percentile(times, 0.5)
    return (
        f"| {label} | `{url}` | {len(times)} | {ms(percentile(times, 0.5))} | "
        f"{ms(percentile(times, 0.95))} | {ms(percentile(executes, 0.5))} ({share:.0%}) | "
        f"{query_counts} | {size_text(max(sizes))} |"
    )


def machine(url: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            import sqlite3

            database = f"SQLite {sqlite3.sqlite_version}"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()} "
        f"{platform.system()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{database}; load average {load}"
    )


def main():
    args = parse_args()
    url = configure(args)
    how = build(args)

    from django.test import Client

    from enforcement.models import Article, Event, EventSource, Statement, Statistic

    meter = Meter(args.timeout)
    client = Client()
    counts = (
        f"{Event.objects.count():,} events, {EventSource.objects.count():,} sources, "
        f"{Article.objects.count():,} articles, {Statement.objects.count():,} statements, "
        f"{Statistic.objects.count():,} statistics"
    )
    print(f"Database: {url.split('@')[-1]} ({how}): {counts}")
    print(f"Machine: {machine(url)}")
    print(f"Command: {' '.join(sys.argv)}")
    print()
    print("| page | URL | requests | p50 ms | p95 ms | database, p50 ms | queries | size |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, path in urls():
        if args.only and args.only not in label:
            continue
        print(measure(args, meter, client, label, path), flush=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nFinished {datetime.datetime.now(datetime.UTC):%H:%M} UTC; load average {load}")


if __name__ == "__main__":
    main()
