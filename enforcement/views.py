"""The dashboard's pages. Thin: querysets come from ``queries``, figures from ``charts``."""

from __future__ import annotations

import datetime
import functools
from itertools import groupby

from django.http import Http404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from . import charts, exports, generation, queries
from . import timeline as periods
from .filters import (
    ActorFilter,
    ArticleFilter,
    EventFilter,
    RegulatorFilter,
    StatementFilter,
    StatisticFilter,
)
from .highlighting import SPAN_TYPES, highlight, item_url, spans_of
from .models import Actor, Article, Event, Regulator, ReviewState, Statement, Statistic
from .paging import ReadWhenRendered, UncountedPaginator


def event_url(pk: int) -> str:
    return item_url("event", pk)


class DashboardMixin:
    """What every page knows: whether anything has been ingested yet."""

    page_title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("page_title", self.page_title)
        context["database_is_empty"] = queries.database_is_empty()
        return context


def chosen_measure(statistic_filter, statistics) -> str:
    """The measure the URL asks for, else the one with the most dated figures."""
    chosen = (
        statistic_filter.form.cleaned_data.get("measure") if statistic_filter.is_valid() else ""
    )
    return chosen or queries.default_measure(statistics)


def filtered(filterset):
    """The filterset's rows, or none when a filter value is invalid (the form says why)."""
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


# The filters that read a statement's or figure's ``when`` (``filters.date_range``).
DATE_FILTERS = ("date_from", "date_to")


class FilteredPageMixin(DashboardMixin):
    """Pages whose charts follow the URL's filters across events, statements and figures.

    What they aggregate is computed once per data generation and filter and read from the
    cache after that (``generation``): the charts' figures whole, so a warm page builds
    no figure either."""

    def filtersets(self):
        data = self.request.GET
        # Plain rows: the aggregates need neither the lists' order nor their prefetches,
        # and statements and figures their article's date only for a date filter.
        dated = any(data.get(name) for name in DATE_FILTERS)
        return (
            EventFilter(data, queryset=queries.aggregate_rows(Event), request=self.request),
            StatementFilter(
                data, queryset=queries.aggregate_rows(Statement, dated), request=self.request
            ),
            StatisticFilter(
                data, queryset=queries.aggregate_rows(Statistic, dated), request=self.request
            ),
        )

    def all_charts(self, events, statements, statistics, measure):
        return [
            charts.events_per_quarter(
                queries.events_per_quarter_by_kind(events), queries.undated_event_count(events)
            ),
            charts.measure_over_time(queries.measure_over_time(statistics, measure), measure),
            charts.regulators_by_kind(queries.regulators_by_event_kind(events)),
            charts.enforcement_funnel(queries.enforcement_funnel(statistics)),
            charts.statements_per_speaker(queries.statements_per_speaker(statements)),
            charts.statements_by_stance(
                queries.statements_by_stance(statements), reverse("enforcement:statement-list")
            ),
        ]

    def aggregates(self, events, statements, statistics, measure) -> dict:
        """What the page shows of its rows that is not a list of them (cached whole)."""
        return {"charts": self.all_charts(events, statements, statistics, measure)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event_filter, statement_filter, statistic_filter = self.filtersets()
        events, statements, statistics = map(
            filtered, (event_filter, statement_filter, statistic_filter)
        )
        measure = chosen_measure(statistic_filter, statistics)
        context.update(
            filter=event_filter,
            measure_field=statistic_filter.form["measure"],
            measure=measure,
            events=events,
            statements=statements,
            statistics=statistics,
        )
        context.update(
            generation.cached(
                f"page-{type(self).__name__}",
                lambda: self.aggregates(events, statements, statistics, measure),
                filter_key(self.request.GET),
                measure,
            )
        )
        return context


def filter_key(data) -> list[tuple[str, str]]:
    """A page's filters as part of a cache key: every parameter but the page number."""
    return sorted(
        (name, value) for name, values in data.lists() for value in values if name != "page"
    )


class OverviewView(FilteredPageMixin, TemplateView):
    template_name = "enforcement/overview.html"
    page_title = "Overview"

    def aggregates(self, events, statements, statistics, measure) -> dict:
        found = queries.where_sources_disagree(statistics, limit=OVERVIEW_DISAGREEMENTS)
        return {
            **super().aggregates(events, statements, statistics, measure),
            "headline_figures": queries.headline_figures(statistics),
            "disagreements": found.conflicts,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_events"] = queries.recent_events(context["events"])
        return context


# The overview shows this many disagreements, then links to the figure list's filter.
OVERVIEW_DISAGREEMENTS = 4


class ChartsView(FilteredPageMixin, TemplateView):
    template_name = "enforcement/charts.html"
    page_title = "Charts"


class FilteredListView(DashboardMixin, FilterView):
    """A filtered, paginated list that also exports its rows as CSV or JSON.

    Pages read one row beyond the page instead of counting the list (``paging``)."""

    paginate_by = 50
    paginator_class = UncountedPaginator
    export_columns: exports.Columns
    queryset_function = None
    noun = "items"

    def get_queryset(self):
        return type(self).queryset_function()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound, so rejected items are hidden even before a filter is chosen.
        kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("format")
        if export_format in exports.FORMATS:
            filterset = self.get_filterset(self.get_filterset_class())
            if not filterset.is_valid():
                # Before streaming: a 200 with an empty file would look like "no rows".
                return exports.refused(filterset.form)
            return exports.export_response(
                export_format, self.export_columns, filterset.qs, self.noun
            )
        return super().get(request, *args, **kwargs)

    def get_charts(self, rows):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Built once per data generation and filters, as the overview's are: building a
        # Plotly figure costs more than reading its aggregate.
        context["charts"] = generation.cached(
            f"charts-{type(self).__name__}",
            lambda: self.get_charts(self.object_list),
            filter_key(self.request.GET),
        )
        context["noun"] = self.noun
        context["single_item"] = (
            bool(self.filterset.form.cleaned_data.get("id"))
            if (self.filterset.is_valid())
            else False
        )
        return context


class EventListView(FilteredListView):
    filterset_class = EventFilter
    queryset_function = queries.events
    template_name = "enforcement/event_list.html"
    export_columns = exports.EVENT_COLUMNS
    page_title = "Events"
    noun = "events"

    def paginate_queryset(self, queryset, page_size):
        # What the rows show beside each event is read when they are rendered (``rows``).
        return super().paginate_queryset(queryset.prefetch_related(None), page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")  # none on the timeline's index, which lists no events
        rows = list(page.object_list) if page is not None else []
        context["rows"] = ReadWhenRendered(rows, queries.event_row_prefetches())
        return context

    def get_charts(self, rows):
        return [
            charts.events_per_quarter(
                queries.events_per_quarter_by_kind(rows), queries.undated_event_count(rows)
            )
        ]


class TimelineView(EventListView):
    """``/timeline/``: events per year; ``/timeline/2015/``: per month of 2015, and the
    events of 2015 whose month is not known; ``/timeline/2015/03/``: March's events;
    ``/timeline/undated/``: events with no date at all (``timeline``). Filters apply at
    every level and the links between levels keep them."""

    template_name = "enforcement/timeline.html"
    page_title = "Timeline"
    # A month's events, 50 at a time like every list (the page renders each with its quotes).

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.year, self.month = kwargs.get("year"), kwargs.get("month")
        self.undated = kwargs.get("undated", False)
        if self.month is not None and not 1 <= self.month <= 12:
            raise Http404("There is no such month.")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise Http404("There is no such year.")

    @property
    def lists_events(self) -> bool:
        return self.year is not None or self.undated

    def get_queryset(self):
        events = super().get_queryset()
        if self.undated:
            return events.filter(sort_date__isnull=True)
        if self.month is not None:
            return periods.in_month(events, self.year, self.month)
        if self.year is not None:
            # The year's page lists the events known only to the year; the months link on.
            return periods.in_year(events, self.year).filter(sort_date_precision="year")
        return events

    def get_paginate_by(self, queryset):
        # The index lists no events, only the years' counts.
        return self.paginate_by if self.lists_events else None

    def get_charts(self, rows):
        return []

    def filter_query(self) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        return f"?{query.urlencode()}" if query else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filter_query()
        index = reverse("enforcement:timeline")
        # The periods are counted over the filters alone, not this page's own narrowing.
        filtered_events = (
            self.filterset.filter_queryset(queries.events())
            if self.filterset.is_valid()
            else Event.objects.none()
        )
        found, crumbs, chart = [], [("All years", index + query)], None
        if self.undated:
            title, heading = "Undated", "Events with no date"
        elif self.month is not None:
            title = heading = f"{datetime.date(self.year, self.month, 1):%B %Y}"
            crumbs.append((str(self.year), f"{index}{self.year}/{query}"))
        elif self.year is not None:
            title, heading = str(self.year), f"{self.year}, month not reported"
            found = periods.month_periods(filtered_events, self.year)
            chart = periods.period_chart(found, f"Events per month, {self.year}", "Month")
        else:
            title, heading, crumbs = "", "", []
            found = periods.year_periods(filtered_events)
            chart = periods.period_chart(found, "Events per year", "Year")
        for period in found:
            period.url = f"{self.request.path}{period.url}{query}"
        rows = context["object_list"] if self.lists_events else []
        if self.month is not None:
            # This page's events, one point each: bounded by the page's size, and built
            # once per data generation (a Plotly figure costs more than the page's rows).
            chart = generation.cached(
                "month-timeline",
                lambda: charts.event_timeline(periods.points_of(context["rows"]), event_url),
                [event.pk for event in rows],
            )
        context.update(
            charts=[chart] if chart else [],
            years=group_by_period(context["rows"]),
            periods=found,
            period_title=title,
            events_heading=heading,
            crumbs=crumbs,
            lists_events=self.lists_events,
            page_title=f"Timeline: {title}" if title else "Timeline",
        )
        return context


def group_by_period(events: ReadWhenRendered):
    """[(year label, [(month label, events)])], undated events in a group of their own; each
    month's events a part of the page's (``ReadWhenRendered.part``)."""

    # By the sort date: an event without a date of its own sits where it was first reported.
    def year_of(event):
        return str(event.sort_date.year) if event.sort_date else "Undated"

    def month_of(event):
        if event.sort_date is None:
            return "Date not reported"
        if event.sort_date_precision == "year":
            return f"{event.sort_date.year}, month not reported"
        return event.sort_date.strftime("%B %Y")

    return [
        (year, [(month, events.part(in_month)) for month, in_month in groupby(in_year, month_of)])
        for year, in_year in groupby(events.rows, key=year_of)
    ]


class StatementListView(FilteredListView):
    filterset_class = StatementFilter
    queryset_function = queries.statements
    template_name = "enforcement/statement_list.html"
    export_columns = exports.STATEMENT_COLUMNS
    page_title = "Statements"
    noun = "statements"

    def get_charts(self, rows):
        return [
            charts.statements_by_stance(
                queries.statements_by_stance(rows), reverse("enforcement:statement-list")
            ),
            charts.statements_per_speaker(queries.statements_per_speaker(rows)),
        ]


class StatisticListView(FilteredListView):
    filterset_class = StatisticFilter
    queryset_function = queries.statistics
    template_name = "enforcement/statistic_list.html"
    export_columns = exports.STATISTIC_COLUMNS
    page_title = "Figures"
    noun = "figures"

    def get_charts(self, rows):
        chosen = chosen_measure(self.filterset, rows)
        return [
            charts.measure_over_time(queries.measure_over_time(rows, chosen), chosen),
            charts.enforcement_funnel(queries.enforcement_funnel(rows)),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.where_sources_disagree(self.object_list, limit=LIST_DISAGREEMENTS)
        every = self.request.GET.copy()
        every.pop("page", None)
        every["disagree"] = "yes"
        context["every_disagreement_query"] = every.urlencode()
        shown = list(context["object_list"])
        # Marks only for the rows: a disagreement's own figures need none (each is one
        # side of it), and their ranges of keys would be most of what a page unpickles.
        marks = queries.figure_marks(statistic.pk for statistic in shown)
        context.update(disagreements=found.conflicts, disagreeing_ids=marks.flagged)
        # Agreeing figures are one figure with several sources: each names the others.
        others = queries.also_given_by(marks)
        for statistic in shown:
            statistic.also_given_by = others.get(statistic.pk, [])
        return context


# The figure list shows this many disagreements above its rows, then links to its own
# filter for every figure they touch (at 15, they were half of a 150 kB page).
LIST_DISAGREEMENTS = 5


class EntityListView(FilteredListView):
    """Regulators or actors, most events first: the page's rows and their counts come from
    the cached counts (``queries.RankedEntities``), as do an export's
    (``exports.RankedColumns``)."""

    export_columns = exports.ENTITY_COLUMNS

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queries.RankedEntities(queryset), page_size)


class ActorListView(EntityListView):
    filterset_class = ActorFilter
    queryset_function = functools.partial(queries.entity_rows, Actor)
    template_name = "enforcement/entity_list.html"
    page_title = "Actors"
    noun = "actors"

    def get_charts(self, rows):
        return [charts.events_per_entity(queries.entity_event_counts(rows), "actors")]


class RegulatorListView(EntityListView):
    filterset_class = RegulatorFilter
    queryset_function = functools.partial(queries.entity_rows, Regulator)
    template_name = "enforcement/entity_list.html"
    page_title = "Regulators"
    noun = "regulators"

    def get_charts(self, rows):
        return [charts.events_per_entity(queries.entity_event_counts(rows), "regulators")]


class ArticleListView(FilteredListView):
    filterset_class = ArticleFilter
    queryset_function = queries.articles
    template_name = "enforcement/article_list.html"
    export_columns = exports.ARTICLE_COLUMNS
    page_title = "Articles"
    noun = "articles"

    def get_charts(self, rows):
        return [charts.articles_per_quarter(queries.articles_per_quarter(rows))]


# Details -----------------------------------------------------------------------------------

# A detail page shows this many of each kind of item, the latest first, then links to the
# filtered list (which pages through all of them): at 100 the busiest entity's page was
# half a megabyte.
DETAIL_LIMIT = 25
# ... and this many disagreements on its figures, then links to the figure list showing them.
DETAIL_DISAGREEMENTS = 5


class EntityDetailView(DashboardMixin, DetailView):
    """An actor or a regulator: names, events, statements, figures, a small timeline."""

    template_name = "enforcement/entity_detail.html"
    # The relation each item kind has to this entity; set by subclasses.
    event_field = speaker_field = subject_field = filter_param = ""
    noun = ""

    def get_object(self, queryset=None):
        entity = super().get_object(queryset)
        counts = queries.counts_of(entity)  # cached per data generation
        entity.event_count = counts.events
        entity.statement_count = counts.statements
        entity.statistic_count = counts.statistics
        return entity

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity = self.object
        events = (
            queries.events()
            .filter(**{self.event_field: entity})
            .exclude(review_state=ReviewState.REJECTED)
        )
        statements = (
            queries.statements()
            .filter(**{self.speaker_field: entity})
            .exclude(review_state=ReviewState.REJECTED)
        )
        statistics = (
            queries.statistics()
            .filter(**{self.subject_field: entity})
            .exclude(review_state=ReviewState.REJECTED)
        )
        # Read when the page renders them, which it does once per data generation
        # ({% generation_cache %}): the analysis of where sources disagree is large to read.
        shown_statistics = SimpleLazyObject(lambda: list(statistics[:DETAIL_LIMIT]))
        commitments = statements.filter(stance=queries.COMMITMENT)
        context.update(
            commitments=commitments[:DETAIL_LIMIT],
            disagreements=SimpleLazyObject(
                lambda: (
                    queries.where_sources_disagree(statistics, limit=DETAIL_DISAGREEMENTS).conflicts
                )
            ),
            disagreeing_ids=SimpleLazyObject(
                lambda: queries.figure_marks(s.pk for s in shown_statistics).flagged
            ),
            page_title=entity.name,
            noun=self.noun,
            aliases=[alias for alias in entity.aliases.all() if alias.name != entity.name],
            events=queries.first_rows(events, DETAIL_LIMIT, queries.events()),
            statements=statements[:DETAIL_LIMIT],
            statistics=shown_statistics,
            detail_limit=DETAIL_LIMIT,
            filter_query=f"{self.filter_param}={entity.pk}",
            # Built once per data generation: a Plotly figure costs more than its points.
            charts=[
                generation.cached(
                    "entity-timeline",
                    lambda: charts.event_timeline(queries.timeline_points(events), event_url),
                    events,
                )
            ],
        )
        return context


class ActorDetailView(EntityDetailView):
    queryset = queries.entity_rows(Actor).select_related("affiliated_regulator", "affiliated_actor")
    event_field, speaker_field, subject_field = "actors", "speaker_actor", "subject_actor"
    filter_param = "actor"
    noun = "actor"


class RegulatorDetailView(EntityDetailView):
    queryset = queries.entity_rows(Regulator)
    event_field, speaker_field, subject_field = (
        "regulators",
        "speaker_regulator",
        "subject_regulator",
    )
    filter_param = "regulator"
    noun = "regulator"


class ArticleDetailView(DashboardMixin, DetailView):
    model = Article
    template_name = "enforcement/article_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        items = queries.article_with_spans(article)
        context.update(
            page_title=str(article),
            highlighted_text=highlight(article.text, spans_of(article.text, **items)),
            span_types=SPAN_TYPES,
            **items,
        )
        return context
