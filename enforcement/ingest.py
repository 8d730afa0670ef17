"""Storing one extracted article: names resolved, events merged, people's work respected.

The extraction stages (``enforcement.extraction``) know nothing of the database;
this module knows nothing of text. ``store`` takes one ``ArticleResult`` and
writes it in one transaction, so an article is either stored whole or not at
all. ``store_batch`` stores several the same way, in one transaction with a
savepoint per article (what the ``ingest`` command uses: the parent of
``--workers`` stores every article, so the store's cost per article bounds how
many workers it can keep busy). The hot inserts, updates and look-ups are plain
SQL (``_Insert``, ``_Update``, ``_select``; a new article's row too, since
``Article`` keeps no history): building model instances and compiling queries
cost more than the database's own work.

The content hash
    ``Article.content_hash`` is the SHA-256 of the *cleaned* text (the output of
    ``extraction.cleaning.clean``: page furniture such as share buttons or "most
    popular" boxes does not count) followed by the values given from outside the
    text (manifest or command line: title, source, url, published). So a page
    saved again with a different sidebar is "unchanged", while a corrected
    publication date in the manifest is "updated" and read again, because dates
    in the text are resolved against it. ``article_hash`` computes it from an
    ``ArticleInput`` without any NLP, so the command can skip unchanged files
    before it loads spaCy (see ``stored_hashes``).

Which article
    An article is its location (``Article.location``: a file's resolved path or a
    page's URL), so two files of one name in two folders are two articles. The
    same location read again is an update; the same cleaned text at another
    location is "unchanged (same as …)".

What a re-ingest may touch
    Only rows the ingest made itself and nobody has looked at: ``origin`` is
    extracted, ``review_state`` is unreviewed and ``edited_by_hand`` is false
    (``Reviewed.protected_q``; an event's sources count as a person's work when
    the event is). Verified, hand-edited and hand-entered rows are never changed
    or deleted; rejected rows stay as tombstones. Every row carries the review key
    of the reading it came from (``models.review_key``: kind, words, and which
    figure of the clause -- never participants or value), and a new reading whose
    key a kept row holds is not made again, however a person edited that row.
    When the text changed, kept rows' offsets move to their words in the new text
    (the copy nearest the old place), or are cleared with ``words_missing`` set.
    Every event the article tells, or told before, has its report date worked out
    again (``event_dates.refresh_report_dates``): upkeep of a derived column, which
    touches none of a person's fields.

Two ingests at once
    Identity lives in unique keys -- ``Article.location``, ``content_hash``,
    ``Alias.normalized`` and one extracted row per reading -- never in a look-up
    followed by an insert. A store that meets another's row (an IntegrityError),
    a deadlock or a locked SQLite database is rolled back whole and run again,
    when it finds what the other stored. On PostgreSQL stores also take one
    transaction-level advisory lock, so articles telling the same event merge as
    they would in one process; on SQLite, ``BEGIN IMMEDIATE`` (see settings) does
    the same. The NLP, which takes nearly all the time, runs outside both.
"""

from __future__ import annotations

import datetime
import functools
import operator
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models.constants import OnConflict
from django.utils import timezone

from .event_dates import (
    REPORT_FIELDS,
    date_new_reports,
    item_sort_fields,
    refresh_report_dates,
)
from .extraction.dates import PartialDate
from .extraction.measures import MEASURES
from .extraction.pipeline import ArticleInput
from .extraction.pipeline import content_hash as _content_hash
from .extraction.result import (
    ACTOR_KINDS,
    EVENT_KINDS,
    QUALIFIERS,
    REGULATOR_KINDS,
    ArticleResult,
    EntityResult,
    EventResult,
)
from .extraction.stances import STANCES
from .models import (
    Actor,
    Alias,
    Article,
    DatePrecision,
    Event,
    EventSource,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
    figure_problem,
    review_key,
)
from .models import normalize_name as _normalize_name

NEW, UNCHANGED, UPDATED, FAILED = "new", "unchanged", "updated", "failed"
ITEM_KINDS = ("regulators", "actors", "statements", "statistics", "events", "event_sources")

# Words too common to say that two event summaries tell the same story.
_STOP_WORD_LIST = """
    the a an and or of in on at to for by with from that this its it is was were be been has
    have had said says will would as but not also their his her they he she which who than
    more over into about after before
    fake fakes counterfeit counterfeits goods products
"""
_STOP_WORDS = frozenset(_STOP_WORD_LIST.split())


# Names repeat within an article and across a run: normalising each once saves real time.
normalize_name = functools.lru_cache(maxsize=8192)(_normalize_name)


# The hash -------------------------------------------------------------------------------


def article_hash(item: ArticleInput) -> str:
    """The content hash an article is stored under (see the module docstring)."""
    return _content_hash(item)


def stored_hashes(hashes) -> set[str]:
    """Which of ``hashes`` are already stored: one query, so unchanged files cost no NLP."""
    hashes = list(set(hashes))
    found: set[str] = set()
    for start in range(0, len(hashes), 500):  # stay under SQLite's variable limit
        chunk = hashes[start : start + 500]
        found.update(
            Article.objects.filter(content_hash__in=chunk).values_list("content_hash", flat=True)
        )
    return found


# The outcome ----------------------------------------------------------------------------


@dataclass
class StoreOutcome:
    """What ``store`` did with one article, for the command's progress and summary."""

    status: str
    article: Article | None = None
    created: Counter = field(default_factory=Counter)
    kept: int = 0  # items not made because a person's row already covers or rejected them
    left_out: list[str] = field(default_factory=list)  # figures that cannot be stored exactly
    note: str = ""

    def describe(self) -> str:
        """ "new — 4 statements, 3 statistics, 5 events"."""
        if self.status == UNCHANGED:
            return f"{self.status}{f' ({self.note})' if self.note else ''}"
        parts = [f"{self.created[kind]} {kind}" for kind in ("statements", "statistics", "events")]
        text = f"{self.status} — {', '.join(parts)}"
        if self.created["event_sources"] > self.created["events"]:
            text += f" (+{self.created['event_sources'] - self.created['events']} merged sources)"
        if self.kept:
            text += f"; {self.kept} left to people's reviews"
        if self.left_out:
            count = len(self.left_out)
            text += (
                f"; {count} figure{'s' if count != 1 else ''} left out "
                f"({self.left_out[0]}: it cannot be stored exactly)"
            )
        return text


# Storing --------------------------------------------------------------------------------


# A store that lost a race is run again this many times, a little later each time.
STORE_ATTEMPTS = 6
# Any number will do, as long as nothing else in the database uses it for its own lock.
_STORE_LOCK = 0x46414B45  # "FAKE"


def store(result: ArticleResult, *, content_hash: str, location: str | None = None) -> StoreOutcome:
    """Write one article and its items in one transaction; raises (and writes nothing) on error.

    ``location`` is where the article was read from (see the module docstring);
    without one, its file name stands in. The command reports an exception as a
    failed article and goes on with the next.
    """
    refuse_control_characters(result)
    location = location or result.file
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                _one_writer_at_a_time()
                return _store(result, content_hash, location)
        except (IntegrityError, OperationalError):
            # Another writer stored the same article, name or reading first, or held the
            # lock too long: read again what is there now. A real fault fails each time.
            if attempt == STORE_ATTEMPTS:
                raise
            time.sleep(random.uniform(0.05, 0.2) * attempt)
    raise AssertionError("unreachable")


# Articles stored in one transaction by ``store_batch``: enough that a commit and the
# look-ups a batch shares cost little per article, few enough that a batch holds the
# lock for a fraction of a second and a progress bar still moves.
STORE_BATCH = 32


def store_batch(items) -> list[StoreOutcome | Exception]:
    """Store several articles, each ``(result, content_hash, location)``, in one
    transaction; returns each one's outcome, or the exception that kept it out.

    The same as ``store`` for each in turn -- the same reads, in the same order, so the
    same rows -- with one commit and one lock for all, and the entities each name stands
    for read once per batch (``_Known``). Each article runs in a savepoint of its own: one
    that fails is rolled back alone, with nothing of it written, and the others are
    stored. A conflict with another writer (an IntegrityError, a locked database)
    rolls the whole batch back, and its articles are stored one by one by ``store``,
    which runs a store that lost a race again.
    """
    refused: dict[int, Exception] = {}
    for index, (result, _hash, _location) in enumerate(items):
        try:
            refuse_control_characters(result)
        except ValueError as error:
            refused[index] = error
    outcomes: list[StoreOutcome | Exception | None] = [refused.get(i) for i in range(len(items))]
    try:
        with transaction.atomic():
            _one_writer_at_a_time()
            known = _Known()
            for index, (result, content_hash, location) in enumerate(items):
                if outcomes[index] is not None:
                    continue
                try:
                    with transaction.atomic():  # a savepoint: this article whole or not at all
                        outcomes[index] = _store(
                            result, content_hash, location or result.file, known
                        )
                except (IntegrityError, OperationalError):
                    raise  # another writer's work: the batch again, one by one
                except Exception as error:  # noqa: BLE001 -- reported as this article's failure
                    outcomes[index] = error
                    known = _Known()  # what it read or made is rolled back with it
    except (IntegrityError, OperationalError):
        for index, (result, content_hash, location) in enumerate(items):
            if index in refused:
                continue
            try:
                outcomes[index] = store(result, content_hash=content_hash, location=location)
            except Exception as error:  # noqa: BLE001 -- reported as this article's failure
                outcomes[index] = error
    return outcomes


def _one_writer_at_a_time() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_STORE_LOCK])


def _store(
    result: ArticleResult, content_hash: str, location: str, known: _Known | None = None
) -> StoreOutcome:
    article, duplicate = _stored_articles(location, result.file, content_hash)
    if article is not None and article.content_hash == content_hash:
        if article.location != location:  # claimed from before locations: now it has one
            Article.objects.filter(pk=article.pk).update(location=location)
        return StoreOutcome(UNCHANGED, article)
    if duplicate is not None:
        where = duplicate.location or duplicate.file_name
        return StoreOutcome(UNCHANGED, duplicate, note=f"same as {where}")

    status = UPDATED if article is not None else NEW
    old_text = article.text if article is not None else None
    # Events this article told before: losing its account, or its new date, may change when
    # they were first reported.
    told_before = _events_told_in(article) if article is not None else set()
    article = _save_article(article, result, content_hash, location)
    outcome = StoreOutcome(status, article)
    if status == UPDATED:
        _delete_automatic_items(article)
        if old_text != article.text:
            reanchor(article)

    names = _NameResolver.for_result(result, outcome.created, known)
    existing = _ExistingItems.for_article(article, status)
    _create_statements(article, result, names, existing, outcome)
    _create_statistics(article, result, names, existing, outcome)
    told_now = _create_events(article, result, names, existing, outcome)
    if status == NEW:
        # Nothing was taken away: each event's report date is the earlier of its own and
        # this article's, and the events are in hand (no sources to read again).
        changed = date_new_reports(
            told_now.values(), article.published, article.published_precision
        )
        _update(Event, REPORT_FIELDS).rows(changed)
    else:
        # An updated article may have a new date, or have lost accounts: read them again,
        # and its people's statements and figures follow its date.
        refresh_report_dates(told_before | set(told_now), articles=[article.pk])
    return outcome


def _events_told_in(article: Article) -> set[int]:
    return set(EventSource.objects.filter(article=article).values_list("event_id", flat=True))


def _stored_articles(
    location: str, file_name: str, content_hash: str
) -> tuple[Article | None, Article | None]:
    """The article stored for ``location`` (or one stored before locations existed), and
    another holding the same text; both locked, in one query: the store runs once per
    article, in the process that may be every worker's bottleneck."""
    legacy = Article.legacy_location(file_name)
    rows = list(Article.objects.raw(_stored_articles_sql(), [location, legacy, content_hash]))
    at = {row.location: row for row in rows}
    article = at.get(location) or at.get(legacy)
    duplicate = next((row for row in rows if row.content_hash == content_hash), None)
    return article, duplicate


@functools.cache
def _stored_articles_sql() -> str:
    """``select_for_update().filter(Q(location__in=…) | Q(content_hash=…)).order_by("pk")``,
    written out once: compiling it cost more than running it."""
    columns = ", ".join(_q(column.column) for column in Article._meta.concrete_fields)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return (
        f"SELECT {columns} FROM {_q(Article._meta.db_table)} "
        f"WHERE {_q('location')} IN (%s, %s) OR {_q('content_hash')} = %s "
        f"ORDER BY {_q('id')}{lock}"
    )


def _save_article(
    article: Article | None, result: ArticleResult, content_hash: str, location: str
) -> Article:
    """The article's row, with what this reading says. A new one is inserted as ``save()``
    would insert it (``Article`` keeps no history and has no ``save`` of its own), by a
    query written out; an updated one goes through ``save()``."""
    published, precision = _date_fields(result.published)
    values = {
        "file_name": result.file[:255],
        "location": location,
        "title": (result.title or "")[:500],
        "source": (result.source or "")[:255],
        "url": (result.url or "")[:1000],
        "published": published,
        "published_precision": precision,
        "text": result.text,
        "content_hash": content_hash,
    }
    if article is not None:
        for name, value in values.items():
            setattr(article, name, value)
        article.save()
        return article
    key, written = _insert(Article).one(values)
    article = Article(id=key, **written)
    article._state.adding, article._state.db = False, connection.alias
    return article


# Inserting many rows ----------------------------------------------------------------------


class _Insert:
    """``bulk_create`` for the store's hot tables by queries written out: ``rows`` (dicts,
    no model instances: one ``executemany`` of plain tuples), ``instances`` (unsaved
    instances, given their new keys by ``RETURNING``, as ``bulk_create`` gives them) and
    ``one`` (a single row, its key returned), in the model's own table and columns.

    What ``bulk_create`` would write: every concrete column but the key, a field not
    given takes its default (``Field.get_default``), ``auto_now``/``auto_now_add`` the
    time of the insert, and dates, times and decimals go through the field's own
    ``get_db_prep_save``; text choices are written as their plain values. Like
    ``bulk_create``, it runs no ``save()``, no signals and no history; the full-text
    triggers and indexes are the database's own and see every row.
    """

    def __init__(self, model, ignore_conflicts: bool = False):
        self.fields = [column for column in model._meta.concrete_fields if not column.primary_key]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column.column) for column in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        # ``ignore_conflicts``: a row a unique key already holds is left out, as
        # ``bulk_create(ignore_conflicts=True)`` leaves it (the backend's own words for it).
        conflict = OnConflict.IGNORE if ignore_conflicts else None
        self.ignore_conflicts = ignore_conflicts
        suffix = connection.ops.on_conflict_suffix_sql(self.fields, conflict, None, None)
        self.sql = (
            f"{connection.ops.insert_statement(on_conflict=conflict)} "
            f"{quote(model._meta.db_table)} ({columns}) VALUES ({marks}) {suffix}"
        ).strip()

    def rows(self, rows: list[dict]) -> int:
        """Insert ``rows`` (each field's value by ``attname``); returns how many."""
        if not rows:
            return 0
        values = self._values(rows)
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)
        return len(values)

    def instances(self, objects: list) -> None:
        """``bulk_create(objects)`` for unsaved model instances: their values inserted
        (``auto_now`` times the insert's), their new keys set on them -- but, as with
        ``bulk_create``, not when conflicts are ignored."""
        if not objects:
            return
        given = [column.attname for column in self.fields if not _is_auto_time(column)]
        values = self._values([{name: getattr(obj, name) for name in given} for obj in objects])
        if self.ignore_conflicts:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, values)
            return
        if not connection.features.can_return_rows_from_bulk_insert:
            keys = [self._one_line(line) for line in values]
        else:
            keys = []
            size = max(1, 900 // len(self.fields))  # SQLite's variable limit, with room
            marks = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
            head = self.sql.rsplit(" VALUES ", 1)[0]
            for start in range(0, len(values), size):
                chunk = values[start : start + size]
                sql = (
                    f"{head} VALUES {', '.join([marks] * len(chunk))} "
                    f"RETURNING {connection.ops.quote_name('id')}"
                )
                with connection.cursor() as cursor:
                    cursor.execute(sql, [value for line in chunk for value in line])
                    keys += [row[0] for row in cursor.fetchall()]  # in the order given
        for obj, key in zip(objects, keys, strict=True):
            obj.pk = key
            obj._state.adding, obj._state.db = False, connection.alias

    def _one_line(self, line: list) -> int:
        with connection.cursor() as cursor:
            if connection.features.can_return_columns_from_insert:
                cursor.execute(f"{self.sql} RETURNING {connection.ops.quote_name('id')}", line)
                return cursor.fetchone()[0]
            cursor.execute(self.sql, line)
            return cursor.lastrowid

    def one(self, row: dict) -> tuple[int, dict]:
        """Insert one row; returns its key and every field's value as written (the
        defaults and times filled in)."""
        (line,), now = self._values([row]), self._now
        key = self._one_line(line)
        written = {}
        for column in self.fields:
            value = row.get(column.attname, _MISSING)
            if value is _MISSING:
                value = now if _is_auto_time(column) else column.get_default()
            written[column.attname] = value
        return key, written

    @functools.cached_property
    def _plan(self) -> list[tuple[str, object, object]]:
        """Per column: its attname, its default made ready (``_NOW`` for an automatic
        time; ``_PER_CALL`` for a callable default, worked out per insert) and how a given
        value is made ready. Worked out once per table: the store inserts a few rows at a
        time, thousands of times a run, and working this out each time was a quarter of it."""
        plan = []
        for column in self.fields:
            prepare = _preparer(column)
            if _is_auto_time(column):
                default = _NOW
            elif column.has_default() and callable(column.default):
                default = _PER_CALL
            else:
                default = _ready(column.get_default(), prepare)
            plan.append((column.attname, default, prepare))
        return plan

    def _values(self, rows: list[dict]) -> list[list]:
        self._now = now = timezone.now()
        defaults, prepared = {}, []
        for index, (attname, default, prepare) in enumerate(self._plan):
            if default is _NOW:
                default = _ready(now, prepare)
            elif default is _PER_CALL:
                default = _ready(self._column(attname).get_default(), prepare)
            defaults[attname] = default
            if prepare is not None:
                prepared.append((index, attname, prepare))
        line_of = operator.itemgetter(*defaults) if len(defaults) > 1 else None
        values = []
        for row in rows:
            given = {**defaults, **row}
            line = list(line_of(given)) if line_of else [given[next(iter(defaults))]]
            for index, attname, prepare in prepared:
                if attname in row:
                    line[index] = prepare(line[index])
            if not _PLAIN_TYPES.issuperset(map(type, line)):
                # a TextChoices member: its value (other str subclasses too, as Django does)
                line = [
                    str(value) if type(value) is not str and isinstance(value, str) else value
                    for value in line
                ]
            values.append(line)
        return values

    def _column(self, attname: str):
        return next(column for column in self.fields if column.attname == attname)


def _ready(default, prepare):
    if prepare is not None:
        return prepare(default)
    if isinstance(default, str):
        return str(default)  # a TextChoices member: its value
    return default


_MISSING = object()
# Values every database driver takes as they are; anything else is looked at once more.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None), bytes})
_NOW = object()  # the time of the insert
_PER_CALL = object()  # a callable default: called for each insert


def _preparer(column):
    """How a value of ``column`` is made ready for the database, where plain values
    are not: None for text, numbers and keys."""
    kind = column.get_internal_type()
    if kind == "DateField":  # few distinct days: each worked out once
        return functools.partial(_prepared, column, {})
    if kind in ("DateTimeField", "DecimalField"):  # equal decimals may be written differently
        return functools.partial(column.get_db_prep_save, connection=connection)
    return None


def _is_auto_time(column) -> bool:
    return getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False)


def _prepared(column, seen: dict, value):
    """``column.get_db_prep_save(value)``, worked out once per distinct day."""
    if value is None:
        return None  # what every backend's date adapter makes of it
    if type(value) is not datetime.date:
        return column.get_db_prep_save(value, connection)
    try:
        return seen[value]
    except KeyError:
        seen[value] = prepared = column.get_db_prep_save(value, connection)
        return prepared


@functools.cache
def _insert(model, ignore_conflicts: bool = False) -> _Insert:
    return _Insert(model, ignore_conflicts)


class _Update:
    """``bulk_update`` of the store's hot rows by one ``executemany`` of
    ``UPDATE … SET … WHERE id = …``: the same values written (each field's own
    ``get_db_prep_save``), without the ORM's ``CASE WHEN`` query compiled per call."""

    def __init__(self, model, names: tuple[str, ...]):
        self.fields = [model._meta.get_field(name) for name in names]
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(column.column)} = %s" for column in self.fields)
        table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
        self.sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"

    def rows(self, objects) -> int:
        """Write the fields of ``objects`` (model instances with a key); returns how many."""
        plan = [(column.attname, _preparer(column)) for column in self.fields]
        values = []
        for row in objects:
            line = []
            for attname, prepare in plan:
                value = getattr(row, attname)
                if prepare is not None:
                    value = prepare(value)
                elif isinstance(value, str) and type(value) is not str:
                    value = str(value)  # a TextChoices member: its value
                line.append(value)
            line.append(row.pk)
            values.append(line)
        if values:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, values)
        return len(values)


@functools.cache
def _update(model, names: tuple[str, ...]) -> _Update:
    return _Update(model, names)


def _select(model, columns, key: str, ids, order: str = "") -> list[tuple]:
    """``model.objects.filter(<key>__in=ids).values_list(*columns)`` for integer columns
    and text, in plain SQL: the store runs a few of these per article, and compiling
    them cost more than running them. ``order`` (SQL) orders the rows of each key; keys
    come in chunks, each key's rows in one."""
    if not ids:
        return []
    quote = connection.ops.quote_name
    ids = list(ids)
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):  # stay under SQLite's variable limit
        chunk = ids[start : start + 500]
        sql = (
            f"SELECT {', '.join(quote(column) for column in columns)} "
            f"FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(key)} IN ({', '.join(['%s'] * len(chunk))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql + (f" ORDER BY {order}" if order else ""), chunk)
            rows += cursor.fetchall()
    return rows


# Control characters ---------------------------------------------------------------------
# The readers remove them (``article_files.plain_text``); a result that still holds one
# came some other way and is refused whole, before anything is written: PostgreSQL
# refuses NUL outright, and a database that took one could not be restored into it.

# Unicode's categories Cc (controls) and Cs (surrogates), which its stability policy fixes,
# less the three a text may hold: one regular expression, not a look-up per character.
_ALLOWED_CONTROLS = frozenset("\n\t\r")
_REFUSED = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in [*range(0x20), *range(0x7F, 0xA0)]
        if chr(code) not in _ALLOWED_CONTROLS
    )
    + "\ud800-\udfff]"
)


def refuse_control_characters(result: ArticleResult) -> None:
    for name in ("text", "title", "source", "url", "file"):
        found = _REFUSED.search(getattr(result, name) or "")
        if found is not None:
            raise ValueError(
                f"the article's {name} holds the control character U+{ord(found.group()):04X}; "
                "it was not stored"
            )


def _date_fields(value: PartialDate | None):
    if value is None:
        return None, DatePrecision.DAY
    return value.first_day(), value.precision


def _automatic(model, **filters):
    """Rows the ingest made and nobody has touched: the only ones it may delete.

    ``Reviewed.protected_q`` is the one definition of what a person's work is.
    """
    return model.objects.filter(**filters).exclude(model.protected_q())


def _delete_automatic_items(article: Article) -> None:
    """Clear what the last reading of this article made, so the new reading replaces it."""
    _automatic(Statement, article=article).delete()
    _automatic(Statistic, article=article).delete()
    sources = _automatic(EventSource, article=article)
    event_ids = list(sources.values_list("event_id", flat=True))
    sources.delete()
    if event_ids:
        _automatic(Event, pk__in=event_ids, sources__isnull=True).delete()


def reanchor(article: Article) -> None:
    """Move the offsets of the article's kept rows to their words in its new text.

    The copy nearest the old place wins; words found only with other spacing take
    the new spacing as their quote. Rows whose words are gone lose their offsets
    and get ``words_missing``, so no page highlights the wrong words. Rows that
    never had offsets (typed by hand without them) are left as they are. This is
    upkeep, not a person's change: ``updated_at`` and the history stay as they were.
    """
    text = article.text
    for model in (Statement, Statistic, EventSource):
        rows = model.objects.filter(article=article).only("quote", "start", "end", "words_missing")
        changed = []
        for row in rows:
            if row.start is None and not row.words_missing:
                continue
            found = find_quote(text, row.quote, row.start or 0)
            if found is None:
                update = (None, None, row.quote, True)
            else:
                update = (found[0], found[1], text[found[0] : found[1]], False)
            if update != (row.start, row.end, row.quote, row.words_missing):
                row.start, row.end, row.quote, row.words_missing = update
                changed.append(row)
        model.objects.bulk_update(changed, ["start", "end", "quote", "words_missing"])


def find_quote(text: str, quote: str, near: int) -> tuple[int, int] | None:
    """(start, end) of ``quote`` in ``text`` nearest ``near``; spacing may differ."""
    if not quote or not quote.strip():
        return None
    starts, position = [], text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    if starts:
        start = min(starts, key=lambda at: (abs(at - near), at))
        return start, start + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    matches = list(re.finditer(pattern, text))
    if not matches:
        return None
    best = min(matches, key=lambda match: (abs(match.start() - near), match.start()))
    return best.start(), best.end()


# Names ----------------------------------------------------------------------------------


class _NameResolver:
    """The article's names mapped to Regulator and Actor rows, made where missing.

    Every name is looked up through ``Alias.normalized`` in one query. An entity is
    found by its name, or by an alias that is a name in its own right ("SAIC",
    "Ma"); a lowercase alias ("the government", "the court") only means something
    inside its article, so it resolves names there but is never stored as an
    Alias nor used to find an entity elsewhere. An entity a person made or edited
    is used but never changed, and gets no new aliases (one may have been removed
    on purpose).
    """

    def __init__(self, by_alias: dict[str, object], created: Counter):
        self.by_alias = by_alias  # normalized name -> entity, across the database
        self.in_article: dict[str, object] = {}  # every name this article gives its entities
        self.created = created
        self.new_aliases: list[Alias] = []
        self.stored_aliases: list[Alias] = []  # what this article added to Alias

    @classmethod
    def for_result(
        cls, result: ArticleResult, created: Counter, known: _Known | None = None
    ) -> _NameResolver:
        known = known or _Known()
        wanted = {normalize_name(name) for name in _all_names(result)} - {""}
        by_alias = known.entities(wanted)
        resolver = cls(by_alias, created)
        resolver.resolve_entities(result)
        known.learn(resolver.stored_aliases)
        return resolver

    def get(self, name: str | None):
        """The entity a name in this article stands for, if any."""
        if not name:
            return None
        normalized = normalize_name(name)
        return self.in_article.get(normalized) or self.by_alias.get(normalized)

    def resolve_entities(self, result: ArticleResult) -> None:
        entities = [*result.regulators, *result.actors]
        self._create([entity for entity in entities if self._existing(entity) is None])
        for entity in entities:
            row = self._existing(entity)
            if row is None:
                continue
            for name in entity.names():
                self.in_article.setdefault(normalize_name(name), row)
            self._claim_names(entity, row)
        if self.new_aliases:
            # More names for entities that exist: a name someone else took meanwhile
            # stays theirs (a normalised name names one entity).
            self.new_aliases.sort(key=_by_name)
            _insert(Alias, ignore_conflicts=True).instances(self.new_aliases)
            self.stored_aliases += self.new_aliases
        self._set_affiliations(result.actors)

    def _existing(self, entity: EntityResult):
        for name in _identifying_names(entity):
            row = self.by_alias.get(normalize_name(name))
            if row is not None:
                return row
        return None

    def _create(self, missing: list[EntityResult]) -> None:
        """Make the entities nobody has heard of, two bulk inserts at most."""
        unique: dict[str, EntityResult] = {}
        for entity in missing:
            unique.setdefault(normalize_name(entity.name), entity)
        regulators = [_new_regulator(e) for e in unique.values() if e.is_regulator]
        actors = [_new_actor(e) for e in unique.values() if not e.is_regulator]
        _insert(Regulator).instances(regulators)
        _insert(Actor).instances(actors)
        rows = [*regulators, *actors]
        # Each new entity's own name, inserted strictly and in a fixed order: if another
        # writer took a name meanwhile, the IntegrityError makes ``store`` run again and
        # find that writer's entity, so no name ever makes two entities.
        own = sorted((row.own_alias() for row in rows if normalize_name(row.name)), key=_by_name)
        _insert(Alias).instances(own)
        self.stored_aliases += own
        for row in rows:
            self.by_alias[normalize_name(row.name)] = row
        self.created["regulators"] += len(regulators)
        self.created["actors"] += len(actors)

    def _claim_names(self, entity: EntityResult, row) -> None:
        if row.is_protected:
            return
        for name in _identifying_names(entity):
            if normalize_name(name) not in self.by_alias:
                self.by_alias[normalize_name(name)] = row
                self._add_alias(name, row)

    def _add_alias(self, name: str, row) -> None:
        normalized = normalize_name(name)[:255]
        if not normalized:
            return
        owner = {"regulator": row} if isinstance(row, Regulator) else {"actor": row}
        self.new_aliases.append(Alias(name=name[:255], normalized=normalized, **owner))

    def _set_affiliations(self, actors: list[EntityResult]) -> None:
        """An official's body, set once and only where nobody has set it by hand."""
        changed = []
        for entity in actors:
            row, body = self.get(entity.name), self.get(entity.affiliation)
            if not isinstance(row, Actor) or body is None or body == row or row.is_protected:
                continue
            if row.affiliated_regulator_id or row.affiliated_actor_id:
                continue
            if isinstance(body, Regulator):
                row.affiliated_regulator = body
            else:
                row.affiliated_actor = body
            changed.append(row)
        if changed:
            _update(Actor, ("affiliated_regulator", "affiliated_actor")).rows(changed)


class _Known:
    """Which entity each normalised name stands for, as far as a batch's stores have read
    or written it: valid inside the batch's one transaction, where no other store writes
    (the lock in ``store_batch``), and dropped whole when an article of the batch fails,
    since its rows are rolled back. Names longer than an alias holds are never kept (the
    stored alias is cut short, so the database would not find them again): they are read
    every time, as without a batch."""

    def __init__(self):
        self.names: dict[str, object | None] = {}  # None: no alias has this name

    def entities(self, wanted: set[str]) -> dict[str, object]:
        """normalised name -> entity for those of ``wanted`` that name one: one query for
        the names not met before in the batch, none when all were."""
        missing = [name for name in wanted if name not in self.names]
        found = {}
        for start in range(0, len(missing), 500):  # stay under SQLite's variable limit
            for alias in Alias.objects.filter(
                normalized__in=missing[start : start + 500]
            ).select_related("regulator", "actor"):
                found[alias.normalized] = alias.regulator or alias.actor
        for name in missing:
            if len(name) <= _ALIAS_LENGTH:
                self.names[name] = found.get(name)
        by_alias = {name: self.names[name] for name in wanted if self.names.get(name) is not None}
        by_alias.update(found)
        return by_alias

    def learn(self, aliases: list[Alias]) -> None:
        """Aliases just inserted (a conflict cannot hide one: under the lock, a name absent
        from the look-up is absent from the table)."""
        for alias in aliases:
            if len(alias.normalized) <= _ALIAS_LENGTH:
                self.names[alias.normalized] = alias.regulator or alias.actor


_ALIAS_LENGTH = 255  # Alias.normalized's max_length


def _by_name(alias: Alias) -> str:
    return alias.normalized


def _identifying_names(entity: EntityResult) -> list[str]:
    """The entity's name and those aliases that are names anywhere: they have a capital."""
    return [entity.name, *(alias for alias in entity.aliases if alias != alias.lower())]


def _all_names(result: ArticleResult):
    for entity in [*result.regulators, *result.actors]:
        yield from entity.names()
        if entity.affiliation:
            yield entity.affiliation
    for statement in result.statements:
        if statement.speaker:
            yield statement.speaker
    for statistic in result.statistics:
        if statistic.subject:
            yield statistic.subject
    for event in result.events:
        yield from event.regulators
        yield from event.actors


def _new_regulator(entity: EntityResult) -> Regulator:
    kind = entity.kind if entity.kind in REGULATOR_KINDS else "other"
    return Regulator(
        name=entity.name[:255], kind=kind, country=_country(entity), origin=Origin.EXTRACTED
    )


def _new_actor(entity: EntityResult) -> Actor:
    kind = entity.kind if entity.kind in ACTOR_KINDS else "other"
    return Actor(
        name=entity.name[:255], kind=kind, country=_country(entity), origin=Origin.EXTRACTED
    )


def _country(entity: EntityResult) -> str:
    country = (entity.country or "").strip().upper()
    return country if len(country) == 2 else ""


def _split_ids(row) -> tuple[int | None, int | None]:
    """A resolved entity as the (regulator, actor) pair of foreign key values."""
    if isinstance(row, Regulator):
        return row.pk, None
    if isinstance(row, Actor):
        return None, row.pk
    return None, None


# What the article already has -----------------------------------------------------------


@dataclass
class _ExistingItems:
    """What this article's kept rows (people's rows) already stand for.

    A new reading whose review key one of them holds is not made: a person's row
    covers it or a person rejected it, whatever they changed in it since.
    """

    keys: set[str] = field(default_factory=set)
    event_starts: set[tuple[int, int]] = field(default_factory=set)  # (event id, start) taken

    @classmethod
    def for_article(cls, article: Article, status: str) -> _ExistingItems:
        existing = cls()
        if status == NEW:
            return existing  # a new article has no rows yet: save the queries
        for model in (Statement, Statistic):
            existing.keys.update(
                model.objects.filter(article=article).values_list("review_key", flat=True)
            )
        for key, event_id, start in EventSource.objects.filter(article=article).values_list(
            "review_key", "event_id", "start"
        ):
            existing.keys.add(key)
            existing.event_starts.add((event_id, start))
        return existing


# Statements and statistics --------------------------------------------------------------


def _create_statements(article, result, names, existing, outcome) -> None:
    rows, seen = [], set()
    for item in result.statements:
        key = review_key("statement", item.span.text)
        if key in existing.keys:
            outcome.kept += 1
            continue
        if key in seen:
            continue  # the stage found the same words twice
        seen.add(key)
        regulator_id, actor_id = _split_ids(names.get(item.speaker))
        date, precision = _date_fields(item.date)
        rows.append(
            {
                "article_id": article.pk,
                "speaker_regulator_id": regulator_id,
                "speaker_actor_id": actor_id,
                "text": item.span.text,
                "quote": item.span.text,
                "start": item.span.start,
                "end": item.span.end,
                "date": date,
                "date_precision": precision,
                "origin": Origin.EXTRACTED,
                "review_key": key,
                "stance": item.stance if item.stance in STANCES else "other",  # meaning
                **item_sort_fields(date, article.published),  # no save()
            }
        )
    outcome.created["statements"] += _insert(Statement).rows(rows)


def _create_statistics(article, result, names, existing, outcome) -> None:
    rows, seen = [], set()
    ordinals: Counter = Counter()
    for item in result.statistics:
        # One clause may hold two figures ("RMB10,000 (about $2000)"): the first, the second…
        # of the figures read from these words, in reading order -- never their value.
        ordinal = ordinals[item.span.text]
        ordinals[item.span.text] += 1
        key = review_key("statistic", item.span.text, ordinal)
        if key in existing.keys:
            outcome.kept += 1
            continue
        problem = figure_problem(item.value)
        if problem:
            outcome.left_out.append(problem)
            continue
        if (item.span.text, Decimal(item.value).normalize()) in seen:
            continue  # the stage found the same figure twice
        seen.add((item.span.text, Decimal(item.value).normalize()))
        regulator_id, actor_id = _split_ids(names.get(item.subject))
        date, precision = _date_fields(item.date)
        rows.append(
            {
                "article_id": article.pk,
                "value": item.value,
                "unit": (item.unit or "")[:50],
                "metric": (item.metric or "")[:255],
                "qualifier": item.qualifier if item.qualifier in QUALIFIERS else "",
                "subject_regulator_id": regulator_id,
                "subject_actor_id": actor_id,
                "quote": item.span.text,
                "start": item.span.start,
                "end": item.span.end,
                "date": date,
                "date_precision": precision,
                "origin": Origin.EXTRACTED,
                "review_key": key,
                "measure": item.measure if item.measure in MEASURES else "other",  # meaning
                **item_sort_fields(date, article.published),  # no save()
            }
        )
    outcome.created["statistics"] += _insert(Statistic).rows(rows)


# Events ---------------------------------------------------------------------------------


@dataclass
class _EventCandidate:
    """An event an article's account may join, with its participants loaded once."""

    event: Event | _StoredEvent
    regulator_ids: set[int]
    actor_ids: set[int]
    stored_regulator_ids: frozenset[int] = frozenset()  # links already in the database
    stored_actor_ids: frozenset[int] = frozenset()
    # meaning: the words the event was first told in (its first source's quote), not its
    # one-line summary, so that a summary (or a person's edit of it) never changes merging
    told_in: str = ""
    tellings: _FirstTellings | None = None  # where a stored event's words are read from

    def same_story(self, regulator_ids, actor_ids, words: set[str], dated: bool) -> bool:
        """See ``_create_events`` for the rule."""
        shared = bool(regulator_ids & self.regulator_ids or actor_ids & self.actor_ids)
        if dated and (regulator_ids or actor_ids):
            return shared
        if not dated and not shared:
            return False
        return _words_overlap(words, _content_words(self.first_words()))

    def first_words(self) -> str:
        if not self.told_in and self.tellings is not None and self.event.pk is not None:
            self.told_in = self.tellings.of(self.event.pk)
        return self.told_in or self.event.summary


class _FirstTellings:
    """Stored events' first sources' words, read in one query when a merge first needs
    them: most accounts merge on their date and participants alone. Only each event's
    first source (the lowest key) is read: a story told often has many."""

    def __init__(self, event_ids: list[int]):
        self.event_ids = event_ids
        self.quotes: dict[int, str] | None = None

    def of(self, event_id: int) -> str:
        if self.quotes is None:
            self.quotes = {}
            table = _q(EventSource._meta.db_table)
            for start in range(0, len(self.event_ids), 500):  # SQLite's variable limit
                chunk = self.event_ids[start : start + 500]
                sql = (
                    f"SELECT {_q('event_id')}, {_q('quote')} FROM {table} WHERE {_q('id')} IN "
                    f"(SELECT MIN({_q('id')}) FROM {table} WHERE {_q('event_id')} IN "
                    f"({_marks(chunk)}) GROUP BY {_q('event_id')})"
                )
                with connection.cursor() as cursor:
                    cursor.execute(sql, chunk)
                    self.quotes.update(cursor.fetchall())
        return self.quotes.get(event_id, "")


def _create_events(article, result, names, existing, outcome) -> dict[int, Event]:
    """Each account joins the event it tells (from any article) or starts a new one;
    returns the events given an account from this article, by primary key.

    Merge rule: same kind and same date at the same precision, and at least one
    participant in common -- or, when the account names no participants, most of
    the words of the shorter summary in common. Undated accounts (wire copies of a
    story often carry no date) need both a shared participant and shared words;
    undated accounts without participants never merge: too little to go on. An
    account matching a rejected event is not stored: a person said it is not one.
    """
    seen: set[str] = set()
    accounts = [item for item in result.events if _wanted(item, existing, seen, outcome)]
    if not accounts:
        return {}
    candidates = _load_candidates(accounts, names)
    new_events: list[_EventCandidate] = []
    sources: list[tuple[_EventCandidate, EventResult]] = []
    slots: set[tuple[int, int]] = set()
    dated_now: list[_EventCandidate] = []  # stored undated events this article dates
    for item in accounts:
        regulator_ids, actor_ids = _participant_ids(item, names)
        key = (_kind(item), *_date_fields(item.date))
        words = _content_words(item.span.text)
        dated = item.date is not None
        match = next(
            (
                candidate
                for candidate in candidates.get(key, [])
                if candidate.same_story(regulator_ids, actor_ids, words, dated)
            ),
            None,
        )
        if match is None and not dated:
            match = _dated_event_told_without_date(key[0], regulator_ids, actor_ids, candidates)
        if match is None and dated:
            match = _undated_event_now_dated(key, regulator_ids, actor_ids, candidates)
            if match is not None:
                dated_now.append(match)
        if match is not None and match.event.review_state == ReviewState.REJECTED:
            outcome.kept += 1
            continue
        if match is not None:
            # One source per event and start (a database constraint): a second account at
            # the same place adds nothing.
            taken = (match.event.pk, item.span.start) in existing.event_starts
            if not taken and (id(match), item.span.start) not in slots:
                slots.add((id(match), item.span.start))
                _extend_participants(match, regulator_ids, actor_ids)
                sources.append((match, item))
            continue
        event = Event(
            kind=key[0],
            summary=item.summary or item.span.text,  # meaning: the one-line summary
            date=key[1],
            date_precision=key[2],
            origin=Origin.EXTRACTED,
        )
        candidate = _EventCandidate(
            event, set(regulator_ids), set(actor_ids), told_in=item.span.text
        )
        new_events.append(candidate)
        candidates.setdefault(key, []).append(candidate)
        slots.add((id(candidate), item.span.start))
        sources.append((candidate, item))
    _save_events(article, new_events, candidates, sources, outcome)
    stored = [c.event for c in dated_now if c.event.pk is not None]
    if stored:
        _update(Event, ("date", "date_precision")).rows(stored)
    return {candidate.event.pk: candidate.event for candidate, _item in sources}


def _undated_event_now_dated(key, regulator_ids, actor_ids, candidates):
    """The other order of ``_dated_event_told_without_date``: an undated event stored first
    takes the date of a dated account that shares its kind, a regulator and an actor, so the
    order articles arrive in never splits one story into two events. A person's event keeps
    what the person gave it."""
    kind, date, precision = key
    if not (regulator_ids and actor_ids):
        return None
    for (candidate_kind, candidate_date, _precision), group in candidates.items():
        if candidate_kind != kind or candidate_date is not None:
            continue
        for candidate in group:
            event = candidate.event
            if event.pk is not None and event.is_protected:
                continue
            if regulator_ids & candidate.regulator_ids and actor_ids & candidate.actor_ids:
                group.remove(candidate)
                event.date, event.date_precision = date, precision
                candidates.setdefault(key, []).append(candidate)
                return candidate
    return None


def _dated_event_told_without_date(kind, regulator_ids, actor_ids, candidates):
    """An undated account of a dated event ("the SAIC released a report accusing Alibaba",
    after another article dated it Jan 2015): the same kind, and both a regulator and an
    actor in common -- more than a shared name, since the date cannot confirm it."""
    if not (regulator_ids and actor_ids):
        return None
    for (candidate_kind, date, _precision), group in candidates.items():
        if candidate_kind != kind or date is None:
            continue
        for candidate in group:
            if regulator_ids & candidate.regulator_ids and actor_ids & candidate.actor_ids:
                return candidate
    return None


def _wanted(item: EventResult, existing: _ExistingItems, seen: set, outcome) -> bool:
    """False for an account a person's row covers or rejected, or one already taken."""
    quote = item.span.text
    if review_key("event", quote) in existing.keys:
        outcome.kept += 1
        return False
    if quote in seen:
        return False
    seen.add(quote)
    return True


def _kind(item: EventResult) -> str:
    return item.kind if item.kind in EVENT_KINDS else "other"


def _participant_ids(item: EventResult, names: _NameResolver) -> tuple[set[int], set[int]]:
    regulator_ids, actor_ids = set(), set()
    for name in [*item.regulators, *item.actors]:
        row = names.get(name)
        if isinstance(row, Regulator):
            regulator_ids.add(row.pk)
        elif isinstance(row, Actor):
            actor_ids.add(row.pk)
    return regulator_ids, actor_ids


# Undated events of one kind sharing a participant can pile up over years of news;
# the newest this many are enough to find a wire copy of a recent story.
UNDATED_CANDIDATES = 50
# What merging reads of a stored event: building whole rows cost more than their queries.
_CANDIDATE_FIELDS = (
    "kind",
    "date",
    "date_precision",
    "summary",
    "origin",
    "edited_by_hand",
    "review_state",
    *REPORT_FIELDS,  # a new article's store works its report date out from them
)


def _load_candidates(accounts, names) -> dict[tuple, list[_EventCandidate]]:
    """Stored events an account might tell, with their participants' ids: seven queries at most."""
    events: list[Event] = []
    dated = [item for item in accounts if item.date is not None]
    if dated:
        kinds = sorted({_kind(item) for item in dated})
        days = sorted({item.date.first_day() for item in dated})
        events += _events(
            f"{_q('kind')} IN ({_marks(kinds)}) AND {_q('date')} IN ({_marks(days)}) "
            f"ORDER BY {_q('id')}",
            [*kinds, *(connection.ops.adapt_datefield_value(day) for day in days)],
        )
    regulator_ids, actor_ids, kinds = set(), set(), set()
    for item in accounts:
        more_regulators, more_actors = _participant_ids(item, names)
        # Undated accounts may tell any event of theirs; dated ones may date an undated one
        # (``_undated_event_now_dated``), which needs a regulator and an actor.
        told_without_date = item.date is None and (more_regulators or more_actors)
        if told_without_date or (more_regulators and more_actors):
            regulator_ids |= more_regulators
            actor_ids |= more_actors
            kinds.add(_kind(item))
    if kinds:
        # Subqueries on the link tables rather than joins: no DISTINCT, and a cheap plan.
        # Undated accounts may tell an undated event, or a dated one another article dated.
        told, params = [], sorted(kinds)
        for through, column, ids in (
            (Event.regulators.through, "regulator_id", sorted(regulator_ids)),
            (Event.actors.through, "actor_id", sorted(actor_ids)),
        ):
            if ids:
                told.append(
                    f"{_q('id')} IN (SELECT {_q('event_id')} FROM {_q(through._meta.db_table)} "
                    f"WHERE {_q(column)} IN ({_marks(ids)}))"
                )
                params += ids
        undated = _events(
            f"{_q('kind')} IN ({_marks(kinds)}) AND ({' OR '.join(told)}) "
            f"ORDER BY {_q('id')} DESC LIMIT {UNDATED_CANDIDATES}",
            params,
        )
        events += reversed(undated)  # oldest first, like the dated ones
    unique = {event.pk: event for event in events}  # a dated event may be found both ways
    return _candidates(list(unique.values()))


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


class _StoredEvent:
    """A stored event as merging reads and updates it: the key and ``_CANDIDATE_FIELDS``,
    values as the ORM would convert them, and ``Event``'s own rules for what a person's
    work is and for the sort date. Lighter than an ``Event``, whose building cost more than
    the query: a store reads tens of candidate events per article."""

    __slots__ = ("pk", *_CANDIDATE_FIELDS)
    is_protected = Event.is_protected
    set_sort_date = Event.set_sort_date

    @property
    def id(self) -> int:
        return self.pk


def _events(where: str, params: list) -> list[_StoredEvent]:
    """Events with only what merging reads (``_CANDIDATE_FIELDS``), by a query written out:
    the ORM's compiling cost more than the query."""
    columns, converters = _event_columns()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {_q(Event._meta.db_table)} WHERE {where}", params)
        rows = cursor.fetchall()
    events = []
    for row in rows:
        if converters:
            row = list(row)
            for index, converter, column in converters:
                row[index] = converter(row[index], column, connection)
        event = _StoredEvent()
        for name, value in zip(_StoredEvent.__slots__, row, strict=True):
            setattr(event, name, value)
        events.append(event)
    return events


@functools.cache
def _event_columns() -> tuple[str, list]:
    """The columns ``_events`` reads, and the converters the ORM's compiler would apply to
    them (dates and booleans, on SQLite)."""
    model_fields = [Event._meta.get_field(name) for name in ("id", *_CANDIDATE_FIELDS)]
    converters = []
    for index, model_field in enumerate(model_fields):
        column = model_field.get_col(Event._meta.db_table)
        found = connection.ops.get_db_converters(column) + model_field.get_db_converters(connection)
        converters += [(index, converter, column) for converter in found]
    return ", ".join(_q(model_field.column) for model_field in model_fields), converters


def _candidates(events: list[_StoredEvent]) -> dict[tuple, list[_EventCandidate]]:
    """File events under (kind, date, precision), with participant ids read from the link
    tables directly: ids are all the merge needs, and building the related rows would
    cost more than the queries."""
    if not events:
        return {}
    event_ids = [event.pk for event in events]
    regulators, actors = defaultdict(set), defaultdict(set)
    through = Event.regulators.through
    for event_id, regulator_id in _select(
        through, ("event_id", "regulator_id"), "event_id", event_ids
    ):
        regulators[event_id].add(regulator_id)
    through = Event.actors.through
    for event_id, actor_id in _select(through, ("event_id", "actor_id"), "event_id", event_ids):
        actors[event_id].add(actor_id)
    tellings = _FirstTellings(event_ids)
    candidates: dict[tuple, list[_EventCandidate]] = {}
    for event in events:
        stored_regulators = frozenset(regulators[event.pk])
        stored_actors = frozenset(actors[event.pk])
        candidate = _EventCandidate(
            event,
            set(stored_regulators),
            set(stored_actors),
            stored_regulators,
            stored_actors,
            tellings=tellings,
        )
        candidates.setdefault((event.kind, event.date, event.date_precision), []).append(candidate)
    return candidates


def _extend_participants(candidate: _EventCandidate, regulator_ids, actor_ids) -> None:
    """A new account may name more participants; only an untouched event takes them."""
    if candidate.event.pk is not None and candidate.event.is_protected:
        return
    candidate.regulator_ids |= regulator_ids
    candidate.actor_ids |= actor_ids


def _save_events(article, new_events, candidates, sources, outcome) -> None:
    """Insert new events, their participants and every source in a few bulk queries."""
    _insert(Event).instances([c.event for c in new_events])
    outcome.created["events"] += len(new_events)
    _add_participants(candidates)
    rows = [
        {
            "event_id": candidate.event.pk,
            "article_id": article.pk,
            "quote": item.span.text,
            "start": item.span.start,
            "end": item.span.end,
            "origin": Origin.EXTRACTED,
            "review_key": review_key("event", item.span.text),
        }
        for candidate, item in sources
    ]
    outcome.created["event_sources"] += _insert(EventSource).rows(rows)


def _add_participants(candidates) -> None:
    """Link participants not linked yet: two bulk inserts for the whole article."""
    regulator_links, actor_links = [], []
    for group in candidates.values():
        for candidate in group:
            event_id = candidate.event.pk
            regulator_links += [
                {"event_id": event_id, "regulator_id": pk}
                for pk in sorted(candidate.regulator_ids - candidate.stored_regulator_ids)
            ]
            actor_links += [
                {"event_id": event_id, "actor_id": pk}
                for pk in sorted(candidate.actor_ids - candidate.stored_actor_ids)
            ]
    _insert(Event.regulators.through).rows(regulator_links)
    _insert(Event.actors.through).rows(actor_links)


def _content_words(text: str) -> set[str]:
    return {
        word
        for word in re.findall(r"[a-z0-9]+", (text or "").casefold())
        if len(word) > 2 and word not in _STOP_WORDS
    }


def _words_overlap(first: set[str], second: set[str]) -> bool:
    """Most of the shorter summary's words are in the longer one."""
    shorter = min(first, second, key=len)
    if not shorter:
        return False
    return len(first & second) >= max(3, (len(shorter) + 1) // 2)
