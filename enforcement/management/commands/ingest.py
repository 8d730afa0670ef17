"""``manage.py ingest PATH|URL …``: read news articles into the database.

A thin shell over ``article_files`` (reading files), ``intake`` (pages and
feeds from the web), ``workers`` (the extraction, on every core),
``ingest`` (storing) and ``queueing`` (Celery): it parses arguments, reports
progress and problems on standard error, prints the extraction JSON on standard
output with ``--json`` (and nothing else there), and exits with status 1 when
any input failed -- after the other inputs went in.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from enforcement import generation, ingest, queries, queueing, workers
from enforcement.article_files import Overrides, collect, plain_line
from enforcement.extraction.dates import PartialDate
from enforcement.intake import WebIntake
from enforcement.links import web_url, web_url_problem
from enforcement.progress import Progress
from enforcement.web.articles import looks_like_url
from enforcement.web.fetching import FetchError, check_scheme

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


def _collect(paths, overrides):
    return collect(
        paths,
        max_bytes=settings.INGEST_MAX_BYTES,
        max_chars=settings.INGEST_MAX_CHARS,
        max_sentence=settings.INGEST_MAX_SENTENCE,
        overrides=overrides,
    )


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "Read news articles (.txt, .html) from files, folders, web pages or news feeds, "
        "extract regulators, actors, statements, statistics and events, and store them. "
        "Unchanged articles are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="PATH|URL",
            help="article files or folders, or http(s) URLs of web pages",
        )
        parser.add_argument(
            "--feed",
            action="append",
            default=[],
            metavar="URL",
            help="an RSS or Atom feed: read every item not read before (may be repeated)",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="hand each article to the Celery workers (CELERY_BROKER_URL) and wait for them",
        )
        parser.add_argument(
            "--wait",
            type=float,
            default=None,
            metavar="SECONDS",
            help="with --queue: stop waiting after this long (0: do not wait); the tasks go on",
        )
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
        parser.add_argument(
            "--workers", type=_positive, default=1, help="processes that read the articles"
        )
        parser.add_argument(
            "--batch-size", type=_positive, default=32, help="articles per NLP batch"
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.dry_run, self.as_json = options["dry_run"], options["json"]
        self.statuses: Counter = Counter()
        self.created: Counter = Counter()

        if not options["paths"] and not options["feed"]:
            raise CommandError("Give at least one PATH or URL, or --feed URL.")
        overrides = Overrides(
            source=options["source"], url=options["url"], published=options["published"]
        )
        urls = [p for p in options["paths"] if looks_like_url(p) and not Path(p).exists()]
        paths = [p for p in options["paths"] if p not in urls]
        if options["queue"] and settings.CELERY_BROKER_URL:
            return self._queue(paths, urls, overrides, options, started)
        if options["queue"]:
            self._say("CELERY_BROKER_URL is not set, so the articles are read in this process.")
        collected = _collect(paths, overrides)
        self.web = WebIntake(dry_run=self.dry_run)
        self.web.collect(urls, options["feed"], collected, overrides)
        for problem in collected.problems:
            self._say(f"error: {problem}")
        self.failed = len(collected.problems)
        self.paths = collected.paths

        # One pool for the run: it hashes the files (cleaning each text, which the parent
        # is spared), then reads those not stored yet.
        with workers.Readers(
            model_name=settings.SPACY_MODEL, workers=options["workers"]
        ) as readers:
            try:
                digests = readers.hashes(collected.articles)
            except workers.WorkersLost as error:
                raise CommandError(str(error)) from None
            hashes = {id(item): digest for item, digest in zip(collected.articles, digests)}
            to_read = self._skip_unchanged(collected.articles, hashes)
            documents = []
            self.progress = Progress(self.stderr, len(to_read))
            pending = []  # read, waiting to be stored in one transaction (``ingest.store_batch``)
            for item, result, error in self._extract(readers, to_read, options):
                if error is not None:
                    self._store(pending, hashes)  # the progress lines stay in reading order
                    self._fail(item.location or item.file, f"could not be read ({error})")
                    self.progress.advance(item.file, "failed")
                    continue
                if self.as_json:
                    documents.append(result.to_json())
                pending.append((item, result))
                if len(pending) >= ingest.STORE_BATCH:
                    self._store(pending, hashes)
            self._store(pending, hashes)
            self.progress.close()

        if self.as_json:
            self.stdout.write(json.dumps({"articles": documents}, indent=2, ensure_ascii=False))
        self._warm(self.statuses[ingest.NEW] + self.statuses[ingest.UPDATED])
        self._summary(time.monotonic() - started)
        if self.failed:
            plural = "s" if self.failed != 1 else ""
            raise CommandError(f"{self.failed} input{plural} failed; see the errors above.")

    def _skip_unchanged(self, items, hashes, remember=True):
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
                if remember and not self.dry_run:
                    self.web.stored(item, hashes[id(item)])
                if len(items) <= 50:
                    self._say(f"{item.file}: unchanged")
            else:
                to_read.append(item)
        return to_read

    def _queue(self, paths, urls, overrides, options, started) -> None:
        """Send one task per article to the Celery workers, then wait for their results."""
        if self.dry_run or self.as_json:
            raise CommandError(
                "--queue stores what the workers read: leave out --dry-run and --json."
            )
        run = queueing.QueuedRun()
        collected = _collect(paths, overrides)
        self.failed, self.paths = len(collected.problems), collected.paths
        for problem in collected.problems:
            self._say(f"error: {problem}")
        hashes = {id(item): ingest.article_hash(item) for item in collected.articles}
        for item in self._skip_unchanged(collected.articles, hashes, remember=False):
            run.send(queueing.file_payload(item))
        for url in urls:
            try:
                check_scheme(url)  # the rest of the rules are the worker's, as it fetches
            except FetchError as error:
                self._fail(url, str(error))
                continue
            run.send(queueing.url_payload(url, overrides))
        for problem in run.send_feeds(options["feed"], overrides):
            self._fail(problem.path, problem.message)
        self._say(f"Queued {len(run.sent)} articles for the Celery workers; waiting for them…")
        self.progress = Progress(self.stderr, len(run.sent))
        summary = run.wait(self.progress, timeout=options["wait"], on_result=self._queued_result)
        self.progress = None
        self.failed += summary.failed
        self._warm(summary.stored)
        self._say(f"{summary.describe()} ({time.monotonic() - started:.1f}s)")
        if summary.still_queued:
            self._say(
                "The workers go on with the articles still queued; their results are in the database."
            )
        if self.failed:
            plural = "s" if self.failed != 1 else ""
            raise CommandError(f"{self.failed} input{plural} failed; see the errors above.")

    def _queued_result(self, name: str, outcome: dict) -> None:
        if outcome["status"] == ingest.FAILED:
            self._say(f"error: {self.paths.get(name, name)}: {outcome.get('error')}")

    def _extract(self, readers, items, options):
        """Yield (input, result, error) per article, in order; see ``workers``."""
        if not items:
            return
        if options["workers"] > 1:
            self._say(
                f"Reading with {options['workers']} worker processes ({settings.SPACY_MODEL})…"
            )
        else:
            self._say(f"Loading {settings.SPACY_MODEL}…")
        try:
            for extracted in readers.extract(items, batch_size=options["batch_size"]):
                yield extracted.item, extracted.result, extracted.error
        except (workers.ModelUnavailable, workers.WorkersLost) as error:
            self.progress.close()
            raise CommandError(str(error)) from None

    def _store(self, pending: list, hashes: dict) -> None:
        """Store the articles read so far, in one transaction, and empty ``pending``."""
        batch, pending[:] = list(pending), []
        if not batch:
            return
        if self.dry_run:
            for _item, result in batch:
                self.progress.advance(result.file, "read (dry run) — " + _counts(result))
            return
        outcomes = ingest.store_batch(
            [(result, hashes[id(item)], item.location) for item, result in batch]
        )
        for (item, result), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Exception):  # nothing of it was written; go on
                message = f"not stored ({type(outcome).__name__}: {outcome})"
                self._fail(item.location or item.file, message)
                self.progress.advance(result.file, "failed")
                continue
            self.web.stored(item, hashes[id(item)])
            self.statuses[outcome.status] += 1
            self.created.update(outcome.created)
            self.progress.advance(result.file, outcome.describe())

    def _warm(self, stored: int) -> None:
        """Work out the dashboard's default figures now, so that no reader waits for them
        (a shared cache only: see ``generation``)."""
        if self.dry_run or not stored or not generation.is_shared():
            return
        pages = queries.warm_cache()
        self._say(f"Dashboard figures worked out again for {len(pages)} pages.")

    def _fail(self, file_name: str, message: str) -> None:
        self.failed += 1
        self._say(f"error: {self.paths.get(file_name, file_name)}: {message}")

    def _say(self, message: str) -> None:
        progress = getattr(self, "progress", None)
        if progress is not None:
            progress.say(message)  # above the bar, when there is one
            return
        self.stderr.write(message)
        self.stderr.flush()

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
