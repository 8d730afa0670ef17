"""Every list as CSV or JSON (``?format=csv`` / ``?format=json``), streamed.

The rows are the list's filtered queryset, read in chunks with
``iterator(chunk_size=...)`` (which keeps prefetching), so an export of the
whole database holds one chunk in memory at a time.

An export checks before it streams: a filter that is not valid answers 400 with
one line naming the problem (``refused``), and the first chunk is read before
the response starts, so a query that fails fails as an error page, not as a 200.
A database that fails later, mid-stream, raises out of the stream: the server
breaks the connection, and the file never ends the way a complete one does.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.text import slugify

CHUNK_SIZE = 500


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[object], object]


def _names(objects) -> list[str]:
    return [obj.name for obj in objects]


def _speaker(statement):
    return statement.speaker.name if statement.speaker else ""


def _subject(statistic):
    return statistic.subject.name if statistic.subject else ""


EVENT_COLUMNS = [
    Column("id", lambda e: e.pk),
    Column("date", lambda e: e.date),
    Column("date_precision", lambda e: e.date_precision),
    Column("date_display", lambda e: e.date_display),
    Column("first_reported", lambda e: e.first_reported),
    Column("first_reported_precision", lambda e: e.first_reported_precision),
    Column("kind", lambda e: e.kind),
    Column("summary", lambda e: e.summary),
    Column("regulators", lambda e: _names(e.regulators.all())),
    Column("actors", lambda e: _names(e.actors.all())),
    Column("review_state", lambda e: e.review_state),
    Column("origin", lambda e: e.origin),
    Column(
        "sources",
        lambda e: [
            {"article_id": s.article_id, "article": str(s.article), "quote": s.quote}
            for s in e.sources.all()
        ],
    ),
]

STATEMENT_COLUMNS = [
    Column("id", lambda s: s.pk),
    Column("date", lambda s: s.when),
    Column("speaker", _speaker),
    Column(
        "speaker_type",
        lambda s: "actor" if s.speaker_actor_id else "regulator" if s.speaker_regulator_id else "",
    ),
    Column("text", lambda s: s.text),
    Column("stance", lambda s: s.stance),
    Column("quote", lambda s: s.quote),
    Column("article_id", lambda s: s.article_id),
    Column("article", lambda s: str(s.article)),
    Column("start", lambda s: s.start),
    Column("end", lambda s: s.end),
    Column("review_state", lambda s: s.review_state),
    Column("origin", lambda s: s.origin),
]

STATISTIC_COLUMNS = [
    Column("id", lambda s: s.pk),
    Column("date", lambda s: s.when),
    Column("metric", lambda s: s.metric),
    Column("measure", lambda s: s.measure),
    Column("qualifier", lambda s: s.qualifier),
    Column("value", lambda s: s.value),
    Column("unit", lambda s: s.unit),
    Column("subject", _subject),
    Column("quote", lambda s: s.quote),
    Column("article_id", lambda s: s.article_id),
    Column("article", lambda s: str(s.article)),
    Column("start", lambda s: s.start),
    Column("end", lambda s: s.end),
    Column("review_state", lambda s: s.review_state),
    Column("origin", lambda s: s.origin),
]

ENTITY_COLUMNS = [
    Column("id", lambda e: e.pk),
    Column("name", lambda e: e.name),
    Column("kind", lambda e: e.kind),
    Column("country", lambda e: e.country),
    Column("aliases", lambda e: [a.name for a in e.aliases.all() if a.name != e.name]),
    Column("events", lambda e: e.event_count),
    Column("statements", lambda e: e.statement_count),
    Column("statistics", lambda e: e.statistic_count),
]

ARTICLE_COLUMNS = [
    Column("id", lambda a: a.pk),
    Column("title", lambda a: a.title),
    Column("source", lambda a: a.source),
    Column("url", lambda a: a.url),
    Column("published", lambda a: a.published),
    Column("published_display", lambda a: a.published_display),
    Column("file_name", lambda a: a.file_name),
    Column("events", lambda a: a.event_count),
    Column("statements", lambda a: a.statement_count),
    Column("statistics", lambda a: a.statistic_count),
]


class Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a stream."""

    def write(self, value):
        return value


def _csv_cell(value):
    if isinstance(value, list):
        return "; ".join(item["quote"] if isinstance(item, dict) else str(item) for item in value)
    if value is None:
        return ""
    return value


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Whole numbers as integers, others as floats: what a reader of the JSON expects.
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def csv_rows(columns: list[Column], objects: Iterable) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield writer.writerow([column.name for column in columns])
    for obj in objects:
        yield writer.writerow([_csv_cell(column.value(obj)) for column in columns])


def json_rows(columns: list[Column], objects: Iterable) -> Iterator[str]:
    yield "["
    separator = "\n"
    for obj in objects:
        row = {column.name: column.value(obj) for column in columns}
        yield separator + json.dumps(row, default=_json_default, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


FORMATS = {
    "csv": ("text/csv; charset=utf-8", csv_rows),
    "json": ("application/json", json_rows),
}


def export_response(export_format: str, columns: list[Column], queryset, name: str):
    content_type, rows = FORMATS[export_format]
    objects = queryset.iterator(chunk_size=CHUNK_SIZE)
    first = next(objects, None)  # the query runs now, before any byte is sent
    objects = chain([first], objects) if first is not None else iter(())
    response = StreamingHttpResponse(rows(columns, objects), content_type=content_type)
    filename = f"fakes-watch-{slugify(name)}.{export_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def refused(form) -> HttpResponseBadRequest:
    """A 400 naming what is wrong with the filters, in one plain line."""
    problems = [
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    ]
    line = "Nothing exported. " + "; ".join(problems)
    return HttpResponseBadRequest(line + "\n", content_type="text/plain; charset=utf-8")
