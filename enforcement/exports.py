"""Every list as CSV or JSON (``?format=csv`` / ``?format=json``), streamed, whole, fast.

The rule: an export is the list's filtered queryset -- the same rows in the same order
as the page, rejected rows left out as there -- with no cap on its length, in memory that
does not grow with it. To keep that at a million rows (issue 12 asks for 100,000 rows a
second), no model instance is made:

- **CSV** is one query whose rows are the file's finished lines (``Cell``): every column an
  SQL expression giving its cell as text, quoted as ``csv.writer`` quotes it, and what a
  row holds several of (an event's regulators, actors and visible sources) one correlated
  subquery per row over an index, aggregated in it
  (``group_concat`` on SQLite, ``ARRAY()`` on PostgreSQL). Python joins a chunk's lines.
- **JSON** reads the list's own columns, and the names of what each row points to (an
  article's title, a speaker's name), with one ``values_list()`` query with the names
  joined in SQL, and what a row holds several of with one query per table per chunk of
  ``CHUNK_SIZE`` rows, so it makes ``1 + k * rows / CHUNK_SIZE`` queries, never one per
  row; rows are put together in Python (``Columns.rows``).
- Both read through a chunked cursor (server-side on PostgreSQL), ``CHUNK_SIZE`` rows at a
  time, and write each chunk out as one piece of text, not one per row.
- **Regulators and actors** (a few thousand rows at a million events) are put together in
  Python in both formats, in the lists' order and with their counts, both cached
  (``RankedColumns``): counting in SQL, per row, was what took their exports a minute.

The two must say the same: the CSV file is what ``csv_rows`` (the rule in Python, checked
against ``csv.writer``) writes from the JSON export's rows, as ``tests/test_exports.py``
checks on both databases.

Each list's export is a ``Columns``: the file's column names, the ``values_list`` fields
that feed the JSON rows, the per-chunk look-ups, the function that puts one row together,
and the CSV cells as SQL.

An export checks before it streams: a filter that is not valid answers 400 with one line
naming the problem (``refused``), and the first chunk is read before the response starts,
so a query that fails fails as an error page, not as a 200. A database that fails later,
mid-stream, raises out of the stream: the server breaks the connection, and the file
never ends the way a complete one does.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import chain, islice

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import (
    Case,
    DateField,
    F,
    Func,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.text import slugify

from .extraction.dates import format_partial_date
from .models import Alias, Event, Statistic
from .queries import EntityCounts, by_event_count, entity_counts, listed

# Rows per chunk: per-chunk look-ups pass this many keys (well under SQLite's 32,766
# parameters), and one chunk of text is a few hundred kB.
CHUNK_SIZE = 2_000


@lru_cache(maxsize=16_384)
def _date_display(value, precision) -> str:
    """ "9 Feb 2015" for (date, precision): few distinct pairs, many rows. The date may come
    as the driver gives it (text on SQLite, read without Django's converters)."""
    if value.__class__ is str:
        value = datetime.date.fromisoformat(value)
    return format_partial_date(value, precision)


# A look-up: (the list's model, the chunk's primary keys) -> {primary key: [values]}.
Lookup = Callable[[type[Model], list[int]], dict[int, list]]


@dataclass(frozen=True)
class Columns:
    """One list's export.

    ``fields`` are what ``values_list`` reads (field paths or expressions, the primary key
    first); ``lookups`` read what a chunk's rows hold several of; ``row(values, found)``
    gives the file's row, in the order of ``names``, from one ``fields`` tuple and the
    look-ups' results for its chunk."""

    names: tuple[str, ...]
    fields: tuple
    row: Callable[[tuple, tuple[dict, ...]], tuple]
    lookups: tuple[Lookup, ...] = ()
    # Whether the rows may be read as the driver gives them, without Django's converters
    # (a fifth of an export's time): true where the text of every value is the same either
    # way (dates as ISO text on SQLite); not for a DecimalField, which Django quantizes.
    raw: bool = True
    # The CSV file's cells as SQL (``Cell``), in the order of ``names``, for the list's model.
    cells: Callable[[type[Model]], tuple] = lambda model: ()

    def __iter__(self):
        # ``for column in columns`` gives the names, as the lists of columns did before.
        return iter(self.names)

    def rows(self, queryset: QuerySet) -> Iterator[list[tuple]]:
        """The file's rows, a chunk at a time, in the queryset's order."""
        values = queryset.prefetch_related(None).values_list(*self.fields)
        fetched = _raw(values) if self.raw else values.iterator(chunk_size=CHUNK_SIZE)
        model, make = queryset.model, self.row
        while chunk := list(islice(fetched, CHUNK_SIZE)):
            keys = [values[0] for values in chunk]
            found = tuple(lookup(model, keys) for lookup in self.lookups)
            yield [make(values, found) for values in chunk]

    def lines(self, queryset: QuerySet) -> Iterator[str]:
        """The CSV file's lines, a chunk at a time as one string, in the queryset's order:
        one query, each row a finished line (``Cell``)."""
        line = Cell("line", _Commas(*self.cells(queryset.model)))
        for chunk in _raw_chunks(queryset.prefetch_related(None).values_list(line)):
            yield "".join([row[0] for row in chunk])


def _raw(values: QuerySet) -> Iterator[tuple]:
    """The rows of a ``values_list`` queryset as the driver gives them (``_raw_chunks``)."""
    return chain.from_iterable(_raw_chunks(values))


def _rows_for(queryset: QuerySet, column: str, keys: list[int]) -> list[tuple]:
    """The rows of a ``values_list`` queryset whose ``column`` is one of ``keys``.

    The keys travel as one parameter (a JSON array on SQLite, an array on PostgreSQL)
    rather than one each, and the rows are fetched as the driver gives them: this is
    the per-chunk look-up, so Django's per-value and per-row work would be most of it."""
    sql, params = queryset.filter(**{f"{column}__in": listed(keys)}).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _grouped(pairs: Iterable[tuple]) -> dict[int, list]:
    """{key: [value, ...]} from (key, value) pairs, in their order."""
    grouped: dict[int, list] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def _title(title: str, file_name: str) -> str:
    """What ``str(article)`` gives: its title, else its file name."""
    return title or file_name


# CSV lines made in SQL ---------------------------------------------------------------------
#
# A CSV export is one query whose every row is a finished line of the file: each column an
# SQL expression giving its cell as text, and what a row holds several of (an event's
# regulators, actors and sources) one correlated subquery per row over an index, aggregated
# there. Python only joins a chunk's lines. The cells are what the JSON export's values give
# when written by ``csv.writer`` (QUOTE_MINIMAL), as ``_cell`` does in Python;
# ``tests/test_exports.py`` checks that both files say the same.
#
# Each template is per vendor; ``{x}`` (and ``{p}``, ``{missing}``) stand for the SQL of the
# cell's expressions and may appear several times: only cheap SQL (a column, an aggregate
# in its own subquery) goes where it is repeated, never a subquery, which would run again.

_QUOTED = {
    # Quoted when it holds a quote, a comma or a line break, quotes doubled; NULL empty.
    "sqlite": """CASE WHEN instr({x}, '"') THEN '"' || replace({x}, '"', '""') || '"' """
    """WHEN instr({x}, ',') OR instr({x}, char(10)) OR instr({x}, char(13)) """
    """THEN '"' || {x} || '"' ELSE coalesce({x}, '') END""",
    "postgresql": """CASE WHEN strpos({x}, '"') > 0 THEN '"' || replace({x}, '"', '""') """
    """|| '"' WHEN {x} ~ '[,\\r\\n]' THEN '"' || {x} || '"' ELSE coalesce({x}, '') END""",
}
_PLACES = Statistic._meta.get_field("value").decimal_places
_MONTHS = "'JanFebMarAprMayJunJulAugSepOctNovDec'"
_SQLITE_YEAR = "CAST(substr({x}, 1, 4) AS INTEGER)"
_SQLITE_MONTH = f"substr({_MONTHS}, 3 * substr({{x}}, 6, 2) - 2, 3)"
_TEMPLATES = {
    "text": _QUOTED,
    # Text made in SQL that needs no quoting (a word from a ``Case``).
    "as is": {"sqlite": "{x}", "postgresql": "{x}"},
    # A number as Python's ``str`` gives it, NULL empty.
    "number": {
        "sqlite": "coalesce(CAST({x} AS TEXT), '')",
        "postgresql": "coalesce(CAST({x} AS TEXT), '')",
    },
    # A date as ISO text (SQLite stores it so), NULL empty.
    "date": {
        "sqlite": "coalesce({x}, '')",
        "postgresql": "coalesce(to_char({x}, 'YYYY-MM-DD'), '')",
    },
    # A figure's value as Django reads its DecimalField, to its places (SQLite stores a
    # number; PostgreSQL's numeric keeps the places).
    "decimal": {
        "sqlite": f"CASE WHEN {{x}} IS NULL THEN '' ELSE printf('%%.{_PLACES}f', {{x}}) END",
        "postgresql": "coalesce(CAST({x} AS TEXT), '')",
    },
    # "9 Feb 2015", "Feb 2015" or "2015" by precision ({p}), as ``format_partial_date``.
    "shown": {
        "sqlite": "CASE WHEN {x} IS NULL THEN {missing} "
        f"WHEN {{p}} = 'year' THEN {_SQLITE_YEAR} "
        f"WHEN {{p}} = 'month' THEN {_SQLITE_MONTH} || ' ' || {_SQLITE_YEAR} "
        f"ELSE CAST(substr({{x}}, 9, 2) AS INTEGER) || ' ' || {_SQLITE_MONTH} "
        f"|| ' ' || {_SQLITE_YEAR} END",
        "postgresql": "CASE WHEN {x} IS NULL THEN {missing} "
        "WHEN {p} = 'year' THEN to_char({x}, 'FMYYYY') "
        "WHEN {p} = 'month' THEN to_char({x}, 'Mon FMYYYY') "
        "ELSE to_char({x}, 'FMDD Mon FMYYYY') END",
    },
    # The one column of a subquery's rows ({x}), in its order, "; " between, in one cell:
    # SQLite's group_concat and PostgreSQL's ARRAY() keep the subquery's order.
    "joined": {
        "sqlite": "(SELECT "
        + _QUOTED["sqlite"].replace("{x}", "group_concat(joined.v, '; ')")
        + " FROM {x} AS joined)",
        "postgresql": "(SELECT "
        + _QUOTED["postgresql"].replace("{x}", "joined.v")
        + " FROM (SELECT array_to_string(ARRAY{x}, '; ') AS v OFFSET 0) AS joined)",
    },
    # The cells ({x}, commas between: ``_Commas``) as one line of the file.
    "line": {
        "sqlite": "{x} || char(13, 10)",
        "postgresql": "{x} || chr(13) || chr(10)",
    },
}


class Cell(Func):
    """One cell of a CSV line as SQL: ``Cell("text", "summary")``; a "shown" date takes its
    precision and the words for no date (``Cell("shown", "date", "date_precision",
    Value("Undated"))``), a "joined" cell a one-column subquery (its column named ``v``)."""

    output_field = TextField()
    placeholders = ("{x}", "{p}", "{missing}")

    def __init__(self, kind: str, *expressions):
        super().__init__(*expressions)
        self.kind = kind

    def as_sql(self, compiler, connection, **extra):
        compiled = [compiler.compile(expression) for expression in self.get_source_expressions()]
        sql, params = [], []
        # A placeholder may appear several times: its SQL and its parameters at each place.
        for piece in re.split(
            r"(\{x\}|\{p\}|\{missing\})", _TEMPLATES[self.kind][connection.vendor]
        ):
            if piece in self.placeholders:
                part_sql, part_params = compiled[self.placeholders.index(piece)]
                sql.append(part_sql)
                params.extend(part_params)
            else:
                sql.append(piece)
        return "".join(sql), params


class _Commas(Func):
    template = "%(expressions)s"
    arg_joiner = " || ',' || "
    output_field = TextField()


def _joined(rows: QuerySet) -> Cell:
    """The ``v`` of a correlated subquery's rows, in its order, in one cell."""
    return Cell("joined", Subquery(rows))


def _raw_chunks(values: QuerySet) -> Iterator[list[tuple]]:
    """The rows of a ``values_list`` queryset as the driver gives them, ``CHUNK_SIZE`` at a
    time, through the same chunked (server-side on PostgreSQL) cursor as ``iterator()``."""
    compiler = values.query.get_compiler(using=values.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return
    # In a transaction: outside one, Django declares PostgreSQL's cursor WITH HOLD, and the
    # server runs the whole query (for a CSV export, all of its work) before the first row,
    # so the first byte of a million-row file would wait a minute, past a worker's timeout.
    # On SQLite the whole export reads one snapshot.
    with transaction.atomic(using=values.db), compiler.connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK_SIZE):
            yield rows


# Events ------------------------------------------------------------------------------------


def _event_regulators(model, keys):
    through = Event.regulators.through.objects.order_by("regulator__name")
    return _grouped(_rows_for(through.values_list("event_id", "regulator__name"), "event_id", keys))


def _event_actors(model, keys):
    through = Event.actors.through.objects.order_by("actor__name")
    return _grouped(_rows_for(through.values_list("event_id", "actor__name"), "event_id", keys))


def _event_sources(model, keys):
    from .queries import visible_sources  # the page's accounts: rejected ones left out

    sources = visible_sources().values_list(
        "event_id", "article_id", "article__title", "article__file_name", "quote"
    )
    rows = _rows_for(sources, "event_id", keys)
    return _grouped(
        (event, {"article_id": article, "article": _title(title, file_name), "quote": quote})
        for event, article, title, file_name, quote in rows
    )


def _event_row(v, found):
    pk, date, precision, reported, reported_precision, kind, summary, state, origin = v
    regulators, actors, sources = found
    return (
        pk, date, precision, _date_display(date, precision), reported, reported_precision,
        kind, summary, regulators.get(pk, []), actors.get(pk, []), state, origin,
        sources.get(pk, []),
    )  # fmt: skip


def _event_cells() -> tuple:
    from .queries import visible_sources  # the page's accounts: rejected ones left out

    def names(through, entity: str) -> Cell:
        rows = through.objects.filter(event=OuterRef("pk")).order_by(f"{entity}__name")
        return _joined(rows.values(v=F(f"{entity}__name")))

    sources = visible_sources().filter(event=OuterRef("pk")).values(v=F("quote"))
    return (
        Cell("number", "pk"), Cell("date", "date"), Cell("text", "date_precision"),
        Cell("shown", "date", "date_precision", Value("Undated")),
        Cell("date", "first_reported"), Cell("text", "first_reported_precision"),
        Cell("text", "kind"), Cell("text", "summary"),
        names(Event.regulators.through, "regulator"), names(Event.actors.through, "actor"),
        Cell("text", "review_state"), Cell("text", "origin"), _joined(sources),
    )  # fmt: skip


EVENT_COLUMNS = Columns(
    names=("id", "date", "date_precision", "date_display", "first_reported",
           "first_reported_precision", "kind", "summary", "regulators", "actors",
           "review_state", "origin", "sources"),
    fields=("pk", "date", "date_precision", "first_reported", "first_reported_precision",
            "kind", "summary", "review_state", "origin"),
    row=_event_row,
    lookups=(_event_regulators, _event_actors, _event_sources),
    cells=lambda model: _event_cells(),
)  # fmt: skip


# Statements and figures --------------------------------------------------------------------


def _when() -> Coalesce:
    """A statement's or figure's date, else its article's (the "date" column)."""
    return Coalesce("date", "article__published", output_field=DateField())


def _named(actor: str, regulator: str) -> Cell:
    """The actor's name if there is one, else the regulator's (``_statement_row``)."""
    return Cell(
        "text",
        Case(
            When(**{f"{actor}_id__isnull": False}, then=F(f"{actor}__name")),
            default=F(f"{regulator}__name"),
        ),
    )


def _article_title() -> Cell:
    """``_title`` in SQL: the article's title, else its file name."""
    return Cell("text", Coalesce(NullIf("article__title", Value("")), "article__file_name"))


def _statement_row(v, found):
    (pk, when, actor_id, actor, regulator_id, regulator, text, stance, quote, article_id,
     title, file_name, start, end, state, origin) = v  # fmt: skip
    speaker_type = "actor" if actor_id else "regulator" if regulator_id else ""
    return (
        pk, when, actor if actor_id else regulator or "", speaker_type, text, stance, quote,
        article_id, _title(title, file_name), start, end, state, origin,
    )  # fmt: skip


STATEMENT_COLUMNS = Columns(
    names=("id", "date", "speaker", "speaker_type", "text", "stance", "quote", "article_id",
           "article", "start", "end", "review_state", "origin"),
    fields=("pk", _when(), "speaker_actor_id", "speaker_actor__name", "speaker_regulator_id",
            "speaker_regulator__name", "text", "stance", "quote", "article_id",
            "article__title", "article__file_name", "start", "end", "review_state", "origin"),
    row=_statement_row,
    cells=lambda model: (
        Cell("number", "pk"), Cell("date", _when()),
        _named("speaker_actor", "speaker_regulator"),
        Cell("as is", Case(When(speaker_actor_id__isnull=False, then=Value("actor")),
                           When(speaker_regulator_id__isnull=False, then=Value("regulator")),
                           default=Value(""))),
        Cell("text", "text"), Cell("text", "stance"), Cell("text", "quote"),
        Cell("number", "article_id"), _article_title(), Cell("number", "start"),
        Cell("number", "end"), Cell("text", "review_state"), Cell("text", "origin"),
    ),
)  # fmt: skip


def _statistic_row(v, found):
    (pk, when, metric, measure, qualifier, value, unit, actor_id, actor, regulator, quote,
     article_id, title, file_name, start, end, state, origin) = v  # fmt: skip
    return (
        pk, when, metric, measure, qualifier, value, unit,
        actor if actor_id else regulator or "", quote, article_id, _title(title, file_name),
        start, end, state, origin,
    )  # fmt: skip


STATISTIC_COLUMNS = Columns(
    names=("id", "date", "metric", "measure", "qualifier", "value", "unit", "subject", "quote",
           "article_id", "article", "start", "end", "review_state", "origin"),
    fields=("pk", _when(), "metric", "measure", "qualifier", "value", "unit",
            "subject_actor_id", "subject_actor__name", "subject_regulator__name", "quote",
            "article_id", "article__title", "article__file_name", "start", "end",
            "review_state", "origin"),
    row=_statistic_row,
    raw=False,  # ``value`` is a DecimalField
    cells=lambda model: (
        Cell("number", "pk"), Cell("date", _when()), Cell("text", "metric"),
        Cell("text", "measure"), Cell("text", "qualifier"), Cell("decimal", "value"),
        Cell("text", "unit"), _named("subject_actor", "subject_regulator"),
        Cell("text", "quote"), Cell("number", "article_id"), _article_title(),
        Cell("number", "start"), Cell("number", "end"), Cell("text", "review_state"),
        Cell("text", "origin"),
    ),
)  # fmt: skip


# Regulators, actors and articles -----------------------------------------------------------


def _aliases(model, keys):
    column = f"{model.alias_field}_id"
    aliases = Alias.objects.order_by("name").values_list(column, "name")
    return _grouped(_rows_for(aliases, column, keys))


def _entity_row(v, found):
    pk, name, kind, country, counts = v
    aliases = [alias for alias in found[0].get(pk, ()) if alias != name]
    return (pk, name, kind, country, aliases, counts.events, counts.statements,
            counts.statistics)  # fmt: skip


@dataclass(frozen=True)
class RankedColumns(Columns):
    """A regulator or actor list's export, in the lists' order (most events first, then by
    name) with the lists' counts, both from the cached counts (``queries.by_event_count``,
    ``queries.entity_counts``) rather than three correlated COUNTs per row, which took a
    minute at a million events. A list of a few thousand rows: both formats are put
    together in Python, two queries per chunk (the rows, their aliases)."""

    def rows(self, queryset: QuerySet) -> Iterator[list[tuple]]:
        model = queryset.model
        counts = entity_counts(model)
        ranked = by_event_count(queryset, counts)
        values = model.objects.order_by().values_list(*self.fields)
        for start in range(0, len(ranked), CHUNK_SIZE):
            keys = ranked[start : start + CHUNK_SIZE]
            by_key = {row[0]: row for row in _rows_for(values, "pk", keys)}
            found = tuple(lookup(model, keys) for lookup in self.lookups)
            yield [
                self.row((*by_key[pk], counts.get(pk, EntityCounts())), found)
                for pk in keys
                if pk in by_key  # deleted since the order was read
            ]

    def lines(self, queryset: QuerySet) -> Iterator[str]:
        return islice(csv_rows(self, self.rows(queryset)), 1, None)  # all but the header


ENTITY_COLUMNS = RankedColumns(
    names=("id", "name", "kind", "country", "aliases", "events", "statements", "statistics"),
    fields=("pk", "name", "kind", "country"),
    row=_entity_row,
    lookups=(_aliases,),
)


def _article_row(v, found):
    pk, title, source, url, published, precision, file_name, events, statements, figures = v
    display = "Date unknown" if published is None else _date_display(published, precision)
    return (pk, title, source, url, published, display, file_name, events, statements,
            figures)  # fmt: skip


ARTICLE_COLUMNS = Columns(
    names=("id", "title", "source", "url", "published", "published_display", "file_name",
           "events", "statements", "statistics"),
    fields=("pk", "title", "source", "url", "published", "published_precision", "file_name",
            "event_count", "statement_count", "statistic_count"),
    row=_article_row,
    cells=lambda model: (
        Cell("number", "pk"), Cell("text", "title"), Cell("text", "source"),
        Cell("text", "url"), Cell("date", "published"),
        Cell("shown", "published", "published_precision", Value("Date unknown")),
        Cell("text", "file_name"), Cell("number", "event_count"),
        Cell("number", "statement_count"), Cell("number", "statistic_count"),
    ),
)  # fmt: skip


# Writing -----------------------------------------------------------------------------------


def _csv_cell(value):
    """A list in one cell: the quotes of sources, the names of entities, "; " between."""
    if value and value[0].__class__ is dict:
        return "; ".join([item["quote"] for item in value])
    return "; ".join([str(item) for item in value])


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Whole numbers as integers, others as floats: what a reader of the JSON expects.
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# One encoder for every row: ``json.dumps`` with options builds a new one per call.
_ENCODER = json.JSONEncoder(default=_json_default, ensure_ascii=False)


def _cell(value) -> str:
    """One CSV cell, as ``csv.writer`` (QUOTE_MINIMAL) writes it, without its per-character
    scan: quoted when it holds a comma, a quote or a line break, quotes doubled; a list
    (names, sources' quotes) in one cell with "; " between."""
    kind = value.__class__
    if kind is list:
        value, kind = _csv_cell(value), str
    if kind is str:
        if '"' in value:
            return '"' + value.replace('"', '""') + '"'
        if "," in value or "\n" in value or "\r" in value:
            return '"' + value + '"'
        return value
    if value is None:
        return ""
    return str(value)


def csv_rows(columns: Columns, chunks: Iterable[list[tuple]]) -> Iterator[str]:
    """The CSV file of rows put together in Python (``Columns.rows``): the rule the lines
    made in SQL follow, which the tests hold them to. ``csv.writer`` spends about 10 µs on
    a row of this width; ``_cell`` half of that."""
    yield ",".join(_cell(name) for name in columns.names) + "\r\n"
    for chunk in chunks:
        yield "".join([",".join([_cell(value) for value in row]) + "\r\n" for row in chunk])


def json_rows(columns: Columns, chunks: Iterable[list[tuple]]) -> Iterator[str]:
    names, encode = columns.names, _ENCODER.encode
    yield "["
    separator = "\n"
    for chunk in chunks:
        text = ",\n".join(encode(dict(zip(names, row, strict=True))) for row in chunk)
        yield separator + text
        separator = ",\n"
    yield "\n]\n"


def csv_file(columns: Columns, queryset: QuerySet) -> Iterator[str]:
    """The CSV file: its header, then the lines made in SQL (``Columns.lines``). The first
    chunk is read here, before any byte is sent."""
    lines = columns.lines(queryset)
    header = ",".join(_cell(name) for name in columns.names) + "\r\n"
    return chain([header + next(lines, "")], lines)


def json_file(columns: Columns, queryset: QuerySet) -> Iterator[str]:
    """The JSON file, from the rows put together in Python (``Columns.rows``). The first
    chunk is read here, before any byte is sent."""
    chunks = columns.rows(queryset)
    first = next(chunks, None)
    return json_rows(columns, chain([first], chunks) if first is not None else iter(()))


FORMATS = {
    "csv": ("text/csv; charset=utf-8", csv_file),
    "json": ("application/json", json_file),
}


def export_response(export_format: str, columns: Columns, queryset, name: str):
    content_type, write = FORMATS[export_format]
    stream = write(columns, queryset)  # the query runs now, before any byte is sent
    response = StreamingHttpResponse(stream, content_type=content_type)
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
