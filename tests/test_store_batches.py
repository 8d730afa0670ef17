"""Articles stored in batches (``ingest.store_batch``): the same database as one by one,
and an article that fails midway leaves nothing of itself and takes no other with it.

The real command, the real spaCy model, the shipped and development articles.
"""

from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from enforcement import ingest
from enforcement.models import Article, Statement
from tests.snapshot import DEV_ARTICLES, SHIPPED_ARTICLES, database_snapshot, empty_the_database

CORPUS = [str(SHIPPED_ARTICLES), str(DEV_ARTICLES)]


def run(*args, **options) -> str:
    err = StringIO()
    call_command("ingest", *args, stdout=StringIO(), stderr=err, **options)
    return err.getvalue()


def test_a_batch_of_articles_stores_the_same_database_as_one_article_at_a_time(db, monkeypatch):
    monkeypatch.setattr(ingest, "STORE_BATCH", 1)
    run(*CORPUS)
    one_by_one = database_snapshot()
    empty_the_database()
    monkeypatch.setattr(ingest, "STORE_BATCH", 8)  # three batches, the last one short
    stderr = run(*CORPUS)
    batched = database_snapshot()
    assert "Articles: 21 new, 0 updated, 0 unchanged, 0 failed" in stderr
    assert len(one_by_one["articles"]) == 21 and len(one_by_one["events"]) > 20
    for table in one_by_one:
        assert batched[table] == one_by_one[table], table


def test_reading_a_batch_again_stores_the_same_database_as_one_article_at_a_time(
    db, monkeypatch, tmp_path
):
    # The second run finds every article stored: unchanged ones, and one whose text
    # changed, which is read again against the first run's rows.
    for source in sorted(DEV_ARTICLES.glob("*.txt"))[:6]:
        shutil.copy(source, tmp_path / source.name)
    changed = sorted(tmp_path.glob("*.txt"))[2]
    snapshots = []
    for size in (1, 32):
        monkeypatch.setattr(ingest, "STORE_BATCH", size)
        empty_the_database()
        original = changed.read_text(encoding="utf-8")
        run(str(tmp_path))
        changed.write_text(original.replace("\n\n", "\n\nThe customs office said so.\n\n", 1))
        stderr = run(str(tmp_path))
        changed.write_text(original)
        assert "Articles: 0 new, 1 updated, 5 unchanged, 0 failed" in stderr
        snapshots.append(database_snapshot())
    for table in snapshots[0]:
        assert snapshots[1][table] == snapshots[0][table], table


def test_an_article_that_fails_midway_in_a_batch_leaves_no_row_and_the_others_are_stored(
    db, monkeypatch, tmp_path
):
    names = [path.name for path in sorted(DEV_ARTICLES.glob("*.txt"))[:3]]
    for name in names:
        shutil.copy(DEV_ARTICLES / name, tmp_path / name)
    (tmp_path / names[1]).rename(tmp_path / "b_without.txt")
    run(str(tmp_path / names[0]), str(tmp_path / names[2]))
    without_the_bad_one = database_snapshot()
    empty_the_database()

    # The bad article fails after its article row, names, statements and figures are
    # written: the savepoint must take all of them away again.
    real_create_events = ingest._create_events
    written = []  # the bad article's statements, counted before it fails

    def create_events(article, result, *args):
        if result.file == "b_without.txt":
            written.append(Statement.objects.filter(article=article).count())
            raise RuntimeError("events slipped")
        return real_create_events(article, result, *args)

    monkeypatch.setattr(ingest, "_create_events", create_events)
    with pytest.raises(CommandError, match="1 input failed"):
        run(str(tmp_path / names[0]), str(tmp_path / "b_without.txt"), str(tmp_path / names[2]))
    assert len(written) == 1 and written[0] > 0
    assert sorted(Article.objects.values_list("file_name", flat=True)) == [names[0], names[2]]
    after = database_snapshot()
    for table in without_the_bad_one:
        assert after[table] == without_the_bad_one[table], table
