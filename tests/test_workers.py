"""``ingest --workers N``: whole articles read in worker processes, results as from one.

The real spaCy model in real worker processes, on the shipped and development articles.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from enforcement.models import Article
from tests.snapshot import DEV_ARTICLES, SHIPPED_ARTICLES, database_snapshot, empty_the_database

CORPUS = [str(SHIPPED_ARTICLES), str(DEV_ARTICLES)]


def ingest(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_the_corpus_is_there():
    assert len(list(DEV_ARTICLES.glob("*.txt"))) >= 16
    assert len(list(SHIPPED_ARTICLES.glob("*.txt"))) == 5


def test_two_workers_print_the_same_json_as_one_process(db):
    one, _ = ingest(*CORPUS, json=True, dry_run=True)
    two, stderr = ingest(*CORPUS, json=True, dry_run=True, workers=2, batch_size=4)
    assert "Reading with 2 worker processes" in stderr
    assert len(json.loads(one)["articles"]) == 21
    assert two == one


def test_two_workers_store_the_same_database_as_one_process(db):
    ingest(*CORPUS)
    one = database_snapshot()
    empty_the_database()
    assert Article.objects.count() == 0
    ingest(*CORPUS, workers=2, batch_size=3)
    two = database_snapshot()
    assert len(one["articles"]) == 21 and len(one["events"]) > 20
    for table in one:
        assert two[table] == one[table], table


def test_a_model_that_cannot_be_loaded_is_one_clear_error(db, settings):
    settings.SPACY_MODEL = "no_such_model_here"
    with pytest.raises(CommandError, match="cannot load the spaCy model 'no_such_model_here'"):
        ingest(str(SHIPPED_ARTICLES), workers=2)
    assert Article.objects.count() == 0


def test_a_worker_that_dies_ends_the_run_with_a_clear_error():
    import multiprocessing
    import os
    import signal

    from django.conf import settings

    from enforcement import workers
    from enforcement.article_files import collect

    items = collect(CORPUS, max_bytes=2**21).articles * 4  # 84 articles: many batches
    outcomes = workers.extract_all(items, model_name=settings.SPACY_MODEL, workers=2, batch_size=2)
    first = next(outcomes)
    assert first.result is not None
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(workers.WorkersLost, match="a worker process died"):
        for _outcome in outcomes:
            pass
