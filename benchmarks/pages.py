"""Every dashboard page and every export, timed on a synthesized database of a given size.

    .venv/bin/python benchmarks/pages.py --events 10000                   # an SQLite file
    .venv/bin/python benchmarks/pages.py --events 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/fakes_synth_bench
    .venv/bin/python benchmarks/pages.py --sqlite-file /work/bench-data/1m.sqlite3 --events 1000000

The database is built by ``manage.py synthesize --events N --seed S`` (see
``enforcement/synthesis.py``) unless it already holds exactly that data set, in which
case it is reused; a database holding anything else is refused, as synthesize refuses
it. Without ``--database-url`` it is ``benchmarks/corpus/pages-N-seedS.sqlite3`` (or
``--sqlite-file``).

In one run, on one database:

1. **In-process.** Each URL is requested in this process through the real URLconf and
   middleware with Django's test client, ``DJANGO_DEBUG=0`` and the garbage collection
   of ``enforcement/wsgi.py`` as in production: one
   request to warm up, then ``--requests`` timed ones (default 15). A streamed export is
   read to its end inside the clock. Reported per URL: the requests timed, p50 and p95 of
   the server time, p50 of the time spent in the database driver (``execute``, timed by a
   connection execute wrapper, and the fetching of the rows after it, timed around
   Django's ``cursor_iter``) with its share of the whole, the number of queries and the
   response's size; for an export also its rows, rows per second at p50 and rows per
   CPU-second of this process (on SQLite the database's work is in it; on a shared
   machine it says what an idle one would give better than wall time does).
2. **Export memory.** One more, untimed request per export under ``tracemalloc``: the
   peak of Python's traced memory while the whole file streams (flat means it does not
   grow with the rows; run at two sizes to see it).
3. **Over HTTP** (``--no-http`` skips it): the same URLs through gunicorn (one sync
   worker, the project's WSGI application, the same settings), timed by a client in this
   process: p50 and p95 of the whole request, body read to its end.
4. **Datasette** (SQLite only; ``--no-datasette`` skips it): Datasette, installed in its
   own virtual environment (``benchmarks/.datasette-venv``, gitignored, made on first use
   with ``pip install datasette==0.65.5``; never a project dependency), serves the same
   SQLite file over HTTP while ours runs: the sorted event list, a filtered list, facet
   counts by kind and a full CSV stream (``?_stream=on``), each beside our page that
   answers the same question over HTTP, with our time over theirs.

Slow URLs do not block the run: a request is stopped after ``--timeout`` seconds
(PostgreSQL's ``statement_timeout``, SQLite's progress handler, and an alarm for Python
work; a socket timeout over HTTP), reported as "> T s"; and a URL stops being repeated
once ``--budget`` seconds have gone on it (at least ``--min-requests`` timed requests
are made), and a URL whose warm-up request alone took over a third of the budget is
reported from that one request, "1 (cold)". Every line says how many requests its
figures come from. ``--extra URL`` adds a page (a drill-down such as ``/timeline/2015/``).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATASETTE_VENV = ROOT / "benchmarks" / ".datasette-venv"
DATASETTE = "datasette==0.65.5"
SECRET = "benchmark-only-" + "x" * 40


class Timeout(Exception):
    pass


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--sqlite-file", default="", help="an SQLite file (instead of corpus/)")
    parser.add_argument("--requests", type=int, default=15, help="timed requests per URL")
    parser.add_argument("--min-requests", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--budget", type=float, default=90.0, help="seconds per URL")
    parser.add_argument(
        "--only", default="", help="only URLs whose label contains one of these (comma between)"
    )
    parser.add_argument("--extra", action="append", default=[], help="another URL to time")
    parser.add_argument("--no-http", action="store_true", help="skip gunicorn")
    parser.add_argument("--no-datasette", action="store_true", help="skip Datasette")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--no-exports", action="store_true", help="pages only, no exports")
    parser.add_argument("--no-inprocess", action="store_true", help="skip the in-process pass")
    return parser.parse_args()


def configure(args) -> str:
    url = args.database_url
    if not url:
        path = (
            Path(args.sqlite_file)
            if args.sqlite_file
            else (ROOT / "benchmarks" / "corpus" / f"pages-{args.events}-seed{args.seed}.sqlite3")
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path.resolve()}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", SECRET)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
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


def urls(args) -> list[tuple[str, str]]:
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
    events = reverse("enforcement:event-list")
    pages = [
        ("overview", reverse("enforcement:overview")),
        ("timeline", reverse("enforcement:timeline")),
        ("charts", reverse("enforcement:charts")),
        *[(label, reverse(f"enforcement:{name}")) for label, name in lists],
        ("events, page 2", events + "?page=2"),
        ("events, filtered", events + "?kind=seizure&date_from=2015-01-01"),
        ("events, a search", events + "?q=counterfeit+handbags"),
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
        *[(url, url) for url in args.extra],
    ]
    exports = [
        (f"{label} {fmt}", reverse(f"enforcement:{name}") + f"?format={fmt}")
        for label, name in lists
        for fmt in ("csv", "json")
    ]
    exports.append(("events csv, filtered", events + "?kind=seizure&format=csv"))
    if args.no_exports:
        exports = []
    wanted = [word for word in args.only.split(",") if word] or [""]
    return [(label, url) for label, url in pages + exports if any(w in label for w in wanted)]


def rows_in(chunks, url: str) -> tuple[int, int]:
    """(bytes, rows) of a body read in chunks: CSV rows end in CRLF, JSON rows in a newline."""
    size = lines = 0
    csv = "format=csv" in url or ".csv" in url
    if not csv and "format=json" not in url:  # a page: no rows to count
        return sum(len(chunk) for chunk in chunks), 0
    mark = b"\r\n" if csv else b"\n"
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(mark)
    return size, max(0, lines - (1 if csv else 2))


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

    def _reconnect(self) -> None:
        """The alarm may stop the driver in the middle of a command (PostgreSQL then says
        "another command is already in progress" to the next one): start afresh."""
        from django.db import DatabaseError

        try:
            self.connection.close()
        except DatabaseError:
            self.connection.connection = None

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
        self.cpu = time.process_time()
        started = time.perf_counter()
        self.deadline = started + self.timeout
        signal.setitimer(signal.ITIMER_REAL, self.timeout + 1)
        try:
            with self.connection.execute_wrapper(self):
                response = client.get(url)
                self.rows = 0
                if response.streaming:
                    size, self.rows = rows_in(response.streaming_content, url)
                else:
                    size = len(response.content)
        except Exception as error:  # the database's own timeout, or the alarm
            if time.perf_counter() - started >= self.timeout or isinstance(error, Timeout):
                self._reconnect()
                raise Timeout from None
            raise
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.deadline = math.inf
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        self.cpu = time.process_time() - self.cpu  # this process's CPU (SQLite's included)
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


@dataclass
class Sample:
    """What the timed requests of one URL gave."""

    times: list[float] = field(default_factory=list)
    executes: list[float] = field(default_factory=list)
    queries: Counter = field(default_factory=Counter)
    size: int = 0
    rows: int = 0
    cpus: list[float] = field(default_factory=list)
    cold: bool = False
    timed_out: bool = False

    @property
    def p50(self) -> float:
        return percentile(self.times, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.times, 0.95)

    def requests(self) -> str:
        return "1 (cold)" if self.cold else str(len(self.times))

    def when(self, timeout: float) -> str:
        """p50 and p95 cells."""
        if self.timed_out:
            note = " (a request timed out)" if self.times else ""
            return f"> {timeout:.0f} s{note} | "
        return f"{ms(self.p50)} | {'' if self.cold else ms(self.p95)}"

    def rate(self) -> str:
        if not self.rows or not self.times or self.timed_out:
            return ""
        text = f"{self.rows:,} rows, {self.rows / self.p50:,.0f}/s"
        if self.cpus:  # what a machine that is not shared would give, about
            text += f" ({self.rows / percentile(self.cpus, 0.5):,.0f} per CPU-second)"
        return text


def sample(args, request, url: str) -> Sample:
    """Warm up, then time up to ``--requests`` requests within ``--budget`` seconds.

    ``request(url)`` returns (seconds, seconds in the database or None, queries or None,
    bytes, rows, CPU seconds of this process or None) and raises Timeout."""
    found = Sample()
    spent_from = time.monotonic()
    try:
        warm = request(url)
    except Timeout:
        found.timed_out = True
        return found
    found.size, found.rows = warm[3], warm[4]
    if warm[0] > args.budget / 3:  # too slow to repeat within the budget: one cold figure
        found.cold = True
        found.times, found.executes = [warm[0]], [warm[1]]
        found.queries[warm[2]] += 1
        found.cpus = [warm[5]] if warm[5] else []
        return found
    for _ in range(args.requests):
        try:
            seconds, execute, count, size, _rows, cpu = request(url)
        except Timeout:
            found.timed_out = True
            return found
        if cpu:
            found.cpus.append(cpu)
        found.times.append(seconds)
        found.executes.append(execute)
        found.queries[count] += 1
        found.size = max(found.size, size)
        if len(found.times) >= args.min_requests and time.monotonic() - spent_from > args.budget:
            break
    return found


def in_process_line(args, label: str, url: str, found: Sample) -> str:
    if found.timed_out and not found.times:
        return f"| {label} | `{url}` | 0 | > {args.timeout:.0f} s | | | | | |"
    execute = percentile(found.executes, 0.5)
    share = execute / found.p50 if found.p50 else 0
    queries = "/".join(str(q) for q in sorted(found.queries))
    return (
        f"| {label} | `{url}` | {found.requests()} | {found.when(args.timeout)} | "
        f"{ms(execute)} ({share:.0%}) | {queries} | {size_text(found.size)} | {found.rate()} |"
    )


def traced_peak(client, url: str) -> tuple[int, float]:
    """(rows, peak MB of Python's traced memory) while one export streams to its end."""
    tracemalloc.start()
    try:
        response = client.get(url)
        _size, rows = rows_in(response.streaming_content, url)
        return rows, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


# Over HTTP ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process on a local port, started and waited for, stopped at the end."""

    def __init__(self, command: list[str], ready_path: str, env: dict | None = None):
        self.template, self.ready_path, self.env = command, ready_path, env
        self.start()

    def start(self) -> None:
        self.port = free_port()  # a new one each time: the old may not be free yet
        self.command = [part.replace("{port}", str(self.port)) for part in self.template]
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            start_new_session=True,  # its own process group: stopping it stops its workers
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if get(self.port, self.ready_path, 10)[0] < 500:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command[0]} exited with {self.process.returncode}")
            time.sleep(0.3)
        raise RuntimeError(f"{self.command[0]} did not answer within 120 s")

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        # A worker busy with a request outlives its master's SIGTERM: stop the whole group.
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


def get(port: int, path: str, timeout: float) -> tuple[int, int, int]:
    """(status, bytes, rows) of one GET, its body read to the end."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        size, rows = rows_in(iter(lambda: response.read(1 << 16), b""), path)
        return response.status, size, rows
    finally:
        connection.close()


def http_request(server: Server, timeout: float):
    def request(url: str):
        started = time.perf_counter()
        try:
            status, size, rows = get(server.port, url, timeout)
        except TimeoutError:
            server.restart()  # its worker is still busy with the request
            raise Timeout from None
        if status != 200:
            raise RuntimeError(f"{url} answered {status} over HTTP")
        return time.perf_counter() - started, None, None, size, rows, None

    return request


def http_line(args, label: str, url: str, found: Sample) -> str:
    if found.timed_out and not found.times:
        return f"| {label} | `{url}` | 0 | > {args.timeout:.0f} s | | | |"
    return (
        f"| {label} | `{url}` | {found.requests()} | {found.when(args.timeout)} | "
        f"{size_text(found.size)} | {found.rate()} |"
    )


def gunicorn(args) -> Server:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return Server(
        [str(Path(sys.executable).parent / "gunicorn"), "enforcement.wsgi:application",
         "--bind", "127.0.0.1:{port}", "--workers", "1", "--timeout", str(int(args.timeout) + 30),
         "--access-logfile", "-"],
        "/articles/",
        env,
    )  # fmt: skip


def datasette(path: Path, args) -> tuple[Server, str]:
    binary = DATASETTE_VENV / "bin" / "datasette"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        pip = [str(DATASETTE_VENV / "bin" / "pip"), "install", "--quiet", DATASETTE]
        subprocess.run(pip, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    version = subprocess.run([str(binary), "--version"], check=True, capture_output=True, text=True)
    limit = str(int(args.timeout * 1000))
    server = Server(
        [str(binary), "serve", str(path), "--port", "{port}", "--setting", "sql_time_limit_ms",
         limit, "--setting", "facet_time_limit_ms", limit],
        "/-/versions.json",
    )  # fmt: skip
    return server, version.stdout.strip()


def datasette_pairs(database: str) -> list[tuple[str, str, str]]:
    """(what, Datasette's URL, our URL answering the same question)."""
    table = f"/{database}/enforcement_event"
    return [
        ("sorted event list", f"{table}?_sort=sort_date", "/events/"),
        ("filtered list", f"{table}?kind=seizure&_sort=sort_date", "/events/?kind=seizure"),
        ("facet counts by kind", f"{table}?_facet=kind", "/charts/"),
        ("full CSV stream", f"{table}.csv?_stream=on&_size=max", "/events/?format=csv"),
    ]


def machine(url: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            import sqlite3

            database = f"SQLite {sqlite3.sqlite_version}"
    return (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()} "
        f"{platform.system()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{database}; load average {load()}"
    )


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main():
    args = parse_args()
    url = configure(args)
    how = build(args)

    from django.db import connection
    from django.test import Client

    import enforcement.wsgi  # noqa: F401  (the server's garbage collection settings)
    from enforcement.models import Article, Event, EventSource, Statement, Statistic

    client = Client()
    counts = (
        f"{Event.objects.count():,} events, {EventSource.objects.count():,} sources, "
        f"{Article.objects.count():,} articles, {Statement.objects.count():,} statements, "
        f"{Statistic.objects.count():,} statistics"
    )
    print(f"Database: {url.split('@')[-1]} ({how}): {counts}")
    print(f"Machine: {machine(url)}")
    print(f"Command: {' '.join(sys.argv)}")
    targets = urls(args)

    if not args.no_inprocess:
        meter = Meter(args.timeout)

        def in_process(path: str):
            seconds, execute, queries, size = meter.request(client, path)
            return seconds, execute, queries, size, meter.rows, meter.cpu

        print(f"\n### In-process (started {datetime.datetime.now(datetime.UTC):%H:%M} UTC)\n")
        print("| page | URL | requests | p50 ms | p95 ms | database, p50 ms | queries | size "
              "| export rows |")  # fmt: skip
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for label, path in targets:
            found = sample(args, in_process, path)
            print(in_process_line(args, label, path, found), flush=True)

    exports = [(label, path) for label, path in targets if "format=" in path]
    if exports and not args.no_memory:
        print("\n### Exports' memory (one untimed request each, under tracemalloc)\n")
        print("| export | URL | rows | peak traced Python memory |")
        print("| --- | --- | --- | --- |")
        for label, path in exports:
            rows, peak = traced_peak(client, path)
            print(f"| {label} | `{path}` | {rows:,} | {peak:,.1f} MB |", flush=True)

    connection.close()  # the servers read the database; this process is done with it
    if not args.no_http:
        server = gunicorn(args)
        try:
            print(f"\n### Over HTTP through gunicorn (one sync worker; load {load()})\n")
            print("| page | URL | requests | p50 ms | p95 ms | size | export rows |")
            print("| --- | --- | --- | --- | --- | --- | --- |")
            request = http_request(server, args.timeout)
            for label, path in targets:
                print(http_line(args, label, path, sample(args, request, path)), flush=True)
            if connection.vendor == "sqlite" and not args.no_datasette:
                compare(args, Path(connection.settings_dict["NAME"]), request)
        finally:
            server.stop()
    print(f"\nFinished {datetime.datetime.now(datetime.UTC):%H:%M} UTC; load average {load()}")


def compare(args, path: Path, ours) -> None:
    server, version = datasette(path, args)
    try:
        theirs = http_request(server, args.timeout)
        print(f"\n### Datasette ({version}) and ours, over HTTP, same file (load {load()})\n")
        print("| question | Datasette URL | p50 ms | p95 ms | our URL | p50 ms | p95 ms "
              "| ours / theirs (p50) |")  # fmt: skip
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for what, their_url, our_url in datasette_pairs(path.stem):
            them, us = sample(args, theirs, their_url), sample(args, ours, our_url)
            ratio = (
                f"{us.p50 / them.p50:.2f}" if us.times and them.times and not
                (us.timed_out or them.timed_out) else ""
            )  # fmt: skip
            if what == "full CSV stream":
                ratio += f" ({them.rate()} against {us.rate()})"
            print(
                f"| {what} | `{their_url}` | {them.when(args.timeout)} | `{our_url}` | "
                f"{us.when(args.timeout)} | {ratio} |",
                flush=True,
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
