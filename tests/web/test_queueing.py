"""What one Celery task does (``queueing.read_and_store``), run here in this process.

The same function runs in the workers; ``test_celery_workers`` runs it there, on a real
broker. Here: a task run twice stores once, a page a feed listed is remembered, bad input is
a failed result with nothing written, and without a broker ``--queue`` reads in-process.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from enforcement import queueing
from enforcement.article_files import Overrides, collect
from enforcement.extraction.dates import PartialDate
from enforcement.intake import FeedOrigin
from enforcement.models import Article, Feed, FeedItem, Statement
from enforcement.web.feeds import FeedItem as ListedItem
from tests.snapshot import SHIPPED_ARTICLES, database_snapshot, empty_the_database


def through_json(payload: dict) -> dict:
    """As the broker carries it."""
    return json.loads(json.dumps(payload))


def shipped_payloads() -> list[dict]:
    articles = collect([str(SHIPPED_ARTICLES)], max_bytes=2**20).articles
    return [through_json(queueing.file_payload(item)) for item in articles]


def test_a_task_run_again_stores_nothing_twice(db):
    payloads = shipped_payloads()
    first = [queueing.read_and_store(payload) for payload in payloads]
    assert [result["status"] for result in first] == ["new"] * 5
    before = database_snapshot()
    again = [queueing.read_and_store(payload) for payload in payloads]
    assert [result["status"] for result in again] == ["unchanged"] * 5
    assert database_snapshot() == before


def test_a_file_task_stores_what_a_direct_ingest_stores(db):
    for payload in shipped_payloads():
        queueing.read_and_store(payload)
    queued = database_snapshot()
    empty_the_database()
    call_command("ingest", str(SHIPPED_ARTICLES), stdout=StringIO(), stderr=StringIO())
    assert database_snapshot() == queued


def test_the_metadata_of_a_file_travels_with_its_task(db):
    item = collect([str(SHIPPED_ARTICLES)], max_bytes=2**20).articles[0]
    item.published, item.source = PartialDate(2015, 2), "Example Wire"
    queueing.read_and_store(through_json(queueing.file_payload(item)))
    article = Article.objects.get()
    assert (article.published.isoformat(), article.published_precision) == ("2015-02-01", "month")
    assert article.source == "Example Wire"


def test_a_page_a_feed_listed_is_fetched_stored_and_remembered(db, local_web):
    feed = Feed.objects.create(url=local_web.url("/feeds/crime.rss"))
    item = ListedItem(
        key="millbrook-post-48213",
        link=local_web.url("/crime/market-raid"),
        title="Fake football shirts seized in Millbrook market raid",
        published=PartialDate(2024, 3, 9),
    )
    payload = through_json(queueing.url_payload(item.link, Overrides(), FeedOrigin(feed.pk, item)))
    result = queueing.read_and_store(payload)
    assert result["status"] == "new" and result["created"]["statements"] >= 1
    article = Article.objects.get()
    assert article.title == item.title and article.published.isoformat() == "2024-03-09"
    assert FeedItem.objects.get().article == article
    feed.refresh_from_db()
    assert feed.last_new_item_at is not None
    assert queueing.read_and_store(payload)["status"] == "unchanged"
    assert FeedItem.objects.count() == 1


def test_a_page_that_cannot_be_fetched_is_a_failed_result_and_nothing_written(db, local_web):
    result = queueing.read_and_store(
        through_json(queueing.url_payload(local_web.url("/gone"), Overrides()))
    )
    assert result == {
        "status": "failed",
        "file": local_web.url("/gone"),
        "error": "the server answered 404 Not Found",
    }
    assert Article.objects.count() == Statement.objects.count() == 0


def test_without_a_broker_queue_reads_in_this_process(db, settings):
    settings.CELERY_BROKER_URL = ""
    err = StringIO()
    call_command("ingest", str(SHIPPED_ARTICLES), queue=True, stdout=StringIO(), stderr=err)
    assert (
        "CELERY_BROKER_URL is not set, so the articles are read in this process." in err.getvalue()
    )
    assert Article.objects.count() == 5


def test_queue_refuses_dry_run_and_json(db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/5"
    with pytest.raises(CommandError, match="leave out --dry-run and --json"):
        call_command("ingest", str(SHIPPED_ARTICLES), queue=True, json=True, stdout=StringIO())
    assert Article.objects.count() == 0


def test_a_worker_without_the_model_says_so_in_the_result(db, settings):
    settings.SPACY_MODEL = "no_such_model_here"
    (payload, *_rest) = shipped_payloads()
    result = queueing.read_and_store(payload)
    assert result["status"] == "failed"
    assert "cannot load the spaCy model 'no_such_model_here'" in result["error"]
    assert Article.objects.count() == 0
