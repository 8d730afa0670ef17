"""The timeline by period: counts per year, per month of a year, then one month's events.

Like Django's date-archive views, the period is in the URL: ``/timeline/`` counts the
events of each year, ``/timeline/2015/`` those of each month of 2015 and lists, paged,
the events of 2015 whose month is not known, ``/timeline/2015/03/`` lists March 2015's
events, paged (``paging``), and ``/timeline/undated/`` the events with no date at all.
Events are placed by their sort date (``event_dates``): an event with no date of its
own sits at the date it was first reported, marked as such, as everywhere else.

Every count is one GROUP BY over the filtered events within the period, on the sort
date's index; every chart has one bar per period (at most the years held, 12 months,
and a month's page draws its page of events), so neither the page nor its chart grows with the number of events.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

import plotly.graph_objects as go
from django.db.models import Count, F, Func, IntegerField, QuerySet

from . import generation
from .charts import PALETTE, REPORTED_PATTERN, Chart, _as_data, _layout
from .extraction.dates import YEAR
from .models import Event

UNDATED = "undated"


class DatePart(Func):
    """The year, month or day of a date as an integer, in SQL on each database (Django's
    ``ExtractYear`` on SQLite calls Python once per row)."""

    output_field = IntegerField()
    SQLITE = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}

    def __init__(self, expression, part: str):
        self.part = part
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):
        template = f"CAST(EXTRACT({self.part.upper()} FROM %(expressions)s) AS INTEGER)"
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps a date as 'YYYY-MM-DD' text.
        start, length = self.SQLITE[self.part]
        template = f"CAST(substr(%(expressions)s, {start}, {length}) AS INTEGER)"
        return super().as_sql(compiler, connection, template=template, **extra)


@dataclass
class Period:
    label: str
    count: int
    reported: int  # of them, placed at the date they were first reported
    url: str = ""


def _counts(events: QuerySet[Event], part: str) -> dict:
    """{period number (None: no sort date): (count, reported count)} in one query, kept
    per data generation and filter (``generation.cached``): a GROUP BY over every event."""
    events = events.order_by().prefetch_related(None)

    def compute() -> dict:
        rows = (
            events.annotate(period=DatePart(F("sort_date"), part))
            .values("period", "sort_date_is_reported")
            .annotate(count=Count("pk"))
        )
        counts: dict = {}
        for row in rows:
            count, reported = counts.get(row["period"], (0, 0))
            counts[row["period"]] = (
                count + row["count"],
                reported + (row["count"] if row["sort_date_is_reported"] else 0),
            )
        return counts

    return generation.cached(f"timeline-{part}", compute, events)


def year_periods(events: QuerySet[Event]) -> list[Period]:
    """Each year's events, oldest first, then the undated ones."""
    counts = _counts(events, "year")
    periods = [
        Period(str(year), *counts[year], url=f"{year}/")
        for year in sorted(counts, key=_nulls_last)
        if year is not None
    ]
    if None in counts:
        periods.append(Period("Undated", *counts[None], url=f"{UNDATED}/"))
    return periods


def _nulls_last(value):
    return (value is None, value or 0)


def in_year(events: QuerySet[Event], year: int) -> QuerySet[Event]:
    return events.filter(
        sort_date__gte=datetime.date(year, 1, 1), sort_date__lte=datetime.date(year, 12, 31)
    )


def in_month(events: QuerySet[Event], year: int, month: int) -> QuerySet[Event]:
    last = calendar.monthrange(year, month)[1]
    return events.filter(
        sort_date__gte=datetime.date(year, month, 1),
        sort_date__lte=datetime.date(year, month, last),
    ).exclude(sort_date_precision=YEAR)


def month_periods(events: QuerySet[Event], year: int) -> list[Period]:
    """The months of a year whose events are known to the month or the day, in order."""
    counts = _counts(in_year(events, year).exclude(sort_date_precision=YEAR), "month")
    return [
        Period(datetime.date(year, month, 1).strftime("%B %Y"), *counts[month], url=f"{month:02d}/")
        for month in sorted(month for month in counts if month is not None)
    ]


def points_of(events) -> list[dict]:
    """A page's events as the timeline chart's points (``charts.event_timeline``), read
    from their prefetched sources: no query, one point per event on the page."""
    points = []
    for event in events:
        if event.sort_date is None:
            continue
        articles = [source.article for source in event.sources.all()]
        titles = sorted(article.title for article in articles if article.title)
        files = sorted(article.file_name for article in articles)
        points.append(
            {
                "pk": event.pk,
                "sort_date": event.sort_date,
                "sort_date_precision": event.sort_date_precision,
                "sort_date_is_reported": event.sort_date_is_reported,
                "kind": event.kind,
                "summary": event.summary,
                "source_title": titles[0] if titles else None,
                "source_file": files[0] if files else None,
                "source_count": len({article.pk for article in articles}),
            }
        )
    return points


def period_chart(periods: list[Period], title: str, axis: str) -> Chart:
    """One bar per period: events with a date of their own, and hatched, those placed at
    the date they were first reported."""
    if not periods:
        return Chart("timeline-periods", title, None, empty_message="No dated events to draw.")
    labels = [period.label for period in periods]
    figure = go.Figure(layout=_layout(title, axis, "Events", barmode="stack"))
    figure.add_bar(
        name="Dated",
        x=labels,
        y=[period.count - period.reported for period in periods],
        marker={"color": PALETTE[0]},
        hovertemplate="%{x}: %{y} events<extra></extra>",
    )
    if any(period.reported for period in periods):
        figure.add_bar(
            name="Placed at the date first reported",
            x=labels,
            y=[period.reported for period in periods],
            marker={"color": PALETTE[0], "pattern": REPORTED_PATTERN},
            hovertemplate="%{x}: %{y} events, by the date first reported<extra></extra>",
        )
    figure.update_xaxes(type="category")
    return Chart(
        "timeline-periods",
        title,
        _as_data(figure),
        wide=True,
        note="Hatched: events with no date of their own, counted when they were first reported.",
    )
