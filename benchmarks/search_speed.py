"""How long does a dashboard search take, and is a huge one refused at once?

    .venv/bin/python benchmarks/search_speed.py [--events 20000]
    .venv/bin/python benchmarks/search_speed.py --database-url postgres://postgres@127.0.0.1:5432/DB

Fills an empty database (a temporary SQLite file, or the PostgreSQL database given,
which is flushed first) with N events, as many sources and statements, and a few
hundred regulators and actors, then times the event and statement lists through
Django's test client: no search, a 3-word search, a 32-word search (the bound) and a
5,000-word search (refused by the bound), after an ``ANALYZE`` (without table
statistics PostgreSQL may read a freshly filled table whole). Prints one line per request: status,
rows found, seconds (best of three).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="search-speed-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/db.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if args.database_url:
        call_command("flush", interactive=False, verbosity=0)
    fill(args.events)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would: the planner's row counts
    client = Client()
    print(f"{connection.vendor}, {args.events:,} events")
    searches = {
        "no search": "",
        "3 words": "regulator 7 fined",
        # The bound, every word found somewhere, each a different prefix.
        "32 words": " ".join(
            ["officers", "seized", "counterfeit", "goods", "case", "regulator", "market"]
            + ["supervision", "company", "trading", "raided", "fined", "sued", "closed"]
            + ["wor", "yua", "cou", "goo", "sup", "mar", "reg", "com", "tra", "off"]
            + ["cas", "sei", "rai", "fin", "clo", "sue", "7", "of"]
        ),
        "5,000 words": "counterfeit goods " * 2500,
    }
    for page in ("event-list", "statement-list"):
        for label, q in searches.items():
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                response = client.get(f"/{page.split('-')[0]}s/", {"q": q})
                best = min(best, time.perf_counter() - started)
            count = response.context["paginator"].count
            print(f"{page:15} {label:12} {response.status_code} {count:6} rows  {best:.3f} s")


def fill(events: int) -> None:
    from enforcement.models import Actor, Article, Event, EventSource, Regulator, Statement

    articles = Article.objects.bulk_create(
        Article(file_name=f"a{i}.txt", title=f"Article {i}", text="x", content_hash=f"{i:064d}")
        for i in range(50)
    )
    regulators = Regulator.objects.bulk_create(
        Regulator(name=f"Regulator {i} of market supervision") for i in range(200)
    )
    actors = Actor.objects.bulk_create(Actor(name=f"Company {i} trading") for i in range(500))
    verbs = ["seized", "raided", "fined", "sued", "closed"]
    rows = Event.objects.bulk_create(
        Event(kind="seizure", summary=f"Officers {verbs[i % 5]} counterfeit goods, case {i}")
        for i in range(events)
    )
    Event.regulators.through.objects.bulk_create(
        Event.regulators.through(event=e, regulator=regulators[i % 200]) for i, e in enumerate(rows)
    )
    Event.actors.through.objects.bulk_create(
        Event.actors.through(event=e, actor=actors[i % 500]) for i, e in enumerate(rows)
    )
    EventSource.objects.bulk_create(
        EventSource(event=e, article=articles[i % 50], quote=f"goods {verbs[i % 5]}", start=i)
        for i, e in enumerate(rows)
    )
    Statement.objects.bulk_create(
        Statement(
            article=articles[i % 50],
            text=f"We {verbs[i % 5]} counterfeit goods worth {i} yuan",
            quote="x",
            speaker_regulator=regulators[i % 200],
        )
        for i in range(events)
    )


if __name__ == "__main__":
    main()
