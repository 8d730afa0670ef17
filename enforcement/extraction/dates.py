"""Dates known to a precision: "2015", "Jan 2015" or "9 Feb 2015".

A news article rarely gives a full date. ``PartialDate`` keeps what the words
support and nothing more, so "In Jan. 2015" never becomes 1 January 2015.

This module also reads dates out of text: ``find_dates`` every date expression
of a story, resolved against its publication date, and ``find_date`` the first
full date of a line (a dateline). ``MONTHS`` is the one month table they, the
metadata and the cleaning stages share.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import alternatives

YEAR, MONTH, DAY = "year", "month", "day"
PRECISIONS = (YEAR, MONTH, DAY)

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date of which only the first ``precision`` parts are known."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError for impossible dates such as 2015-02-30.
        datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        return YEAR

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError otherwise."""
        match = _ISO.match((value or "").strip())
        if not match:
            raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: datetime.date, precision: str = DAY) -> PartialDate:
        if precision == YEAR:
            return cls(value.year)
        if precision == MONTH:
            return cls(value.year, value.month)
        return cls(value.year, value.month, value.day)

    def first_day(self) -> datetime.date:
        """The first day of the period, which is how the database stores it."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        if self.precision == DAY:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision == MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Human form at the date's own precision: "2015", "Jan 2015", "9 Feb 2015"."""
        return format_partial_date(self.first_day(), self.precision)

    def __str__(self) -> str:
        return self.isoformat()


def format_partial_date(value: datetime.date | None, precision: str | None) -> str:
    if value is None:
        return "Undated"
    if precision == YEAR:
        return f"{value.year}"
    if precision == MONTH:
        return value.strftime("%b %Y")
    return f"{value.day} {value.strftime('%b %Y')}"


# Reading dates out of running text ---------------------------------------------------------
#
# Each pattern knows the precision its words carry; dateparser resolves the words
# against the publication date. With no publication date, a relative expression
# ("last year", "on Monday", "in July") resolves to nothing rather than a guess.

# Month names and abbreviations -> number: the one month table of the extraction.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _prefix_chain(names: list[str]) -> str:
    """One month's names, each a prefix of the next, as one branch that fails at its first
    letter and prefers the longest: "sep", "sept", "september" -> "sep(?:t(?:ember)?)?"."""
    names = sorted(names, key=len)
    pattern = ""
    for shorter, longer in reversed(list(itertools.pairwise(names))):
        if not longer.startswith(shorter):
            raise ValueError(f"month names {shorter!r} and {longer!r} share no prefix")
        pattern = f"(?:{re.escape(longer[len(shorter) :])}{pattern})?"
    return re.escape(names[0]) + pattern


# Every month name of ``MONTHS``, as a pattern.
MONTH_PATTERN = "|".join(
    _prefix_chain([name for name, n in MONTHS.items() if n == number]) for number in range(1, 13)
)
_MONTH_NAMES = rf"(?:{MONTH_PATTERN})\.?"
_WEEKDAYS = rf"(?:{alternatives(lexicon.WEEKDAYS)})"
_YEAR_LEADS = alternatives(lexicon.YEAR_LEADS, space=" ")
_MONTH_LEADS = alternatives(lexicon.MONTH_LEADS, space=" ")
_YEAR = r"(?:19|20)\d\d"
# (pattern, kind): kinds are handled in ``_resolve``.
_DATE_PATTERNS = [
    (
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES}),?\s+(?P<year>{_YEAR})\b",
        "absolute_day",
    ),
    (
        rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})\b",
        "absolute_day",
    ),
    (rf"\b(?P<year>{_YEAR})-(?P<mnum>\d\d)-(?P<day>\d\d)\b", "iso_day"),
    (rf"\b(?P<month>{_MONTH_NAMES}),?\s+(?:of\s+)?(?P<year>{_YEAR})\b", "absolute_month"),
    (
        rf"\b(?:on\s+)?(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?{_YEAR})",
        "month_day",
    ),
    (
        rf"\b(?:on\s+)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})(?!\s*,?\s*{_YEAR})",
        "month_day",
    ),
    (
        rf"\b(?:{_YEAR_LEADS})\s*-?\s*(?P<year>{_YEAR})\b(?!\s*(?:%|per\b|percent))",
        "year",
    ),
    (
        rf"\b(?:{_MONTH_LEADS})\s+(?P<month>{_MONTH_NAMES})\b(?!\s*\d)",
        "bare_month",
    ),
    (rf"\b(?:on\s+|last\s+|this\s+past\s+)?(?P<weekday>{_WEEKDAYS})\b", "weekday"),
    (r"\byesterday\b", "yesterday"),
    (r"\btoday\b", "today"),
    (
        r"\b(?:(?:at|by|towards?|in)\s+the\s+(?:end|beginning|start|middle)\s+of\s+)?(?P<which>last|this|the\s+same|the\s+previous|the\s+past)\s+month\b",
        "relative_month",
    ),
    (r"\b(?:earlier|later)\s+this\s+month\b", "this_month"),
    (r"\b(?P<which>last|this|the\s+previous|the\s+past|next)\s+year\b", "relative_year"),
    (r"\b(?:earlier|later)\s+this\s+year\b", "this_year"),
    (
        rf"\b(?:less\s+than|about|around|nearly|almost|more\s+than|just|only)?\s*(?P<count>\d+|{'|'.join(lexicon.COUNT_WORDS)})\s+(?P<unit>days?|weeks?)\s+(?:ago|earlier|before|after|later)\b",
        "interval",
    ),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), kind) for p, kind in _DATE_PATTERNS]


@dataclass(frozen=True)
class DateMention:
    """Words in the text that place something in time, and the date they give."""

    start: int
    end: int
    text: str
    date: PartialDate | None


def find_dates(text: str, published: PartialDate | None) -> list[DateMention]:
    """Date expressions in ``text``, longest first where they overlap, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, kind in _COMPILED:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            month = match.groupdict().get("month")
            if month and not month[:1].isupper():
                continue  # "this may help" is not May
            date = _resolve(kind, match, published)
            taken.append((match.start(), match.end()))
            found.append(DateMention(match.start(), match.end(), match.group(0), date))
    return sorted(found, key=lambda mention: mention.start)


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _parse_relative(words: str, published: PartialDate) -> datetime.date | None:
    import dateparser

    base = datetime.datetime.combine(published.first_day(), datetime.time(12))
    parsed = dateparser.parse(
        words,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


def _resolve(kind: str, match: re.Match, published: PartialDate | None) -> PartialDate | None:
    parts = match.groupdict()
    try:
        if kind == "absolute_day":
            return PartialDate(int(parts["year"]), _month_number(parts["month"]), int(parts["day"]))
        if kind == "iso_day":
            return PartialDate(int(parts["year"]), int(parts["mnum"]), int(parts["day"]))
        if kind == "absolute_month":
            return PartialDate(int(parts["year"]), _month_number(parts["month"]))
        if kind == "year":
            return PartialDate(int(parts["year"]))
    except (ValueError, KeyError):
        return None
    # Everything below is relative: it needs a day-precise publication date to stand on.
    if published is None or published.precision != DAY:
        if published is not None and kind in ("relative_year", "this_year"):
            pass
        else:
            return None
    if kind == "month_day":
        when = _parse_relative(f"{parts['month']} {parts['day']}", published)
        return PartialDate.from_date(when) if when else None
    if kind == "bare_month":
        month = _month_number(parts["month"])
        year = published.year if month <= (published.month or 12) else published.year - 1
        return PartialDate(year, month)
    if kind == "weekday":
        # News usage: "on Thursday" in a Thursday paper is that day, else the last one before.
        day = published.first_day()
        back = (day.weekday() - lexicon.WEEKDAYS.index(parts["weekday"].lower())) % 7
        return PartialDate.from_date(day - datetime.timedelta(days=back))
    if kind == "yesterday":
        return PartialDate.from_date(published.first_day() - datetime.timedelta(days=1))
    if kind == "today":
        return published
    if kind == "relative_month":
        which = " ".join(parts["which"].lower().split())
        when = published.first_day()
        if which in ("last", "the previous", "the past"):
            when = when.replace(day=1) - datetime.timedelta(days=1)
        return PartialDate(when.year, when.month)
    if kind == "this_month":
        return PartialDate(published.year, published.month)
    if kind == "relative_year":
        which = " ".join(parts["which"].lower().split())
        offset = {"last": -1, "the previous": -1, "the past": -1, "next": 1}.get(which, 0)
        return PartialDate(published.year + offset)
    if kind == "this_year":
        return PartialDate(published.year)
    if kind == "interval":
        count = parts["count"].lower()
        number = int(count) if count.isdigit() else lexicon.COUNT_WORDS.get(count, 1)
        days = number * (7 if parts["unit"].lower().startswith("week") else 1)
        latest = published.first_day()
        earliest = latest - datetime.timedelta(days=days)
        # The words give a window, not a day: keep only what the whole window shares.
        if (earliest.year, earliest.month) == (latest.year, latest.month):
            return PartialDate(latest.year, latest.month)
        if earliest.year == latest.year:
            return PartialDate(latest.year)
        return None
    return None


# The first full date of a line (datelines) -------------------------------------------------

_NAMED_MONTH = rf"(?P<month>{MONTH_PATTERN})\.?"
_FULL_DATES = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})\b"),
    # US numeric dates on press releases: "Release Date: Thu, 08/04/2022".
    re.compile(r"\b(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _NAMED_MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b" + _NAMED_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
]


def find_date(text: str) -> tuple[PartialDate, re.Match] | None:
    """The first full calendar date written in ``text``, if any: what a dateline gives."""
    best = None
    for form in _FULL_DATES:
        match = form.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    parts = best.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
    try:
        return PartialDate(int(parts["year"]), month, int(parts["day"])), best
    except ValueError:
        return None
