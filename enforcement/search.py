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
query time, through the same foreign keys the lists already use, in one of two shapes
(``WordFound``): a whole list gathers each word's rows from the indexes; a page of a
list read in its index's order tests each row as it goes and stops after a page, unless
a word is rare enough that gathering it costs less (``_plan`` decides, from one probe of
the list's first rows). At a million events "counterfeit" finds 700,000 events: gathered,
a page took 1 to 3 s on SQLite and over 120 s on PostgreSQL; walked, a few dozen rows are
read (``benchmarks/pages.py``). On PostgreSQL each index is a GIN expression index over
``to_tsvector('simple', columns)``, which PostgreSQL keeps current on every write;
on SQLite it is an FTS5 external-content table over the same columns, kept current
by insert, update and delete triggers. The ``simple`` configuration and FTS5's
``unicode61`` tokenizer without diacritic folding read words the same way (no
stemming, no stop words, case folded), so a search finds the same rows on both.
A walked row is read by the database's own rule too: PostgreSQL's ``to_tsvector`` of the
row, the index's expression; on SQLite ``word_in``, a Python function that reads words
as FTS5 does for the characters a test has checked one by one against FTS5, and says
it cannot tell for any other, when FTS5 itself answers for that row (a prefix query in
FTS5 reads every entry of every word it begins, 50 ms for "counterfeit", so asking it
row by row is no option).

SQLite drops a table's triggers when Django rebuilds the table in a later
migration, so ``ensure_indexes`` runs after every ``migrate`` (see ``apps``) and
puts back, and refills, whatever index is missing its triggers. Migration 0006 keeps its
own copy of ``INDEXES``: a change here needs a migration that drops and recreates.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import BooleanField, Count, F, Max, Q, QuerySet
from django.db.models.expressions import Expression, RawSQL

from . import generation

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
            .order_by()  # a part of a UNION ALL (``_gathered``) has no order of its own
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
    # Whether a page of this model's list may walk its rows (``matching``): not for named
    # entities, a few thousand rows ranked by cached counts, never read a page at a time.
    walks: bool = True
    # How many of the list's first rows ``_plan`` probes: fewer for long texts (an
    # article's few thousand words take PostgreSQL ~0.4 ms a row to read).
    probe_rows: int = 200

    @property
    def model(self):
        return INDEXES[self.own[0]].model_class

    def condition(self, word: str, using: str, walk: bool = False) -> Q:
        """Rows where ``word`` begins a word, in their own columns or a related row's
        (``WordFound`` says how each is looked up)."""
        return Q(WordFound(self, word, using, walk=walk))


ALIASES = Words(own=("alias",))
REGULATOR_NAMES = Words(own=("regulator_name",), related={"aliases": ALIASES}, walks=False)
ACTOR_NAMES = Words(own=("actor_name",), related={"aliases": ALIASES}, walks=False)

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
REGULATOR_WORDS = Words(
    own=("regulator_name", "regulator_notes"), related={"aliases": ALIASES}, walks=False
)
ACTOR_WORDS = Words(own=("actor_name", "actor_notes"), related={"aliases": ALIASES}, walks=False)
ARTICLE_WORDS = Words(own=("article",), probe_rows=50)


# How a word is looked up ----------------------------------------------------------------


class WordFound(Expression):
    """True for the rows of ``words.model`` in which ``word`` is found (``Words``).

    Two shapes of one rule. **Gathered**: the row's key is in the union of the keys the
    indexes give for the word -- its own table's index, and the keys that related rows'
    indexes lead to -- one ``pk IN (… UNION ALL …)``, which both databases read as a
    semi-join (PostgreSQL hashes it; SQLite drives from it). That costs as many index
    entries as the word has, the right shape for a rare word or for all the rows (an
    export, a chart). **Walked** (``walk``, only when the query reads a slice, a page):
    the row itself is tested -- its own columns read by the index's own tokenizer rule
    (PostgreSQL's ``to_tsvector`` of the row, SQLite's ``word_in``), a source or alias
    through ``EXISTS`` on its foreign key's index, a named entity against the few entities
    the word finds -- so a list read in the order its index holds stops after a page of
    matches instead of gathering the 700,000 rows a common word such as "counterfeit"
    finds at a million events (1 to 120 s on either database). ``matching`` chooses per
    word from a probe of the list's first rows."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, words: Words, word: str, using: str, *, walk: bool = False, sources=None):
        super().__init__(output_field=BooleanField())
        self.words, self.word, self.using, self.walk = words, word, using, walk
        self.force_walk = False
        model = words.model
        self._names = ["pk"]
        for name in words.own:
            self._names.extend(INDEXES[name].columns)
        for lookup in words.related:
            related = model._meta.get_field(lookup)
            if related.many_to_one:
                self._names.append(related.attname)
        self.sources = sources if sources is not None else [F(name) for name in self._names]

    @property
    def identity(self):
        # Words holds a dict (unhashable): the module's few Words are told apart by id.
        return (
            type(self),
            id(self.words),
            self.word,
            self.using,
            self.walk,
            self.force_walk,
            *self.sources,
        )

    def get_source_expressions(self):
        return list(self.sources)

    def set_source_expressions(self, exprs):
        self.sources = list(exprs)

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        clone = self.copy()
        clone.sources = [
            source.resolve_expression(query, allow_joins, reuse, summarize, for_save)
            for source in self.sources
        ]
        return clone

    def as_sql(self, compiler, connection):
        columns, params = {}, []
        for name, source in zip(self._names, self.sources, strict=True):
            columns[name], source_params = compiler.compile(source)
            params.extend(source_params)
        vendor = connection.vendor
        walk = self.force_walk or (self.walk and compiler.query.is_sliced)
        if walk:
            sql, found_params = _walked(self.words, self.word, vendor, self.using, columns)
        else:
            gathered, found_params = _gathered(self.words, self.word, vendor, self.using)
            sql = f"{columns['pk']} IN ({gathered})"
        return f"({sql})", [*params, *found_params]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _own_rows_sql(index: Index, word: str, vendor: str, using: str) -> tuple[str, list]:
    """``SELECT`` of the keys of the rows the index finds ``word`` in."""
    if vendor == "sqlite":
        table = _quoted(_fts_table(index.model_class._meta.db_table, index.name))
        return f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [_fts5(word)]
    # Django's own SearchVector, so the expression is the GIN index's to the letter.
    query = index.rows(word, using).query
    return query.get_compiler(using).as_sql()


def _gathered(words: Words, word: str, vendor: str, using: str) -> tuple[str, list]:
    """The keys of ``words.model``'s rows holding ``word``: a ``UNION ALL`` of one
    ``SELECT`` per index and relation."""
    parts, params = [], []
    for name in words.own:
        sql, own_params = _own_rows_sql(INDEXES[name], word, vendor, using)
        parts.append(sql)
        params.extend(own_params)
    model = words.model
    for lookup, related_words in words.related.items():
        related = model._meta.get_field(lookup)
        inner, inner_params = _gathered(related_words, word, vendor, using)
        if related.one_to_many:  # a reverse foreign key: an event's sources, an alias
            child = related.related_model._meta
            fk = child.get_field(related.field.name).column
            parts.append(
                f"SELECT {_quoted(child.db_table)}.{_quoted(fk)} FROM {_quoted(child.db_table)} "
                f"WHERE {_quoted(child.db_table)}.{_quoted(child.pk.column)} IN ({inner})"
            )
        elif related.many_to_many:  # the link table alone: an event's regulators
            through, source, target = _link(related)
            parts.append(
                f"SELECT {_quoted(through)}.{_quoted(source)} FROM {_quoted(through)} "
                f"WHERE {_quoted(through)}.{_quoted(target)} IN ({inner})"
            )
        else:  # a foreign key: a statement's speaker
            table = model._meta.db_table
            parts.append(
                f"SELECT {_quoted(table)}.{_quoted(model._meta.pk.column)} FROM {_quoted(table)} "
                f"WHERE {_quoted(table)}.{_quoted(related.column)} IN ({inner})"
            )
        params.extend(inner_params)
    return " UNION ALL ".join(parts), params


def _link(field) -> tuple[str, str, str]:
    """(link table, column naming this row, column naming the related row)."""
    through = field.remote_field.through._meta
    source = through.get_field(field.m2m_field_name()).column
    target = through.get_field(field.m2m_reverse_field_name()).column
    return through.db_table, source, target


def _own_walked(index: Index, word: str, vendor: str, columns: dict, pk: str) -> tuple[str, list]:
    """The row's own columns tested for ``word`` as the index would read them."""
    if vendor == "postgresql":
        # The index's expression (Django's SearchVector): the columns joined by spaces.
        text = " || ' ' || ".join(f"COALESCE({columns[c]}, '')::text" for c in index.columns)
        return (
            f"to_tsvector('{CONFIG}'::regconfig, {text}) @@ to_tsquery('{CONFIG}'::regconfig, %s)",
            [_tsquery(word)],
        )
    # SQLite: word_in is sure for the text it knows (``_word_in``); where it is not, the
    # FTS5 table answers (its list built once per query, and only if ever needed).
    tests = " OR ".join(f"word_in({columns[c]}, %s)" for c in index.columns)
    own, own_params = _own_rows_sql(index, word, vendor, "")
    return (
        f"COALESCE({tests}, {pk} IN ({own}))",
        [word] * len(index.columns) + own_params,
    )


def _walked(words: Words, word: str, vendor: str, using: str, columns: dict) -> tuple[str, list]:
    """``word`` tested on the row whose columns are ``columns`` (``WordFound``)."""
    pk = columns["pk"]
    tests, params = [], []
    for name in words.own:
        sql, own_params = _own_walked(INDEXES[name], word, vendor, columns, pk)
        tests.append(sql)
        params.extend(own_params)
    model = words.model
    # Per row: PostgreSQL would otherwise turn an EXISTS into one hashed list of every
    # match (the gathering this shape avoids); OFFSET 0 keeps it a lookup per row.
    per_row = " OFFSET 0" if vendor == "postgresql" else ""
    for lookup, related_words in words.related.items():
        related = model._meta.get_field(lookup)
        if related.one_to_many and not related_words.related:
            child = related.related_model._meta
            table = _quoted(child.db_table)
            child_columns = {"pk": f"{table}.{_quoted(child.pk.column)}"}
            for name in related_words.own:
                for column in INDEXES[name].columns:
                    child_columns[column] = f"{table}.{_quoted(child.get_field(column).column)}"
            inner, inner_params = [], []
            for name in related_words.own:
                sql, own_params = _own_walked(
                    INDEXES[name], word, vendor, child_columns, child_columns["pk"]
                )
                inner.append(sql)
                inner_params.extend(own_params)
            fk = child.get_field(related.field.name).column
            tests.append(
                f"EXISTS (SELECT 1 FROM {table} WHERE {table}.{_quoted(fk)} = {pk} "
                f"AND ({' OR '.join(inner)}){per_row})"
            )
            params.extend(inner_params)
            continue
        # Named entities (a few thousand rows): the keys the word finds, gathered once.
        inner, inner_params = _gathered(related_words, word, vendor, using)
        if related.many_to_many:
            through, source, target = (_quoted(name) for name in _link(related))
            if vendor == "postgresql":
                tests.append(
                    f"EXISTS (SELECT 1 FROM {through} WHERE {through}.{source} = {pk} "
                    f"AND {through}.{target} IN ({inner}){per_row})"
                )
            else:
                tests.append(
                    f"{pk} IN (SELECT {through}.{source} FROM {through} "
                    f"WHERE {through}.{target} IN ({inner}))"
                )
        elif related.many_to_one:
            tests.append(f"{columns[related.attname]} IN ({inner})")
        else:  # a reverse relation whose rows name others again: gathered
            gathered, gathered_params = _gathered(words, word, vendor, using)
            return f"{pk} IN ({gathered})", gathered_params
        params.extend(inner_params)
    return " OR ".join(tests), params


# Which words a page walks (``matching``) ------------------------------------------------

# A first page reads its rows and one more (``paging``).
PAGE_ROWS = 51


def _plan(queryset: QuerySet, words: Words, found: list[str]) -> list[tuple[str, bool]]:
    """Each word and whether a page walks it (True) or gathers it, rarest first.

    One query reads the list's first ``words.probe_rows`` rows in its order and counts, per
    word, the rows it is found in. Walking all words reads about ``PAGE_ROWS / share``
    rows (``share``: the probed share holding every word, taking the words as
    independent); gathering the rarest word reads its share of the whole table (the
    largest key stands for the table's size). A row walked and a row gathered cost about
    the same (measured at a million events on both databases: 20-30 µs), so the fewer
    rows win. A word found in none of the probed rows is gathered; the other words are
    then tested on its rows."""
    using = queryset.db
    model = words.model
    probes = {}
    for i, word in enumerate(found):
        test = WordFound(words, word, using)
        test.force_walk = True
        probes[f"w{i}"] = Count("pk", filter=Q(test))
    table = connections[using].ops.quote_name(model._meta.db_table)
    pk = connections[using].ops.quote_name(model._meta.pk.column)
    largest = RawSQL(f"SELECT MAX({pk}) FROM {table}", [])
    probe_rows = words.probe_rows
    sample = queryset.values("pk")[:probe_rows]
    counts = model._default_manager.using(using).filter(pk__in=sample)
    counts = counts.aggregate(rows=Count("pk"), largest=Max(largest), **probes)
    rows = counts["rows"]
    hits = sorted((counts[f"w{i}"], i, word) for i, word in enumerate(found))
    if rows < probe_rows:  # the whole (small) list was probed: any shape is quick
        return [(word, True) for _, _, word in hits]
    share = 1.0
    for hit, _, _ in hits:
        share *= hit / rows
    walked = PAGE_ROWS / share if share else float("inf")
    gathered = hits[0][0] / rows * (counts["largest"] or 0)
    walk_all = walked <= gathered
    return [(word, walk_all or n > 0) for n, (_, _, word) in enumerate(hits)]


# The words of one text as SQLite's FTS5 reads them (``word_in``) -------------------------

# The characters whose reading by FTS5's unicode61 tokenizer (separator or not, and case
# folded to what) Python's ``str.isalnum`` and ``str.lower`` give exactly: checked one by
# one against FTS5 by a test. ASCII, Latin-1 and Latin Extended-A and -B (but the micro
# sign, dotted capital I and long s, which FTS5 folds its own way), general punctuation
# and the currency signs FTS5 knows. Outside them ``word_in`` is not sure.
_SURE_TEXT = re.compile(
    "[\x00-\u00b4\u00b6-\u012f\u0131-\u017e\u0180-\u024f\u2000-\u2064\u20a0-\u20b9]*"
)
_TOKEN = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=1024)
def _word_tokens(word: str) -> tuple[str, ...] | None:
    if not _SURE_TEXT.fullmatch(word):
        return None
    return tuple(_TOKEN.findall(word.lower())) or None


def _word_in(text: str | None, word: str) -> int | None:
    """1 when FTS5 finds ``word`` in ``text`` (as ``_fts5`` quotes it: its tokens as a
    phrase, the last a prefix when the word is long), 0 when it does not, None when this
    cannot tell (a character outside ``_SURE_TEXT``): the caller then asks FTS5."""
    if text is None:
        return 0
    wanted = _word_tokens(word)
    if wanted is None or not _SURE_TEXT.fullmatch(text):
        return None
    lowered = text.lower()
    *first, last = wanted
    if last not in lowered:  # most rows a walk tests: no need to read their words
        return 0
    tokens = _TOKEN.findall(lowered)
    prefix = _is_prefix(word)
    length = len(wanted)
    for i in range(len(tokens) - length + 1):
        if tokens[i : i + length - 1] == first:
            token = tokens[i + length - 1]
            if token == last or (prefix and token.startswith(last)):
                return 1
    return 0


def register_functions(connection) -> None:
    """Give an SQLite connection ``word_in`` (``connection_created``, see ``apps``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("word_in", 2, _word_in, deterministic=True)


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
    """The rows of ``queryset`` in which every word of ``value`` is found, each row once.

    A page of them walks the list in its order, testing each row, unless a word is rare
    enough that gathering its rows is cheaper (``_plan``, one query); a whole list (an
    export, a chart's counts) always gathers (``WordFound``)."""
    validate_search(value)  # a caller that skipped the form still never runs a huge query
    found = search_words(value)
    if not found:
        return queryset
    using = queryset.db
    if words.walks:
        # The plan is a count over the data: once per data generation, list and words.
        plan = generation.cached(
            "search-plan",
            lambda: _plan(queryset, words, found),
            queryset,
            tuple(found),
            using=using,
        )
    else:
        plan = [(word, False) for word in found]
    for word, walk in plan:
        # Each word on its own: two words may be found in two different sources of a row.
        queryset = queryset.filter(words.condition(word, using, walk=walk))
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
