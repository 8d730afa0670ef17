"""Every list's CSV and JSON export, timed (or written out) on an existing database.

    DATABASE_URL=sqlite:////work/bench-data/1m.sqlite3 .venv/bin/python benchmarks/export_speed.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fakes_1m .venv/bin/python \\
        benchmarks/export_speed.py --only events.csv,events.json --memory
    .venv/bin/python benchmarks/export_speed.py --dump DIR   # every export, filtered or not

The database is only read. Each export is requested in this process through the real
URLconf with Django's test client (``DJANGO_DEBUG=0``) and read to its end inside the
clock. Reported per export: rows, wall seconds, rows per second, rows per CPU-second of
this process (user + sys: on SQLite the database's work is in it), and with ``--memory``
the peak of Python's traced memory while it streams, from a second, untimed run. The load
average is printed with each line, since the machine is shared.

``--dump DIR`` writes each export of ``URLS`` (whole lists and filtered ones) to a file in
DIR instead, so the bytes one version of the code gives can be compared with another's
(``cmp -r`` or ``diff -r`` of two such directories).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LISTS = ("events", "statements", "statistics", "actors", "regulators", "articles")

# The filtered exports compared by ``--dump``: each list narrowed by what its form offers.
FILTERED = {
    "events": ["kind=ruling", "date_from=2015-01-01&date_to=2016-12-31", "review_state=verified",
               "q=fine", "review_state=rejected"],
    "statements": ["stance=denial", "date_from=2015-01-01", "review_state=unreviewed", "q=the"],
    "statistics": ["measure=fines", "date_to=2016-01-01", "review_state=verified", "q=accounts",
                   "disagree=yes"],
    "actors": ["q=alcora", "kind=platform"],
    "regulators": ["q=police", "kind=customs"],
    "articles": ["date_from=2015-01-01", "q=fake"],
}  # fmt: skip


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="e.g. events.csv,statements.json")
    parser.add_argument("--memory", action="store_true", help="also the tracemalloc peak")
    parser.add_argument("--dump", type=Path, help="write every export to files in DIR")
    parser.add_argument("--repeat", type=int, default=1)
    return parser.parse_args()


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


def read(client, url: str) -> tuple[int, bytes | None, int]:
    """(status, body if kept, number of lines) of one export read to its end."""
    response = client.get(url)
    if not response.streaming:
        return response.status_code, response.content, response.content.count(b"\n")
    lines, parts = 0, []
    for part in response.streaming_content:
        lines += part.count(b"\n")
        parts.append(part)
    return response.status_code, b"".join(parts), lines


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(client, url: str):
    # The request is inside the clock: an export reads its first chunk (and a query that
    # sorts, all of its work) before the response starts.
    start_wall, start_cpu = time.perf_counter(), cpu()
    response = client.get(url)
    if not response.streaming:  # a refused filter, or a host not in DJANGO_ALLOWED_HOSTS
        text = response.content.decode(errors="replace").strip().splitlines()[:1]
        sys.exit(f"{url}: answered {response.status_code}, not a file: {' '.join(text)}")
    lines = size = 0
    for part in response.streaming_content:
        lines += part.count(b"\n")
        size += len(part)
    return time.perf_counter() - start_wall, cpu() - start_cpu, lines, size


def peak(client, url: str) -> int:
    tracemalloc.start()
    response = client.get(url)
    for _part in response.streaming_content:
        pass
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def main():
    args = parse_args()
    setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name in LISTS:
            for query in ["", *FILTERED[name]]:
                for fmt in ("csv", "json"):
                    url = f"/{name}/?format={fmt}" + (f"&{query}" if query else "")
                    status, body, lines = read(client, url)
                    slug = query.replace("&", "_").replace("=", "-") or "all"
                    (args.dump / f"{name}-{slug}.{fmt}").write_bytes(body)
                    print(f"{status} {lines:>8} lines  {url}")
        return
    only = {item for item in args.only.split(",") if item}
    print(f"# {connection.vendor} {connection.settings_dict['NAME']}")
    for name in LISTS:
        for fmt in ("csv", "json"):
            if only and f"{name}.{fmt}" not in only:
                continue
            url = f"/{name}/?format={fmt}"
            for _ in range(args.repeat):
                wall, used, lines, size = timed(client, url)
                rows = lines - 1 if fmt == "csv" else lines - 2  # header; "[" and "]"
                load = os.getloadavg()[0]
                line = (
                    f"{name}.{fmt:<4} {rows:>9,} rows {size / 1e6:8.1f} MB  {wall:7.2f} s wall "
                    f"{rows / wall:>9,.0f} rows/s  {used:6.2f} s CPU {rows / used:>9,.0f} rows/CPU-s"
                    f"  load {load:.1f}"
                )
                print(line, flush=True)
            if args.memory:
                print(f"    peak traced memory {peak(client, url) / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
