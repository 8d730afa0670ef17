"""A store that meets another writer's row runs again and finds it (issue 9, item 8).

The real race -- several ``ingest`` processes -- is in test_concurrent_ingest.py;
these tests make one conflict happen at a known moment.
"""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection

from enforcement import ingest
from enforcement.models import Actor, Alias, Article, Statement
from tests.test_ingest import make_result, store


@pytest.mark.django_db(transaction=True)
def test_an_entity_another_writer_made_meanwhile_is_used_not_made_twice(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite lets one writer in at a time (BEGIN IMMEDIATE), so no other writer can "
            "commit between this store's look-up and its insert; PostgreSQL runs this test"
        )
    real_create = ingest._NameResolver._create
    calls = []

    def create_after_another_writer(self, missing):
        if not calls:
            # The admin, in its own connection, enters "Alibaba" and commits, after this store
            # looked its names up and before it inserts them.
            other = threading.Thread(
                target=lambda: Actor.objects.create(name="Alibaba", kind="platform")
            )
            other.start()
            other.join()
        calls.append(len(missing))
        return real_create(self, missing)

    monkeypatch.setattr(ingest._NameResolver, "_create", create_after_another_writer)
    outcome = store(make_result())

    assert len(calls) == 2  # the first try met the other writer's alias and ran again
    assert outcome.status == ingest.NEW
    assert Actor.objects.filter(name="Alibaba").count() == 1
    assert Alias.objects.get(normalized="alibaba").actor.origin == "manual"
    assert Article.objects.count() == 1 and Statement.objects.count() == 1


def test_a_conflict_is_retried_and_a_real_fault_is_not_hidden(db, monkeypatch):
    real_store = ingest._store
    attempts = []

    def conflicting_once(*args):
        attempts.append(1)
        if len(attempts) == 1:
            raise IntegrityError("duplicate key value violates unique constraint")
        return real_store(*args)

    monkeypatch.setattr(ingest, "_store", conflicting_once)
    monkeypatch.setattr(ingest.time, "sleep", lambda seconds: None)
    assert store(make_result()).status == ingest.NEW
    assert len(attempts) == 2

    def always_conflicting(*args):
        raise IntegrityError("a constraint this article breaks every time")

    monkeypatch.setattr(ingest, "_store", always_conflicting)
    with pytest.raises(IntegrityError):
        store(make_result(file="b.txt"))
    assert Article.objects.count() == 1
