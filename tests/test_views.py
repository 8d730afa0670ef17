"""The dashboard's pages: empty states, query counts, filters, exports, escaping, admin links."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from enforcement.event_dates import refresh_report_dates
from enforcement.models import (
    Actor,
    Article,
    Event,
    EventSource,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)

LIST_PAGES = [
    "event-list",
    "statement-list",
    "statistic-list",
    "actor-list",
    "regulator-list",
    "article-list",
]
PAGES = ["overview", "timeline", "charts", *LIST_PAGES]

ROWS = 300


@pytest.fixture
def many_rows(db):
    """Hundreds of events, statements and figures across several articles and entities."""
    articles = Article.objects.bulk_create(
        Article(
            file_name=f"a{i}.txt",
            title=f"Article {i}",
            source="Daily",
            published=datetime.date(2014 + i, 1 + i, 10),
            text="x" * 400,
            content_hash=f"{i:064d}",
        )
        for i in range(4)
    )
    regulators = Regulator.objects.bulk_create(
        Regulator(name=f"Regulator {i}", country="CN" if i % 2 else "US") for i in range(5)
    )
    actors = Actor.objects.bulk_create(
        Actor(name=f"Actor {i}", kind="company", country="CN") for i in range(6)
    )
    kinds = ["report", "takedown", "prosecution", "seizure", "lawsuit"]
    events = Event.objects.bulk_create(
        Event(
            kind=kinds[i % len(kinds)],
            summary=f"Event number {i}",
            origin=Origin.EXTRACTED,
            date=None if i % 10 == 0 else datetime.date(2013 + i % 4, 1 + i % 12, 1 + i % 28),
            date_precision=["day", "month", "year"][i % 3],
        )
        for i in range(ROWS)
    )
    Event.regulators.through.objects.bulk_create(
        Event.regulators.through(event=event, regulator=regulators[i % len(regulators)])
        for i, event in enumerate(events)
    )
    Event.actors.through.objects.bulk_create(
        Event.actors.through(event=event, actor=actors[i % len(actors)])
        for i, event in enumerate(events)
    )
    EventSource.objects.bulk_create(
        EventSource(
            event=event,
            article=articles[i % len(articles)],
            quote="xx",
            start=i % 300,
            end=i % 300 + 2,
            origin=Origin.EXTRACTED,
        )
        for i, event in enumerate(events)
    )
    refresh_report_dates(event.pk for event in events)  # what the ingest does after storing
    Statement.objects.bulk_create(
        Statement(
            article=articles[i % len(articles)],
            text=f"Statement {i}",
            quote="xxx",
            start=i % 390,
            end=i % 390 + 3,
            origin=Origin.EXTRACTED,
            speaker_actor=actors[i % len(actors)] if i % 2 else None,
            speaker_regulator=None if i % 2 else regulators[i % len(regulators)],
        )
        for i in range(ROWS)
    )
    metrics = ["listings removed", "stores closed", "leads", "prosecutions", "sentencings"]
    measures = ["listings_removed", "stores_closed", "leads_referred", "prosecutions", "other"]
    Statistic.objects.bulk_create(
        Statistic(
            article=articles[i % len(articles)],
            value=1000 - i,
            unit="cases",
            metric=metrics[i % len(metrics)],
            measure=measures[i % len(measures)],
            quote="xxxx",
            start=i % 390,
            end=i % 390 + 4,
            subject_actor=actors[i % len(actors)],
            origin=Origin.EXTRACTED,
        )
        for i in range(ROWS)
    )
    return {"articles": articles, "regulators": regulators, "actors": actors, "events": events}


# Empty database -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_every_page_says_how_to_ingest_on_an_empty_database(client, db, name):
    response = client.get(reverse(f"enforcement:{name}"))
    assert response.status_code == 200
    assert "python manage.py ingest articles/" in response.text
    assert "make run" in response.text


@pytest.mark.parametrize("name", PAGES)
def test_pages_with_data_do_not_show_the_empty_state(client, populated, name):
    response = client.get(reverse(f"enforcement:{name}"))
    assert response.status_code == 200
    assert "No articles ingested yet" not in response.text


def test_detail_pages_render(client, populated, saic, jack_ma, article):
    for obj in (saic, jack_ma, article):
        response = client.get(obj.get_absolute_url())
        assert response.status_code == 200
        assert str(obj) in response.text
    response = client.get(jack_ma.get_absolute_url())
    assert "fakes are a problem" in response.text  # his statement
    assert "The SAIC released a white paper" in response.text  # his event


def test_an_unknown_detail_is_404(client, db):
    assert client.get(reverse("enforcement:actor-detail", args=[999])).status_code == 404


# A fixed number of queries whatever the number of rows ---------------------------------------


# Session and user lookups, the empty-database check, one query per filter <select>, the
# page's rows with their prefetches, one GROUP BY per chart or headline panel, and four for
# where sources disagree (the candidates, their values, those on the page, their rows).
# These tests run in a transaction, where no aggregate is cached (``generation``): they
# count a cold page. Charts that group by ids read the names of what they show after
# (the speakers: one query for actors, one for regulators; the regulators by kind: one),
# which is why the overview and charts cost one and two more than when they joined them.
# A warm page costs far fewer (tests/test_aggregate_cache.py).
MAX_QUERIES = {
    "overview": 25,
    "charts": 16,
    "timeline": 12,
    "event-list": 12,
    "statistic-list": 15,
    # Cold (nothing is cached inside a test's transaction): every entity's three counts in
    # grouped queries, the names for the order, then the page's rows; warm, a few.
    "actor-list": 15,
    "regulator-list": 15,
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_run_a_fixed_number_of_queries(
    client, many_rows, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES.get(name, 11)):
        response = client.get(reverse(f"enforcement:{name}"))
    assert response.status_code == 200


@pytest.mark.parametrize("name", LIST_PAGES)
def test_exports_run_a_fixed_number_of_queries(
    client, many_rows, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse(f"enforcement:{name}"), {"format": "json"})
        rows = json.loads(b"".join(response.streaming_content))
    assert rows


def test_detail_pages_run_a_fixed_number_of_queries(
    client, many_rows, django_assert_max_num_queries
):
    urls = [
        many_rows["actors"][0].get_absolute_url(),
        many_rows["regulators"][0].get_absolute_url(),
        many_rows["articles"][0].get_absolute_url(),
    ]
    for url in urls:
        # The entity pages add four for where sources disagree (two more inside the test's
        # transaction, where nothing is cached: the marks on the figures shown read the
        # figures again), one for the sources of the timeline's events (read for the
        # events drawn only, after choosing them), and one for which events come first
        # (``queries.first_rows``: cached outside a transaction).
        with django_assert_max_num_queries(10 if url.startswith("/articles/") else 18):
            assert client.get(url).status_code == 200


# Filters --------------------------------------------------------------------------------------


def test_kind_filter_narrows_the_event_list(client, many_rows):
    response = client.get(reverse("enforcement:event-list"), {"kind": "seizure"})
    events = list(response.context["object_list"])
    assert events and all(event.kind == "seizure" for event in events)
    assert response.context["paginator"].count == ROWS // 5


def test_regulator_country_and_date_filters_combine(client, many_rows):
    regulator = many_rows["regulators"][1]
    response = client.get(
        reverse("enforcement:event-list"),
        {
            "regulator": regulator.pk,
            "country": "CN",
            "date_from": "2014-01-01",
            "date_to": "2014-12-31",
        },
    )
    expected = Event.objects.filter(regulators=regulator, date__year=2014).count()
    assert response.context["paginator"].count == expected > 0


def test_text_search_matches_words_across_fields(client, many_rows):
    # "Regulator 2" is in the regulator's name, "number" and "42" in the summaries; a word
    # begins a word, so "42" is not found inside "142".
    response = client.get(reverse("enforcement:event-list"), {"q": "number 42 regulator 2"})
    summaries = {event.summary for event in response.context["object_list"]}
    assert summaries == {"Event number 42"}


def test_rejected_items_are_hidden_unless_asked_for(client, populated):
    Statement.objects.update(review_state=ReviewState.REJECTED)
    url = reverse("enforcement:statement-list")
    assert client.get(url).context["paginator"].count == 0
    assert client.get(url, {"review_state": "rejected"}).context["paginator"].count == 1


def test_actor_filter_on_statements_and_figures(client, many_rows):
    actor = many_rows["actors"][1]
    response = client.get(reverse("enforcement:statement-list"), {"actor": actor.pk})
    assert (
        response.context["paginator"].count == Statement.objects.filter(speaker_actor=actor).count()
    )
    response = client.get(reverse("enforcement:statistic-list"), {"actor": actor.pk})
    assert (
        response.context["paginator"].count == Statistic.objects.filter(subject_actor=actor).count()
    )


def test_entity_date_range_lists_each_actor_once(client, many_rows):
    response = client.get(reverse("enforcement:actor-list"), {"date_from": "2013-01-01"})
    names = [actor.name for actor in response.context["object_list"]]
    assert sorted(names) == sorted({actor.name for actor in many_rows["actors"]})


def test_charts_follow_the_filters(client, many_rows):
    url = reverse("enforcement:event-list")
    unfiltered = client.get(url).context["charts"][0].figure
    filtered = client.get(url, {"kind": "report"}).context["charts"][0].figure
    assert {trace["name"] for trace in unfiltered["data"]} > {"Report"}
    # Each kind may have two bars: dated by itself, and (hatched) by when it was reported.
    assert {trace["name"] for trace in filtered["data"]} == {"Report"}


def test_an_invalid_filter_shows_the_error_and_no_rows(client, many_rows):
    response = client.get(reverse("enforcement:event-list"), {"date_from": "not a date"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert "Enter a valid date" in response.text


def test_pagination_keeps_the_filters(client, many_rows):
    response = client.get(reverse("enforcement:event-list"), {"kind": "report"})
    assert "?kind=report&amp;page=2" in response.text


# Exports --------------------------------------------------------------------------------------


def test_csv_export_holds_exactly_the_filtered_rows(client, many_rows):
    response = client.get(reverse("enforcement:event-list"), {"kind": "takedown", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    expected = set(Event.objects.filter(kind="takedown").values_list("pk", flat=True))
    assert {int(row["id"]) for row in rows} == expected
    assert len(rows) == len(expected)  # not one page, and no repeats


def test_json_export_holds_exactly_the_filtered_rows(client, many_rows):
    actor = many_rows["actors"][2]
    response = client.get(
        reverse("enforcement:statistic-list"), {"actor": actor.pk, "format": "json"}
    )
    rows = json.loads(b"".join(response.streaming_content))
    expected = set(Statistic.objects.filter(subject_actor=actor).values_list("pk", flat=True))
    assert {row["id"] for row in rows} == expected and len(rows) == len(expected)
    assert rows[0]["subject"] == actor.name


@pytest.mark.parametrize("name", LIST_PAGES)
def test_every_list_exports_csv_and_json(client, populated, name):
    for export_format in ("csv", "json"):
        response = client.get(reverse(f"enforcement:{name}"), {"format": export_format})
        assert response.status_code == 200
        assert response.streaming
        body = b"".join(response.streaming_content).decode()
        assert body.strip()


def test_list_pages_link_to_their_exports_with_the_filters(client, populated):
    response = client.get(reverse("enforcement:event-list"), {"kind": "report", "page": 1})
    assert "?kind=report&amp;format=csv" in response.text
    assert "?kind=report&amp;format=json" in response.text


# Escaping ------------------------------------------------------------------------------------


HOSTILE = '<script>alert(1)</script> and "><img src=x onerror=alert(2)>'


@pytest.fixture
def hostile_article(db, jack_ma):
    text = f"Before. {HOSTILE} After."
    article = Article.objects.create(
        file_name="x.txt", title="<b>Bold</b> title", text=text, content_hash="b" * 64
    )
    start = text.index("<script>")
    Statement.objects.create(
        article=article,
        speaker_actor=jack_ma,
        text=HOSTILE,
        quote=HOSTILE,
        start=start,
        end=start + len(HOSTILE),
        origin=Origin.EXTRACTED,
    )
    return article


def test_article_text_is_escaped(client, hostile_article):
    response = client.get(hostile_article.get_absolute_url())
    assert "<script>alert(1)" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in response.text
    assert 'class="hl hl-statement"' in response.text  # the span is still highlighted


def test_lists_and_charts_escape_article_words(client, hostile_article):
    for name in ("statement-list", "overview"):
        response = client.get(reverse(f"enforcement:{name}"))
        assert "<script>alert(1)" not in response.text
        assert "<img src=x" not in response.text


def test_event_and_figure_rows_escape_every_word_they_show(client, hostile_article, jack_ma):
    # The rows are built in Python (enforcement/rows.py): each value must still be escaped.
    event = Event.objects.create(kind="raid", summary=HOSTILE, origin=Origin.EXTRACTED)
    event.actors.add(jack_ma)
    EventSource.objects.create(
        event=event, article=hostile_article, quote=HOSTILE, start=8, end=8 + len(HOSTILE)
    )
    Statistic.objects.create(
        article=hostile_article,
        value=3,
        unit="items",
        metric=HOSTILE,
        subject_actor=jack_ma,
        quote=HOSTILE,
        start=8,
        end=8 + len(HOSTILE),
    )
    for url in (
        reverse("enforcement:event-list"),
        reverse("enforcement:statistic-list"),
        jack_ma.get_absolute_url(),
    ):
        text = client.get(url).text
        assert "<script>alert(1)" not in text and "<img src=x" not in text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, url
        assert "&lt;b&gt;Bold&lt;/b&gt; title" in text, url  # the article's title, as source


def test_a_chart_embeds_its_figure_so_that_no_word_can_end_the_script():
    import plotly.graph_objects as go

    from enforcement.charts import Chart, _as_data

    title = '</script><img src=x onerror=alert(1)> & "quoted"'
    script = str(Chart("c", "A chart", _as_data(go.Figure(layout={"title": title}))).script)
    start, end = script.index(">") + 1, script.rindex("</script>")
    assert script[:start] == '<script id="c-data" type="application/json">'
    inner = script[start:end]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner)["layout"]["title"]["text"] == title


# Staff and visitors ---------------------------------------------------------------------------


def test_staff_see_admin_links_and_visitors_do_not(client, populated):
    url = reverse("enforcement:event-list")
    event_admin = reverse("admin:enforcement_event_change", args=[populated["event"].pk])
    assert event_admin not in client.get(url).text
    staff = User.objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(staff)
    assert event_admin in client.get(url).text


# Charts ---------------------------------------------------------------------------------------


def test_overview_carries_each_chart_as_json(client, many_rows):
    response = client.get(reverse("enforcement:overview"))
    chart_ids = [chart.id for chart in response.context["charts"] if chart.figure]
    assert chart_ids == [
        "events-per-quarter",
        "metric-over-time",
        "regulators-by-kind",
        "enforcement-funnel",
        "statements-per-speaker",
        "statements-by-stance",
    ]
    for chart_id in chart_ids:
        assert f'id="{chart_id}-data" type="application/json"' in response.text
    assert "plotly/plotly.min.js" in response.text
    assert "cdn" not in response.text.lower()
