"""Celery on a real broker: two real worker processes, one killed mid-article.

The machine's Redis is the broker (database 5 unless ``TEST_CELERY_BROKER_URL``
says otherwise), and the workers store into the test database, which they
reach as separate processes. That needs PostgreSQL: pytest-django keeps the
SQLite test database in memory, where no other process can see it. CI runs
the suite on both, so this runs there on PostgreSQL.

The check: once the sender is done, the database equals a single-process
ingest of the same files in the order the workers stored them. (The store is
order-sensitive: an undated account read before the dated one of the same
event starts an event of its own. So the reference follows the workers'
order; any other equality would depend on scheduling luck.)
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from enforcement.models import Article
from tests.snapshot import DEV_ARTICLES, SHIPPED_ARTICLES, database_snapshot
from tests.test_workers import empty_the_database

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/5")
VISIBILITY_TIMEOUT = 20  # seconds before a dead worker's task goes to another

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the workers are other processes and cannot see SQLite's in-memory test "
        "database; this test runs on PostgreSQL (CI runs it there)",
    ),
]


@pytest.fixture
def redis_broker():
    import redis

    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        message = f"Redis is not running at {BROKER} ({error}); .ci/run starts it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    client.flushdb()  # this test's own database number: queues and results of earlier runs
    yield client
    client.flushdb()


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def _environment() -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "PYTEST", "DJANGO_SETTINGS"))
    }
    env.update(
        DATABASE_URL=_database_url(),
        CELERY_BROKER_URL=BROKER,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        SPACY_MODEL=settings.SPACY_MODEL,
        PYTHONUNBUFFERED="1",
    )
    return env


class Worker:
    """``celery -A enforcement worker`` in its own process group, logging to a file."""

    def __init__(self, name: str, folder: Path):
        self.log = folder / f"{name}.log"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "enforcement",
                "worker",
                "--concurrency=1",
                "--loglevel=INFO",
                f"--hostname={name}@%h",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=settings.BASE_DIR,
            env=_environment(),
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def received(self) -> list[str]:
        return re.findall(r"ingest_article\[([0-9a-f-]+)\] received", self.text())

    def succeeded(self) -> list[str]:
        return re.findall(r"ingest_article\[([0-9a-f-]+)\] succeeded", self.text())

    def busy_with(self) -> str | None:
        """The task it has begun and not finished, if any."""
        done = set(self.succeeded())
        running = [task for task in self.received() if task not in done]
        return running[-1] if running else None

    def kill(self) -> None:
        """SIGKILL the worker and its pool process: a machine that dies, not a shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _wait_for(condition, seconds: float, what: str, logs=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    tails = "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in logs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")


def test_a_worker_killed_mid_article_loses_and_duplicates_nothing(redis_broker, tmp_path):
    files = sorted(SHIPPED_ARTICLES.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt"))
    assert len(files) >= 21
    first, second = Worker("first", tmp_path), Worker("second", tmp_path)
    logs = (first.log, second.log)
    try:
        for worker in (first, second):
            _wait_for(
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
            env=_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Let both work for a while, then kill the first in the middle of an article.
        _wait_for(lambda: Article.objects.count() >= 3, 300, "three stored articles", logs)
        killed = _wait_for(first.busy_with, 120, "the first worker to begin an article", logs)
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
