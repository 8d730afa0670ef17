"""What the dashboard reads: filtered querysets and the SQL aggregates behind its charts.

Views never build querysets themselves. Each list queryset here loads what its
page shows in a fixed number of queries (select_related / prefetch_related),
and each aggregate is one or two GROUP BY queries, so a page costs the same number of
queries whether the database holds ten rows or a million.

Aggregates are cached per data generation (``generation``: a cache keyed by a number
every committed write changes, through database triggers -- the module says why that
rather than rollup tables): each is computed once per generation and filter, and a warm
page runs none. ``warm_cache`` computes the default pages' after an ingest. Charts get
one point per time bucket (month, quarter or year, ``choose_bucket``), never one per row,
with dates bucketed in SQL (``YearMonth``), not by a Python function per row.

Aggregates take an already filtered queryset (``_rows_of``): filters that join through
many-to-many relations may repeat rows, and only those are re-selected by primary key
(``pk__in``), which keeps every count honest; any other filter is used as it is.

Entity counts (events, statements, figures per regulator or actor) come from
``entity_counts``: every entity's, in three grouped queries, cached. The lists order by
``by_event_count`` and show ``with_counts`` instead of a correlated COUNT per row.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, RowNumber

from . import disagreements, generation
from .extraction.measures import MEASURES, unit_label
from .extraction.stances import STANCES
from .models import (
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

# How many bars or rows a chart shows before it stops being readable.
TOP_N = 15
# A figure of no enforcement measure: listed and searchable, never a headline or a default.
OTHER_MEASURE = "other"


# Lists -------------------------------------------------------------------------------------


def visible_sources() -> QuerySet[EventSource]:
    """An event's accounts, rejected ones left out, each with its article (not its text:
    a list shows up to a hundred accounts, and no row shows the whole article)."""
    return (
        EventSource.objects.exclude(review_state=ReviewState.REJECTED)
        .select_related("article")
        .defer("article__text")
        .order_by("article__published", "article_id", "start")
    )


def events() -> QuerySet[Event]:
    return (
        # By the sort date (its own, else when it was first reported; ``event_dates``),
        # undated events last; within a day, month or year the vaguer date comes first
        # ("year" > "month" > "day" as text). ``models.EVENT_LIST_ORDER``'s index serves it.
        Event.objects.order_by(
            F("sort_date").asc(nulls_last=True), F("sort_date_precision").desc(), "pk"
        ).prefetch_related(*event_row_prefetches())
    )


def event_row_prefetches() -> tuple[Prefetch, ...]:
    """What an event's row shows beside the event: its regulators, actors and accounts."""
    return (
        Prefetch("regulators", queryset=Regulator.objects.order_by("name")),
        Prefetch("actors", queryset=Actor.objects.order_by("name")),
        Prefetch("sources", queryset=visible_sources()),
    )


def recent_events(queryset: QuerySet[Event], limit: int = 8) -> QuerySet[Event]:
    """The latest events of ``queryset`` with what their cards show. Which they are is
    cached per data generation; the rows are read each time (one query and three
    prefetches), by primary key."""
    latest = [F("sort_date").desc(nulls_last=True), "-pk"]
    return first_rows(_rows_of(queryset).order_by(*latest), limit, events().order_by(*latest))


def first_rows(queryset: QuerySet, limit: int, rows: QuerySet) -> QuerySet:
    """The first ``limit`` rows of ``queryset`` in its order, read through ``rows`` (the
    same model, with the ordering and prefetches a page shows). Which they are is cached
    per data generation: sorting the hundred thousand events of the busiest actor costs
    more than reading its page; the rows themselves are read by primary key each time."""
    pks = generation.cached(
        "first-rows",
        lambda: list(queryset.prefetch_related(None).values_list("pk", flat=True)[:limit]),
        queryset,
        limit,
    )
    return rows.filter(pk__in=pks)


def _dated(queryset):
    """Statements and figures without a date of their own take their article's."""
    if "when" in queryset.query.annotations:
        return queryset
    return queryset.annotate(when=Coalesce("date", "article__published", output_field=DateField()))


def _no_date_of_its_own() -> Case:
    """True for a figure or statement placed at its article's date ("reported")."""
    return Case(When(date__isnull=True, then=Value(True)), default=Value(False))


# Newest first, undated last, by the stored sort date (``models.ListedByDate``): the order
# ``models.ITEM_LIST_ORDER``'s indexes hold, so a page reads its rows off an index. The
# article's text is left unread: a list shows its title and outlet.
ITEM_ORDER = ("undated", "-sort_date", "article_id", "start", "pk")


def statements() -> QuerySet[Statement]:
    return (
        _dated(Statement.objects.select_related("speaker_actor", "speaker_regulator", "article"))
        .defer("article__text")
        .order_by(*ITEM_ORDER)
    )


def statistics() -> QuerySet[Statistic]:
    return (
        _dated(Statistic.objects.select_related("subject_actor", "subject_regulator", "article"))
        .defer("article__text")
        .order_by(*ITEM_ORDER)
    )


def _count_of(model, field: str, **conditions) -> Subquery:
    """A correlated COUNT subquery: several counts on one row without multiplying joins."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **conditions)
        .exclude(review_state=ReviewState.REJECTED)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _entity_counts(queryset, *, speaker: str, subject: str):
    return queryset.annotate(
        event_count=_event_count(queryset.model),
        statement_count=_count_of(Statement, speaker),
        statistic_count=_count_of(Statistic, subject),
    )


def _event_count(model) -> Subquery:
    through = Event.regulators.through if model is Regulator else Event.actors.through
    column = "regulator" if model is Regulator else "actor"
    rows = (
        through.objects.filter(**{column: OuterRef("pk")})
        .exclude(event__review_state=ReviewState.REJECTED)
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def entity_rows(model) -> QuerySet:
    """Regulators or actors with their aliases, without counts: give them counts with
    ``with_counts`` and order them with ``by_event_count`` (both from cached counts)."""
    return model.objects.prefetch_related(
        Prefetch("aliases", queryset=Alias.objects.order_by("name"))
    )


def articles() -> QuerySet[Article]:
    return (
        Article.objects.defer("text")
        .annotate(
            statement_count=_count_of(Statement, "article"),
            statistic_count=_count_of(Statistic, "article"),
            event_count=_count_of(EventSource, "article"),
        )
        .order_by(F("published").desc(nulls_last=True), "file_name")
    )


def article_with_spans(article: Article) -> dict:
    """Everything extracted from one article, each kind in one query."""
    return {
        "statements": list(
            Statement.objects.filter(article=article)
            .exclude(review_state=ReviewState.REJECTED)
            .select_related("speaker_actor", "speaker_regulator")
            .order_by("start", "pk")
        ),
        "statistics": list(
            Statistic.objects.filter(article=article)
            .exclude(review_state=ReviewState.REJECTED)
            .select_related("subject_actor", "subject_regulator")
            .order_by("start", "pk")
        ),
        "event_sources": list(
            EventSource.objects.filter(article=article)
            .exclude(review_state=ReviewState.REJECTED)
            .exclude(event__review_state=ReviewState.REJECTED)
            .select_related("event")
            .order_by("start", "pk")
        ),
    }


def database_is_empty() -> bool:
    return not Article.objects.exists()


# Aggregates for charts and headline figures --------------------------------------------------
#
# Every aggregate goes through ``generation.cached``: computed once per data generation and
# per filter (the filtered queryset's SQL is part of the key), then read from the cache.
# Charts get one point per time bucket (``choose_bucket``), never one per row.


def aggregate_rows(model, dated: bool = False) -> QuerySet:
    """The plain rows of ``model`` that a page's filters narrow before its aggregates are
    taken: no list ordering, prefetches or joins of their own. ``dated`` gives statements
    and figures ``when``, which their date filters read (it joins the article, so only
    when a date filter is asked for)."""
    rows = model.objects.all()
    return _dated(rows) if dated and model in (Statement, Statistic) else rows


def warm_cache() -> list[str]:
    """Compute the default pages' aggregates into the cache (after an ingest or a worker's
    run: ``ingest``, ``poll_feeds`` and the Celery workers call it), so that no reader pays
    for them; also folds PostgreSQL's change rows into the generation. Returns the pages
    warmed. Does nothing inside a transaction, where nothing is cached."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve, reverse

    if connection.in_atomic_block:
        return []
    generation.compact()
    _conflicts()
    entity_counts(Regulator)
    entity_counts(Actor)
    warmed = []
    for name in WARMED_PAGES:
        url = reverse(f"enforcement:{name}")
        request = RequestFactory().get(url)
        request.user = AnonymousUser()
        resolve(url).func(request)  # the context is computed; nothing is rendered
        warmed.append(url)
    return warmed


# The pages ``warm_cache`` computes, in their default state (no filters).
WARMED_PAGES = (
    "overview",
    "timeline",
    "charts",
    "event-list",
    "statement-list",
    "statistic-list",
    "actor-list",
    "regulator-list",
    "article-list",
)


def _rows_of(queryset: QuerySet) -> QuerySet:
    """The same rows, once each, without the list's ordering or prefetches.

    A filter that joins through a many-to-many or reverse relation may repeat rows; only
    then are they re-selected by primary key. Otherwise the filter is used as it is: SQLite
    runs ``id IN (SELECT id ...)`` as a scan of the whole table."""
    if _may_repeat_rows(queryset.query):
        return queryset.model.objects.filter(pk__in=queryset.order_by().values("pk"))
    return queryset.order_by().select_related(None).prefetch_related(None)


def _may_repeat_rows(query) -> bool:
    if query.combinator or query.distinct:
        return True
    for join in query.alias_map.values():
        field = getattr(join, "join_field", None)
        if field is None:
            continue  # the base table
        if not (getattr(field, "concrete", False) and (field.many_to_one or field.one_to_one)):
            return True
    return False


class YearMonth(Func):
    """A date's year and month as one integer, 201503, in SQL: no Python function per row
    (Django's own Trunc and Extract call one on SQLite)."""

    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%Y%%%%m', %(expressions)s) AS INTEGER)",
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(to_char(%(expressions)s, 'YYYYMM') AS INTEGER)"
        )


# A chart's time axis has at most about this many buckets: months for up to four years,
# quarters up to fifteen, years beyond.
BUCKETS = (("month", 48), ("quarter", 180))


def _month_index(year_month: int) -> int:
    return (year_month // 100) * 12 + year_month % 100 - 1


def choose_bucket(year_months: Iterable[int]) -> str:
    """Month, quarter or year: the finest whose buckets over the data's range stay few."""
    indexes = [_month_index(value) for value in year_months if value]
    if not indexes:
        return "quarter"
    span = max(indexes) - min(indexes) + 1
    return next((bucket for bucket, months in BUCKETS if span <= months), "year")


def bucket_start(year_month: int, bucket: str) -> datetime.date:
    year, month = divmod(year_month, 100)
    if bucket == "year":
        return datetime.date(year, 1, 1)
    if bucket == "quarter":
        return datetime.date(year, (month - 1) // 3 * 3 + 1, 1)
    return datetime.date(year, month, 1)


def _bucketed(rows: list[dict], keys: tuple[str, ...], merge) -> list[dict]:
    """Rows grouped by month (``year_month``) regrouped by the chosen bucket: each output
    row has ``period`` (the bucket's first day), ``bucket`` and ``keys``; ``merge(a, b)``
    folds two rows of one bucket."""
    bucket = choose_bucket(row["year_month"] for row in rows)
    merged: dict[tuple, dict] = {}
    for row in rows:
        period = bucket_start(row["year_month"], bucket)
        key = (period, *(row[k] for k in keys))
        out = {k: v for k, v in row.items() if k != "year_month"}
        out.update(period=period, bucket=bucket)
        merged[key] = merge(merged[key], out) if key in merged else out
    return [merged[key] for key in sorted(merged, key=_sortable)]


def _sortable(key: tuple) -> tuple:
    return tuple((value is None, value if value is not None else 0) for value in key)


def events_per_quarter_by_kind(queryset: QuerySet[Event]) -> list[dict]:
    """Events per time bucket (``choose_bucket``), kind and whether placed at their report
    date: ``period``, ``bucket``, ``kind``, ``sort_date_is_reported``, ``count``."""

    def compute():
        rows = list(
            _rows_of(queryset)
            .filter(sort_date__isnull=False)
            .annotate(year_month=YearMonth("sort_date"))
            .values("year_month", "kind", "sort_date_is_reported")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return _bucketed(rows, ("kind", "sort_date_is_reported"), _add_counts)

    return generation.cached("events-per-period", compute, queryset)


def _add_counts(first: dict, second: dict) -> dict:
    return {**first, "count": first["count"] + second["count"]}


def undated_event_count(queryset: QuerySet[Event]) -> int:
    """Events with neither a date of their own nor a dated source."""
    return generation.cached(
        "undated-events",
        lambda: _rows_of(queryset).filter(sort_date__isnull=True).count(),
        queryset,
    )


def regulators_by_event_kind(queryset: QuerySet[Event]) -> list[dict]:
    """(regulator, kind, count) for every regulator with events: grouped on the link table
    by ids, the names read after for the regulators found."""

    def compute():
        cells = list(
            _rows_of(queryset)
            .filter(regulators__isnull=False)
            .values("regulators", "kind")
            .annotate(count=Count("pk"))
            .order_by()
        )
        names = dict(
            Regulator.objects.filter(pk__in={row["regulators"] for row in cells}).values_list(
                "pk", "name"
            )
        )
        return sorted(
            (
                {
                    "regulators__pk": row["regulators"],
                    "regulators__name": names.get(row["regulators"], ""),
                    "kind": row["kind"],
                    "count": row["count"],
                }
                for row in cells
            ),
            key=lambda row: (row["regulators__name"], row["kind"]),
        )

    return generation.cached("regulators-by-kind", compute, queryset)


# The timeline chart draws one marker per event, at most this many (the earliest).
TIMELINE_POINTS = 300


def timeline_points(queryset: QuerySet[Event], limit: int = TIMELINE_POINTS) -> list[dict]:
    """One point per event at its sort date (own, else reported), the earliest ``limit``,
    with its first source's title for the hover text. The events are chosen first and
    only theirs sources read (two queries), whatever the number of rows."""

    def compute():
        events = list(
            _rows_of(queryset)
            .filter(sort_date__isnull=False)
            .order_by("sort_date", "pk")
            .values(
                "pk", "sort_date", "sort_date_precision", "sort_date_is_reported", "kind", "summary"
            )[:limit]
        )
        sources = defaultdict(list)
        for row in EventSource.objects.filter(event_id__in=[e["pk"] for e in events]).values(
            "event_id", "article_id", "article__title", "article__file_name"
        ):
            sources[row["event_id"]].append(row)
        for event in events:
            told = sources.get(event["pk"], [])
            event["source_title"] = min((r["article__title"] for r in told), default=None)
            event["source_file"] = min((r["article__file_name"] for r in told), default=None)
            event["source_count"] = len({r["article_id"] for r in told})
        return events

    return generation.cached("timeline-points", compute, queryset, limit)


_SPEAKER = (
    "speaker_actor__pk",
    "speaker_actor__name",
    "speaker_regulator__pk",
    "speaker_regulator__name",
)


def statements_per_speaker(queryset: QuerySet[Statement]) -> list[dict]:
    """The speakers with the most statements, each with its count per stance
    (``stances``: stance -> count): one query grouped by the speakers' ids, one each for
    the names of the speakers shown."""

    def compute():
        speakers: dict[tuple, dict] = {}
        rows = (
            _rows_of(queryset)
            .values("speaker_actor_id", "speaker_regulator_id", "stance")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in rows:
            key = (row["speaker_actor_id"], row["speaker_regulator_id"])
            speaker = speakers.setdefault(key, {"count": 0, "stances": {}})
            speaker["count"] += row["count"]
            speaker["stances"][row["stance"]] = row["count"]
        actor_ids = {actor for actor, _ in speakers if actor}
        regulator_ids = {regulator for _, regulator in speakers if regulator}
        actors = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name"))
        regulators = dict(Regulator.objects.filter(pk__in=regulator_ids).values_list("pk", "name"))
        for (actor, regulator), speaker in speakers.items():
            speaker.update(
                speaker_actor__pk=actor,
                speaker_actor__name=actors.get(actor),
                speaker_regulator__pk=regulator,
                speaker_regulator__name=regulators.get(regulator),
            )
        ranked = sorted(
            speakers.values(),
            key=lambda r: (
                -r["count"],
                r["speaker_actor__name"] or "",
                r["speaker_regulator__name"] or "",
            ),
        )
        return ranked[:TOP_N]

    return generation.cached("statements-per-speaker", compute, queryset)


def statements_by_stance(queryset: QuerySet[Statement]) -> list[dict]:
    """How many statements of each stance, in the order of ``STANCES``."""

    def compute():
        counts = dict(
            _rows_of(queryset).values_list("stance").annotate(count=Count("pk")).order_by()
        )
        return [
            {"stance": stance, "label": label, "count": counts[stance]}
            for stance, label in STANCES.items()
            if counts.get(stance)
        ]

    return generation.cached("statements-by-stance", compute, queryset)


# A statement of this stance is a promise of what its speaker will do.
COMMITMENT = "commitment"


def measure_choices(queryset: QuerySet[Statistic], dated_only: bool = False) -> list[dict]:
    """Measures with how many figures give them, the most reported first ("other" last).

    ``dated_only`` keeps the figures that can go on a time axis (their own date or
    their article's)."""

    def compute():
        rows = _dated(_rows_of(queryset))
        if dated_only:
            rows = rows.filter(when__isnull=False)
        counts = rows.values("measure").annotate(count=Count("pk")).order_by("-count", "measure")
        return sorted(counts, key=lambda row: row["measure"] == OTHER_MEASURE)

    return generation.cached("measure-choices", compute, queryset, dated_only)


def default_measure(queryset: QuerySet[Statistic]) -> str:
    """The measure with the most dated figures: what the figure chart shows unless asked."""
    measured = [
        row for row in measure_choices(queryset, dated_only=True) if row["measure"] != OTHER_MEASURE
    ]
    return measured[0]["measure"] if measured else ""


def measure_over_time(queryset: QuerySet[Statistic], measure: str) -> list[dict]:
    """The figures of ``measure`` per time bucket and unit, by the date each is for (its
    own, else its article's): ``period``, ``bucket``, ``unit``, the largest ``value``,
    how many ``figures`` and ``articles``, and ``reported`` when none of them has a date
    of its own."""

    def compute():
        rows = list(
            _dated(_rows_of(queryset).filter(measure=measure))
            .filter(when__isnull=False)
            .annotate(year_month=YearMonth("when"), reported=_no_date_of_its_own())
            .values("year_month", "unit", "reported")
            .annotate(
                value=Max("value"),
                figures=Count("pk"),
                articles=Count("article", distinct=True),
            )
            .order_by()
        )
        return _bucketed(rows, ("unit",), _merge_figures)

    return generation.cached("measure-over-time", compute, queryset, measure)


def _merge_figures(first: dict, second: dict) -> dict:
    return {
        **first,
        "value": max(first["value"], second["value"]),
        "figures": first["figures"] + second["figures"],
        # Articles of two rows may overlap: an upper bound, said as "from up to N articles".
        "articles": first["articles"] + second["articles"],
        "reported": first["reported"] and second["reported"],
    }


@dataclass
class Headline:
    """One of the most reported measures: its latest and its largest figure, in its usual unit."""

    measure: str
    unit: str
    count: int
    latest: Statistic
    largest: Statistic

    @property
    def label(self) -> str:
        return MEASURES.get(self.measure, self.measure)

    @property
    def unit_display(self) -> str:
        """ "US$", "tonnes", "listings"; nothing for a share (the figures say "%")."""
        return "" if self.unit == "%" else unit_label(self.unit).strip()


def headline_figures(queryset: QuerySet[Statistic], limit: int = 6) -> list[Headline]:
    """For the most reported measures ("other" is no measure), the latest figure and the
    largest, each in the unit the measure is most often given in; two queries."""
    return generation.cached(
        "headline-figures", lambda: _headline_figures(queryset, limit), queryset, limit
    )


def _headline_figures(queryset: QuerySet[Statistic], limit: int) -> list[Headline]:
    counts = (
        _rows_of(queryset)
        .exclude(measure=OTHER_MEASURE)
        .values("measure", "unit")
        .annotate(count=Count("pk"), latest=Max(Coalesce("date", "article__published")))
        .order_by("-count", F("latest").desc(nulls_last=True), "measure", "unit")
    )
    totals: dict[str, int] = defaultdict(int)
    usual_unit: dict[str, str] = {}
    for row in counts:
        totals[row["measure"]] += row["count"]
        usual_unit.setdefault(row["measure"], row["unit"])  # the most reported first
    top = sorted(totals, key=lambda measure: (-totals[measure], measure))[:limit]
    if not top:
        return []
    scope = Q(pk__in=[])
    for measure in top:
        scope |= Q(measure=measure, unit=usual_unit[measure])
    latest_first = [
        F("when").desc(nulls_last=True),
        F("pk").desc(),
    ]
    largest_first = [F("value").desc(), *latest_first]
    partition = [F("measure"), F("unit")]
    figures = (
        _dated(_rows_of(queryset).filter(scope))
        .select_related("article", "subject_actor", "subject_regulator")
        .defer("article__text")  # cached with the figure: the page needs its title, not text
        .annotate(
            latest_rank=Window(RowNumber(), partition_by=partition, order_by=latest_first),
            largest_rank=Window(RowNumber(), partition_by=partition, order_by=largest_first),
        )
        .filter(Q(latest_rank=1) | Q(largest_rank=1))
    )
    latest, largest = {}, {}
    for figure in figures:
        if figure.latest_rank == 1:
            latest[figure.measure] = figure
        if figure.largest_rank == 1:
            largest[figure.measure] = figure
    return [
        Headline(measure, usual_unit[measure], totals[measure], latest[measure], largest[measure])
        for measure in top
        if measure in latest
    ]


# Where sources disagree (``disagreements``: the rule) ---------------------------------------


@dataclass
class Conflict:
    """Figures of one measure, subject and period that cannot all be true, side by side:
    each side is figures that agree with each other, each with its article."""

    measure: str
    unit: str
    sides: list[list[Statistic]]  # the first ``SIDE_FIGURES`` of each side
    side_sizes: list[int] = field(default_factory=list)  # how many each side holds in all
    more_sides: int = 0  # sides not shown

    @property
    def label(self) -> str:
        return MEASURES.get(self.measure, self.measure)

    @property
    def shown_sides(self) -> list[tuple[list[Statistic], int]]:
        """Each side's figures shown, with how many more it holds."""
        sizes = self.side_sizes or [len(side) for side in self.sides]
        return [(side, size - len(side)) for side, size in zip(self.sides, sizes, strict=True)]

    @property
    def subject(self):
        return next((f.subject for side in self.sides for f in side if f.subject), None)

    @property
    def article_count(self) -> int:
        return len({figure.article_id for side in self.sides for figure in side})


# The analysis is cached in pieces, so that no page reads it whole (at a million figures
# it is megabytes): the conflicts, read when a page's share of them is computed, and per
# range of this many figure keys the figures flagged and those told alike.
FIGURE_RANGE = 5000


def _analysis_pieces() -> dict:
    """The rule of ``disagreements`` run over every stored figure, as primary keys:
    ``"conflicts"``, (measure, unit, [[figure pks of one side], ...]) per disagreement in
    rule order; and per ``FIGURE_RANGE`` of keys, ``"figures-N"``: the figures another
    source contradicts, and each figure's other articles telling it alike."""
    # The groups once, for both: disagreements between them, agreements within them.
    groups = disagreements.figure_groups(disagreements.comparable(disagreements.load_figures()))
    found = disagreements.disagreements_among(groups)
    pieces: dict = {
        "conflicts": [
            (
                conflict.measure,
                conflict.groups[0].unit,
                [sorted(figure.pk for figure in group.figures) for group in conflict.groups],
            )
            for conflict in found
        ]
    }

    def piece(pk: int) -> tuple[set, dict]:
        return pieces.setdefault(_range_of(pk), (set(), {}))

    for conflict in found:
        for pk in conflict.figure_ids:
            piece(pk)[0].add(pk)
    for group in disagreements.agreeing(groups):
        for figure in group.figures:
            others = tuple(a for a in group.article_ids if a != figure.article_id)
            if others:
                piece(figure.pk)[1][figure.pk] = others
    return pieces


def _range_of(pk: int) -> str:
    return f"figures-{pk // FIGURE_RANGE}"


def _conflicts() -> list[tuple[str, str, list[list[int]]]]:
    found = generation.cached_pieces("figure-analysis", _analysis_pieces, ["conflicts"])
    return found.get("conflicts", [])


@dataclass
class FigureMarks:
    """What the rule says of some figures: which another source contradicts, and which
    other articles tell each alike (``figure_marks``)."""

    flagged: set[int]
    also_told_by: dict[int, tuple[int, ...]]


def figure_marks(pks: Iterable[int]) -> FigureMarks:
    """The rule's marks on these figures, read from the cached pieces of their ranges."""
    wanted = {pk for pk in pks if pk is not None}
    found = generation.cached_pieces(
        "figure-analysis", _analysis_pieces, sorted({_range_of(pk) for pk in wanted})
    )
    flagged: set[int] = set()
    also: dict[int, tuple[int, ...]] = {}
    for in_range, told_by in found.values():
        flagged |= in_range & wanted
        also.update((pk, told_by[pk]) for pk in wanted if pk in told_by)
    return FigureMarks(flagged, also)


@dataclass
class Disagreements:
    conflicts: list[Conflict]


def listed(keys: Iterable[int]) -> RawSQL:
    """A subquery of these keys as one parameter (a JSON array on SQLite, an array on
    PostgreSQL), for ``pk__in``: a list of one parameter per key stops at the database's
    limit on parameters (32,766 on SQLite), and a filter may name a million figures."""
    keys = sorted(keys)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [keys])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(keys)])


def disagreeing_figure_ids() -> set[int]:
    """The figures another source contradicts (from the cached conflicts)."""
    return {pk for _measure, _unit, sides in _conflicts() for side in sides for pk in side}


def where_sources_disagree(
    within: QuerySet[Statistic] | None = None, limit: int = TOP_N
) -> Disagreements:
    """Disagreements among all stored figures that touch a figure of ``within`` (all when
    None), at most ``limit``, their figures loaded with articles and subjects. The rule
    runs once per data generation over every figure; each page's share of it is cached."""

    def compute():
        found = _conflicts()
        if within is not None:
            found = _touching(found, _rows_of(within), limit)
        found = found[:limit]
        # A side may hold thousands of figures told alike: the page shows a few of each.
        wanted = {
            pk
            for _measure, _unit, sides in found
            for side in sides[:SHOWN_SIDES]
            for pk in side[:SIDE_FIGURES]
        }
        rows = {}
        if wanted:
            rows = (
                Statistic.objects.filter(pk__in=wanted)
                .select_related("article", "subject_actor", "subject_regulator")
                .defer("article__text")
                .in_bulk()
            )
        return [
            Conflict(
                measure,
                unit,
                [
                    [rows[pk] for pk in side[:SIDE_FIGURES] if pk in rows]
                    for side in sides[:SHOWN_SIDES]
                ],
                [len(side) for side in sides[:SHOWN_SIDES]],
                more_sides=max(0, len(sides) - SHOWN_SIDES),
            )
            for measure, unit, sides in found
        ]

    conflicts = generation.cached(
        "where-sources-disagree", compute, within if within is not None else "all", limit
    )
    return Disagreements(conflicts)


# A disagreement shows this many figures of each side, then says how many more it holds.
SIDE_FIGURES = 3
# ... and this many of its sides (readings that cannot all be true), then how many more.
SHOWN_SIDES = 4
# Disagreements are checked against a filter this many figures at a time, in rule order,
# for the first ``_CHUNKS_ONE_BY_ONE`` chunks: a broad filter finds its few there. Past
# them the filter's own keys are read once and the rest checked in Python: a narrow
# filter or a rare search may touch none of a million figures' disagreements (chunk by
# chunk that was 655 queries and 22 s; one query naming every disagreeing figure, 16 s
# on PostgreSQL), and a search that gathers its word does so again for every query.
_CHUNK = 2000
_CHUNKS_ONE_BY_ONE = 1


def _touching(conflicts, rows: QuerySet, limit: int) -> list:
    """The first ``limit`` conflicts, in rule order, with a figure among ``rows``."""
    touching: list = []
    start = 0
    for _ in range(_CHUNKS_ONE_BY_ONE):
        if start >= len(conflicts) or len(touching) >= limit:
            return touching[:limit]
        end, pks = start, set()
        while end < len(conflicts) and len(pks) < _CHUNK:
            pks.update(pk for side in conflicts[end][2] for pk in side)
            end += 1
        # Sliced (to no fewer rows), so that a search tests these few rows for a common
        # word rather than gathering its matches over the whole table (``WordFound``).
        inside = set(rows.filter(pk__in=listed(pks)).values_list("pk", flat=True)[: len(pks)])
        touching += [c for c in conflicts[start:end] if _has_one_of(c, inside)]
        start = end
    if len(touching) < limit and start < len(conflicts):
        inside = set(rows.values_list("pk", flat=True).iterator(chunk_size=10_000))
        for conflict in conflicts[start:]:
            if _has_one_of(conflict, inside):
                touching.append(conflict)
                if len(touching) >= limit:
                    break
    return touching[:limit]


def _has_one_of(conflict, pks: set[int]) -> bool:
    return any(pk in pks for side in conflict[2] for pk in side)


def also_given_by(marks: FigureMarks) -> dict[int, list[Article]]:
    """For each figure of ``marks`` that other articles give alike (one figure of one scope
    told by several sources, ``disagreements.agreements``), those other articles, by title:
    one query, for the articles."""
    others = marks.also_told_by
    needed = {pk for ids in others.values() for pk in ids}
    articles = Article.objects.defer("text").in_bulk(needed) if needed else {}
    return {
        pk: sorted((articles[a] for a in ids if a in articles), key=str)
        for pk, ids in others.items()
        if ids
    }


# The enforcement funnel: the stages of a case, by the measure of their figures.
FUNNEL_STAGES = [
    ("leads_referred", "Leads referred"),
    ("prosecutions", "Prosecutions"),
    ("convictions", "Convictions"),
]


def enforcement_funnel(queryset: QuerySet[Statistic]) -> list[dict]:
    """Per stage, the largest reported count (shares in % are not counts and are left out),
    read by the stored ``measure`` column."""

    def compute():
        rows = (
            _rows_of(queryset)
            .filter(measure__in=[measure for measure, _label in FUNNEL_STAGES])
            .exclude(unit="%")
            .values("measure")
            .annotate(value=Max("value"), reports=Count("pk"), metric=Min("metric"))
            .order_by()
        )
        by_stage = {row["measure"]: row for row in rows}
        return [
            {**by_stage[measure], "label": label}
            for measure, label in FUNNEL_STAGES
            if measure in by_stage
        ]

    return generation.cached("funnel", compute, queryset)


def articles_per_quarter(queryset: QuerySet[Article]) -> list[dict]:
    """Articles per time bucket of publication (``choose_bucket``): ``period``, ``bucket``,
    ``count``."""

    def compute():
        rows = list(
            _rows_of(queryset)
            .filter(published__isnull=False)
            .annotate(year_month=YearMonth("published"))
            .values("year_month")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return _bucketed(rows, (), _add_counts)

    return generation.cached("articles-per-period", compute, queryset)


# Entity counts ------------------------------------------------------------------------
#
# An entity's events, statements and figures (rejected ones left out), for every entity at
# once in three grouped queries, cached per data generation: the lists read them instead
# of three correlated COUNT subqueries per row.


@dataclass(frozen=True)
class EntityCounts:
    events: int = 0
    statements: int = 0
    statistics: int = 0


_RELATIONS = {
    # model name -> (link table column, statement speaker, figure subject)
    "regulator": ("regulator", "speaker_regulator", "subject_regulator"),
    "actor": ("actor", "speaker_actor", "subject_actor"),
}


def entity_counts(model) -> dict[int, EntityCounts]:
    """Every regulator's (or actor's) counts, by primary key; entities with none are absent."""
    column, speaker, subject = _RELATIONS[model._meta.model_name]
    through = Event.regulators.through if model is Regulator else Event.actors.through

    def compute():
        events = dict(
            through.objects.exclude(event__review_state=ReviewState.REJECTED)
            .values_list(f"{column}_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        statements = _counts_by(Statement, f"{speaker}_id")
        statistics = _counts_by(Statistic, f"{subject}_id")
        return {
            pk: EntityCounts(events.get(pk, 0), statements.get(pk, 0), statistics.get(pk, 0))
            for pk in events.keys() | statements.keys() | statistics.keys()
        }

    return generation.cached(f"entity-counts-{model._meta.model_name}", compute)


def _counts_by(model, column: str) -> dict[int, int]:
    return dict(
        model.objects.exclude(review_state=ReviewState.REJECTED)
        .filter(**{f"{column}__isnull": False})
        .values_list(column)
        .annotate(n=Count("pk"))
        .order_by()
    )


def counts_of(entity) -> EntityCounts:
    """One entity's counts: one query of three indexed counts, cached per data generation."""
    model = type(entity)
    _column, speaker, subject = _RELATIONS[model._meta.model_name]

    def compute():
        rows = _entity_counts(model.objects.filter(pk=entity.pk), speaker=speaker, subject=subject)
        found = rows.values_list("event_count", "statement_count", "statistic_count").first()
        return EntityCounts(*found) if found else EntityCounts()

    return generation.cached(f"counts-of-{model._meta.model_name}", compute, entity.pk)


def with_counts(entities: Iterable) -> list:
    """The entities, each given ``event_count``, ``statement_count`` and ``statistic_count``
    from ``entity_counts`` (no query when cached)."""
    entities = list(entities)
    if not entities:
        return entities
    counts = entity_counts(type(entities[0]))
    for entity in entities:
        found = counts.get(entity.pk, EntityCounts())
        entity.event_count = found.events
        entity.statement_count = found.statements
        entity.statistic_count = found.statistics
    return entities


def by_event_count(queryset: QuerySet, counts: dict[int, EntityCounts] | None = None) -> list[int]:
    """The primary keys of ``queryset``'s entities, most events first, then by name: the
    lists' order without a count per row in SQL (one query for the names, ~3,000 at a
    million events; the counts are ``entity_counts``, read here unless given)."""
    counts = entity_counts(queryset.model) if counts is None else counts
    rows = queryset.order_by().values_list("pk", "name").distinct()
    ranked = sorted(rows, key=lambda row: (-counts.get(row[0], EntityCounts()).events, row[1]))
    return [pk for pk, _name in ranked]


class RankedEntities(Sequence):
    """A filtered list of regulators or actors in the lists' order (most events first,
    then by name), read a page at a time: the order comes from ``by_event_count`` (cached
    counts, no count per row in SQL), each page's rows from one query, their counts from
    ``with_counts``. What ``paging.UncountedPaginator`` slices."""

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset
        self._pks: list[int] | None = None

    def pks(self) -> list[int]:
        if self._pks is None:
            self._pks = by_event_count(self.queryset)
        return self._pks

    def __len__(self) -> int:
        return len(self.pks())

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        pks = self.pks()[index]
        rows = entity_rows(self.queryset.model).in_bulk(pks)
        return with_counts([rows[pk] for pk in pks if pk in rows])


def entity_event_counts(queryset: QuerySet, limit: int = TOP_N) -> list[dict]:
    """The entities with most events, for a bar chart beside the actor/regulator lists."""

    def compute():
        counts = entity_counts(queryset.model)
        rows = [
            {"pk": pk, "name": name, "event_count": counts.get(pk, EntityCounts()).events}
            for pk, name in queryset.order_by().values_list("pk", "name").distinct()
        ]
        rows = [row for row in rows if row["event_count"] > 0]
        return sorted(rows, key=lambda row: (-row["event_count"], row["name"]))[:limit]

    return generation.cached("entity-event-counts", compute, queryset.order_by(), limit)
