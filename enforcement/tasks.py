"""Celery tasks: one article per task, acknowledged once it is stored (see ``queueing``)."""

from celery import shared_task
from django.db import DatabaseError

from . import queueing
from .celery import app  # noqa: F401 -- the app these tasks belong to, for senders too


@shared_task(
    bind=True,
    name="enforcement.ingest_article",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=8,
)
def ingest_article(self, payload: dict) -> dict:
    """Read, extract and store one article; a database error is retried, never duplicated."""
    try:
        return queueing.read_and_store(payload)
    except DatabaseError as error:
        # A conflict with another writer, or the database away for a moment: the store
        # was rolled back whole, and running again finds what is already there.
        raise self.retry(exc=error, countdown=min(30, 2**self.request.retries)) from None


@shared_task(name="enforcement.poll_feeds")
def poll_feeds() -> None:
    """For Celery beat: queue the active feeds' new items, without waiting for them."""
    from django.core.management import call_command

    call_command("poll_feeds", queue=True, wait=0)
