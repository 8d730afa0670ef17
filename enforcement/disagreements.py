"""Where sources disagree: figures of one measure, subject and period that cannot both be true.

The rule:

* **Only measured figures are compared**: a figure with the measure "other" says
  nothing another figure could contradict, and a rejected figure says nothing.
* **Same scope.** Two figures speak of the same thing when they have the same
  measure and unit, their periods overlap, their subjects do not differ and the
  places their words name do not differ. The period is the figure's own date,
  else its article's publication date (a figure is about the time it is reported
  unless it says otherwise), read as the range its precision covers: "2017" and
  "March 2017" overlap, March and April 2017 do not; a figure with neither date
  has no period and is compared with nothing. A subject or a set of places that
  only one of the two figures names is not a difference: nothing says they
  differ. So 87 % of seizures at US borders in one year and 63 % of world
  seizures in other years are two facts, not a disagreement.
* **Values are intervals**, read with their qualifiers: "about 10" is 9 to 11
  (a tenth either side), "over 10" and "just over 10" are above 10, "under 10"
  and "fewer than 10" below 10 (both bounds open, so "just over 10%" and "fewer
  than 10 per cent" cannot both be true), "exactly 10" is 10, and a plain "10" is
  10 as rounded to its last digit (9.5 to 10.5; from a thousand up a round
  figure is rounded to its last non-zero digit: 380,000,000 is 375 to 385 million).
* **Disagreement** is two figures of one scope, from different articles, whose
  intervals do not meet. Two figures of one article never disagree: an article
  that gives two values tells two facts (two seizures on two days).
* **Agreement**: figures of one scope whose intervals all share a value are one
  figure with several sources ("10 %" and "about 10 per cent").

``figure_groups`` and ``find_disagreements`` are the rule over plain ``Figure``
records; ``load_figures`` reads them from the database (one query for the
candidates, one for their rows), so pages and tests use the same rule.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import heapq
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q, QuerySet

from .extraction.entities import gazetteer
from .models import DatePrecision, ReviewState, Statistic

OTHER = "other"
# "about 10" is taken as 10 give or take this share of it.
ABOUT = Decimal("0.1")
# Round figures from this size up are taken as rounded ("380 million", "180,000").
ROUND_FROM = 1000


# Intervals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """The values a figure allows; a bound of None is unbounded, ``*_open`` excludes it."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: Interval) -> bool:
        return _below_or_at(self.low, self.low_open, other.high, other.high_open) and (
            _below_or_at(other.low, other.low_open, self.high, self.high_open)
        )

    def common(self, other: Interval) -> Interval:
        """The values both allow (call only when they meet)."""
        low, low_open = _tighter(
            (self.low, self.low_open), (other.low, other.low_open), higher=True
        )
        high, high_open = _tighter(
            (self.high, self.high_open), (other.high, other.high_open), higher=False
        )
        return Interval(low, high, low_open, high_open)


def _below_or_at(low, low_open, high, high_open) -> bool:
    if low is None or high is None:
        return True
    return low < high or (low == high and not low_open and not high_open)


def _tighter(first, second, *, higher: bool):
    if first[0] is None:
        return second
    if second[0] is None:
        return first
    if first[0] == second[0]:
        return first[0], first[1] or second[1]
    pick = max if higher else min
    return pick(first, second, key=lambda bound: bound[0])


def interval(value: Decimal, qualifier: str | None) -> Interval:
    """The values a figure allows, from its value and its qualifier (see the module rule)."""
    value = Decimal(value)
    if qualifier == "over":
        return Interval(value, None, low_open=True)
    if qualifier == "under":
        return Interval(None, value, high_open=True)
    if qualifier == "exactly":
        return Interval(value, value)
    half = _rounding(value)
    if qualifier == "about":
        half = max(half, abs(value) * ABOUT)
    return Interval(value - half, value + half)


def _rounding(value: Decimal) -> Decimal:
    """Half a unit of the last digit: 10 -> 0.5, 2.5 -> 0.05; from a thousand up, round
    figures are read as rounded to their last non-zero digit: 380000000 -> 5000000."""
    value = value.normalize()
    if value == 0:
        return Decimal(0)
    exponent = value.as_tuple().exponent
    if exponent > 0 and abs(value) < ROUND_FROM:
        exponent = 0
    return Decimal(5).scaleb(exponent - 1)


# Scope -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The days a date at its precision covers."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def of(cls, day: datetime.date | None, precision: str | None) -> Period | None:
        if day is None:
            return None
        if precision == DatePrecision.YEAR:
            return cls(day.replace(month=1, day=1), day.replace(month=12, day=31))
        if precision == DatePrecision.MONTH:
            last = calendar.monthrange(day.year, day.month)[1]
            return cls(day.replace(day=1), day.replace(day=last))
        return cls(day, day)

    def overlaps(self, other: Period) -> bool:
        return self.first <= other.last and other.first <= self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days


@dataclass(frozen=True)
class Figure:
    """What the rule needs of a figure; ``subject`` is a key such as "actor:3"."""

    pk: int
    article_id: int
    measure: str
    unit: str
    value: Decimal
    qualifier: str | None = None
    subject: str | None = None
    period: Period | None = None
    places: frozenset[str] = frozenset()

    @cached_property
    def interval(self) -> Interval:
        # Read once: grouping compares each figure with many others.
        return interval(self.value, self.qualifier)


def same_scope(first: Figure, second: Figure) -> bool:
    """Whether two figures speak of the same thing (see the module rule)."""
    if (first.measure, first.unit) != (second.measure, second.unit) or first.measure == OTHER:
        return False
    if first.period is None or second.period is None or not first.period.overlaps(second.period):
        return False
    if first.subject and second.subject and first.subject != second.subject:
        return False
    return not (first.places and second.places and first.places != second.places)


def places_named(text: str) -> frozenset[str]:
    """The countries a figure's words name, as codes: "87 per cent of US seizures" -> {US}."""
    text = text or ""
    if not _ANY_COUNTRY.search(text):  # most figures name none: one search, not one a name
        return frozenset()
    return frozenset(code for name, code in _COUNTRY_NAMES if name.search(text))


_COUNTRY_NAMES = [
    (re.compile(rf"\b{re.escape(name)}\b"), code) for name, code in gazetteer().countries.items()
]
# Matches wherever one of the names would (an alternation finds a match at the first place
# any alternative does), so it only says whether to look name by name.
_ANY_COUNTRY = re.compile(
    r"\b(?:" + "|".join(re.escape(name) for name in gazetteer().countries) + r")\b"
)


# Groups ----------------------------------------------------------------------------------


@dataclass
class FigureGroup:
    """Figures of one scope that can all be true: one figure, told by each of its sources.

    A figure joins when it is of one scope with *every* figure of the group, which the
    group answers from three things it keeps rather than figure by figure: its narrowest
    period, the one subject and the one set of places its figures name (if any). That is
    exact, not an approximation: periods are days, months or years, which are nested or
    apart, so periods that all overlap each other all hold the narrowest, and a period
    overlaps them all when it overlaps that one; and figures of one scope name at most
    one subject and one set of places between them (a second would differ)."""

    figures: list[Figure] = field(default_factory=list)
    common: Interval | None = None
    narrowest: Period | None = None
    subject: str | None = None
    places: frozenset[str] = frozenset()
    index: int = field(default=0, compare=False, repr=False)  # its place in creation order
    closed: bool = field(default=False, compare=False, repr=False)  # no later figure fits
    filed_high: Decimal | None = field(default=None, compare=False, repr=False)

    @property
    def measure(self) -> str:
        return self.figures[0].measure

    @property
    def unit(self) -> str:
        return self.figures[0].unit

    @property
    def article_ids(self) -> list[int]:
        return sorted({figure.article_id for figure in self.figures})

    def takes(self, figure: Figure) -> bool:
        # The values first: one comparison, and most groups of a partition fail it.
        if self.common is not None and not self.common.meets(figure.interval):
            return False
        if not self.figures:
            return True
        first = self.figures[0]
        if (first.measure, first.unit) != (figure.measure, figure.unit) or first.measure == OTHER:
            return False
        if self.narrowest is None or figure.period is None:
            return False
        if not self.narrowest.overlaps(figure.period):
            return False
        if figure.subject and self.subject and figure.subject != self.subject:
            return False
        return not (figure.places and self.places and figure.places != self.places)

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        interval_ = figure.interval
        self.common = interval_ if self.common is None else self.common.common(interval_)
        period = figure.period
        if len(self.figures) == 1 or (
            period is not None and self.narrowest is not None and period.days < self.narrowest.days
        ):
            self.narrowest = period
        self.subject = self.subject or figure.subject
        self.places = self.places or figure.places


@dataclass
class Disagreement:
    """Two or more groups of one scope that cannot all be true, each with its sources."""

    groups: list[FigureGroup]

    @property
    def measure(self) -> str:
        return self.groups[0].measure

    @property
    def figure_ids(self) -> set[int]:
        return {figure.pk for group in self.groups for figure in group.figures}


def figure_groups(figures: list[Figure]) -> list[FigureGroup]:
    """Every figure in exactly one group: those of one scope that can all be true together.

    Figures are taken lowest value first, so intervals on one line group the way they
    overlap; a figure joins the first group it fits. The same groups, in the same order,
    as comparing each figure with every group (a test holds it to that), but faster:

    * only figures of one measure, unit and year can be of one scope (a period lies
      within one calendar year), so a figure looks among its own ``_partition``'s groups;
    * a group whose values all lie below a figure's lowest can take no later figure (they
      come lowest first, and a group's common values only narrow), so it is closed;
    * a group can take a figure only if its narrowest period and the figure's are nested
      (``FigureGroup``), so a day looks only at the groups narrowest on that day, its month
      or its year, a month at those within that month or on its year, and only a year at
      them all; the first in creation order among those is the first of all."""
    groups: list[FigureGroup] = []
    partitions: dict[tuple, _Partition] = {}
    for figure in sorted(figures, key=_lowest_first):
        key = _partition(figure)
        part = partitions.get(key)
        if part is None:
            part = partitions[key] = _Partition()
        home = part.home_for(figure)
        if home is None:
            home = FigureGroup()
            home.index = len(groups)
            groups.append(home)
        before = home.narrowest if home.figures else None
        home.add(figure)
        part.file(home, before)
    return groups


def _period_key(period: Period) -> tuple:
    if period.first == period.last:
        return ("day", period.first)
    if period.first.month == period.last.month:
        return ("month", period.first.year, period.first.month)
    return ("year", period.first.year)


class _Partition:
    """The groups of one measure, unit and year, indexed by their narrowest period."""

    def __init__(self):
        self.everyone: list[FigureGroup] = []  # creation order
        self.on: dict[tuple, list[FigureGroup]] = {}  # narrowest period -> groups
        self.within_month: dict[tuple, list[FigureGroup]] = {}  # (year, month) -> groups
        self.highs: list[tuple] = []  # (a group's highest common value, index, group)

    def home_for(self, figure: Figure) -> FigureGroup | None:
        low = figure.interval.low
        if low is not None:
            self._close_below(low)
        if figure.period is None:
            return None  # of one scope with nobody
        key = _period_key(figure.period)
        year = ("year", figure.period.first.year)
        if key[0] == "day":
            day = figure.period.first
            places = [
                self.on.get(key),
                self.on.get(("month", day.year, day.month)),
                self.on.get(year),
            ]
        elif key[0] == "month":
            places = [self.within_month.get(key[1:]), self.on.get(year)]
        else:
            places = [self.everyone]
        best = None
        for place in places:
            if place:
                found = _first_taker(place, figure, best.index if best else None)
                if found is not None:
                    best = found
        return best

    def file(self, group: FigureGroup, before: Period | None) -> None:
        """Index a group after a figure joined it (``before``: its narrowest period then)."""
        if before is None:
            self.everyone.append(group)
        high = group.common.high if group.common is not None else None
        if high is not None and high != group.filed_high:
            group.filed_high = high
            heapq.heappush(self.highs, (high, group.index, group))
        if group.narrowest is None or (before is not None and before == group.narrowest):
            return
        # Left where it was filed before too: ``takes`` turns it away there.
        key = _period_key(group.narrowest)
        bisect.insort(self.on.setdefault(key, []), group, key=_creation)
        if key[0] != "year":
            month = (group.narrowest.first.year, group.narrowest.first.month)
            bisect.insort(self.within_month.setdefault(month, []), group, key=_creation)

    def _close_below(self, low: Decimal) -> None:
        highs = self.highs
        while highs and highs[0][0] < low:
            _high, _index, group = heapq.heappop(highs)
            group.closed = True  # its common values only narrow: all below from now on


def _creation(group: FigureGroup) -> int:
    return group.index


def _first_taker(place: list[FigureGroup], figure: Figure, before: int | None):
    """The first open group of ``place`` (in creation order) that takes ``figure``, made
    before group number ``before``; closed groups are dropped from where it looked once
    they are most of it (so no later look walks past them again)."""
    closed = 0
    found = None
    scanned = 0
    for group in place:
        scanned += 1
        if before is not None and group.index >= before:
            break
        if group.closed:
            closed += 1
            continue
        if group.takes(figure):
            found = group
            break
    if closed > 16 and closed * 2 > scanned:  # mostly closed where it looked: drop them
        place[:scanned] = [group for group in place[:scanned] if not group.closed]
    return found


def _partition(figure: Figure) -> tuple:
    """What two figures of one scope share: measure, unit and the year of their period."""
    year = figure.period.first.year if figure.period is not None else None
    return (figure.measure, figure.unit, year)


def comparable(figures: list[Figure]) -> list[Figure]:
    """The figures the rule compares: measured, with a period."""
    return [f for f in figures if f.measure != OTHER and f.period is not None]


def find_disagreements(figures: list[Figure]) -> list[Disagreement]:
    """Groups of one scope, from different articles, whose values cannot all be true."""
    return disagreements_among(figure_groups(comparable(figures)))


def disagreements_among(groups: list[FigureGroup]) -> list[Disagreement]:
    """The disagreements between ``figure_groups``' groups, in their order. A group is
    compared only with the groups of its partition that could share its scope: those
    with a figure of one of its subjects, or of no subject (any, if it has one itself)."""
    index_of: dict[tuple, dict] = {}
    for index, group in enumerate(groups):
        part = index_of.setdefault(_partition(group.figures[0]), {"all": [], "by": {}})
        part["all"].append(index)
        for subject in {figure.subject for figure in group.figures}:
            part["by"].setdefault(subject, []).append(index)
    found: list[Disagreement] = []
    seen: set[int] = set()
    for index, group in enumerate(groups):
        if index in seen:
            continue
        part = index_of[_partition(group.figures[0])]
        subjects = {figure.subject for figure in group.figures}
        if None in subjects:
            candidates = part["all"]
        else:
            candidates = sorted(
                {i for subject in (*subjects, None) for i in part["by"].get(subject, [])}
            )
        rivals = [
            other_index
            for other_index in candidates
            if other_index != index
            and other_index not in seen
            and _contradicts(group, groups[other_index])
        ]
        if rivals:
            seen.update([index, *rivals])
            found.append(Disagreement([group, *(groups[i] for i in rivals)]))
    return found


def _contradicts(first: FigureGroup, second: FigureGroup) -> bool:
    """Two groups of one scope contradict when a figure of each, from different articles,
    cannot both be true (a figure of one group never meets every figure of the other)."""
    return any(
        a.article_id != b.article_id and same_scope(a, b) and not a.interval.meets(b.interval)
        for a in first.figures
        for b in second.figures
    )


def _lowest_first(figure: Figure):
    bound = figure.interval.low
    return (bound is not None, bound if bound is not None else Decimal(0), figure.pk)


# Reading figures from the database -------------------------------------------------------


def load_figures(statistics: QuerySet[Statistic] | None = None) -> list[Figure]:
    """The figures that could disagree: not rejected, measured, and of a measure and unit
    that more than one article gives (one aggregate query picks those, one reads them)."""
    rows = (statistics if statistics is not None else Statistic.objects.all()).exclude(
        review_state=ReviewState.REJECTED
    )
    rows = rows.exclude(measure=OTHER)
    shared = (
        rows.values("measure", "unit")
        .annotate(articles=Count("article", distinct=True))
        .filter(articles__gt=1)
        .values_list("measure", "unit")
    )
    scopes = Q(pk__in=[])
    for measure, unit in shared:
        scopes |= Q(measure=measure, unit=unit)
    values = rows.filter(scopes).values_list(
        "pk",
        "article_id",
        "measure",
        "unit",
        "value",
        "qualifier",
        "subject_actor_id",
        "subject_regulator_id",
        "date",
        "date_precision",
        "article__published",
        "article__published_precision",
        "quote",
    )
    return [_figure(row) for row in values]


def _figure(row) -> Figure:
    (pk, article_id, measure, unit, value, qualifier, actor_id, regulator_id) = row[:8]
    day, precision, published, published_precision, quote = row[8:]
    subject = None
    if actor_id:
        subject = f"actor:{actor_id}"
    elif regulator_id:
        subject = f"regulator:{regulator_id}"
    period = Period.of(day, precision) if day else Period.of(published, published_precision)
    return Figure(
        pk=pk,
        article_id=article_id,
        measure=measure,
        unit=unit,
        value=Decimal(value),
        qualifier=qualifier or None,
        subject=subject,
        period=period,
        places=places_named(quote),
    )


def disagreements(statistics: QuerySet[Statistic] | None = None) -> list[Disagreement]:
    """Where the stored figures disagree (see the module rule)."""
    return find_disagreements(load_figures(statistics))


def agreements(figures: list[Figure] | None = None) -> list[FigureGroup]:
    """Figures told alike by more than one article: one figure with its sources
    (``figures`` as ``load_figures`` reads them; all stored ones when None)."""
    return agreeing(figure_groups(load_figures() if figures is None else figures))


def agreeing(groups: list[FigureGroup]) -> list[FigureGroup]:
    """The groups of ``figure_groups`` told by more than one article."""
    return [
        group
        for group in groups
        if len(group.article_ids) > 1 and group.figures[0].period is not None
    ]
