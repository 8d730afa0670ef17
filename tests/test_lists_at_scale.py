"""Lists, filters and the timeline cost the same at any size (issue 12, the list side).

Pages read one row beyond the page instead of counting (``paging``); every list's order is
an index's (``models.EVENT_LIST_ORDER``, ``ITEM_LIST_ORDER``); the article, actor and
regulator filters render only the chosen row and suggest others as you type
(``choosers``); the timeline counts per period and lists one month at a time.
"""

from __future__ import annotations

import datetime
import functools
import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enforcement import choosers, queries
from enforcement.event_dates import refresh_report_dates
from enforcement.filters import (
    ActorFilter,
    ArticleFilter,
    EventFilter,
    RegulatorFilter,
    StatementFilter,
    StatisticFilter,
)
from enforcement.models import Actor, Article, Event, Origin, Regulator, Statement, Statistic
from tests.admin_forms import save_in_admin
from tests.test_ingest import make_result, store

LIST_URLS = [
    "/events/",
    "/statements/",
    "/statistics/",
    "/actors/",
    "/regulators/",
    "/articles/",
    "/timeline/",
]


def synthesize(events: int) -> None:
    call_command("synthesize", events=events, stdout=io.StringIO(), stderr=io.StringIO())
    # What synthesize must leave behind: every event's, statement's and figure's sort date.
    refresh_report_dates(Event.objects.values_list("pk", flat=True), every_item=True)


def a_year_page() -> str:
    """A year holding events known only to the year, so its page lists some."""
    day = Event.objects.filter(sort_date_precision="year").exclude(sort_date=None)
    return f"/timeline/{day.values_list('sort_date', flat=True).order_by('sort_date')[0].year}/"


def busiest_month() -> str:
    day = Event.objects.exclude(sort_date_precision="year").exclude(sort_date=None)
    day = day.values_list("sort_date", flat=True).order_by("sort_date").first()
    return f"/timeline/{day.year}/{day.month:02d}/"


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def article(n: int, **fields) -> Article:
    return Article.objects.create(
        **{
            "file_name": f"a{n}.txt",
            "location": f"/tmp/a{n}.txt",
            "title": f"Article number {n}",
            "text": "x",
            "content_hash": f"{n:064d}",
            **fields,
        }
    )


# Query counts and counting ---------------------------------------------------------------


def test_every_list_page_runs_as_many_queries_with_many_rows_as_with_few(client, db):
    few, many = {}, {}
    for size, seen in ((200, few), (1_500, many)):
        synthesize(size)
        pages = {
            **{url: url for url in [*LIST_URLS, "/events/?page=2"]},
            "a year": a_year_page(),
            "a month": busiest_month(),
        }
        for name, url in pages.items():
            seen[name] = len(queries_of(client, url))
    assert many == few


def test_no_list_page_counts_all_its_rows(client, db):
    synthesize(300)
    lists = {
        "/events/": (EventFilter, queries.events),
        "/statements/": (StatementFilter, queries.statements),
        "/statistics/": (StatisticFilter, queries.statistics),
        "/actors/": (ActorFilter, functools.partial(queries.entity_rows, Actor)),
        "/regulators/": (RegulatorFilter, functools.partial(queries.entity_rows, Regulator)),
        "/articles/": (ArticleFilter, queries.articles),
    }
    for url, (filterset, rows) in lists.items():
        with CaptureQueriesContext(connection) as counted:
            filterset({}, queryset=rows()).qs.count()
        the_lists_count = counted.captured_queries[-1]["sql"]
        assert "COUNT(" in the_lists_count
        assert the_lists_count not in queries_of(client, url), url
        if filterset not in (ActorFilter, RegulatorFilter):  # fewer than a page of them
            assert the_lists_count not in queries_of(client, url + "?page=2"), url


def test_a_list_that_fits_one_page_says_how_many_and_a_longer_one_pages_on(client, db):
    synthesize(120)
    short = client.get("/events/", {"kind": "meeting"})
    rows = len(short.context["object_list"])
    assert not short.context["is_paginated"]
    assert f"{rows} events" in short.text

    first = client.get("/events/")
    assert first.context["page_obj"].has_next()
    assert "Events 1–50, more on the next page" in first.text
    assert 'rel="next"' in first.text and ">Last<" not in first.text
    second = client.get("/events/", {"page": 2})
    assert "Events 51–100" in second.text
    shown = [e.pk for e in first.context["object_list"]] + [
        e.pk for e in second.context["object_list"]
    ]
    assert shown == list(
        queries.events().exclude(review_state="rejected").values_list("pk", flat=True)[:100]
    )
    assert client.get("/events/", {"page": 9999}).status_code == 404
    assert client.get("/events/", {"page": "x"}).status_code == 404


# The order is an index's -----------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.parametrize(
    "rows, index",
    [
        (lambda: queries.events(), "event_list_order"),
        (lambda: queries.events().filter(kind="seizure"), "event_kind_list_order"),
        (lambda: queries.statements(), "statement_list_order"),
        (lambda: queries.statements().filter(stance="commitment"), "statement_stance_order"),
        (lambda: queries.statistics(), "statistic_list_order"),
        (lambda: queries.statistics().filter(measure="fine"), "statistic_measure_order"),
    ],
)
def test_each_lists_order_is_read_off_an_index_not_sorted(db, rows, index):
    synthesize(200)
    sql, params = rows()[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " | ".join(row[3] for row in cursor.fetchall())
    assert index in plan
    assert "TEMP B-TREE" not in plan


def test_statements_and_figures_are_listed_newest_first_by_their_own_or_their_articles_date(
    client, db
):
    dated, undated_article = article(1, published=datetime.date(2020, 5, 1)), article(2)
    rows = [
        Statement.objects.create(
            article=dated, text="own", quote="own", date=datetime.date(2021, 1, 1)
        ),
        Statement.objects.create(article=dated, text="article's", quote="article's"),
        Statement.objects.create(article=undated_article, text="none", quote="none"),
    ]
    assert [(s.sort_date, s.undated) for s in rows] == [
        (datetime.date(2021, 1, 1), False),
        (datetime.date(2020, 5, 1), False),
        (None, True),
    ]
    response = client.get("/statements/")
    assert [s.text for s in response.context["object_list"]] == ["own", "article's", "none"]
    found = client.get("/statements/", {"date_from": "2020-05-01", "date_to": "2020-05-31"})
    assert [s.text for s in found.context["object_list"]] == ["article's"]


def test_an_ingested_articles_statements_and_figures_get_their_sort_date(db):
    store(make_result())
    assert Statement.objects.exists() and Statistic.objects.exists()
    for model in (Statement, Statistic):
        for row in model.objects.select_related("article"):
            assert row.sort_date == (row.date or row.article.published)
            assert row.undated is False


def test_an_articles_new_date_in_the_admin_moves_its_statements_and_figures(client, db):
    store(make_result())
    client.force_login(User.objects.create_superuser("reviewer", "r@example.com", "pw"))
    stored = Article.objects.get()
    save_in_admin(client, Article, stored.pk, published="2019-06-01", published_precision="day")
    for model in (Statement, Statistic):
        for row in model.objects.filter(date__isnull=True):
            assert row.sort_date == datetime.date(2019, 6, 1)


def test_a_new_date_for_an_article_telling_no_event_moves_its_statements(client, db):
    stored = article(1, published=datetime.date(2020, 5, 1))
    statement = Statement.objects.create(article=stored, text="words", quote="words")
    client.force_login(User.objects.create_superuser("reviewer", "r@example.com", "pw"))
    save_in_admin(client, Article, stored.pk, published="2018-02-03", published_precision="day")
    statement.refresh_from_db()
    assert statement.sort_date == datetime.date(2018, 2, 3)


def test_refresh_report_dates_works_out_every_statement_and_figure_when_asked(db):
    store(make_result())
    Statement.objects.update(sort_date=None, undated=True)  # as if left stale
    refresh_report_dates((), every_item=True)
    assert not Statement.objects.filter(sort_date=None).exists()
    assert not Statement.objects.filter(undated=True).exists()


# Choosers -----------------------------------------------------------------------------


def test_a_list_page_is_the_same_size_with_three_hundred_articles_as_with_three(client, db):
    # The article list itself lists a page of them: compared past one page below.
    others = [url for url in LIST_URLS if url != "/articles/"]
    for n in range(3):
        article(n)
    sizes = {url: len(client.get(url).content) for url in others}
    for n in range(3, 60):
        article(n)
    listed = len(client.get("/articles/").content)
    for n in range(60, 300):
        article(n)
    assert {url: len(client.get(url).content) for url in others} == sizes
    assert abs(len(client.get("/articles/").content) - listed) < 0.02 * listed


def test_a_chosen_article_in_the_url_is_shown_by_its_title_and_alone(client, db):
    for n in range(30):
        article(n, source="Example Daily")
    chosen = Article.objects.get(file_name="a12.txt")
    response = client.get("/events/", {"article": chosen.pk})
    text = response.text
    select = text[
        text.index('name="article"') : text.index("</select>", text.index('name="article"'))
    ]
    assert select.count("<option") == 2  # "Any article" and the chosen one
    assert f'value="{chosen.pk}" selected' in select
    assert "Article number 12 (Example Daily)" in select
    assert 'data-chooser-url="/choose/articles/"' in text
    assert "enforcement/js/chooser" in text


def test_the_chooser_suggests_at_most_twenty_matching_rows_in_order(client, db):
    for n in range(40):
        article(n)
    article(99, title="Customs seize handbags")
    answer = client.get("/choose/articles/", {"q": "article numb"}).json()["results"]
    assert len(answer) == choosers.LIMIT
    assert [row["id"] for row in answer] == sorted((row["id"] for row in answer), reverse=True)
    assert all(row["label"].startswith("Article number") for row in answer)
    assert [
        r["label"] for r in client.get("/choose/articles/", {"q": "handbag"}).json()["results"]
    ] == ["Customs seize handbags"]
    assert client.get("/choose/articles/", {"q": ""}).json() == {"results": []}


def test_the_chooser_finds_actors_and_regulators_by_name_and_alias(client, db, saic, jack_ma):
    Actor.objects.create(name="Alibaba", kind="platform", origin=Origin.EXTRACTED)
    actors = client.get("/choose/actors/", {"q": "ma"}).json()["results"]
    assert [row["label"] for row in actors] == ["Jack Ma"]
    regulators = client.get("/choose/regulators/", {"q": "saic"}).json()["results"]
    assert regulators == [{"id": saic.pk, "label": f"{saic.name} (CN)"}]
    assert Regulator.objects.count() == 1


def test_the_chooser_says_what_is_wrong_past_the_searchs_bound_and_knows_only_its_kinds(client, db):
    response = client.get("/choose/actors/", {"q": " ".join(["word"] * 40)})
    assert response.status_code == 400
    assert json.loads(response.content)["results"] == []
    assert "words" in json.loads(response.content)["problem"]
    assert client.get("/choose/events/", {"q": "x"}).status_code == 404
