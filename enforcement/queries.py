"""What the dashboard reads: filtered querysets and the SQL aggregates behind its charts.

Views never build querysets themselves. Each list queryset here loads what its
page shows in a fixed number of queries (select_related / prefetch_related),
and each aggregate is one GROUP BY query, so a page costs the same number of
queries whether the database holds ten rows or ten thousand.

Aggregates take an already filtered queryset and re-select its rows by
primary key (``_rows_of``): filters that join through many-to-many relations
may repeat rows, and counting over ``pk__in`` keeps every count honest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
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
from django.db.models.functions import Coalesce, RowNumber, TruncQuarter

from . import disagreements
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
    """An event's accounts, rejected ones left out, each with its article."""
    return (
        EventSource.objects.exclude(review_state=ReviewState.REJECTED)
        .select_related("article")
        .order_by("article__published", "article_id", "start")
    )


def events() -> QuerySet[Event]:
    return (
        # By the sort date (its own, else when it was first reported; ``event_dates``),
        # undated events last; within a day, month or year the vaguer date comes first
        # ("year" > "month" > "day" as text). ``models.EVENT_LIST_ORDER``'s index serves it.
        Event.objects.order_by(
            F("sort_date").asc(nulls_last=True), F("sort_date_precision").desc(), "pk"
        ).prefetch_related(
            Prefetch("regulators", queryset=Regulator.objects.order_by("name")),
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            Prefetch("sources", queryset=visible_sources()),
        )
    )


def recent_events(queryset: QuerySet[Event], limit: int = 8) -> QuerySet[Event]:
    return queryset.order_by(F("sort_date").desc(nulls_last=True), "-pk")[:limit]


def _dated(queryset):
    """Statements and figures without a date of their own take their article's."""
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


def actors() -> QuerySet[Actor]:
    return _entity_counts(
        Actor.objects.prefetch_related(
            Prefetch("aliases", queryset=Alias.objects.order_by("name"))
        ),
        speaker="speaker_actor",
        subject="subject_actor",
    ).order_by("-event_count", "name")


def regulators() -> QuerySet[Regulator]:
    return _entity_counts(
        Regulator.objects.prefetch_related(
            Prefetch("aliases", queryset=Alias.objects.order_by("name"))
        ),
        speaker="speaker_regulator",
        subject="subject_regulator",
    ).order_by("-event_count", "name")


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


def _rows_of(queryset: QuerySet) -> QuerySet:
    """The same rows, once each, without the list's ordering or prefetches."""
    return queryset.model.objects.filter(pk__in=queryset.order_by().values("pk"))


def events_per_quarter_by_kind(queryset: QuerySet[Event]) -> list[dict]:
    return list(
        _rows_of(queryset)
        .filter(sort_date__isnull=False)
        .annotate(quarter=TruncQuarter("sort_date"))
        .values("quarter", "kind", "sort_date_is_reported")
        .annotate(count=Count("pk"))
        .order_by("quarter", "kind", "sort_date_is_reported")
    )


def undated_event_count(queryset: QuerySet[Event]) -> int:
    """Events with neither a date of their own nor a dated source."""
    return _rows_of(queryset).filter(sort_date__isnull=True).count()


def regulators_by_event_kind(queryset: QuerySet[Event]) -> list[dict]:
    """(regulator, kind, count) for the regulators with the most events."""
    return list(
        _rows_of(queryset)
        .filter(regulators__isnull=False)
        .values("regulators__pk", "regulators__name", "kind")
        .annotate(count=Count("pk"))
        .order_by("regulators__name", "kind")
    )


def timeline_points(queryset: QuerySet[Event], limit: int = 2000) -> list[dict]:
    """One point per event at its sort date (own, else reported), with its first source's
    title for the hover text."""
    return list(
        _rows_of(queryset)
        .filter(sort_date__isnull=False)
        .values("pk", "sort_date", "sort_date_precision", "sort_date_is_reported", "kind")
        .annotate(
            summary=Min("summary"),
            source_title=Min("sources__article__title"),
            source_file=Min("sources__article__file_name"),
            source_count=Count("sources__article", distinct=True),
        )
        .order_by("sort_date", "pk")[:limit]
    )


_SPEAKER = (
    "speaker_actor__pk",
    "speaker_actor__name",
    "speaker_regulator__pk",
    "speaker_regulator__name",
)


def statements_per_speaker(queryset: QuerySet[Statement]) -> list[dict]:
    """The speakers with the most statements, each with its count per stance
    (``stances``: stance -> count), in one grouped query."""
    speakers: dict[tuple, dict] = {}
    for row in _rows_of(queryset).values(*_SPEAKER, "stance").annotate(count=Count("pk")):
        key = tuple(row[field] for field in _SPEAKER)
        speaker = speakers.setdefault(
            key, {**{field: row[field] for field in _SPEAKER}, "count": 0, "stances": {}}
        )
        speaker["count"] += row["count"]
        speaker["stances"][row["stance"]] = row["count"]
    ranked = sorted(
        speakers.values(),
        key=lambda r: (
            -r["count"],
            r["speaker_actor__name"] or "",
            r["speaker_regulator__name"] or "",
        ),
    )
    return ranked[:TOP_N]


def statements_by_stance(queryset: QuerySet[Statement]) -> list[dict]:
    """How many statements of each stance, in the order of ``STANCES``."""
    counts = dict(_rows_of(queryset).values_list("stance").annotate(count=Count("pk")))
    return [
        {"stance": stance, "label": label, "count": counts[stance]}
        for stance, label in STANCES.items()
        if counts.get(stance)
    ]


# A statement of this stance is a promise of what its speaker will do.
COMMITMENT = "commitment"


def measure_choices(queryset: QuerySet[Statistic], dated_only: bool = False) -> list[dict]:
    """Measures with how many figures give them, the most reported first ("other" last).

    ``dated_only`` keeps the figures that can go on a time axis (their own date or
    their article's)."""
    rows = _dated(_rows_of(queryset))
    if dated_only:
        rows = rows.filter(when__isnull=False)
    counts = rows.values("measure").annotate(count=Count("pk")).order_by("-count", "measure")
    return sorted(counts, key=lambda row: row["measure"] == OTHER_MEASURE)


def default_measure(queryset: QuerySet[Statistic]) -> str:
    """The measure with the most dated figures: what the figure chart shows unless asked."""
    measured = [
        row for row in measure_choices(queryset, dated_only=True) if row["measure"] != OTHER_MEASURE
    ]
    return measured[0]["measure"] if measured else ""


def measure_over_time(queryset: QuerySet[Statistic], measure: str) -> list[dict]:
    """The figure each article gives for ``measure``, by the date it is for, per unit."""
    return list(
        _dated(_rows_of(queryset).filter(measure=measure))
        .filter(when__isnull=False)
        .annotate(reported=_no_date_of_its_own())
        .values(
            "when",
            "reported",
            "unit",
            "article__pk",
            "article__title",
            "article__file_name",
            "article__source",
        )
        .annotate(value=Max("value"), quote=Min("quote"), metric=Min("metric"))
        .order_by("when", "unit")
    )


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
    sides: list[list[Statistic]]

    @property
    def label(self) -> str:
        return MEASURES.get(self.measure, self.measure)

    @property
    def subject(self):
        return next((f.subject for side in self.sides for f in side if f.subject), None)

    @property
    def article_count(self) -> int:
        return len({figure.article_id for side in self.sides for figure in side})


@dataclass
class Disagreements:
    conflicts: list[Conflict]
    figure_ids: set[int]  # every figure another source contradicts, shown or not
    figures: list[disagreements.Figure]  # every figure that could disagree, read once


def disagreeing_figure_ids() -> set[int]:
    """The figures another source contradicts (two queries)."""
    return {pk for found in disagreements.disagreements() for pk in found.figure_ids}


def where_sources_disagree(
    within: QuerySet[Statistic] | None = None, limit: int = TOP_N
) -> Disagreements:
    """Disagreements among all stored figures that touch a figure of ``within`` (all when
    None), at most ``limit``, their figures loaded with articles and subjects: four queries."""
    figures = disagreements.load_figures()
    found = disagreements.find_disagreements(figures)
    flagged = {pk for conflict in found for pk in conflict.figure_ids}
    if within is not None and flagged:
        inside = set(_rows_of(within).filter(pk__in=flagged).values_list("pk", flat=True))
        found = [conflict for conflict in found if conflict.figure_ids & inside]
    found = found[:limit]
    wanted = {pk for conflict in found for pk in conflict.figure_ids}
    rows = {}
    if wanted:
        rows = (
            Statistic.objects.filter(pk__in=wanted)
            .select_related("article", "subject_actor", "subject_regulator")
            .in_bulk()
        )
    conflicts = [
        Conflict(
            conflict.measure,
            conflict.groups[0].unit,
            [
                [rows[figure.pk] for figure in sorted(group.figures, key=lambda f: f.pk)]
                for group in conflict.groups
            ],
        )
        for conflict in found
    ]
    return Disagreements(conflicts, flagged, figures)


def also_given_by(
    figure_ids: Iterable[int], figures: list[disagreements.Figure]
) -> dict[int, list[Article]]:
    """For each of ``figure_ids`` that other articles give alike (one figure of one scope
    told by several sources, ``disagreements.agreements``), those other articles, by title.
    ``figures`` are the ones ``where_sources_disagree`` read: one query, for the articles."""
    wanted = set(figure_ids)
    others: dict[int, set[int]] = {}
    for group in disagreements.agreements(figures):
        for figure in group.figures:
            if figure.pk in wanted:
                others[figure.pk] = set(group.article_ids) - {figure.article_id}
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
    """Per stage, the largest reported count (shares in % are not counts and are left out)."""
    rows = (
        _rows_of(queryset)
        .filter(measure__in=[measure for measure, _label in FUNNEL_STAGES])
        .exclude(unit="%")
        .values("measure")
        .annotate(value=Max("value"), reports=Count("pk"), metric=Min("metric"))
    )
    by_stage = {row["measure"]: row for row in rows}
    return [
        {**by_stage[measure], "label": label}
        for measure, label in FUNNEL_STAGES
        if measure in by_stage
    ]


def articles_per_quarter(queryset: QuerySet[Article]) -> list[dict]:
    return list(
        _rows_of(queryset)
        .filter(published__isnull=False)
        .annotate(quarter=TruncQuarter("published"))
        .values("quarter")
        .annotate(count=Count("pk"))
        .order_by("quarter")
    )


def entity_event_counts(queryset: QuerySet, limit: int = TOP_N) -> list[dict]:
    """The entities with most events, for a bar chart beside the actor/regulator lists."""
    return list(
        queryset.order_by()
        .filter(event_count__gt=0)
        .values("pk", "name", "event_count")
        .order_by("-event_count", "name")[:limit]
    )
