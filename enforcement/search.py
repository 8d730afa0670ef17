"""The dashboard's text search, on the database's own full-text index.

The rule: a search is a handful of words; a row matches when every word is found
in the row or in the rows it names (an event's source quotes, regulators and
actors; a statement's speaker; a figure's subject; an entity's aliases). Words are
AND-ed, each on its own, so "samr raid" finds a raid summary whose regulator is the
SAMR; case aside, a word of three characters or more matches as a prefix
("counterfeit" finds "counterfeiting"), a shorter one only as a whole word ("ma"
finds Jack Ma, not Mao; "7" finds "7", not "700"), since a one- or two-letter
prefix would match most of the index and narrow nothing.
Punctuation is not searched, and no input is ever read as search syntax: each word
is quoted before it reaches the index, so ``"``, ``*``, ``-``, ``NEAR``, ``AND`` or
parentheses are just characters.

A search is bounded -- at most ``MAX_WORDS`` (32) words and ``MAX_CHARS`` (400)
characters: past the bound the form says so and the list is empty, so no search
costs more than a few dozen index lookups (an unbounded one grew SQLite's
expression tree past its limit, and took PostgreSQL 29 s at 5,000 words).

Why one index per table, over that table's own columns, rather than one stored
document per row gathering its related names: an index over a row's own columns is
kept current by the database itself whoever writes the row -- the ingest's bulk
inserts, ``QuerySet.update``, the admin, a merge repointing foreign keys -- with no
writer having to remember to refresh anything. The related names are joined at
query time, through the same foreign keys the lists already use, one subquery per
word and relation. On PostgreSQL each index is a GIN expression index over
``to_tsvector('simple', columns)``, which PostgreSQL keeps current on every write;
on SQLite it is an FTS5 external-content table over the same columns, kept current
by insert, update and delete triggers. The ``simple`` configuration and FTS5's
``unicode61`` tokenizer without diacritic folding read words the same way (no
stemming, no stop words, case folded), so a search finds the same rows on both.

SQLite drops a table's triggers when Django rebuilds the table in a later
migration, so ``ensure_indexes`` runs after every ``migrate`` (see ``apps``) and
puts back, and refills, whatever index is missing its triggers. Migration 0006 keeps its
own copy of ``INDEXES``: a change here needs a migration that drops and recreates.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

MAX_WORDS = 32
MAX_CHARS = 400
PREFIX_FROM = 3  # a word this long or longer also finds the longer words it begins
CONFIG = "simple"  # PostgreSQL's text search configuration: every word, unstemmed


@dataclass(frozen=True)
class Index:
    """A full-text index over some text columns of one model's table."""

    name: str
    model: str  # "app_label.ModelName"
    columns: tuple[str, ...]

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def rows(self, word: str, using: str):
        """The primary keys of the rows holding ``word`` (as a prefix when it is long)."""
        model = self.model_class
        if connections[using].vendor == "sqlite":
            table = _fts_table(model._meta.db_table, self.name)
            return RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [_fts5(word)])
        from django.contrib.postgres.search import SearchQuery, SearchVector

        return (
            model.objects.using(using)
            .alias(_words=SearchVector(*self.columns, config=CONFIG))
            .filter(_words=SearchQuery(_tsquery(word), search_type="raw", config=CONFIG))
            .values("pk")
        )


INDEXES = {
    index.name: index
    for index in (
        Index("event", "enforcement.Event", ("summary",)),
        Index("event_source", "enforcement.EventSource", ("quote",)),
        Index("statement", "enforcement.Statement", ("text", "quote")),
        Index("statistic", "enforcement.Statistic", ("metric", "unit", "quote")),
        Index("regulator_name", "enforcement.Regulator", ("name",)),
        Index("regulator_notes", "enforcement.Regulator", ("notes",)),
        Index("actor_name", "enforcement.Actor", ("name",)),
        Index("actor_notes", "enforcement.Actor", ("notes",)),
        Index("alias", "enforcement.Alias", ("name",)),
        Index("article", "enforcement.Article", ("title", "source", "file_name", "text")),
    )
}


@dataclass(frozen=True)
class Words:
    """Where a model's searchable words are: indexes of its own table, and related rows'
    words reached through a lookup (``"regulators"``, ``"speaker_actor"``)."""

    own: tuple[str, ...]
    related: dict[str, Words] = field(default_factory=dict)

    @property
    def model(self):
        return INDEXES[self.own[0]].model_class

    def condition(self, word: str, using: str) -> Q:
        """Rows where ``word`` begins a word, in their own columns or a related row's.

        Every part is ``column IN (subquery)`` on this model's own table, never a join,
        so the database looks each part up by index and no row is repeated."""
        condition = Q()
        for name in self.own:
            condition |= Q(pk__in=INDEXES[name].rows(word, using))
        for lookup, words in self.related.items():
            condition |= _through(self.model, lookup, words.condition(word, using), using)
        return condition


def _through(model, lookup: str, related: Q, using: str) -> Q:
    """Rows of ``model`` whose ``lookup`` leads to a related row matching ``related``."""
    field = model._meta.get_field(lookup)
    if field.one_to_many:  # a reverse foreign key: an event's sources, an entity's aliases
        rows = field.related_model.objects.using(using).filter(related)
        return Q(pk__in=rows.values(field.field.name))
    pks = field.related_model.objects.using(using).filter(related).values("pk")
    if field.many_to_many:  # the link table alone: an event's regulators
        links = field.remote_field.through.objects.using(using)
        links = links.filter(**{f"{field.m2m_reverse_field_name()}__in": pks})
        return Q(pk__in=links.values(field.m2m_field_name()))
    return Q(**{f"{lookup}__in": pks})  # a foreign key: a statement's speaker


ALIASES = Words(own=("alias",))
REGULATOR_NAMES = Words(own=("regulator_name",), related={"aliases": ALIASES})
ACTOR_NAMES = Words(own=("actor_name",), related={"aliases": ALIASES})

EVENT_WORDS = Words(
    own=("event",),
    related={
        "sources": Words(own=("event_source",)),
        "regulators": REGULATOR_NAMES,
        "actors": ACTOR_NAMES,
    },
)
STATEMENT_WORDS = Words(
    own=("statement",),
    related={"speaker_actor": ACTOR_NAMES, "speaker_regulator": REGULATOR_NAMES},
)
STATISTIC_WORDS = Words(
    own=("statistic",),
    related={"subject_actor": ACTOR_NAMES, "subject_regulator": REGULATOR_NAMES},
)
REGULATOR_WORDS = Words(own=("regulator_name", "regulator_notes"), related={"aliases": ALIASES})
ACTOR_WORDS = Words(own=("actor_name", "actor_notes"), related={"aliases": ALIASES})
ARTICLE_WORDS = Words(own=("article",))


# The words of a search ---------------------------------------------------------------


def clean(value: str) -> str:
    """The search as typed, with control and format characters read as spaces."""
    return " ".join(
        "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in value).split()
    )


def search_words(value: str) -> list[str]:
    """The words that are searched, each once: those with a letter or digit (punctuation is
    not indexed)."""
    words = (word for word in clean(value).split() if any(ch.isalnum() for ch in word))
    return list(dict.fromkeys(words))


def search_problem(value: str) -> str | None:
    """Why ``value`` cannot be searched, in words saying what to do; None when it can."""
    value = clean(value)
    if not value:
        return None
    problem = past_the_bound(value)
    if problem:
        return problem
    if not search_words(value):
        return "Search for words with letters or digits; punctuation alone is not searched."
    return None


def past_the_bound(value: str) -> str | None:
    """Why ``value`` is too long a search, in words saying what to do; None when it is not.
    The admin's own search keeps this bound too."""
    words = value.split()
    if len(words) > MAX_WORDS:
        return (
            f"Search at most {MAX_WORDS} words at a time (this search has {len(words):,}): "
            "leave out the ones that do not narrow it."
        )
    if len(value) > MAX_CHARS:
        return (
            f"Search for at most {MAX_CHARS} characters (this search has {len(value):,}): "
            "use shorter words, or fewer."
        )
    return None


def validate_search(value: str) -> None:
    problem = search_problem(value)
    if problem:
        raise ValidationError(problem, code="search")


def matching(queryset: QuerySet, words: Words, value: str) -> QuerySet:
    """The rows of ``queryset`` in which every word of ``value`` is found, each row once."""
    validate_search(value)  # a caller that skipped the form still never runs a huge query
    using = queryset.db
    for word in search_words(value):
        # Each word on its own: two words may be found in two different sources of a row.
        queryset = queryset.filter(words.condition(word, using))
    return queryset


def _is_prefix(word: str) -> bool:
    # "7" or "ma" as a prefix would match most of the index at great cost and to no use.
    return len(word) >= PREFIX_FROM


def _fts5(word: str) -> str:
    """One word as an FTS5 query: a quoted string, so nothing in it is syntax."""
    return '"' + word.replace('"', '""') + '"' + ("*" if _is_prefix(word) else "")


def _tsquery(word: str) -> str:
    """One word as a PostgreSQL tsquery: a quoted lexeme, so nothing in it is syntax."""
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if _is_prefix(word) else "")


# The indexes themselves (the migration and ``ensure_indexes``) ------------------------


def _fts_table(table: str, name: str) -> str:
    return f"{table}__search_{name}"


def _pg_index(table: str, name: str) -> str:
    return f"{table}_search_{name}"[:63]


def _sqlite_ddl(table: str, name: str, columns: tuple[str, ...]) -> list[str]:
    fts = _fts_table(table, name)
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f'INSERT INTO "{fts}"("{fts}", rowid, {cols}) VALUES (\'delete\', old.id, {old});'
    insert = f'INSERT INTO "{fts}"(rowid, {cols}) VALUES (new.id, {new});'
    tokenize = "tokenize='unicode61 remove_diacritics 0'"
    return [
        (
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5({cols}, '
            f'content="{table}", content_rowid="id", {tokenize})'
        ),
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END',
        (
            f'CREATE TRIGGER IF NOT EXISTS "{fts}_update" AFTER UPDATE OF id, {cols} ON "{table}" '
            f"BEGIN {delete} {insert} END"
        ),
    ]


def create_indexes(schema_editor, models, indexes: Iterable[Index]) -> None:
    """Create the indexes and fill them from the rows already stored (a migration's forward)."""
    vendor = schema_editor.connection.vendor
    for index in indexes:
        model = models.get_model(index.model)
        table = model._meta.db_table
        if vendor == "sqlite":
            for statement in _sqlite_ddl(table, index.name, index.columns):
                schema_editor.execute(statement)
            fts = _fts_table(table, index.name)
            schema_editor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
        elif vendor == "postgresql":
            from django.contrib.postgres.indexes import GinIndex
            from django.contrib.postgres.search import SearchVector

            gin = GinIndex(
                SearchVector(*index.columns, config=CONFIG), name=_pg_index(table, index.name)
            )
            schema_editor.add_index(model, gin)


def drop_indexes(schema_editor, models, indexes: Iterable[Index]) -> None:
    """Remove the indexes (a migration's reverse)."""
    vendor = schema_editor.connection.vendor
    for index in indexes:
        table = models.get_model(index.model)._meta.db_table
        if vendor == "sqlite":
            fts = _fts_table(table, index.name)
            for trigger in ("insert", "delete", "update"):
                schema_editor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{trigger}"')
            schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}"')
        elif vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{_pg_index(table, index.name)}"')


def ensure_indexes(using: str = "default") -> list[str]:
    """Put back any SQLite index whose triggers a table rebuild dropped, refilled from its
    table; returns the names of the indexes it repaired. Nothing to do on PostgreSQL, or
    before the migration that creates the indexes has run."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {name for kind, name in cursor.fetchall()}
        repaired = []
        for index in INDEXES.values():
            table = index.model_class._meta.db_table
            fts = _fts_table(table, index.name)
            if fts not in present:
                continue  # not migrated yet, or migrated back past the indexes
            triggers = {f"{fts}_{trigger}" for trigger in ("insert", "delete", "update")}
            if triggers <= present:
                continue
            for statement in _sqlite_ddl(table, index.name, index.columns):
                cursor.execute(statement)
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
            repaired.append(index.name)
    return repaired
