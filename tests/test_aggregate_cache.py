"""The pages' aggregates come from a cache keyed by the data generation (enforcement.generation):
every write bumps it, so a page never shows a value cached before the write.

These tests commit (``transaction=True``): inside a transaction nothing is cached, so only
committed writes and autocommit reads, as in production, exercise the cache."""

from __future__ import annotations

import datetime
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enforcement import charts, generation, queries
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
from tests.admin_forms import admin_url, save_in_admin
from tests.test_ingest import make_result, store

pytestmark = pytest.mark.django_db(transaction=True)


def chart(response, chart_id: str) -> charts.Chart:
    return next(c for c in response.context["charts"] if c.id == chart_id)


def speakers(client) -> dict[str, int]:
    """Statements per speaker as the charts page draws them."""
    figure = chart(client.get(reverse("enforcement:charts")), "statements-per-speaker").figure
    if figure is None:
        return {}
    totals: dict[str, int] = {}
    for trace in figure["data"]:
        for name, count in zip(trace["y"], trace["x"], strict=True):
            totals[name] = totals.get(name, 0) + count
    return {name: count for name, count in totals.items() if count}


def event_kinds(client) -> set[str]:
    figure = chart(client.get(reverse("enforcement:charts")), "events-per-quarter").figure
    return {trace["name"] for trace in figure["data"]} if figure else set()


def queries_of(client, url: str, cold: bool = False) -> int:
    if cold:
        generation.cache().clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# Each aggregate is current after every kind of write --------------------------------------


def test_the_charts_show_an_ingested_article_at_once_not_the_cached_aggregate(client, populated):
    assert speakers(client) == {"Jack Ma": 1}
    cached = queries_of(client, reverse("enforcement:charts"))
    store(make_result(file="b.txt"))  # the ingest's own store, one transaction
    assert speakers(client) == {"Jack Ma": 1, "Zhang Mao": 1}
    assert queries_of(client, reverse("enforcement:charts")) == cached


def test_the_charts_show_an_admin_edit_at_once(admin_client, client, populated):
    event = populated["event"]
    assert event_kinds(client) == {"Report"}
    save_in_admin(admin_client, Event, event.pk, kind="seizure")
    assert event_kinds(client) == {"Seizure"}


def test_a_rejection_in_the_admin_leaves_every_aggregate_at_once(admin_client, client, populated):
    statement = populated["statement"]
    assert speakers(client) == {"Jack Ma": 1}
    entity_page = client.get(populated["statement"].speaker_actor.get_absolute_url())
    assert entity_page.context["object"].statement_count == 1
    response = admin_client.post(
        admin_url(Statement, "changelist"),
        {"action": "mark_rejected", "_selected_action": [statement.pk]},
    )
    assert response.status_code == 302
    assert Statement.objects.get().review_state == ReviewState.REJECTED
    assert speakers(client) == {}
    entity_page = client.get(populated["statement"].speaker_actor.get_absolute_url())
    assert entity_page.context["object"].statement_count == 0
    assert queries.entity_counts(Actor)[statement.speaker_actor_id].statements == 0


def test_a_merge_moves_the_merged_entrys_counts_to_the_survivor_at_once(
    admin_client, client, populated, jack_ma
):
    twin = Actor.objects.create(name="Ma Yun", kind="person", origin=Origin.EXTRACTED)
    Statement.objects.create(
        article=populated["statement"].article,
        speaker_actor=twin,
        text="we fight fakes",
        quote="fakes",
        origin=Origin.EXTRACTED,
    )
    assert speakers(client) == {"Jack Ma": 1, "Ma Yun": 1}
    assert client.get(jack_ma.get_absolute_url()).context["object"].statement_count == 1
    assert queries.entity_counts(Actor)[twin.pk].statements == 1
    response = admin_client.post(
        admin_url(Actor, "changelist"),
        {"action": "merge_selected", "_selected_action": [jack_ma.pk, twin.pk]},
    )
    assert response.status_code == 302
    assert speakers(client) == {"Jack Ma": 2}
    assert client.get(jack_ma.get_absolute_url()).context["object"].statement_count == 2
    counts = queries.entity_counts(Actor)
    assert counts[jack_ma.pk].statements == 2 and twin.pk not in counts


def listings_removed(value, article) -> Statistic:
    """A figure of listings removed in 2015, as ``article`` gives it."""
    return Statistic.objects.create(
        article=article,
        value=value,
        unit="listings",
        metric="listings removed",
        measure="listings_removed",
        quote=f"{value} listings",
        date=datetime.date(2015, 1, 1),
        date_precision="year",
        origin=Origin.EXTRACTED,
    )


def test_the_overview_shows_a_new_headline_figure_and_disagreement_at_once(client, article):
    figure = listings_removed
    figure(100, article)
    overview = client.get(reverse("enforcement:overview"))
    assert [h.largest.value for h in overview.context["headline_figures"]] == [100]
    assert overview.context["disagreements"] == []
    other = Article.objects.create(
        file_name="b.txt", text="500 listings", content_hash="b" * 64, published=article.published
    )
    rival = figure(500, other)
    overview = client.get(reverse("enforcement:overview"))
    assert [h.largest.value for h in overview.context["headline_figures"]] == [500]
    [conflict] = overview.context["disagreements"]
    assert rival.pk in {shown.pk for side in conflict.sides for shown in side}


def test_a_pages_marks_are_read_a_range_of_figures_at_a_time_and_a_lost_range_is_worked_out_again(
    article, monkeypatch
):
    monkeypatch.setattr(queries, "FIGURE_RANGE", 2)  # a range of two keys: pieces to lose

    def figure(value, number):
        other = Article.objects.create(
            file_name=f"{number}.txt",
            text=f"{value} listings",
            content_hash=str(number) * 64,
            published=article.published,
        )
        return listings_removed(value, other)

    low, alike, high = figure(100, 1), figure(100, 2), figure(500, 3)
    marks = queries.figure_marks([low.pk, alike.pk, high.pk])
    assert marks.flagged == {low.pk, alike.pk, high.pk}
    assert marks.also_told_by == {low.pk: (alike.article_id,), alike.pk: (low.article_id,)}
    # Only the pieces of the figures asked about are read, and each is its own key.
    epoch, number = generation.current()
    marker = f"fw:{generation.CODE}:figure-analysis:{epoch}:{number}:{generation.key_of()}"
    pieces = generation.cache().get(marker)
    assert {f"figures-{f.pk // 2}" for f in (low, alike, high)} <= pieces
    # A piece the cache has lost is worked out again, not read as "nothing flagged".
    generation.cache().delete(f"{marker}:figures-{high.pk // 2}")
    assert queries.figure_marks([high.pk]).flagged == {high.pk}
    # A range holding no mark is no piece at all, and marks nothing.
    assert queries.figure_marks([high.pk + 1000]) == queries.FigureMarks(set(), {})


def test_the_entity_lists_counts_follow_a_write_without_a_count_per_row(client, populated, saic):
    other = Regulator.objects.create(name="Customs", kind="customs", origin=Origin.EXTRACTED)
    assert queries.by_event_count(queries.entity_rows(Regulator)) == [saic.pk, other.pk]
    for day in (1, 2):
        event = Event.objects.create(
            kind="seizure", summary="seized", date=datetime.date(2016, 1, day)
        )
        event.regulators.add(other)
    assert queries.by_event_count(queries.entity_rows(Regulator)) == [other.pk, saic.pk]
    shown = queries.with_counts(queries.entity_rows(Regulator).order_by("name"))
    assert [(r.name, r.event_count) for r in shown] == [("Customs", 2), (saic.name, 1)]
    bars = queries.entity_event_counts(queries.entity_rows(Regulator))
    assert [(row["name"], row["event_count"]) for row in bars] == [("Customs", 2), (saic.name, 1)]


# The generation itself ----------------------------------------------------------------------


def test_a_bulk_update_and_raw_sql_on_every_aggregated_table_bump_the_generation(populated):
    before = generation.current()
    Statement.objects.update(stance="warning")
    after_update = generation.current()
    assert after_update[0] == before[0] and after_update[1] > before[1]
    seen = after_update[1]
    for table in generation.TABLES:
        with connection.cursor() as cursor:
            cursor.execute(f'UPDATE "{table}" SET id = id')
        number = generation.current()[1]
        assert number > seen, table
        seen = number


def test_nothing_is_cached_inside_a_transaction_that_may_yet_roll_back(populated):
    from django.db import transaction

    with transaction.atomic():
        Statement.objects.update(stance="warning")
        assert generation.current() is None
        inside = queries.statements_by_stance(Statement.objects.all())
        assert [row["stance"] for row in inside] == ["warning"]
        transaction.set_rollback(True)
    outside = queries.statements_by_stance(Statement.objects.all())
    assert [row["stance"] for row in outside] == ["other"]


def test_a_lost_generation_row_starts_a_new_epoch(populated):
    epoch, _number = generation.current()
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{generation.GENERATION_TABLE}"')
    renewed = generation.current()
    assert renewed is not None and renewed[0] != epoch
    Statement.objects.update(stance="warning")
    assert generation.current()[1] == renewed[1] + 1


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_triggers_a_table_rebuild_dropped_are_put_back(populated):
    name = f"{generation.TRIGGER}_enforcement_statement_update"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER "{name}"')
    assert generation.ensure_triggers() == ["enforcement_statement"]
    before = generation.current()[1]
    Statement.objects.update(stance="warning")
    assert generation.current()[1] == before + 1
    assert generation.ensure_triggers() == []


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_writer_never_waits_for_another_writers_bump_and_readers_see_only_commits(populated):
    """Two transactions write at once: the second does not wait for the first (the triggers
    add no lock another writer holds), and the generation counts each at its commit."""
    start = generation.current()[1]
    first = connections.create_connection("default")
    try:
        first.set_autocommit(False)
        with first.cursor() as cursor:
            cursor.execute("UPDATE enforcement_statement SET stance = 'warning'")
        assert generation.current()[1] == start  # not committed: not counted

        done = []

        def second_writer():
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '3s'")
                    cursor.execute("UPDATE enforcement_actor SET notes = 'second'")
                done.append(True)
            finally:
                other.close()

        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(10)
        assert done == [True]
        assert generation.current()[1] == start + 1
        first.commit()
        assert generation.current()[1] == start + 2
    finally:
        first.close()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_compaction_keeps_the_generation_and_empties_the_change_rows(populated):
    for stance in ("warning", "denial", "praise"):
        Statement.objects.update(stance=stance)
    before = generation.current()
    assert generation.compact()
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{generation.CHANGE_TABLE}"')
        assert cursor.fetchone()[0] == 0
    assert generation.current() == before
    Statement.objects.update(stance="other")
    assert generation.current()[1] == before[1] + 1


# Bounded charts and flat query counts -------------------------------------------------------


def build(events: int, offset: int = 0) -> None:
    """``events`` events, statements and figures over 2014-2017, on a few articles."""
    articles = Article.objects.bulk_create(
        Article(
            file_name=f"s{offset + i}.txt",
            title=f"Article {offset + i}",
            published=datetime.date(2014 + i % 4, 1 + i % 12, 1),
            text="x" * 50,
            content_hash=f"{offset + i:064d}",
        )
        for i in range(4)
    )
    regulators = list(Regulator.objects.all()) or Regulator.objects.bulk_create(
        Regulator(name=f"Regulator {i}") for i in range(3)
    )
    actors = list(Actor.objects.all()) or Actor.objects.bulk_create(
        Actor(name=f"Actor {i}") for i in range(3)
    )
    kinds = ["report", "seizure", "lawsuit"]
    made = Event.objects.bulk_create(
        Event(
            kind=kinds[i % 3],
            summary=f"Event {offset + i}",
            date=datetime.date(2014 + i % 4, 1 + i % 12, 1 + i % 28),
            sort_date=datetime.date(2014 + i % 4, 1 + i % 12, 1 + i % 28),
            origin=Origin.EXTRACTED,
        )
        for i in range(events)
    )
    Event.regulators.through.objects.bulk_create(
        Event.regulators.through(event=e, regulator=regulators[i % 3]) for i, e in enumerate(made)
    )
    Event.actors.through.objects.bulk_create(
        Event.actors.through(event=e, actor=actors[i % 3]) for i, e in enumerate(made)
    )
    EventSource.objects.bulk_create(
        EventSource(event=e, article=articles[i % 4], quote="x", start=i, origin=Origin.EXTRACTED)
        for i, e in enumerate(made)
    )
    Statement.objects.bulk_create(
        Statement(
            article=articles[i % 4],
            text="words",
            quote="x",
            speaker_actor=actors[i % 3],
            origin=Origin.EXTRACTED,
        )
        for i in range(events)
    )
    Statistic.objects.bulk_create(
        # Figures of one year from other articles with other values: sources disagree at
        # every size, so the same queries run.
        Statistic(
            article=articles[i % 3],
            value=i,
            unit="listings",
            metric="listings removed",
            measure="listings_removed",
            quote="x",
            date=datetime.date(2014 + i % 4, 1, 1),
            date_precision="year",
            subject_actor=actors[0],
            origin=Origin.EXTRACTED,
        )
        for i in range(events)
    )


def points(response) -> dict[str, int]:
    return {
        c.id: sum(len(trace.get("x") or trace.get("y") or []) for trace in c.figure["data"])
        for c in response.context["charts"]
        if c.figure
    }


def test_a_charts_points_do_not_grow_with_the_rows(client):
    build(120)
    small = points(client.get(reverse("enforcement:charts")))
    build(1200, offset=100)
    large = points(client.get(reverse("enforcement:charts")))
    assert large == small
    assert small["events-per-quarter"] <= 3 * 16  # 3 kinds x 16 quarters of 2014-2017
    assert small["metric-over-time"] <= 16
    timeline = client.get(Actor.objects.order_by("pk")[0].get_absolute_url())
    assert points(timeline)["event-timeline"] == queries.TIMELINE_POINTS


def test_overview_charts_and_entity_pages_cost_as_many_queries_at_two_sizes_and_few_when_warm(
    client,
):
    build(60)
    actor = Actor.objects.order_by("pk")[0]
    urls = [reverse("enforcement:overview"), reverse("enforcement:charts")]
    urls.append(actor.get_absolute_url())

    def measure():
        counts = [(queries_of(client, url, cold=True), queries_of(client, url)) for url in urls]
        return [cold for cold, _warm in counts], [warm for _cold, warm in counts]

    cold_small, warm_small = measure()
    build(600, offset=100)
    cold_large, warm_large = measure()
    assert cold_large == cold_small
    assert warm_large == warm_small
    # The empty-database check, the generation, the filters' choices and the rows listed
    # (the overview's recent events and their three prefetches; an entity's lists).
    overview, charts_page, entity = warm_small
    assert overview <= 12 and charts_page <= 8 and entity <= 12
    assert all(warm < cold for warm, cold in zip(warm_small, cold_small, strict=True))


def test_warm_cache_computes_the_default_pages_so_the_first_reader_does_not(client, populated):
    store(make_result(file="b.txt"))
    cold = queries_of(client, reverse("enforcement:overview"))
    Statement.objects.update(stance="warning")  # a new generation: nothing cached for it
    assert "/" in queries.warm_cache()
    assert queries_of(client, reverse("enforcement:overview")) < cold - 8
    assert queries_of(client, reverse("enforcement:charts")) <= 8


# The cache backends ---------------------------------------------------------------------


def test_cache_url_names_a_backend_and_an_unknown_one_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from enforcement.settings import cache_setting

    assert cache_setting("")["BACKEND"].endswith("LocMemCache")
    assert cache_setting("redis://cache:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache:6379/1",
    }
    assert cache_setting("file:///var/cache/fw")["LOCATION"] == "/var/cache/fw"
    assert cache_setting("dummy://")["BACKEND"].endswith("DummyCache")
    with pytest.raises(ImproperlyConfigured, match="redis://host:6379/1"):
        cache_setting("memcached://x")


# A Redis database of its own, flushed before and after (the Celery tests use 5).
REDIS_CACHE = "redis://127.0.0.1:6379/14"


def test_a_shared_redis_cache_serves_the_pages_and_follows_the_writes(client, populated, settings):
    import redis

    from enforcement.settings import cache_setting
    from tests.celery_workers import _unavailable

    redis_db = redis.Redis.from_url(REDIS_CACHE)
    try:
        redis_db.ping()
    except redis.exceptions.ConnectionError as error:
        _unavailable(f"Redis is not running at {REDIS_CACHE} ({error}); .ci/run starts it")
    redis_db.flushdb()
    settings.CACHES = {**settings.CACHES, "aggregates": cache_setting(REDIS_CACHE)}
    settings.AGGREGATE_CACHE = "aggregates"
    try:
        assert speakers(client) == {"Jack Ma": 1}
        assert any(b":fw:" in key for key in redis_db.scan_iter())
        cached = queries_of(client, reverse("enforcement:charts"))
        Statement.objects.filter(pk=populated["statement"].pk).update(speaker_actor=None)
        assert speakers(client) == {"Unnamed speaker": 1}
        assert queries_of(client, reverse("enforcement:charts")) == cached
    finally:
        redis_db.flushdb()


def test_an_ingest_works_out_the_dashboards_figures_in_a_shared_cache(client, settings, tmp_path):
    from django.conf import settings as django_settings
    from django.core.management import call_command

    from enforcement.settings import cache_setting

    settings.CACHES = {**settings.CACHES, "aggregates": cache_setting(f"file://{tmp_path}")}
    settings.AGGREGATE_CACHE = "aggregates"
    article = Path(django_settings.BASE_DIR) / "articles" / "000_fa67866759b28b76.txt"
    err = StringIO()
    call_command("ingest", str(article), stdout=StringIO(), stderr=err)
    assert "Dashboard figures worked out again" in err.getvalue()
    warm = queries_of(client, reverse("enforcement:overview"))
    assert warm < queries_of(client, reverse("enforcement:overview"), cold=True) - 8


def test_an_ingest_leaves_a_cache_of_its_own_process_alone(settings):
    from django.conf import settings as django_settings
    from django.core.management import call_command

    article = Path(django_settings.BASE_DIR) / "articles" / "000_fa67866759b28b76.txt"
    err = StringIO()
    call_command("ingest", str(article), stdout=StringIO(), stderr=err)  # locmem: the default
    assert "Dashboard figures" not in err.getvalue()


def test_the_timelines_counts_follow_an_ingest_and_an_admin_edit(admin_client, client, populated):
    def years():
        response = client.get(reverse("enforcement:timeline"))
        return {period.label: period.count for period in response.context["periods"]}

    before = years()
    cached = queries_of(client, reverse("enforcement:timeline"))
    assert "2019" not in before
    Event.objects.create(
        kind="seizure",
        summary="Customs seized 40 fake watches",
        date=datetime.date(2019, 5, 2),
        date_precision="day",
        origin=Origin.MANUAL,
    )
    assert years()["2019"] == 1
    event = populated["event"]
    save_in_admin(admin_client, Event, event.pk, date="2011-03-04", date_precision="day")
    assert years().get("2011") == 1
    assert queries_of(client, reverse("enforcement:timeline")) <= cached


def test_an_entity_pages_events_follow_an_admin_rejection_and_a_new_event_at_once(
    admin_client, client, populated, saic
):
    def shown():
        return [event.pk for event in client.get(saic.get_absolute_url()).context["events"]]

    event = populated["event"]
    assert shown() == [event.pk]
    earlier = Event.objects.create(
        kind="raid", summary="Police raided a market", date=datetime.date(2010, 1, 5)
    )
    earlier.regulators.add(saic)
    assert shown() == [earlier.pk, event.pk]  # the earliest first, as the list sorts
    response = admin_client.post(
        admin_url(Event, "changelist"),
        {"action": "mark_rejected", "_selected_action": [earlier.pk]},
    )
    assert response.status_code == 302
    assert shown() == [event.pk]


def test_a_new_release_never_reads_what_the_old_one_cached(populated, monkeypatch):
    assert generation.cached("probe", lambda: "old") == "old"
    assert generation.cached("probe", lambda: "computed again") == "old"  # cached
    monkeypatch.setattr(generation, "CODE", "next-release")
    assert generation.cached("probe", lambda: "new") == "new"


# The rows' HTML ({% generation_cache %}) ------------------------------------------------------


def rows_read(client, url: str) -> tuple[str, list[str]]:
    """The page's HTML and the SQL it ran that read an event's accounts (the rows' data)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.text, [q["sql"] for q in captured if "enforcement_eventsource" in q["sql"]]


def test_an_entity_pages_rows_are_rendered_once_and_follow_an_edit_an_ingest_and_a_rejection(
    admin_client, client, populated, saic
):
    url, event = saic.get_absolute_url(), populated["event"]
    first, read = rows_read(client, url)
    assert "The SAIC released a white paper" in first and read
    again, read_again = rows_read(client, url)
    assert again == first and not read_again  # the rows came from the cache
    save_in_admin(admin_client, Event, event.pk, summary="The SAIC published a report")
    edited, _ = rows_read(client, url)
    assert "The SAIC published a report" in edited
    assert "The SAIC released a white paper</a>" not in edited
    store(make_result(file="b.txt"))  # an ingested article tells of the SAIC too
    ingested, _ = rows_read(client, url)
    assert "Regulator tells platform to take fakes seriously" in ingested
    response = admin_client.post(
        admin_url(Event, "changelist"),
        {"action": "mark_rejected", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    rejected, _ = rows_read(client, url)
    assert f'id="event-{event.pk}"' not in rejected


def test_a_merge_renames_the_rows_of_the_merged_entry_at_once(admin_client, client, populated):
    twin = Actor.objects.create(name="Ma Yun", kind="person", origin=Origin.EXTRACTED)
    populated["event"].actors.add(twin)
    url = reverse("enforcement:event-list")
    assert ">Ma Yun</a>" in client.get(url).text
    jack_ma = populated["event"].actors.get(name="Jack Ma")
    response = admin_client.post(
        admin_url(Actor, "changelist"),
        {"action": "merge_selected", "_selected_action": [jack_ma.pk, twin.pk]},
    )
    assert response.status_code == 302
    merged = client.get(url).text
    assert ">Ma Yun</a>" not in merged and ">Jack Ma</a>" in merged


def test_visitors_never_get_the_rows_rendered_for_staff(admin_client, client, populated):
    url = reverse("enforcement:event-list")
    edit = admin_url(Event, "change", populated["event"].pk)
    assert edit not in client.get(url).text
    assert edit in admin_client.get(url).text
    assert edit not in client.get(url).text
    assert edit in admin_client.get(url).text


def test_a_searchs_plan_is_counted_once_per_generation_and_its_rows_follow_a_write(
    client, populated, saic
):
    url = reverse("enforcement:event-list") + "?q=white+paper"

    def plans_counted() -> int:  # the plan's query (search._plan) names the table's largest key
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return sum('"largest"' in query["sql"] for query in captured)

    assert plans_counted() == 1
    assert plans_counted() == 0  # the plan came from the cache
    shown = client.get(url).context["object_list"]
    assert [event.pk for event in shown] == [populated["event"].pk]
    later = Event.objects.create(kind="report", summary="Another white paper on fakes")
    later.regulators.add(saic)
    shown = client.get(url).context["object_list"]
    assert sorted(event.pk for event in shown) == sorted([populated["event"].pk, later.pk])


def test_the_event_list_reads_its_rows_accounts_only_when_it_renders_them(client, populated):
    url = reverse("enforcement:event-list")
    first, read = rows_read(client, url)
    assert read and "The SAIC released a white paper" in first
    again, read_again = rows_read(client, url)
    assert again == first and not read_again


def test_a_timeline_month_reads_its_events_accounts_only_when_it_renders_them(client, populated):
    url = reverse("enforcement:timeline-month", args=[2015, 1])
    first, read = rows_read(client, url)
    assert read and "The SAIC released a white paper" in first
    again, read_again = rows_read(client, url)
    assert again == first and not read_again


def test_an_entity_page_reads_where_sources_disagree_once_and_shows_a_new_disagreement_at_once(
    client, article, jack_ma, monkeypatch
):
    looked_up = []
    where_sources_disagree = queries.where_sources_disagree

    def counted(*args, **kwargs):  # the real look-up, counted
        looked_up.append(1)
        return where_sources_disagree(*args, **kwargs)

    monkeypatch.setattr(queries, "where_sources_disagree", counted)
    figure = listings_removed(100, article)
    Statistic.objects.filter(pk=figure.pk).update(subject_actor=jack_ma)
    url = jack_ma.get_absolute_url()
    first = client.get(url)
    assert list(first.context["disagreements"]) == [] and looked_up == [1]
    assert client.get(url).text == first.text and looked_up == [1]  # all from the cache
    other = Article.objects.create(
        file_name="b.txt", text="500 listings", content_hash="b" * 64, published=article.published
    )
    rival = listings_removed(500, other)
    Statistic.objects.filter(pk=rival.pk).update(subject_actor=jack_ma)
    page = client.get(url)
    [conflict] = page.context["disagreements"]
    assert rival.pk in {shown.pk for side in conflict.sides for shown in side}
    assert f'id="disagreeing-{rival.pk}"' in page.text and looked_up == [1, 1]
