"""``manage.py ingest PATH …``: read news articles into the database.

A thin shell over ``article_files`` (reading files), ``extraction`` (NLP) and
``ingest`` (storing): it parses arguments, reports progress and problems on
standard error, prints the extraction JSON on standard output with ``--json``
(and nothing else there), and exits with status 1 when any file failed -- after
the other files went in.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from enforcement import ingest
from enforcement.article_files import Overrides, collect, plain_line
from enforcement.extraction.dates import PartialDate
from enforcement.extraction.pipeline import extract, load_nlp
from enforcement.links import web_url, web_url_problem

ITEM_LABELS = (
    ("regulators", "regulators"),
    ("actors", "actors"),
    ("statements", "statements"),
    ("statistics", "statistics"),
    ("events", "events"),
    ("event_sources", "event sources"),
)


def _partial_date(value: str) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _web_url(value: str) -> str:
    """``--url``: only an http(s) address (the same rule as the manifest and the admin)."""
    problem = web_url_problem(plain_line(value))
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return web_url(plain_line(value))


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "Read news articles (.txt, .html) from files or folders, extract regulators, actors, "
        "statements, statistics and events, and store them. Unchanged files are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
        parser.add_argument(
            "--json", action="store_true", help="print what was extracted as JSON on stdout"
        )
        parser.add_argument("--dry-run", action="store_true", help="extract only; write nothing")
        parser.add_argument(
            "--published",
            type=_partial_date,
            help="publication date for every file (YYYY[-MM[-DD]])",
        )
        parser.add_argument("--source", help="outlet for every file")
        parser.add_argument("--url", type=_web_url, help="URL for every file (http or https)")
        parser.add_argument("--workers", type=_positive, default=1, help="NLP processes")
        parser.add_argument(
            "--batch-size", type=_positive, default=32, help="articles per NLP batch"
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.dry_run, self.as_json = options["dry_run"], options["json"]
        self.statuses: Counter = Counter()
        self.created: Counter = Counter()

        overrides = Overrides(
            source=options["source"], url=options["url"], published=options["published"]
        )
        collected = collect(
            options["paths"],
            max_bytes=settings.INGEST_MAX_BYTES,
            max_chars=settings.INGEST_MAX_CHARS,
            max_sentence=settings.INGEST_MAX_SENTENCE,
            overrides=overrides,
        )
        for problem in collected.problems:
            self._say(f"error: {problem}")
        self.failed = len(collected.problems)
        self.paths = collected.paths

        hashes = {id(item): ingest.article_hash(item) for item in collected.articles}
        to_read = self._skip_unchanged(collected.articles, hashes)
        documents = []
        for number, item, result, error in self._extract(to_read, options):
            if error is not None:
                self._fail(item, f"could not be read ({type(error).__name__}: {error})")
                continue
            if self.as_json:
                documents.append(result.to_json())
            self._store(number, len(to_read), item, result, hashes[id(item)])

        if self.as_json:
            self.stdout.write(json.dumps({"articles": documents}, indent=2, ensure_ascii=False))
        self._summary(time.monotonic() - started)
        if self.failed:
            plural = "s" if self.failed != 1 else ""
            raise CommandError(f"{self.failed} input{plural} failed; see the errors above.")

    def _skip_unchanged(self, items, hashes):
        """Files stored already with this very text cost no NLP (and spaCy is never loaded).

        ``--json`` asks to see the extraction, so with it every file is read.
        """
        if self.as_json:
            return list(items)
        stored = ingest.stored_hashes(hashes.values())
        to_read = []
        for item in items:
            if hashes[id(item)] in stored:
                self.statuses[ingest.UNCHANGED] += 1
                if len(items) <= 50:
                    self._say(f"{item.file}: unchanged")
            else:
                to_read.append(item)
        return to_read

    def _extract(self, items, options):
        """Yield (number, input, result, error): an article that breaks a stage fails alone.

        ``extract`` streams through ``nlp.pipe``; an exception ends the stream and,
        with batching, may surface on a neighbour of the article at fault. So the
        article the stream stopped at is read again on its own -- it either fails
        alone or comes through -- and the stream restarts after it.
        """
        if not items:
            return
        self._load_model()
        settings_kwargs = {
            "model_name": settings.SPACY_MODEL,
            "n_process": options["workers"],
            "batch_size": options["batch_size"],
        }
        if options["workers"] > 1:
            connections.close_all()  # forked workers must not share the database socket
        done = 0
        while done < len(items):
            rest = items[done:]
            try:
                for item, result in zip(rest, extract(rest, **settings_kwargs), strict=False):
                    done += 1
                    yield done, item, result, None
            except Exception:  # noqa: BLE001 -- narrowed down below, then the others go on
                item, done = items[done], done + 1
                yield (done, item, *self._extract_alone(item))

    def _extract_alone(self, item):
        try:
            return next(extract([item], model_name=settings.SPACY_MODEL)), None
        except Exception as error:  # noqa: BLE001 -- reported as this article's failure
            return None, error

    def _load_model(self) -> None:
        """Load spaCy once, up front, so a missing model is one clear error, not one per file."""
        self._say(f"Loading {settings.SPACY_MODEL}…")
        try:
            load_nlp(settings.SPACY_MODEL)
        except (OSError, ImportError) as error:
            raise CommandError(
                f"cannot load the spaCy model {settings.SPACY_MODEL!r} ({error}); install it "
                "or set SPACY_MODEL"
            ) from None

    def _store(self, number: int, total: int, item, result, content_hash: str) -> None:
        if self.dry_run:
            self._progress(number, total, result.file, "read (dry run) — " + _counts(result))
            return
        try:
            outcome = ingest.store(result, content_hash=content_hash, location=item.location)
        except Exception as error:  # noqa: BLE001 -- nothing of it was written; go on
            self._fail(item, f"not stored ({type(error).__name__}: {error})")
            return
        self.statuses[outcome.status] += 1
        self.created.update(outcome.created)
        self._progress(number, total, result.file, outcome.describe())

    def _fail(self, item, message: str) -> None:
        self.failed += 1
        self._say(f"error: {self.paths.get(item.location, item.file)}: {message}")

    def _say(self, message: str) -> None:
        self.stderr.write(message)
        self.stderr.flush()

    def _progress(self, number: int, total: int, name: str, what: str) -> None:
        """Every article on small runs; every 100th (and the last) on long ones."""
        if total <= 50 or number % 100 == 0 or number == total:
            self._say(f"[{number}/{total}] {name}: {what}")

    def _summary(self, seconds: float) -> None:
        if self.dry_run:
            self._say(f"Dry run: nothing was written. {self.failed} failed. ({seconds:.1f}s)")
            return
        articles = ", ".join(
            f"{self.statuses[key]} {key}" for key in (ingest.NEW, ingest.UPDATED, ingest.UNCHANGED)
        )
        items = ", ".join(f"{self.created[key]} {label}" for key, label in ITEM_LABELS)
        self._say(f"Articles: {articles}, {self.failed} failed. Created: {items}. ({seconds:.1f}s)")


def _counts(result) -> str:
    return (
        f"{len(result.statements)} statements, {len(result.statistics)} statistics, "
        f"{len(result.events)} events"
    )
