"""Several ``manage.py ingest`` processes at once over overlapping folders (issue 9, item 8).

Real processes, the real spaCy model and the real database (PostgreSQL when
DATABASE_URL points at it, else an SQLite file): every article is stored once,
no name makes two entities, and no process fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
GOODS = ["handbags", "watches", "perfumes", "trainers", "phone cases", "medicines"]
PORTS = ["Ningbo", "Shenzhen", "Rotterdam", "Antwerp", "Felixstowe", "Busan"]
BRANDS = ["Acme Watch Company", "Borealis Fashion Group", "Corvid Pharma"]

CENSUS = """
import json
from django.db.models import Count
from enforcement.models import Actor, Alias, Article, EventSource, Regulator, Statement, Statistic
from enforcement.models import normalize_name

def duplicates(names):
    seen = [normalize_name(n) for n in names]
    return len(seen) - len(set(seen))

print(json.dumps({
    "articles": Article.objects.count(),
    "locations": sorted(Article.objects.values_list("location", flat=True)),
    "duplicate_actors": duplicates(Actor.objects.values_list("name", flat=True)),
    "duplicate_regulators": duplicates(Regulator.objects.values_list("name", flat=True)),
    "entities_without_own_alias": sum(
        1 for e in [*Actor.objects.all(), *Regulator.objects.all()]
        if not Alias.objects.filter(normalized=normalize_name(e.name)).exists()
    ),
    "duplicate_keys": sum(
        model.objects.exclude(review_key="").values("article", "review_key")
        .annotate(n=Count("pk")).filter(n__gt=1).count()
        for model in (Statement, Statistic, EventSource)
    ),
}))
"""


def write_articles(folder: Path, first: int, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, first + count):
        brand = BRANDS[number % len(BRANDS)]
        text = (
            f"Customs officers in {PORTS[number % len(PORTS)]} seized {1000 + 37 * number:,} "
            f"fake {GOODS[number % len(GOODS)]} on Monday, the General Administration of "
            f"Customs said.\n\n{brand} filed a lawsuit against the sellers. "
            f'"We will not tolerate counterfeiters," said Li Wei{number}, a spokesman for {brand}.\n'
        )
        path = folder / f"article-{number:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def database_url(transactional_db, tmp_path):
    """A URL the child processes share: the test database itself on PostgreSQL, else a file."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        host, port = s["HOST"] or "127.0.0.1", s["PORT"] or "5432"
        user = s["USER"] or "postgres"
        return f"postgres://{user}@{host}:{port}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'concurrent.sqlite3'}"
    done = subprocess.run(
        [*MANAGE, "migrate", "-v0"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return url


def ingest_at_once(url: str, folder_sets: list[list[Path]]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "DATABASE_URL": url}
    processes = [
        subprocess.Popen(
            [*MANAGE, "ingest", *map(str, folders)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folders in folder_sets
    ]
    results = []
    for process, folders in zip(processes, folder_sets, strict=True):
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(folders, process.returncode, out, err))
    return results


def census(url: str) -> dict:
    done = subprocess.run(
        [*MANAGE, "shell", "--no-imports", "-c", CENSUS],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_then_four_ingests_at_once_store_every_article_once(database_url, tmp_path):
    folders = [tmp_path / f"folder-{letter}" for letter in "abcdef"]
    files = []
    for index, folder in enumerate(folders):
        files += write_articles(folder, first=index * 4, count=4)

    # Two at once over a shared folder, then four at once, each folder read by two of them.
    rounds = [
        [[folders[0], folders[1]], [folders[1], folders[0]]],
        [
            [folders[2], folders[3]],
            [folders[3], folders[4]],
            [folders[4], folders[5]],
            [folders[5], folders[2]],
        ],
    ]
    expected = set()
    for processes in rounds:
        results = ingest_at_once(database_url, processes)
        for result in results:
            assert result.returncode == 0, result.stderr
            assert "error:" not in result.stderr, result.stderr
        expected |= {
            str(p.resolve()) for group in processes for f in group for p in f.glob("*.txt")
        }
        seen = census(database_url)
        assert seen["locations"] == sorted(expected)
        assert seen["articles"] == len(expected)
        assert seen["duplicate_actors"] == 0 and seen["duplicate_regulators"] == 0
        assert seen["entities_without_own_alias"] == 0
        assert seen["duplicate_keys"] == 0
    assert len(expected) == len(files)
