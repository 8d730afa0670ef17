"""Extraction on every core: whole articles read in worker processes.

``extract_all`` runs every stage of ``extraction.pipeline.extract`` -- cleaning,
metadata, spaCy, entities, statements, statistics, events -- for batches of
articles. With ``workers=1`` it does so in this process; with more, in that
many worker processes, each of which loads the spaCy model once when it
starts. The caller (the ``ingest`` command) only reads files and stores what
comes back. ``Readers`` holds the pool for a whole run: it works out the
articles' content hashes in the workers first (the command skips those already
stored), so the parent never cleans a text itself.

Why the results are identical to one process
    Both paths run each batch through the same function (``_extract_batch``),
    spaCy reads each document on its own whatever the batch around it (a test
    compares batches of 32 in one process with batches of 4 in two workers), and
    results come back in input order: the store step sees the same results in
    the same sequence. Workers get smaller batches (several each) so that none
    waits idle while another finishes a long one.

Failures
    An article that breaks a stage fails alone: its batch is read again one
    article at a time, and the others come through. A model that cannot be
    loaded is ``ModelUnavailable``, raised once. A worker that dies (killed, out
    of memory) ends the run with ``WorkersLost``; what was stored before stays.

No Django here: worker processes are started fresh ("spawn") and import only
the extraction package, so they hold no database connection and no settings.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Self

from .extraction import pipeline
from .extraction.pipeline import ArticleInput
from .extraction.result import ArticleResult

# Batches in flight per worker: enough that a worker never waits for the parent,
# few enough that memory stays flat on a corpus of any size.
BATCHES_AHEAD = 2


class ModelUnavailable(Exception):
    """The spaCy model could not be loaded; the message says which and why."""


class WorkersLost(Exception):
    """A worker process died mid-run."""


@dataclass
class Extracted:
    """One article's outcome: a result, or the error that stopped it (as text)."""

    item: ArticleInput
    result: ArticleResult | None
    error: str | None = None


def extract_all(
    items: Iterable[ArticleInput],
    *,
    model_name: str,
    workers: int = 1,
    batch_size: int = 32,
) -> Iterator[Extracted]:
    """Yield one ``Extracted`` per item, in input order."""
    with Readers(model_name=model_name, workers=workers) as readers:
        yield from readers.extract(items, batch_size=batch_size)


class Readers:
    """This process (``workers=1``) or a pool of worker processes, for one run: first the
    articles' content hashes (``hashes``), then, for those not stored yet, everything
    else (``extract``). The hashes cost a cleaning of each text; in the workers, the
    parent is spared it. The model is loaded when the first article is read, so a run
    whose articles are all stored already never loads it."""

    def __init__(self, *, model_name: str, workers: int = 1):
        self.model_name, self.workers = model_name, workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.model_name, False),
            )
        return self.pool

    def hashes(self, items: list[ArticleInput]) -> list[str]:
        """Each item's content hash, in order; each item keeps its cleaned text, which
        reading it needs next."""
        if self.workers <= 1 or len(items) < 2 * self.workers:
            return [pipeline.content_hash(item) for item in items]
        chunk = max(1, len(items) // (self.workers * 4))
        try:
            done = list(self._pool().map(_clean_and_hash, items, chunksize=chunk))
        except BrokenProcessPool:
            raise WorkersLost(
                "a worker process died (killed, or out of memory) before anything was stored"
            ) from None
        for item, (cleaned, digest) in zip(items, done, strict=True):
            item._cleaned = cleaned
        return [digest for _cleaned, digest in done]

    def extract(
        self, items: Iterable[ArticleInput], *, batch_size: int = 32
    ) -> Iterator[Extracted]:
        """Yield one ``Extracted`` per item, in input order."""
        workers = self.workers
        if workers > 1 and hasattr(items, "__len__"):
            # Several batches per worker, so that none idles while another reads a long batch.
            batch_size = max(1, min(batch_size, len(items) // (workers * 4)))
        batches = _batches(items, batch_size)
        if workers <= 1:
            _start_worker(self.model_name)
            for batch in batches:
                yield from _outcomes(batch, _extract_batch(batch))
            return
        yield from _in_workers(batches, self._pool(), workers)


def _batches(items: Iterable[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _outcomes(batch, outcomes) -> Iterator[Extracted]:
    for item, (result, error) in zip(batch, outcomes, strict=True):
        yield Extracted(item, result, error)


def _in_workers(batches, pool: ProcessPoolExecutor, workers: int) -> Iterator[Extracted]:
    pending: deque = deque()
    batches = iter(batches)

    def submit_more():
        while len(pending) < workers * BATCHES_AHEAD:
            batch = next(batches, None)
            if batch is None:
                return
            pending.append((batch, pool.submit(_extract_batch, batch)))

    try:
        submit_more()
    except BrokenProcessPool:
        pending.clear()
        raise WorkersLost(_LOST) from None
    while pending:
        batch, future = pending.popleft()
        try:
            outcomes = future.result()
            submit_more()
        except BrokenProcessPool:
            raise WorkersLost(_LOST) from None
        yield from _outcomes(batch, outcomes)


_LOST = (
    "a worker process died (killed, or out of memory); the articles stored "
    "so far are complete, run the command again for the rest"
)


# In the worker -----------------------------------------------------------------------------

_model_name: str | None = None
_load_error: str | None = None
_loaded = False


def _start_worker(model_name: str, load: bool = True) -> None:
    """Load the model once per process, so that no batch pays for it: at once, or (a pool
    that hashes first) when the first batch is read.

    A failure is kept and raised by the first batch: an exception in a pool's
    initializer would only say that the pool broke, not why.
    """
    global _model_name, _load_error, _loaded
    _model_name, _load_error, _loaded = model_name, None, False
    if load:
        _load_model()


def _load_model() -> None:
    global _load_error, _loaded
    _loaded = True
    try:
        pipeline.load_nlp(_model_name)
    except (OSError, ImportError) as error:
        _load_error = (
            f"cannot load the spaCy model {_model_name!r} ({error}); install it or set SPACY_MODEL"
        )


def _clean_and_hash(item: ArticleInput) -> tuple[str, str]:
    digest = pipeline.content_hash(item)
    return item.cleaned_text(), digest


def _extract_batch(batch: list[ArticleInput]) -> list[tuple[ArticleResult | None, str | None]]:
    """Every stage for every article of the batch; one bad article fails alone."""
    if not _loaded:
        _load_model()
    if _load_error is not None:
        raise ModelUnavailable(_load_error)
    try:
        results = list(pipeline.extract(batch, model_name=_model_name, batch_size=len(batch)))
    except Exception:  # noqa: BLE001 -- narrowed down to the article at fault below
        return [_extract_one(item) for item in batch]
    return [(result, None) for result in results]


def _extract_one(item: ArticleInput) -> tuple[ArticleResult | None, str | None]:
    try:
        return next(pipeline.extract([item], model_name=_model_name)), None
    except Exception as error:  # noqa: BLE001 -- reported as this article's failure
        return None, f"{type(error).__name__}: {error}"
