"""Real Celery workers for the tests: the machine's Redis, the test database, subprocesses.

The workers are other processes, so they see the test database only when it is a real
server: PostgreSQL (pytest-django keeps SQLite's test database in memory). Tests that use
them are skipped on SQLite with that reason; CI runs the suite on both databases.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/5")
RABBITMQ = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
VISIBILITY_TIMEOUT = 20  # seconds before a dead worker's task goes to another

needs_shared_database = [
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
        _unavailable(f"Redis is not running at {BROKER} ({error}); .ci/run starts it")
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


def _unavailable(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)  # CI starts the brokers: not finding one is a failure there
    pytest.skip(message)


@pytest.fixture
def rabbitmq_broker():
    """RabbitMQ, with a queue of this test's own (other projects may share the server)."""
    from kombu import Connection

    queue = f"fakes-watch-test-{uuid.uuid4().hex[:12]}"
    try:
        with Connection(RABBITMQ, connect_timeout=5) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as error:  # noqa: BLE001 -- any failure to connect means "not running"
        _unavailable(f"RabbitMQ is not running at {RABBITMQ} ({error}); .ci/run starts it")
    yield {"CELERY_BROKER_URL": RABBITMQ, "CELERY_TASK_DEFAULT_QUEUE": queue}
    with Connection(RABBITMQ) as conn:
        conn.default_channel.queue_delete(queue)


def environment(**extra) -> dict:
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
        INGEST_ALLOW_PRIVATE_HOSTS="1",  # the local news site is on the loopback address
    )
    env.update(extra)
    return env


class Worker:
    """``celery -A enforcement worker`` in its own process group, logging to a file."""

    def __init__(self, name: str, folder: Path, **env):
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
            env=environment(**env),
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


def wait_for(condition, seconds: float, what: str, logs=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    tails = "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in logs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")
