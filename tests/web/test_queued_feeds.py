"""``poll_feeds --queue``: a real worker fetches the items' pages from the local site."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.conf import settings

from enforcement.models import Article, Feed, FeedItem
from tests.celery_workers import (
    Worker,
    environment,
    needs_shared_database,
    redis_broker,  # noqa: F401 -- a fixture
    wait_for,
)

pytestmark = [*needs_shared_database, pytest.mark.usefixtures("redis_broker")]


def test_queued_feed_items_are_fetched_by_a_worker_and_remembered(local_web, tmp_path):
    local_web.redirect("/go/port-seizure", "/news/2024/03/customs-seize-fake-watches")
    rss = Feed.objects.create(url=local_web.url("/feeds/crime.rss"))
    atom = Feed.objects.create(url=local_web.url("/feeds/ecommerce.atom"))
    worker = Worker("feeds", tmp_path)
    try:
        wait_for(lambda: "ready." in worker.text(), 120, "the worker to start", [worker.log])

        def poll():
            return subprocess.run(
                [sys.executable, "manage.py", "poll_feeds", "--queue"],
                cwd=settings.BASE_DIR,
                env=environment(),
                capture_output=True,
                check=False,
                text=True,
                timeout=300,
            )

        first = poll()
        assert first.returncode == 0, first.stderr + worker.text()[-3000:]
        assert "Queued 4: 4 stored" in first.stderr and "0 failed, 0 still queued" in first.stderr
        # Three stories: the raid is listed by both feeds, behind a tracking parameter in one.
        assert Article.objects.count() == 3
        raid = Article.objects.get(location=local_web.url("/crime/market-raid"))
        assert raid.title == "Fake football shirts seized in Millbrook market raid"
        assert rss.items.count() == 2 and atom.items.count() == 2
        assert set(FeedItem.objects.values_list("article", flat=True)) == set(
            Article.objects.values_list("pk", flat=True)
        )

        local_web.requests.clear()
        again = poll()
        assert again.returncode == 0, again.stderr
        assert "Queued 0:" in again.stderr
        assert sorted(path for path, _headers in local_web.requests) == [
            "/feeds/crime.rss",
            "/feeds/ecommerce.atom",
        ]
    finally:
        worker.stop()
