"""Celery on a real broker: two real worker processes, one killed mid-article.

The machine's Redis is the broker (database 5 unless ``TEST_CELERY_BROKER_URL``
says otherwise), and the workers store into the test database (PostgreSQL
only: see ``tests/celery_workers.py``).

The check: once the sender is done, the database equals a single-process
ingest of the same files in the order the workers stored them. (The store is
order-sensitive: an undated account read before the dated one of the same
event starts an event of its own. So the reference follows the workers'
order; any other equality would depend on scheduling luck.)
"""

from __future__ import annotations

import re
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from enforcement.models import Article
from tests.celery_workers import (
    Worker,
    environment,
    needs_shared_database,
    rabbitmq_broker,  # noqa: F401 -- a fixture
    redis_broker,  # noqa: F401 -- a fixture
    wait_for,
)
from tests.snapshot import DEV_ARTICLES, SHIPPED_ARTICLES, database_snapshot, empty_the_database

pytestmark = needs_shared_database


@pytest.mark.usefixtures("redis_broker")
def test_a_worker_killed_mid_article_loses_and_duplicates_nothing(tmp_path):
    files = sorted(SHIPPED_ARTICLES.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt"))
    assert len(files) >= 21
    first, second = Worker("first", tmp_path), Worker("second", tmp_path)
    logs = (first.log, second.log)
    try:
        for worker in (first, second):
            wait_for(
                lambda w=worker: "ready." in w.text(), 120, f"{worker.log.stem} to start", logs
            )
        sender = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "ingest",
                "--queue",
                str(SHIPPED_ARTICLES),
                str(DEV_ARTICLES),
            ],
            cwd=settings.BASE_DIR,
            env=environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Let both work for a while, then kill the first in the middle of an article.
        wait_for(lambda: Article.objects.count() >= 3, 300, "three stored articles", logs)
        killed = wait_for(first.busy_with, 120, "the first worker to begin an article", logs)
        first.kill()
        _stdout, stderr = sender.communicate(timeout=600)
        assert sender.returncode == 0, stderr
    finally:
        first.stop()
        second.stop()

    # The killed worker's article ran again on the other worker, and every article is stored.
    assert killed in second.received(), second.text()[-3000:]
    assert killed not in first.succeeded()
    summary = re.search(r"Queued (\d+): (\d+) stored .*?, (\d+) failed, (\d+) still queued", stderr)
    assert summary, stderr
    assert summary.groups() == (str(len(files)), str(len(files)), "0", "0")

    queued = database_snapshot()
    stored_order = list(Article.objects.order_by("pk").values_list("file_name", flat=True))
    assert sorted(stored_order) == sorted(path.name for path in files)  # each once

    empty_the_database()
    by_name = {path.name: path for path in files}
    call_command(
        "ingest",
        *(str(by_name[name]) for name in stored_order),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    single = database_snapshot()
    for table in single:
        assert queued[table] == single[table], table


@pytest.mark.usefixtures("redis_broker")
def test_the_sender_counts_what_is_still_queued_when_it_stops_waiting():
    # No worker runs: every article stays queued, and the sender says so.
    done = subprocess.run(
        [sys.executable, "manage.py", "ingest", "--queue", "--wait", "1", str(SHIPPED_ARTICLES)],
        cwd=settings.BASE_DIR,
        env=environment(),
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Queued 5: 0 stored (0 new, 0 updated, 0 unchanged), 0 failed, 5 still queued." in (
        done.stderr
    )
    assert "The workers go on with the articles still queued" in done.stderr
    assert Article.objects.count() == 0


def test_rabbitmq_carries_the_tasks_as_well(rabbitmq_broker, tmp_path):  # noqa: F811
    worker = Worker("rabbit", tmp_path, **rabbitmq_broker)
    try:
        wait_for(lambda: "ready." in worker.text(), 120, "the worker to start", [worker.log])
        done = subprocess.run(
            [sys.executable, "manage.py", "ingest", "--queue", str(SHIPPED_ARTICLES)],
            cwd=settings.BASE_DIR,
            env=environment(**rabbitmq_broker),
            capture_output=True,
            check=False,
            text=True,
            timeout=300,
        )
    finally:
        worker.stop()
    assert done.returncode == 0, done.stderr + worker.text()[-3000:]
    assert "Queued 5: 5 stored (5 new, 0 updated, 0 unchanged), 0 failed, 0 still queued." in (
        done.stderr
    )
    assert "amqp://guest:**@127.0.0.1:5672//" in worker.text()
    queued = database_snapshot()
    stored_order = list(Article.objects.order_by("pk").values_list("file_name", flat=True))
    empty_the_database()
    call_command(
        "ingest",
        *(str(SHIPPED_ARTICLES / name) for name in stored_order),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert database_snapshot() == queued
