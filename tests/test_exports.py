"""Exports: the list's rows and names, read in chunks, in a bounded number of queries."""

import csv
import io
import json
import math
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enforcement import exports, synthesis, views
from enforcement.models import (
    Actor,
    Alias,
    Article,
    Event,
    EventSource,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)

EVENTS = 900


@pytest.fixture
def synthesized(db):
    """A small synthetic data set: several sources per event, aliases, rejected rows."""
    synthesis.synthesize(EVENTS, seed=3)


def exported(client, name: str, export_format: str, **params) -> list[dict]:
    response = client.get(reverse(f"enforcement:{name}"), {**params, "format": export_format})
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content).decode()
    if export_format == "json":
        return json.loads(body)
    return list(csv.DictReader(io.StringIO(body)))


def page_rows(client, name: str, **params) -> list:
    return list(client.get(reverse(f"enforcement:{name}"), params).context["object_list"])


@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_the_event_export_lists_the_pages_rows_in_order_with_the_same_names(
    client, synthesized, export_format
):
    rows = exported(client, "event-list", export_format)
    shown = page_rows(client, "event-list")
    assert [int(row["id"]) for row in rows[: len(shown)]] == [event.pk for event in shown]
    for row, event in zip(rows, shown, strict=False):
        regulators = [r.name for r in event.regulators.all()]
        actors = [a.name for a in event.actors.all()]
        quotes = [source.quote for source in event.sources.all()]
        if export_format == "json":
            assert (row["regulators"], row["actors"]) == (regulators, actors)
            assert [source["quote"] for source in row["sources"]] == quotes
            assert [source["article"] for source in row["sources"]] == [
                str(source.article) for source in event.sources.all()
            ]
        else:
            assert (row["regulators"], row["actors"]) == ("; ".join(regulators), "; ".join(actors))
            assert row["sources"] == "; ".join(quotes)
        assert row["summary"] == event.summary
    # The whole list, not a page of it: every event but the rejected ones, each once.
    visible = Event.objects.exclude(review_state=ReviewState.REJECTED)
    assert sorted(int(row["id"]) for row in rows) == sorted(visible.values_list("pk", flat=True))


def test_rejected_events_and_rejected_accounts_stay_out_of_the_export(client, synthesized):
    rows = exported(client, "event-list", "json")
    rejected = set(
        Event.objects.filter(review_state=ReviewState.REJECTED).values_list("pk", flat=True)
    )
    assert rejected and not rejected & {row["id"] for row in rows}
    hidden = EventSource.objects.filter(review_state=ReviewState.REJECTED).exclude(
        event__review_state=ReviewState.REJECTED
    )
    assert hidden.exists()
    by_id = {row["id"]: row for row in rows}
    for source in hidden:
        told = [(s["article_id"], s["quote"]) for s in by_id[source.event_id]["sources"]]
        assert (source.article_id, source.quote) not in told


@pytest.mark.parametrize(
    ("name", "name_of"),
    [
        ("statement-list", lambda s: ("speaker", s.speaker.name if s.speaker else "")),
        ("statistic-list", lambda s: ("subject", s.subject.name if s.subject else "")),
    ],
)
def test_statement_and_figure_exports_name_speakers_subjects_and_articles_as_the_page(
    client, synthesized, name, name_of
):
    rows = exported(client, name, "csv")
    shown = page_rows(client, name)
    assert [int(row["id"]) for row in rows[: len(shown)]] == [item.pk for item in shown]
    for row, item in zip(rows, shown, strict=False):
        column, expected = name_of(item)
        assert row[column] == expected
        assert row["article"] == str(item.article)
        assert row["quote"] == item.quote
    model = Statement if name == "statement-list" else Statistic
    assert len(rows) == model.objects.exclude(review_state=ReviewState.REJECTED).count()


@pytest.mark.parametrize("name", ["actor-list", "regulator-list", "article-list"])
def test_entity_and_article_exports_hold_the_pages_rows_and_counts(client, synthesized, name):
    rows = exported(client, name, "json")
    shown = page_rows(client, name)
    assert [row["id"] for row in rows[: len(shown)]] == [item.pk for item in shown]
    for row, item in zip(rows, shown, strict=False):
        assert row["events"] == item.event_count
        assert row["statements"] == item.statement_count
        if name != "article-list":
            own = [alias.name for alias in item.aliases.all() if alias.name != item.name]
            assert (row["name"], row["aliases"]) == (item.name, own)
        else:
            assert row["title"] == item.title


def test_a_filtered_export_is_the_filtered_list(client, synthesized):
    rows = exported(client, "event-list", "csv", kind="seizure")
    shown = page_rows(client, "event-list", kind="seizure")
    assert rows and {row["kind"] for row in rows} == {"seizure"}
    assert [int(row["id"]) for row in rows[: len(shown)]] == [event.pk for event in shown]


# Queries per chunk beyond the rows' own: an event's regulators, actors and sources; an
# entity's rows and aliases, read by key in the lists' order.
LOOKUPS = {"event-list": 3, "statement-list": 0, "actor-list": 2, "regulator-list": 2}
# Queries once per export: the page's own few (filters, a search count); for an entity list,
# its order, from its names and its three counts (not cached inside a test's transaction).
ONCE = {"event-list": 3, "statement-list": 3, "actor-list": 4, "regulator-list": 4}


@pytest.mark.parametrize("name", list(LOOKUPS))
def test_an_export_makes_a_few_queries_per_chunk_whatever_the_rows(
    client, synthesized, monkeypatch, name
):
    """Queries grow with rows / CHUNK_SIZE, never with rows: ten times smaller chunks, about
    ten times the look-ups; the same chunks, the same queries."""

    def queries(chunk_size: int) -> tuple[int, int]:
        monkeypatch.setattr(exports, "CHUNK_SIZE", chunk_size)
        with CaptureQueriesContext(connection) as captured:
            rows = exported(client, name, "json")
        return len(rows), len(captured)

    rows, with_one_chunk = queries(100_000)
    assert rows >= 8
    small = math.ceil(rows / 10)
    _rows, with_ten_chunks = queries(small)
    assert with_one_chunk <= ONCE[name] + LOOKUPS[name]
    assert with_ten_chunks - with_one_chunk == (math.ceil(rows / small) - 1) * LOOKUPS[name]


@pytest.mark.django_db(transaction=True)  # committed, so the lists' counts are cached
@pytest.mark.parametrize("name", ["actor-list", "regulator-list"])
def test_an_entity_export_counts_from_the_lists_counts_not_per_row(client, synthesized, name):
    exported(client, name, "csv")
    with CaptureQueriesContext(connection) as captured:
        rows = exported(client, name, "csv")
    # Its counts were read once, by the first: none of these reads the tables they count.
    counted = ('"enforcement_statement"', '"enforcement_statistic"', '"enforcement_event"')
    reads = [query["sql"] for query in captured]
    assert rows and not [sql for sql in reads if any(table in sql for table in counted)]
    # A rejected event leaves its entities' counts in the next export, as on the page.
    model = Actor if name == "actor-list" else Regulator
    busiest = model.objects.get(pk=int(rows[0]["id"]))
    event = busiest.events.exclude(review_state=ReviewState.REJECTED).first()
    Event.objects.filter(pk=event.pk).update(review_state=ReviewState.REJECTED)
    after = {row["id"]: row for row in exported(client, name, "csv")}
    assert int(after[str(busiest.pk)]["events"]) == int(rows[0]["events"]) - 1
    shown = {item.pk: item.event_count for item in page_rows(client, name)}
    assert shown[busiest.pk] == int(after[str(busiest.pk)]["events"])


def test_csv_cells_are_written_as_the_csv_module_writes_them():
    import datetime
    from decimal import Decimal

    awkward = [
        'a "quoted" word', "a, comma", "two\nlines", "a\r\nbreak", "“curly” and ünïcode", "",
        " spaced ", None, 0, 12, Decimal("1000.0000"), Decimal("12.5000"), 2.5,
        datetime.date(2015, 3, 1), ["Customs", 'The "Brand"'],
        [{"article_id": 1, "article": "A", "quote": "x, y"}],
    ]  # fmt: skip
    columns = exports.Columns(
        names=tuple(f"c{i}" for i in range(len(awkward))), fields=(), row=lambda v, f: v
    )
    ours = "".join(exports.csv_rows(columns, [[tuple(awkward), tuple(reversed(awkward))]]))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns.names)
    for row in (awkward, list(reversed(awkward))):
        writer.writerow([exports._csv_cell(v) if isinstance(v, list) else v for v in row])
    assert ours == buffer.getvalue()
    assert list(csv.reader(io.StringIO(ours)))[1][:4] == awkward[:4]


# The CSV file is made in SQL (``exports.Cell``); the JSON export's rows, written by the
# Python rule (``exports.csv_rows``, which ``csv.writer`` checks above), say what it must be.

LIST_VIEWS = {
    "event-list": views.EventListView,
    "statement-list": views.StatementListView,
    "statistic-list": views.StatisticListView,
    "actor-list": views.ActorListView,
    "regulator-list": views.RegulatorListView,
    "article-list": views.ArticleListView,
}


def csv_body(client, name: str, **params) -> str:
    response = client.get(reverse(f"enforcement:{name}"), {**params, "format": "csv"})
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode()


def csv_by_the_python_rule(rf, name: str, **params) -> str:
    """The CSV file of the list's filtered rows as the JSON export reads them, written cell
    by cell in Python."""
    view = LIST_VIEWS[name]()
    view.setup(rf.get("/", {**params, "format": "csv"}))
    filterset = view.get_filterset(view.get_filterset_class())
    assert filterset.is_valid()
    columns = view.export_columns
    return "".join(exports.csv_rows(columns, columns.rows(filterset.qs)))


@pytest.fixture
def awkward(synthesized):
    """The synthetic data with values that need quoting or a rule of their own: quotes,
    commas and line breaks in summaries, names and quotes; an article with no title; a
    figure with a fractional value; dates of every precision and none."""
    event = Event.objects.exclude(review_state=ReviewState.REJECTED).order_by("pk").first()
    Event.objects.filter(pk=event.pk).update(
        summary='Customs seized "Brand" bags, 40 of them,\nin two raids', date=None
    )
    for precision, pk in zip(["year", "month", "day"], Event.objects.values_list("pk", flat=True)[1:4], strict=True):  # fmt: skip
        Event.objects.filter(pk=pk).update(date_precision=precision)
    regulator = event.regulators.first() or Regulator.objects.first()
    Regulator.objects.filter(pk=regulator.pk).update(name='Customs, "Border" Agency')
    Alias.objects.create(regulator=regulator, name="Border\r\nAgency")
    source = EventSource.objects.filter(event=event).first()
    EventSource.objects.filter(pk=source.pk).update(quote='he said "no", then\nleft')
    Article.objects.filter(pk=source.article_id).update(title="")
    Statistic.objects.filter(pk=Statistic.objects.order_by("pk").first().pk).update(
        value=Decimal("12.5"), metric='seized, "roughly"'
    )
    return event


@pytest.mark.parametrize("name", list(LIST_VIEWS))
def test_the_csv_made_in_sql_is_the_csv_the_python_rule_writes_for_every_list(
    client, rf, awkward, name
):
    made = csv_body(client, name)
    assert made == csv_by_the_python_rule(rf, name)
    assert len(list(csv.reader(io.StringIO(made)))) > 2


def test_an_event_row_names_all_its_regulators_actors_and_visible_sources(client, awkward):
    event = Event.objects.annotate(n=Count("regulators", distinct=True)).filter(n__gte=2)
    event = event.exclude(review_state=ReviewState.REJECTED).first()
    actors = Actor.objects.order_by("pk")[:2]
    event.actors.set(actors)
    sources = list(EventSource.objects.filter(event=event))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_body(client, "event-list")))}
    row = rows[str(event.pk)]
    assert row["regulators"] == "; ".join(sorted(r.name for r in event.regulators.all()))
    assert row["actors"] == "; ".join(sorted(a.name for a in actors))
    visible = [s.quote for s in sources if s.review_state != ReviewState.REJECTED]
    assert visible and all(quote in row["sources"] for quote in visible)
    # The awkward event: its regulator's name with a comma and quotes, its quote with a
    # line break, each read back whole.
    awkward_row = rows[str(awkward.pk)]
    assert 'Customs, "Border" Agency' in awkward_row["regulators"].split("; ")
    assert 'he said "no", then\nleft' in awkward_row["sources"]
    assert awkward_row["date"] == "" and awkward_row["date_display"] == "Undated"


FILTERS = [
    ("event-list", {"kind": "seizure"}, lambda row: row["kind"] == "seizure"),
    ("event-list", {"review_state": "verified"}, lambda row: row["review_state"] == "verified"),
    ("statement-list", {"stance": "denial"}, lambda row: row["stance"] == "denial"),
    ("statistic-list", {"measure": "fines"}, lambda row: row["measure"] == "fines"),
    ("statistic-list", {"date_to": "2016-01-01"}, lambda row: row["date"] <= "2016-01-01"),
    ("actor-list", {"kind": "platform"}, lambda row: row["kind"] == "platform"),
    ("article-list", {"date_from": "2015-01-01"}, lambda row: row["published"] >= "2015-01-01"),
]


@pytest.mark.parametrize(("name", "params", "holds"), FILTERS)
def test_a_filter_narrows_the_csv_export_to_the_filtered_list(
    client, rf, synthesized, name, params, holds
):
    rows = list(csv.DictReader(io.StringIO(csv_body(client, name, **params))))
    everything = list(csv.DictReader(io.StringIO(csv_body(client, name))))
    assert rows and len(rows) < len(everything) and all(holds(row) for row in rows)
    assert csv_body(client, name, **params) == csv_by_the_python_rule(rf, name, **params)


def test_a_search_narrows_the_csv_export_as_it_narrows_the_page(client, synthesized):
    word = Event.objects.order_by("pk").first().summary.split()[-1]
    rows = list(csv.DictReader(io.StringIO(csv_body(client, "event-list", q=word))))
    shown = page_rows(client, "event-list", q=word)
    assert shown and [int(row["id"]) for row in rows[: len(shown)]] == [e.pk for e in shown]
    assert len(rows) < Event.objects.count()


@pytest.mark.parametrize(
    ("name", "model"),
    [("event-list", Event), ("statement-list", Statement), ("statistic-list", Statistic)],
)
def test_rejected_items_stay_out_of_the_csv_export_unless_asked_for(
    client, synthesized, name, model
):
    rejected = {str(pk) for pk in model.objects.filter(review_state=ReviewState.REJECTED).values_list("pk", flat=True)}  # fmt: skip
    ids = {row["id"] for row in csv.DictReader(io.StringIO(csv_body(client, name)))}
    assert rejected and not rejected & ids
    asked = csv_body(client, name, review_state=ReviewState.REJECTED)
    assert {row["id"] for row in csv.DictReader(io.StringIO(asked))} == rejected


def test_a_rejected_account_stays_out_of_its_events_csv_row(client, synthesized):
    hidden = EventSource.objects.filter(review_state=ReviewState.REJECTED).exclude(
        event__review_state=ReviewState.REJECTED
    )
    source = hidden.first()
    EventSource.objects.filter(pk=source.pk).update(quote="a rejected account's words")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_body(client, "event-list")))}
    assert "a rejected account's words" not in rows[str(source.event_id)]["sources"]


@pytest.mark.parametrize("name", ["event-list", "statistic-list", "article-list"])
def test_a_csv_export_is_one_query_whatever_the_rows(client, synthesized, monkeypatch, name):
    def queries(chunk_size: int) -> int:
        monkeypatch.setattr(exports, "CHUNK_SIZE", chunk_size)
        with CaptureQueriesContext(connection) as captured:
            csv_body(client, name)
        return len(captured)

    assert queries(100_000) == queries(10)
