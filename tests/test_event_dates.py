"""When an event was first reported, and the date pages order, chart and filter it by."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from enforcement import charts, queries
from enforcement.event_dates import first_report, refresh_report_dates
from enforcement.extraction.dates import PartialDate
from enforcement.extraction.result import EventResult
from enforcement.merging import merge_entities
from enforcement.models import Actor, Article, Event, EventSource, Origin
from tests.admin_forms import admin_url, save_in_admin
from tests.test_ingest import make_result, span, store

SEPT_22 = datetime.date(2020, 9, 22)
PUBLISHED = PartialDate(2020, 9, 22)


def undated_result(published=PUBLISHED, file="a.txt"):
    """An article whose one event gives no date of its own."""
    result = make_result(file=file, published=published)
    result.events = [
        EventResult(
            "report",
            span(result.text, "the SAIC released a white paper accusing Alibaba"),
            date=None,
            regulators=["SAIC"],
            actors=["Alibaba"],
        )
    ]
    return result


# The rule ----------------------------------------------------------------------------------


def test_the_earliest_report_is_the_date_that_ends_first_at_its_own_precision():
    day, month, year = "day", "month", "year"
    assert first_report([(datetime.date(2020, 1, 1), year), (SEPT_22, day)]) == (SEPT_22, day)
    assert first_report([(datetime.date(2020, 3, 1), month), (SEPT_22, day)]) == (
        datetime.date(2020, 3, 1),
        month,
    )
    assert first_report([(datetime.date(2019, 1, 1), year), (SEPT_22, day)]) == (
        datetime.date(2019, 1, 1),
        year,
    )
    assert first_report([(None, day)]) is None


# The ingest ------------------------------------------------------------------------------


def test_an_undated_event_is_placed_at_its_articles_date_and_keeps_no_date_of_its_own(db):
    store(undated_result(), "h1")
    event = Event.objects.get()
    assert event.date is None
    assert (event.first_reported, event.first_reported_precision) == (SEPT_22, "day")
    assert (event.sort_date, event.sort_date_is_reported) == (SEPT_22, True)
    assert event.when_display == "reported 22 Sep 2020"


def test_a_dated_event_is_placed_at_its_own_date_and_still_knows_its_report(db):
    store(make_result(published=PartialDate(2015, 2, 11)), "h1")
    event = Event.objects.get()
    assert (event.sort_date, event.sort_date_precision) == (datetime.date(2015, 1, 1), "month")
    assert event.sort_date_is_reported is False
    assert event.first_reported == datetime.date(2015, 2, 11)


def test_a_later_earlier_account_moves_the_report_date_back(db):
    store(undated_result(file="late.txt"), "h1")
    store(undated_result(published=PartialDate(2020, 3), file="early.txt"), "h2")
    event = Event.objects.get()
    assert event.sources.count() == 2
    assert (event.sort_date, event.sort_date_precision) == (datetime.date(2020, 3, 1), "month")


def test_a_reingest_with_a_corrected_publication_date_moves_the_event(db):
    store(undated_result(), "h1")
    store(undated_result(published=PartialDate(2021, 1, 5)), "h2")
    assert Event.objects.get().sort_date == datetime.date(2021, 1, 5)


# The admin -------------------------------------------------------------------------------


def test_giving_an_event_a_date_in_the_admin_places_it_there(admin_client):
    store(undated_result(), "h1")
    event = Event.objects.get()
    save_in_admin(admin_client, Event, event.pk, date="2019-06-01", date_precision="month")
    event.refresh_from_db()
    assert (event.sort_date, event.sort_date_is_reported) == (datetime.date(2019, 6, 1), False)
    assert event.first_reported == SEPT_22  # it still knows when it was reported


def test_removing_and_adding_sources_in_the_admin_changes_the_report_date(admin_client):
    store(undated_result(), "h1")
    event = Event.objects.get()
    source = event.sources.get()
    response = admin_client.post(admin_url(EventSource, "delete", source.pk), {"post": "yes"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.sort_date, event.first_reported) == (None, None)

    older = Article.objects.create(
        file_name="old.txt", text="x", content_hash="o" * 64, published=datetime.date(2018, 5, 1)
    )
    response = admin_client.post(
        admin_url(EventSource, "add"),
        {
            "event": event.pk,
            "article": older.pk,
            "quote": "x",
            "review_state": "unreviewed",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.sort_date, event.sort_date_is_reported) == (datetime.date(2018, 5, 1), True)


def test_rejecting_a_source_in_the_admin_stops_it_dating_the_event(admin_client):
    store(undated_result(file="late.txt"), "h1")
    store(undated_result(published=PartialDate(2020, 3, 2), file="early.txt"), "h2")
    early = EventSource.objects.get(article__file_name="early.txt")
    admin_client.post(
        admin_url(EventSource, "changelist"),
        {"action": "mark_rejected", "_selected_action": [early.pk]},
    )
    assert Event.objects.get().sort_date == SEPT_22


def test_correcting_an_articles_date_in_the_admin_moves_its_events(admin_client):
    store(undated_result(), "h1")
    article = Article.objects.get()
    save_in_admin(
        admin_client, Article, article.pk, published="2020-08-01", published_precision="month"
    )
    assert Event.objects.get().sort_date == datetime.date(2020, 8, 1)


def test_a_merge_leaves_every_event_at_its_report_date(db):
    store(undated_result(), "h1")
    alibaba = Actor.objects.get(name="Alibaba")
    twin = Actor.objects.create(name="Alibaba Group", kind="platform", origin=Origin.EXTRACTED)
    Event.objects.get().actors.add(twin)
    merge_entities(alibaba, twin)
    event = Event.objects.get()
    assert (event.sort_date, event.sort_date_is_reported) == (SEPT_22, True)


# The pages -------------------------------------------------------------------------------


def test_the_timeline_shows_an_undated_event_at_its_report_date_marked(client, db):
    store(undated_result(), "h1")
    event = Event.objects.get()
    # Counted in the year and month it was reported, as reported ...
    index = client.get(reverse("enforcement:timeline"))
    assert [(p.label, p.count, p.reported) for p in index.context["periods"]] == [("2020", 1, 1)]
    year = client.get("/timeline/2020/")
    assert [(p.label, p.reported) for p in year.context["periods"]] == [("September 2020", 1)]
    # ... and listed and drawn there, marked.
    response = client.get("/timeline/2020/09/")
    assert "reported 22 Sep 2020" in response.text
    years = response.context["years"]
    assert years[0][0] == "2020" and years[0][1][0][0] == "September 2020"
    timeline = next(c for c in response.context["charts"] if c.id == "event-timeline")
    trace = timeline.figure["data"][0]
    assert trace["marker"]["symbol"] == ["circle-open"]
    assert trace["customdata"][0][4] == "reported 22 Sep 2020"
    data = json.loads(
        response.text.split('id="event-timeline-data" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    assert data["data"][0]["marker"]["symbol"] == ["circle-open"]
    assert event.get_absolute_url() == data["data"][0]["customdata"][0][0]


def test_a_date_filter_finds_an_undated_event_by_its_report_date(client, db):
    store(undated_result(), "h1")
    url = reverse("enforcement:event-list")
    found = client.get(url, {"date_from": "2020-09-01", "date_to": "2020-09-30"})
    missed = client.get(url, {"date_from": "2020-10-01"})
    assert found.context["paginator"].count == 1
    assert missed.context["paginator"].count == 0


def test_the_quarter_chart_hatches_events_counted_by_their_report_date(db):
    store(undated_result(), "h1")
    dated = make_result(file="b.txt")
    dated.events[0].kind = "lawsuit"  # of another kind, so it cannot date the undated report
    store(dated, "h2")
    chart = charts.events_per_quarter(queries.events_per_quarter_by_kind(queries.events()))
    patterns = [trace["marker"].get("pattern", {}).get("shape") for trace in chart.figure["data"]]
    assert sorted(patterns, key=str) == ["/", None]
    assert "first reported" in chart.note


def test_the_export_carries_the_own_date_and_the_report_date(client, db):
    store(undated_result(), "h1")
    response = client.get(reverse("enforcement:event-list"), {"format": "json"})
    (row,) = json.loads(b"".join(response.streaming_content))
    assert (row["date"], row["first_reported"], row["first_reported_precision"]) == (
        None,
        "2020-09-22",
        "day",
    )


def test_a_refresh_changes_nothing_when_nothing_changed(db):
    store(undated_result(), "h1")
    assert refresh_report_dates(Event.objects.values_list("pk", flat=True)) == 0


# The migration ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_places_stored_events_at_their_report_dates(latest_schema_after):
    before, after = [("enforcement", "0005_reliability")], [("enforcement", "0007_event_sort_date")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    article = old.get_model("enforcement", "Article").objects.create(
        file_name="a.txt", text="t", content_hash="h", published=SEPT_22
    )
    OldEvent = old.get_model("enforcement", "Event")
    undated = OldEvent.objects.create(kind="report", summary="s", origin="extracted")
    dated = OldEvent.objects.create(
        kind="report", summary="t", origin="extracted", date=datetime.date(2019, 1, 1)
    )
    for event in (undated, dated):
        old.get_model("enforcement", "EventSource").objects.create(
            event=event, article=article, quote="t", origin="extracted"
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("enforcement", "Event")
    rows = dict(new.objects.values_list("summary", "sort_date"))
    assert rows == {"s": SEPT_22, "t": datetime.date(2019, 1, 1)}
    assert new.objects.get(summary="s").sort_date_is_reported is True


@pytest.mark.parametrize(
    "dates",
    [
        [PartialDate(2020, 9, 22), PartialDate(2020, 3), PartialDate(2019), None],
        [None, PartialDate(2019), PartialDate(2020, 3), PartialDate(2020, 9, 22)],
        [PartialDate(2020, 3), None, PartialDate(2020, 3, 31), PartialDate(2020, 3, 1)],
    ],
)
def test_a_new_articles_store_dates_its_events_as_reading_every_source_again_would(db, dates):
    for number, published in enumerate(dates):
        store(undated_result(published=published, file=f"{number}.txt"), f"h{number}")
        assert Event.objects.count() == 1
        # Worked out from every source, from scratch: nothing to change.
        assert refresh_report_dates(Event.objects.values_list("pk", flat=True)) == 0
