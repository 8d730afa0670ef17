"""Exports: the list's rows and names, read in chunks, in a bounded number of queries."""

import csv
import io
import json
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enforcement import exports, synthesis
from enforcement.models import Event, EventSource, ReviewState, Statement, Statistic

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


@pytest.mark.parametrize("name", ["event-list", "statement-list", "actor-list"])
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
    assert rows >= 50
    small = math.ceil(rows / 10)
    _rows, with_ten_chunks = queries(small)
    lookups = {"event-list": 3, "statement-list": 0, "actor-list": 1}[name]
    # One chunk: the page's own few queries (filters, a search count) and the look-ups.
    assert with_one_chunk <= 3 + lookups
    assert with_ten_chunks - with_one_chunk == 9 * lookups


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
