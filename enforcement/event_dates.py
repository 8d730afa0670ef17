"""When an event happened, and when it was first reported: the date pages order it by.

The rule:

* **Its own date** (``Event.date``) is what its accounts say it happened on; none is
  ever invented, so an event whose accounts give no date keeps ``date`` empty.
* **Its report date** (``Event.first_reported``) is the earliest publication date of
  the articles of its sources (rejected accounts aside), at that date's precision.
  Dates of different precision are compared by the last day they may be: "22 Sep
  2020" comes before "2020" (the 2020 article may be from December) and "Mar 2020"
  before "22 Sep 2020"; of two ending on the same day the more precise wins.
* **The sort date** (``sort_date``, ``sort_date_precision``, ``sort_date_is_reported``)
  is the own date, else the report date, marked as such ("reported 22 Sep 2020",
  hollow markers in charts); with neither the event is undated. Pages order, group,
  chart and filter events by it, from one indexed column.

``refresh_report_dates`` is the one place the report date is worked out. The ingest
(after storing an article's events and sources), the admin (an event's date, a
source added, moved, rejected or removed, an article's publication date) and merges
call it with the events they touched. It is upkeep of a derived value, not an edit:
it touches no person's fields, and ``Event.save`` keeps the sort date in step with
an edited own date.

Statements and figures are listed by a sort date too (``models.ListedByDate``): their
own date, else their article's publication date, ``undated`` when neither is known.
``save`` sets it; a bulk insert sets it itself (the ingest, ``synthesize``); and
``refresh_report_dates`` works it out again for the articles it is given (an article's
new date), with any row left unset, or with ``every_item=True`` for every row (repairs).
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable

from .extraction.dates import DAY, MONTH, YEAR, format_partial_date

# The columns ``refresh_report_dates`` writes, for bulk updates.
REPORT_FIELDS = (
    "first_reported",
    "first_reported_precision",
    "sort_date",
    "sort_date_precision",
    "sort_date_is_reported",
)
_PRECISE_FIRST = {DAY: 0, MONTH: 1, YEAR: 2}
# Events are refreshed this many at a time (SQLite's limit on query parameters).
CHUNK = 500


def last_day(day: datetime.date, precision: str) -> datetime.date:
    """The last day a date at its precision may be."""
    if precision == YEAR:
        return day.replace(month=12, day=31)
    if precision == MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def first_report(
    published: Iterable[tuple[datetime.date | None, str]],
) -> tuple[datetime.date, str] | None:
    """The earliest of (publication date, precision) pairs, by the rule above; None if none."""
    dated = [(day, precision or DAY) for day, precision in published if day is not None]
    if not dated:
        return None
    return min(dated, key=lambda d: (last_day(*d), _PRECISE_FIRST.get(d[1], 0), d[0]))


def sort_fields(date, date_precision, first_reported, first_reported_precision) -> tuple:
    """(sort_date, sort_date_precision, sort_date_is_reported) from the two dates."""
    if date is not None:
        return date, date_precision or DAY, False
    if first_reported is not None:
        return first_reported, first_reported_precision or DAY, True
    return None, DAY, False


def when_display(event) -> str:
    """ "9 Feb 2015" for an event's own date, "reported 22 Sep 2020", or "Date unknown"."""
    if event.sort_date is None:
        return "Date unknown"
    text = format_partial_date(event.sort_date, event.sort_date_precision)
    return f"reported {text}" if event.sort_date_is_reported else text


def item_sort_fields(date: datetime.date | None, published: datetime.date | None) -> dict:
    """``ListedByDate``'s columns by its rule: its own date, else its article's, and
    ``undated`` when neither is known. For ``save`` and for bulk inserts, which skip it."""
    sort_date = date or published
    return {"sort_date": sort_date, "undated": sort_date is None}


def item_date_values(article_model) -> dict:
    """``item_sort_fields`` as SQL, for ``QuerySet.update`` (and 0008)."""
    from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, Subquery, Value, When
    from django.db.models.functions import Coalesce

    article = article_model.objects.filter(pk=OuterRef("article_id"))
    return {
        "sort_date": Coalesce(F("date"), Subquery(article.values("published")[:1])),
        "undated": Case(
            When(
                Q(date__isnull=True) & ~Exists(article.filter(published__isnull=False)),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    }


def refresh_item_dates(article_ids: Iterable[int] = (), *, every_item: bool = False) -> int:
    """Work out the sort dates of the statements and figures of these articles, and of
    every row not worked out yet; of all of them with ``every_item``. One UPDATE per
    model per 500 articles; returns how many rows were written."""
    from django.db.models import Q

    from .models import Article, Statement, Statistic

    ids = sorted({pk for pk in article_ids if pk is not None})
    # Not worked out yet: no sort date, yet not marked undated (found on the list index).
    pending = Q(sort_date__isnull=True, undated=False)
    if every_item:
        conditions = [Q()]
    else:
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
        conditions = [Q(article_id__in=chunk) | pending for chunk in chunks] or [pending]
    written = 0
    for model in (Statement, Statistic):
        for condition in conditions:
            written += model.objects.filter(condition).update(**item_date_values(Article))
    return written


def date_new_reports(events, published: datetime.date | None, precision: str) -> list:
    """The report and sort dates of ``events`` once one more article, published on
    ``published``, tells each of them -- and no account was taken away: the earliest of
    the date each already had and this one, so no sources need reading again. What a new
    article's store uses in place of ``refresh_report_dates``; sets them on the events and
    returns those that changed, for the caller to write (``REPORT_FIELDS``)."""
    changed = []
    for event in events:
        before = tuple(getattr(event, name) for name in REPORT_FIELDS)
        event.first_reported, event.first_reported_precision = first_report(
            [(event.first_reported, event.first_reported_precision), (published, precision)]
        ) or (None, DAY)
        event.set_sort_date()
        if tuple(getattr(event, name) for name in REPORT_FIELDS) != before:
            changed.append(event)
    return changed


def refresh_report_dates(
    event_ids: Iterable[int], *, articles: Iterable[int] = (), every_item: bool = False
) -> int:
    """Work out again the report and sort dates of these events; returns how many changed.

    Two queries and one bulk update per 500 events, whatever their sources; then, given
    ``articles`` (whose publication date may have changed) or ``every_item``, the
    statements' and figures' sort dates (``refresh_item_dates``), two UPDATEs more. An
    event's report date follows every article telling it; a statement's or figure's
    sort date only its own article's, so other articles' rows are left alone."""
    from .models import Event, EventSource, ReviewState

    ids = sorted({pk for pk in event_ids if pk is not None})
    changed_count = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        published = defaultdict(list)
        for event_id, day, precision in (
            EventSource.objects.filter(event_id__in=chunk, article__published__isnull=False)
            .exclude(review_state=ReviewState.REJECTED)
            .values_list("event_id", "article__published", "article__published_precision")
        ):
            published[event_id].append((day, precision))
        changed = []
        for event in Event.objects.filter(pk__in=chunk).only(
            "pk", "date", "date_precision", *REPORT_FIELDS
        ):
            before = tuple(getattr(event, name) for name in REPORT_FIELDS)
            event.first_reported, event.first_reported_precision = first_report(
                published[event.pk]
            ) or (None, DAY)
            event.set_sort_date()
            if tuple(getattr(event, name) for name in REPORT_FIELDS) != before:
                changed.append(event)
        Event.objects.bulk_update(changed, REPORT_FIELDS)
        changed_count += len(changed)
    articles = list(articles)
    if articles or every_item:
        refresh_item_dates(articles, every_item=every_item)
    return changed_count
