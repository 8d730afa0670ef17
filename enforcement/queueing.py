"""The ingest on many machines: one Celery task per article, stored into one database.

The sender (``ingest --queue``, ``poll_feeds --queue``) reads what only it can
see -- files, manifests, the feeds' lists of items -- and sends each article
as a task: a file's text and metadata, or a page's URL for a worker to fetch.
A worker (``celery -A enforcement worker``, on any machine that reaches the
broker and the database) runs ``read_and_store``: fetch if need be, extract,
store, remember the feed item. The sender waits for the results and prints
what became of every article, and how many are still queued when it stops
waiting.

Why a killed worker loses nothing and duplicates nothing
    Tasks are acknowledged late (``CELERY_TASK_ACKS_LATE``): the message
    stays with the broker until the article is stored, so a worker killed
    mid-article leaves nothing half-written (the store is one transaction) and
    the message runs again on another worker. Running it again is harmless:
    the article's content hash, or its location, says it is stored already.
    Stores are taken one at a time (``ingest.store``: an advisory lock on
    PostgreSQL, SQLite's write lock otherwise), so concurrent workers merge
    events and name entities exactly as one process would; extraction, the
    expensive part, still runs on every worker at once.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.conf import settings

from . import ingest, workers
from .article_files import InputProblem, Overrides
from .extraction.dates import PartialDate
from .extraction.pipeline import ArticleInput
from .intake import FeedOrigin, FeedUnreadable, fetch_limits, new_items, remember
from .models import Article
from .web.articles import read_url
from .web.feeds import FeedItem as ListedItem
from .web.fetching import FetchError

FAILED = ingest.FAILED


# What a task carries (JSON) ---------------------------------------------------------------


def file_payload(item: ArticleInput) -> dict:
    """A file read by the sender: its text and metadata travel in the task."""
    return {"article": _input_to_json(item)}


def url_payload(url: str, overrides: Overrides, origin: FeedOrigin | None = None) -> dict:
    """A page for the worker to fetch; ``origin`` when a feed listed it."""
    payload = {"url": url, "overrides": _overrides_to_json(overrides)}
    if origin is not None:
        payload["origin"] = {"feed_id": origin.feed_id, **_item_to_json(origin.item)}
    return payload


def payload_name(payload: dict) -> str:
    return payload["url"] if "url" in payload else payload["article"]["file"]


def _input_to_json(item: ArticleInput) -> dict:
    data = asdict(item)
    del data["_cleaned"]  # the worker cleans the text itself: the payload stays the raw text
    data["published"] = item.published.isoformat() if item.published else None
    return data


def _input_from_json(data: dict) -> ArticleInput:
    return ArticleInput(**{**data, "published": _date(data.get("published"))})


def _overrides_to_json(overrides: Overrides) -> dict:
    data = asdict(overrides)
    data["published"] = overrides.published.isoformat() if overrides.published else None
    return data


def _item_to_json(item: ListedItem) -> dict:
    return {**asdict(item), "published": item.published.isoformat() if item.published else None}


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


# In the worker ------------------------------------------------------------------------------


def read_and_store(payload: dict) -> dict:
    """Read one article and store it; the task's result says what became of it.

    Bad input (a page that cannot be fetched, an article that breaks a stage)
    is a ``failed`` result, not an exception: running it again would not help.
    Database errors do raise, so that the task is retried.
    """
    name = payload_name(payload)
    origin = None
    if "url" in payload:
        if "origin" in payload:
            data = dict(payload["origin"])
            feed_id = data.pop("feed_id")
            origin = FeedOrigin(
                feed_id, ListedItem(**{**data, "published": _date(data["published"])})
            )
        try:
            item = read_url(payload["url"], limits=fetch_limits(), item=origin and origin.item)
        except FetchError as error:
            return {"status": FAILED, "file": name, "error": str(error)}
        overrides = payload.get("overrides") or {}
        item = Overrides(**{**overrides, "published": _date(overrides.get("published"))}).apply(
            item
        )
    else:
        item = _input_from_json(payload["article"])
    content_hash = ingest.article_hash(item)

    stored = Article.objects.filter(content_hash=content_hash).values_list("pk", flat=True).first()
    if stored is not None:  # a retry, or the same text again: no NLP needed
        if origin is not None:
            remember(origin, stored)
        return {"status": ingest.UNCHANGED, "file": name}

    try:
        extracted = next(workers.extract_all([item], model_name=settings.SPACY_MODEL))
    except workers.ModelUnavailable as error:
        return {"status": FAILED, "file": name, "error": str(error)}
    if extracted.error is not None:
        return {"status": FAILED, "file": name, "error": f"could not be read ({extracted.error})"}
    # ``store`` takes the one writer's lock itself and retries on a conflict.
    outcome = ingest.store(extracted.result, content_hash=content_hash, location=item.location)
    if origin is not None:
        remember(origin, outcome.article.pk if outcome.article else None)
    return {
        "status": outcome.status,
        "file": name,
        "what": outcome.describe(),
        "created": dict(outcome.created),
    }


# In the sender ------------------------------------------------------------------------------


@dataclass
class QueuedSummary:
    """What became of a queued run's articles by the time the sender stopped waiting."""

    sent: int = 0
    statuses: Counter = field(default_factory=Counter)  # new / updated / unchanged / failed
    created: Counter = field(default_factory=Counter)
    still_queued: int = 0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != FAILED)

    @property
    def failed(self) -> int:
        return self.statuses[FAILED]

    def describe(self) -> str:
        kinds = ", ".join(
            f"{self.statuses[key]} {key}" for key in (ingest.NEW, ingest.UPDATED, ingest.UNCHANGED)
        )
        return (
            f"Queued {self.sent}: {self.stored} stored ({kinds}), {self.failed} failed, "
            f"{self.still_queued} still queued."
        )


class QueuedRun:
    """Tasks sent by one command, and the wait for their results."""

    def __init__(self):
        from .tasks import ingest_article  # Celery is imported only by queued runs

        self.task = ingest_article
        self.sent: dict[str, str] = {}  # task id -> article name

    def send(self, payload: dict) -> None:
        result = self.task.delay(payload)
        self.sent[result.id] = payload_name(payload)

    def send_feeds(self, feed_urls, overrides: Overrides) -> list[InputProblem]:
        """Read each feed here and send its new items; a feed that fails is one problem."""
        problems = []
        for feed_url in feed_urls:
            try:
                feed, items = new_items(feed_url, limits=fetch_limits())
            except FeedUnreadable as error:
                problems.append(InputProblem(feed_url, str(error)))
                continue
            for item in items:
                self.send(url_payload(item.link, overrides, FeedOrigin(feed.pk, item)))
        return problems

    def wait(self, progress, *, timeout: float | None, on_result) -> QueuedSummary:
        """Wait (at most ``timeout`` seconds; None: until all are done) and count the results.

        ``on_result(name, result_dict)`` is called for each article as it is done.
        Ctrl-C stops the wait, not the tasks: they stay queued for the workers.
        """
        from celery.exceptions import TimeoutError as CeleryTimeout
        from celery.result import AsyncResult, ResultSet

        summary = QueuedSummary(sent=len(self.sent))
        pending = set(self.sent)
        results = ResultSet([AsyncResult(task_id, app=self.task.app) for task_id in self.sent])
        started = time.monotonic()
        try:
            if pending and timeout != 0:
                for task_id, meta in results.iter_native(timeout=timeout, interval=0.5):
                    pending.discard(task_id)
                    outcome = _outcome(self.sent[task_id], meta)
                    summary.statuses[outcome["status"]] += 1
                    summary.created.update(outcome.get("created") or {})
                    on_result(self.sent[task_id], outcome)
                    progress.advance(self.sent[task_id], _what(outcome))
                    if not pending:
                        break
        except (CeleryTimeout, KeyboardInterrupt):
            pass
        finally:
            progress.close()
        summary.still_queued = len(pending)
        summary.seconds = time.monotonic() - started
        return summary


def _outcome(name: str, meta: dict) -> dict:
    """A task's result as a dict, whether it returned one or raised."""
    result = meta.get("result")
    if meta.get("status") == "SUCCESS" and isinstance(result, dict):
        return result
    return {"status": FAILED, "file": name, "error": f"the task failed ({result!r})"}


def _what(outcome: dict) -> str:
    if outcome["status"] == FAILED:
        return "failed"
    return outcome.get("what") or outcome["status"]
