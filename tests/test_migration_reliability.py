"""Migration 0004 gives rows from before it what the new rules need."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("enforcement", "0004_meaning_measure_stance_summary")]
AFTER = [("enforcement", "0005_reliability")]


@pytest.mark.django_db(transaction=True)
def test_old_rows_get_keys_locations_own_aliases_and_lose_script_links(latest_schema_after):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Article = old.get_model("enforcement", "Article")
    Actor = old.get_model("enforcement", "Actor")
    Statistic = old.get_model("enforcement", "Statistic")
    article = Article.objects.create(
        file_name="a.txt", text="t", content_hash="h1", url="javascript:alert(1)"
    )
    Article.objects.create(file_name="b.txt", text="u", content_hash="h2", url="https://x.org/b")
    Actor.objects.create(name="Acme Watch Company", kind="company")
    for value in (10_000, 2000):  # two figures of one clause
        Statistic.objects.create(
            article=article,
            value=value,
            unit="x",
            metric="m",
            quote="RMB10,000 (about $2000)",
            origin="extracted",
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Article = new.get_model("enforcement", "Article")
    assert dict(Article.objects.values_list("file_name", "location")) == {
        "a.txt": "file-name:a.txt",
        "b.txt": "file-name:b.txt",
    }
    assert dict(Article.objects.values_list("file_name", "url")) == {
        "a.txt": "",
        "b.txt": "https://x.org/b",
    }
    keys = list(
        new.get_model("enforcement", "Statistic").objects.values_list("review_key", flat=True)
    )
    assert len(set(keys)) == 2 and all(len(key) == 64 for key in keys)
    alias = new.get_model("enforcement", "Alias").objects.get()
    assert (alias.normalized, alias.actor.name) == ("acme watch company", "Acme Watch Company")
