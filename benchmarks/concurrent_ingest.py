"""Two, then four, ``manage.py ingest`` processes at once over overlapping folders.

Each run empties the database, starts the processes together and waits for them,
then counts what was stored: failed processes, error lines, articles missing,
duplicate names (two entities one name normalises to), duplicate readings (two
rows of one article with one review key), and whether the database equals what
one process reading every folder stores (articles, entities, items and events).

    .venv/bin/python benchmarks/concurrent_ingest.py --runs 10 \\
        --database-url postgres://postgres@127.0.0.1:5432/fakes_reliability_bench
    .venv/bin/python benchmarks/concurrent_ingest.py --runs 10    # an SQLite file

The articles are the real ones the repository ships (``articles/`` and the
development set in ``tests/fixtures/dev/articles/``), shared out into three
folders; the processes read [A, B] and [B, C] (two at once), then [A, B], [B, C],
[C, A] and [A, B, C] (four at once), so every article is read by two or more.
The PostgreSQL database must exist; it is emptied (``flush``) before every run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
SOURCES = [ROOT / "articles", ROOT / "tests" / "fixtures" / "dev" / "articles"]

CENSUS = """
import json
from django.db.models import Count
from enforcement.models import (
    Actor, Alias, Article, Event, EventSource, Regulator, Statement, Statistic, normalize_name,
)

def duplicates(names):
    seen = [normalize_name(n) for n in names]
    return len(seen) - len(set(seen))

print(json.dumps({
    "articles": Article.objects.count(),
    "locations": sorted(Article.objects.values_list("location", flat=True)),
    "regulators": Regulator.objects.count(),
    "actors": Actor.objects.count(),
    "statements": Statement.objects.count(),
    "statistics": Statistic.objects.count(),
    "events": Event.objects.count(),
    "event_sources": EventSource.objects.count(),
    "duplicate_names": duplicates(Actor.objects.values_list("name", flat=True))
        + duplicates(Regulator.objects.values_list("name", flat=True)),
    "duplicate_readings": sum(
        model.objects.exclude(review_key="").values("article", "review_key")
        .annotate(n=Count("pk")).filter(n__gt=1).count()
        for model in (Statement, Statistic, EventSource)
    ),
}))
"""
COMPARED = ("articles", "regulators", "actors", "statements", "statistics", "events")


def manage(env, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MANAGE, *args], env=env, capture_output=True, text=True, check=check, cwd=ROOT
    )


def census(env) -> dict:
    done = manage(env, "shell", "--no-imports", "-c", CENSUS)
    return json.loads(done.stdout.strip().splitlines()[-1])


def folders(where: Path) -> list[Path]:
    files = sorted(p for source in SOURCES for p in source.glob("*.txt"))
    groups = [where / name for name in "ABC"]
    for group in groups:
        group.mkdir()
    for index, path in enumerate(files):
        shutil.copy(path, groups[index % 3] / path.name)
    return groups


def at_once(env, sets: list[list[Path]]) -> tuple[list[int], int]:
    processes = [
        subprocess.Popen(
            [*MANAGE, "ingest", *map(str, group)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for group in sets
    ]
    codes, error_lines = [], 0
    for process in processes:
        _, err = process.communicate(timeout=900)
        codes.append(process.returncode)
        error_lines += sum(1 for line in err.splitlines() if line.startswith("error: "))
        if process.returncode:
            print(err[-2000:], file=sys.stderr)
    return codes, error_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database-url", help="PostgreSQL URL (emptied); default an SQLite file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "b" * 50,
        }
        a, b, c = folders(tmp)
        manage(env, "migrate", "-v0")

        manage(env, "flush", "--noinput")
        at_once(env, [[a, b, c]])
        serial = census(env)
        print(
            "one process: "
            + ", ".join(f"{serial[key]} {key}" for key in COMPARED)
            + f", {serial['event_sources']} event sources"
        )

        rounds = {
            "2 at once": [[a, b], [b, c]],
            "4 at once": [[a, b], [b, c], [c, a], [a, b, c]],
        }
        totals = {
            name: {"failed": 0, "errors": 0, "missing": 0, "dups": 0, "differs": 0}
            for name in rounds
        }
        for run in range(1, args.runs + 1):
            for name, sets in rounds.items():
                manage(env, "flush", "--noinput")
                started = time.monotonic()
                codes, errors = at_once(env, sets)
                seen = census(env)
                missing = len(set(serial["locations"]) - set(seen["locations"]))
                dups = seen["duplicate_names"] + seen["duplicate_readings"]
                differs = [key for key in COMPARED if seen[key] != serial[key]]
                total = totals[name]
                total["failed"] += sum(1 for code in codes if code)
                total["errors"] += errors
                total["missing"] += missing
                total["dups"] += dups
                total["differs"] += bool(differs)
                print(
                    f"run {run:2d}, {name}: {time.monotonic() - started:5.1f}s, exit codes {codes}, "
                    f"{errors} error lines, {missing} missing, {dups} duplicates, "
                    f"{seen['articles']} articles, {seen['events']} events"
                    + (f"; differs from one process in {', '.join(differs)}" if differs else "")
                )
        for name, total in totals.items():
            print(
                f"{name}, {args.runs} runs: {total['failed']} failed processes, "
                f"{total['errors']} error lines, {total['missing']} articles missing, "
                f"{total['dups']} duplicates, {total['differs']} runs unlike one process"
            )


if __name__ == "__main__":
    main()
