"""The data generation, and the cache of aggregates keyed by it.

The rule: every aggregate a page shows (events per period and kind, regulators by kind,
statements per speaker, the funnel, headline figures, where sources disagree, entity
counts) is computed at most once per *data generation* and per filter, and read from
Django's cache after that. The generation is a number that **every committed write** to
a table the pages aggregate changes, in the writer's own transaction, through database
triggers -- so the ingest, the admin, a merge, a bulk ``QuerySet.update()``, raw SQL and
``synthesize``'s COPY all change it without a line of code of their own. A value cached
under generation G is never served once G+1 is committed: the key is read before the
aggregate (so the aggregate is at least as new as its key), and every later request reads
G+1 or later and so looks up another key.

Why a cache keyed by a generation rather than rollup tables or stored counters: the
pages aggregate under any combination of filters (dates, kinds, regulators, actors,
countries, review states, a text search), and over columns other writers derive
(``Event.sort_date``, a source's rejection); a rollup per aggregate would have to be
kept by every writer, bulk and raw ones included, and still could not answer a filtered
page. A generation costs each write one tiny insert or update, whoever writes, and
serves every filter combination from one rule. The price is the first request after a
write, which computes; ``warm_cache`` computes the default pages' aggregates after an
ingest so that no reader pays it.

How each database keeps the generation:

* **PostgreSQL**: a statement-level ``AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE``
  trigger on each aggregated table inserts the writing transaction's id into
  ``enforcement_data_change`` (``ON CONFLICT DO NOTHING``: one row per transaction).
  The generation is ``enforcement_data_generation.number`` plus the number of rows of
  ``enforcement_data_change``: it counts committed write transactions, so it changes at
  every commit and never goes back. Why not one counter row that every writer updates:
  that row would stay locked from a writer's first write to its commit, so an admin save
  that had locked a row, then waited for the counter held by an ingest, while the ingest
  waited for that row (under its advisory lock, ``ingest._one_writer_at_a_time``) would
  deadlock. An insert of one's own transaction id never waits for anyone: the triggers
  add no lock that another writer can hold, so no deadlock with the ingest's advisory
  lock or anything else is possible through them. ``compact`` folds the change rows into
  the number (sum unchanged, in one transaction, under a try-lock so two compactions
  never wait for each other); ``warm_cache`` and a reader that finds many rows call it.
* **SQLite**: row-level triggers (the only kind SQLite has) add one to
  ``enforcement_data_generation.number``. SQLite has one writer at a time (every
  transaction begins ``IMMEDIATE``, see settings), so the counter adds no lock of its own.
  A table rebuilt by a later migration loses its triggers: ``ensure_triggers`` runs after
  every ``migrate`` (see ``apps``) and puts them back, as ``search.ensure_indexes`` does.

The generation row also holds a random ``epoch``, part of every key: a database whose
row was deleted or restored from a backup starts a new epoch, so a shared cache (Redis)
never serves another database's values under an equal number.

The cache is used only outside a transaction (in autocommit, as every page request runs):
a transaction that has written sees its own uncommitted rows and its own bump, and what
it computed must not be cached for others -- it may yet roll back. Inside an atomic block
aggregates are computed directly.

The tables are not Django models: they are bookkeeping, not data -- ``synthesize``'s
digest and a test's flush leave them alone, so the number only ever grows.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from asgiref.local import Local
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import connections, transaction
from django.db.models import QuerySet

T = TypeVar("T")

GENERATION_TABLE = "enforcement_data_generation"
CHANGE_TABLE = "enforcement_data_change"
TRIGGER = "enforcement_data_changed"
# The tables whose rows the pages aggregate (names as in the database). Migration 0009
# keeps its own copy: a table added here needs a migration that calls ``install`` again.
TABLES = (
    "enforcement_article",
    "enforcement_event",
    "enforcement_event_regulators",
    "enforcement_event_actors",
    "enforcement_eventsource",
    "enforcement_statement",
    "enforcement_statistic",
    "enforcement_regulator",
    "enforcement_actor",
    "enforcement_alias",
)
# A reader that finds this many change rows folds them into the number (PostgreSQL).
COMPACT_FROM = 1000
# Any number will do, as long as nothing else in the database uses it for its own lock.
_COMPACT_LOCK = 0x47454E53  # "GENS"
# How long a cached aggregate is kept; an old generation's values are never read again.
TIMEOUT = 24 * 3600


# Installing the triggers (migration 0009 and ``ensure_triggers``) ------------------------


def _sqlite_trigger(table: str, operation: str) -> str:
    return (
        f'CREATE TRIGGER IF NOT EXISTS "{TRIGGER}_{table}_{operation.lower()}" '
        f'AFTER {operation} ON "{table}" BEGIN '
        f'UPDATE "{GENERATION_TABLE}" SET number = number + 1 WHERE id = 1; END'
    )


_SQLITE_OPERATIONS = ("INSERT", "UPDATE", "DELETE")

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {CHANGE_TABLE} (xact) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$
"""


def _pg_trigger(table: str) -> str:
    return (
        f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
    )


def install(cursor, vendor: str, tables: Iterable[str]) -> None:
    """Create the generation's tables, its row and the triggers on ``tables``."""
    cursor.execute(
        f'CREATE TABLE IF NOT EXISTS "{GENERATION_TABLE}" '
        "(id integer PRIMARY KEY, epoch bigint NOT NULL, number bigint NOT NULL)"
    )
    _new_epoch(cursor)
    if vendor == "postgresql":
        cursor.execute(f'CREATE TABLE IF NOT EXISTS "{CHANGE_TABLE}" (xact bigint PRIMARY KEY)')
        cursor.execute(_PG_FUNCTION)
        for table in tables:
            cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
            cursor.execute(_pg_trigger(table))
    elif vendor == "sqlite":
        for table in tables:
            for operation in _SQLITE_OPERATIONS:
                cursor.execute(_sqlite_trigger(table, operation))


def uninstall(cursor, vendor: str, tables: Iterable[str]) -> None:
    """Drop the triggers and the tables (a migration's reverse)."""
    if vendor == "postgresql":
        for table in tables:
            cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
        cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
        cursor.execute(f'DROP TABLE IF EXISTS "{CHANGE_TABLE}"')
    elif vendor == "sqlite":
        for table in tables:
            for operation in _SQLITE_OPERATIONS:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{TRIGGER}_{table}_{operation.lower()}"')
    cursor.execute(f'DROP TABLE IF EXISTS "{GENERATION_TABLE}"')


def _new_epoch(cursor) -> None:
    """Make the generation row if it is missing, with a new random epoch."""
    cursor.execute(
        f'INSERT INTO "{GENERATION_TABLE}" (id, epoch, number) VALUES (1, %s, 0) '
        "ON CONFLICT (id) DO NOTHING",
        [secrets.randbits(62)],
    )


def ensure_triggers(using: str = "default") -> list[str]:
    """Put back the triggers of any aggregated table that lost them (SQLite drops a table's
    triggers when a migration rebuilds it); returns the tables repaired, after bumping the
    generation if there were any. Nothing to do before migration 0009 has run."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if GENERATION_TABLE not in tables:
            return []
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {name for (name,) in cursor.fetchall()}
            missing = [
                table
                for table in TABLES
                if table in tables
                and any(
                    f"{TRIGGER}_{table}_{operation.lower()}" not in present
                    for operation in _SQLITE_OPERATIONS
                )
            ]
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s",
                [TRIGGER],
            )
            present = {name for (name,) in cursor.fetchall()}
            missing = [table for table in TABLES if table in tables and table not in present]
        else:
            return []
        if missing:
            install(cursor, connection.vendor, missing)
            # Rows copied while the table had no triggers changed nothing the pages show,
            # but a new number costs nothing and leaves no doubt.
            cursor.execute(f'UPDATE "{GENERATION_TABLE}" SET number = number + 1 WHERE id = 1')
    return missing


# Reading the generation ---------------------------------------------------------------


def current(using: str = "default") -> tuple[int, int] | None:
    """(epoch, number) as committed now; None inside a transaction, where nothing is
    cached (see the module rule), or before migration 0009."""
    connection = connections[using]
    if connection.in_atomic_block:
        return None
    memo = getattr(_request, "memo", None)
    if memo is not None and using in memo:
        return memo[using]
    found = _read(connection)
    if found is not None and memo is not None:
        memo[using] = found  # one generation per request: its aggregates agree
    return found


def _read(connection) -> tuple[int, int] | None:
    if connection.vendor == "postgresql":
        sql = (
            f'SELECT g.epoch, g.number + (SELECT count(*) FROM "{CHANGE_TABLE}"), '
            f'(SELECT count(*) FROM "{CHANGE_TABLE}") FROM "{GENERATION_TABLE}" g WHERE g.id = 1'
        )
    else:
        sql = f'SELECT epoch, number, 0 FROM "{GENERATION_TABLE}" WHERE id = 1'
    from django.db.utils import DatabaseError

    for _attempt in range(2):
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                row = cursor.fetchone()
                if row is None:  # deleted: a new epoch, so no old value is read again
                    _new_epoch(cursor)
                    continue
        except DatabaseError:
            return None  # not migrated yet: nothing is cached
        epoch, number, changes = row
        if changes >= COMPACT_FROM:
            compact(connection.alias)
        return int(epoch), int(number)
    return None


def compact(using: str = "default") -> bool:
    """Fold PostgreSQL's change rows into the generation's number (the sum is unchanged).
    Skipped, returning False, while another compaction runs; nothing to do on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_COMPACT_LOCK])
        if not cursor.fetchone()[0]:
            return False
        cursor.execute(
            f'WITH gone AS (DELETE FROM "{CHANGE_TABLE}" RETURNING 1) '
            f'UPDATE "{GENERATION_TABLE}" SET number = number + (SELECT count(*) FROM gone) '
            "WHERE id = 1"
        )
    return True


# One generation per request -----------------------------------------------------------

# Per thread (and per task under ASGI): a request's memo is its own.
_request = Local()


def _request_began(**kwargs) -> None:
    _request.memo = {}


def _request_ended(**kwargs) -> None:
    _request.memo = None


request_started.connect(_request_began, dispatch_uid="enforcement.generation.began")
request_finished.connect(_request_ended, dispatch_uid="enforcement.generation.ended")


# The cache ----------------------------------------------------------------------------


def cache():
    return caches[getattr(settings, "AGGREGATE_CACHE", "default")]


def is_shared() -> bool:
    """Whether other processes read this cache (Redis, files): only then is warming it
    from a command worth anything to the web server's pages."""
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    return not isinstance(cache(), (LocMemCache, DummyCache))


def _code_digest() -> str:
    """A digest of this package's source and the site's templates: part of every key, so
    that a new release never reads what the old one cached (an aggregate's shape or rule,
    or the HTML of ``{% generation_cache %}``, may have changed) from a shared cache that
    outlives the deploy."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    sources = sorted(package.rglob("*.py")) + sorted((package.parent / "templates").rglob("*"))
    for path in sources:
        if path.is_file():
            digest.update(path.relative_to(package.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE = _code_digest()


def key_of(*parts) -> str:
    """A short, stable digest of what identifies an aggregate: querysets by their SQL."""
    text = []
    for part in parts:
        if isinstance(part, QuerySet):
            sql, params = part.query.sql_with_params()  # raises EmptyResultSet for none()
            text.append(f"{part.model._meta.label}:{sql}:{params!r}")
        else:
            text.append(repr(part))
    return hashlib.sha256("\x00".join(text).encode()).hexdigest()[:32]


_MISSING = object()


def _key(name: str, parts, using: str) -> str | None:
    """The cache key of an aggregate now, or None when it must not be cached: inside a
    transaction, before migration 0009, or for an empty queryset (nothing to aggregate)."""
    found = current(using)
    if found is None:
        return None
    try:
        digest = key_of(*parts)
    except EmptyResultSet:
        return None
    epoch, number = found
    return f"fw:{CODE}:{name}:{epoch}:{number}:{digest}"


def cached(name: str, compute: Callable[[], T], *parts, using: str = "default") -> T:
    """``compute()``, once per data generation and ``parts`` (querysets, values)."""
    key = _key(name, parts, using)
    if key is None:
        return compute()
    store = cache()
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        store.set(key, value, TIMEOUT)
    return value


def cached_pieces(
    name: str, compute: Callable[[], dict], pieces: Iterable, *parts, using: str = "default"
) -> dict:
    """The wanted ``pieces`` of one aggregate too big to read whole on each request (an
    analysis of every figure, read a range of figures at a time): ``compute()`` returns
    every piece as a dict, each is stored under its own key beside a marker naming the
    pieces stored, and a request reads only the keys of the pieces it wants. A wanted
    piece the marker does not name is not in the aggregate (absent from the result); one
    it names but the cache has lost (evicted) means computing it all again."""
    wanted = list(dict.fromkeys(pieces))
    marker = _key(name, parts, using)
    if marker is not None:
        keys = {piece: f"{marker}:{piece}" for piece in wanted}
        got = cache().get_many([marker, *keys.values()])
        stored = got.get(marker)
        if stored is not None and all(keys[p] in got for p in wanted if p in stored):
            return {piece: got[keys[piece]] for piece in wanted if piece in stored}
    everything = compute()
    if marker is not None:
        pieces_ = {f"{marker}:{piece}": value for piece, value in everything.items()}
        cache().set_many(pieces_, TIMEOUT)
        cache().set(marker, frozenset(everything), TIMEOUT)  # last: names only stored pieces
    return {piece: everything[piece] for piece in wanted if piece in everything}
