"""The dashboard's text search: on the full-text index, bounded, current after every writer."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from enforcement import exports, search
from enforcement.merging import merge_entities
from enforcement.models import (
    Actor,
    Alias,
    Article,
    Event,
    EventSource,
    Origin,
    Regulator,
    Statement,
)
from tests.test_admin import admin_url
from tests.test_ingest import make_result, store
from tests.test_views import LIST_PAGES, MAX_QUERIES, many_rows  # noqa: F401 (a fixture)


def found(client, name: str, q: str) -> list:
    response = client.get(reverse(f"enforcement:{name}"), {"q": q})
    assert response.status_code == 200
    return list(response.context["paginator"].object_list)  # every page


def summaries(client, q: str) -> set[str]:
    return {event.summary for event in found(client, "event-list", q)}


# The bound ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_search_of_325_words_is_a_form_error_not_a_server_error(client, populated, name):
    response = client.get(reverse(f"enforcement:{name}"), {"q": " ".join(["fakes"] * 325)})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert f"Search at most {search.MAX_WORDS} words" in response.text


@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_word_of_100000_characters_is_a_form_error(client, populated, name):
    response = client.get(reverse(f"enforcement:{name}"), {"q": "x" * 100_000})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert f"Search for at most {search.MAX_CHARS} characters" in response.text


def test_the_overview_with_a_huge_search_shows_nothing_and_no_error_page(client, populated):
    response = client.get(reverse("enforcement:overview"), {"q": "fakes " * 400})
    assert response.status_code == 200
    assert list(response.context["events"]) == []


def test_a_5000_word_search_is_refused_at_once(client, many_rows):  # noqa: F811
    started = time.monotonic()
    response = client.get(reverse("enforcement:event-list"), {"q": "event number " * 2500})
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert elapsed < 2.0, f"took {elapsed:.1f} s"


def test_punctuation_alone_is_a_form_error_saying_what_to_search(client, populated):
    response = client.get(reverse("enforcement:event-list"), {"q": '" * - ( )'})
    assert response.context["paginator"].count == 0
    assert "words with letters or digits" in response.text


def test_32_words_are_searched(client, populated):
    words = "the saic released a white paper " * 5 + "the saic"
    assert len(words.split()) == search.MAX_WORDS
    assert summaries(client, words) == {"The SAIC released a white paper"}


# Exports check before they stream --------------------------------------------------------


@pytest.mark.parametrize("export_format", ["csv", "json"])
@pytest.mark.parametrize("name", LIST_PAGES)
def test_an_export_with_a_bad_search_answers_400_in_one_line(
    client, populated, name, export_format
):
    response = client.get(
        reverse(f"enforcement:{name}"), {"q": "x" * 100_000, "format": export_format}
    )
    assert response.status_code == 400
    assert not response.streaming
    body = response.content.decode()
    assert body.count("\n") == 1 and body.startswith("Nothing exported. Search: ")
    assert f"at most {search.MAX_CHARS} characters" in body


def test_an_export_with_a_good_search_holds_the_found_rows(client, populated):
    response = client.get(reverse("enforcement:statement-list"), {"q": "jack", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["speaker"] for row in rows] == ["Jack Ma"]


def test_an_export_whose_database_fails_midway_raises_instead_of_ending_cleanly(client, db):
    article = Article.objects.create(file_name="a.txt", text="t", content_hash="h")
    # More than one chunk, so that the stream has a chunk left to read when the database fails.
    count = exports.CHUNK_SIZE + 200
    events = Event.objects.bulk_create(
        Event(kind="report", summary=f"Event {i}", origin=Origin.EXTRACTED) for i in range(count)
    )
    EventSource.objects.bulk_create(
        EventSource(event=event, article=article, quote="t", start=i, origin=Origin.EXTRACTED)
        for i, event in enumerate(events)
    )
    response = client.get(reverse("enforcement:event-list"), {"format": "json"})
    stream = iter(response.streaming_content)
    received = [next(stream), next(stream)]  # "[" and the first chunk are read
    assert received[0] == b"[" and received[1].count(b"\n") == exports.CHUNK_SIZE
    # The database loses a table the next chunk needs (inside the test's transaction).
    if connection.vendor == "sqlite":
        connection.connection.interrupt()  # every statement now running or next started fails
    else:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("DROP TABLE enforcement_eventsource")
    with pytest.raises(DatabaseError):
        received.extend(stream)
    assert not b"".join(received).rstrip().endswith(b"]")


# What a search finds -------------------------------------------------------------------


def test_an_event_is_found_by_its_regulators_name_and_alias(client, populated):
    expected = {"The SAIC released a white paper"}
    assert summaries(client, "state administration") == expected
    Event.objects.update(summary="A white paper")
    EventSource.objects.update(quote="A white paper")
    assert summaries(client, "saic paper") == {"A white paper"}  # the alias, and the summary
    assert summaries(client, "commerce jack") == {"A white paper"}  # regulator and actor


def test_a_statement_is_found_by_its_speaker_and_a_figure_by_its_subject(client, populated):
    assert [s.text for s in found(client, "statement-list", "jack problem")] == [
        "fakes are a problem"
    ]
    assert found(client, "statement-list", "jack nonsense") == []
    assert [s.metric for s in found(client, "statistic-list", "ma listings")] == [
        "listings removed"
    ]


def test_entities_are_found_by_name_alias_and_notes_and_articles_by_their_text(
    client, populated, saic
):
    Regulator.objects.filter(pk=saic.pk).update(notes="Merged into SAMR in 2018.")
    assert found(client, "regulator-list", "saic") == [saic]
    assert found(client, "regulator-list", "samr 2018") == [saic]
    assert found(client, "actor-list", "jack") == [populated["statement"].speaker_actor]
    assert [a.title for a in found(client, "article-list", "white million daily")] == [
        "Sample article"
    ]


def test_a_word_finds_words_it_begins_case_aside(client, populated):
    assert summaries(client, "RELEAS whi") == {"The SAIC released a white paper"}
    assert summaries(client, "eleased") == set()  # the middle of a word is not a word


def test_a_word_shorter_than_three_characters_matches_only_a_whole_word(client, populated):
    Actor.objects.create(name="Zhang Mao", kind="person")
    assert [a.name for a in found(client, "actor-list", "ma")] == ["Jack Ma"]
    assert [a.name for a in found(client, "actor-list", "mao")] == ["Zhang Mao"]
    assert summaries(client, "pa") == set()  # not "paper"


@pytest.mark.parametrize(
    "q",
    [
        '"saic',
        "saic*",
        "-saic",
        "(saic)",
        "saic)",
        "saic & paper",
        "saic | !paper",
        "'saic'",
        "saic\\",
        "{saic}",
        "^saic",
        "saic\x00paper",
        "saic\x07\x1b",
        "saic\u200b",
        "saic " + "\u202e",
        'saic -- "',
    ],
)
def test_no_input_is_search_syntax(client, populated, q):
    assert summaries(client, q) == {"The SAIC released a white paper"}


@pytest.mark.parametrize(
    "q",
    [
        "saic NEAR paper",
        "saic OR paper",
        "NOT saic",
        "saic NEAR(paper)",
        "saic:paper",
        'saic"paper',
    ],
)
def test_operators_are_words_that_must_be_found_too(client, populated, q):
    assert summaries(client, q) == set()


@pytest.mark.parametrize("q", ["NEAR", "AND", "OR", "NOT", "Ünïcødé", "中国", "naïve café"])
def test_words_that_are_operators_elsewhere_or_not_ascii_are_plain_words(client, article, q):
    Article.objects.filter(pk=article.pk).update(text=f"Before {q} after.")
    assert [a.pk for a in found(client, "article-list", q)] == [article.pk]
    assert found(client, "article-list", q + "zzz") == []


def _finds(term: str, word: str) -> bool:
    return word.startswith(term) if len(term) >= search.PREFIX_FROM else word == term


def test_search_matches_words_across_fields_like_the_rule_says(client, many_rows):  # noqa: F811
    q = "regulator 2 number 4 eve"
    expected = set()
    for event in Event.objects.prefetch_related("regulators", "actors", "sources"):
        names = [r.name for r in event.regulators.all()] + [a.name for a in event.actors.all()]
        words = " ".join([event.summary, *names, *(s.quote for s in event.sources.all())])
        words = words.lower().split()
        if all(any(_finds(term, w) for w in words) for term in q.split()):
            expected.add(event.summary)
    assert expected and summaries(client, q) == expected


# Current after every writer ---------------------------------------------------------------


def test_the_index_is_current_after_an_ingest(client, db):
    assert found(client, "event-list", "alibaba saic") == []
    store(make_result(), "first")
    assert len(found(client, "event-list", "alibaba saic")) == 1  # its actor and regulator
    assert [s.quote for s in found(client, "statement-list", "zhang outlaws")] == [
        "Jack Ma is not in the land of outlaws"
    ]
    assert len(found(client, "statistic-list", "alibaba million")) == 1
    assert len(found(client, "article-list", "outlaws")) == 1


def test_the_index_is_current_after_an_admin_renames_a_regulator(admin_client, db):
    store(make_result(), "first")
    saic = Regulator.objects.get()
    assert found(admin_client, "event-list", "samr") == []
    response = admin_client.post(
        admin_url(Regulator, "change", saic.pk),
        {
            "name": "State Administration for Market Regulation (SAMR)",
            "kind": "agency",
            "country": "CN",
            "notes": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(found(admin_client, "event-list", "samr alibaba")) == 1
    assert found(admin_client, "regulator-list", "market regulation") == [saic]


def test_the_index_is_current_after_a_merge(client, populated, jack_ma):
    other = Actor.objects.create(name="Ma Yun", kind="person", origin=Origin.EXTRACTED)
    statement = Statement.objects.create(
        article=populated["statement"].article,
        speaker_actor=other,
        text="we will sue",
        quote="we will sue",
        origin=Origin.EXTRACTED,
    )
    assert found(client, "statement-list", "jack sue") == []
    merge_entities(jack_ma, other)
    assert found(client, "statement-list", "jack sue") == [statement]
    assert found(client, "statement-list", "yun sue") == [statement]  # the merged name, an alias
    assert not Actor.objects.filter(name="Ma Yun").exists()
    assert found(client, "actor-list", "yun") == [jack_ma]


def test_a_deleted_row_leaves_the_index(client, populated):
    Alias.objects.filter(name="SAIC").delete()
    assert summaries(client, "saic paper") == {"The SAIC released a white paper"}  # the summary
    Event.objects.update(summary="A paper")
    EventSource.objects.all().delete()
    assert summaries(client, "saic paper") == set()


# Cost -------------------------------------------------------------------------------------


# A word each list's rows hold, in their own columns or a related row's.
PAGE_WORDS = {
    "event-list": "number regulator 1",
    "statement-list": "statement actor 1",
    "statistic-list": "cases actor 1",
    "actor-list": "actor",
    "regulator-list": "regulator",
    "article-list": "article daily",
}


@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_searched_list_runs_as_many_queries_as_an_unsearched_one(
    client,
    many_rows,  # noqa: F811
    name,
    django_assert_max_num_queries,
):
    with django_assert_max_num_queries(MAX_QUERIES.get(name, 11)):
        response = client.get(reverse(f"enforcement:{name}"), {"q": PAGE_WORDS[name]})
    assert response.status_code == 200
    assert response.context["paginator"].count > 0


def test_a_searched_export_runs_a_fixed_number_of_queries(
    client,
    many_rows,  # noqa: F811
    django_assert_max_num_queries,
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("enforcement:event-list"), {"q": "event", "format": "json"})
        rows = json.loads(b"".join(response.streaming_content))
    assert len(rows) == Event.objects.count()


def test_postgresql_uses_the_gin_index_and_sqlite_the_fts5_table(db, populated):
    query = search.matching(Event.objects.all(), search.EVENT_WORDS, "saic")
    with connection.cursor() as cursor:
        sql, params = query.query.sql_with_params()
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is read whole
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        assert "enforcement_event_search_event" in plan
        assert "enforcement_regulator_search_regulator_name" in plan
    else:
        assert "enforcement_event__search_event VIRTUAL TABLE INDEX" in plan
    assert list(query) == [populated["event"]]


# The migration --------------------------------------------------------------------------


BEFORE = [("enforcement", "0005_reliability")]
AFTER = [("enforcement", "0006_search_indexes")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_indexes_rows_stored_before_it_and_reverses_cleanly():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        old.get_model("enforcement", "Article").objects.create(
            file_name="old.txt", title="Counterfeit handbags", text="t", content_hash="h"
        )
        assert _index_names() == set()
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        assert _index_names() == set(search.INDEXES)
        found_rows = search.matching(Article.objects.all(), search.ARTICLE_WORDS, "handbag")
        assert [a.file_name for a in found_rows] == ["old.txt"]
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        assert _index_names() == set()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _index_names() -> set[str]:
    """The search indexes present in the database, by ``search.INDEXES`` name."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_search_%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%%__search_%%'")
        present = {row[0] for row in cursor.fetchall()}
    return {
        name
        for name, index in search.INDEXES.items()
        if any(p.endswith(f"search_{name}") for p in present)
    }


@pytest.mark.django_db(transaction=True)
def test_a_table_rebuilt_by_a_later_migration_gets_its_index_back(client):
    # SQLite's table rebuild drops the table's triggers; PostgreSQL keeps its indexes.
    Regulator.objects.create(name="Intellectual Property Office")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for trigger in ("insert", "update", "delete"):
                cursor.execute(
                    f'DROP TRIGGER "enforcement_regulator__search_regulator_name_{trigger}"'
                )
        (stale,) = Regulator.objects.bulk_create([Regulator(name="Trademark Office")])
        assert found(client, "regulator-list", "trademark") == []
        assert search.ensure_indexes() == ["regulator_name"]
        assert found(client, "regulator-list", "trademark") == [stale]
    else:
        assert search.ensure_indexes() == []
    assert len(found(client, "regulator-list", "office")) >= 1
