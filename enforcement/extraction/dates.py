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
# Each pattern knows the stretch of time its words cover: "in 2015" a year, "between June 9
# and 16" a week, "last week" the seven days before the paper's week, "since 2023" the time
# from then to the paper's day. The date a mention gives is what the whole stretch shares
# (``covering``): June 9 to 16 is June, a stretch across two months is only its year, one
# across two years is no date at all. Relative words ("last year", "on Monday", "in July")
# are resolved against the publication date; without one they give nothing, not a guess.

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
_MONTH_WORD = re.compile(rf"\b(?:{MONTH_PATTERN})\b", re.IGNORECASE)
_WEEKDAYS = rf"(?:{alternatives(lexicon.WEEKDAYS)})"
_YEAR_LEADS = alternatives(lexicon.YEAR_LEADS, space=" ")
_MONTH_LEADS = alternatives(lexicon.MONTH_LEADS, space=" ")
_RANGE_OPENERS = alternatives(lexicon.RANGE_OPENERS)
_RANGE_JOINERS = alternatives(lexicon.RANGE_JOINERS)
_COUNTS = alternatives(tuple(sorted(lexicon.COUNT_WORDS, key=len, reverse=True)))
_YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
# A weekday written before a date it only decorates: "on Wednesday 12 April", "Tuesday, May 4".
_ON_WEEKDAY = rf"(?:(?:on\s+)?{_WEEKDAYS},?\s+)?"
_NOT_A_FIGURE = r"(?!\s*(?:%|per\b|percent))"
# One end of a stretch of time: "June 9", "9 June", "June 2015", "June", "2015".
_ENDPOINT = (
    rf"(?:{_MONTH_NAMES}\s+\d{{1,2}}{_ORD}\b(?:,?\s+{_YEAR})?"
    rf"|\d{{1,2}}{_ORD}\s+{_MONTH_NAMES}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH_NAMES}(?:,?\s+(?:of\s+)?{_YEAR})?"
    rf"|{_YEAR}{_NOT_A_FIGURE})"
)
# The second end may be a bare day that takes the first end's month: "June 9 and 16".
_BARE_DAY = rf"\d{{1,2}}{_ORD}\b(?![,.]\d)"
_ENDPOINT_FORMS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}}){_ORD}(?:,?\s+(?P<year>{_YEAR}))?$",
        rf"^(?P<day>\d{{1,2}}){_ORD}\s+(?P<month>{_MONTH_NAMES})(?:,?\s+(?P<year>{_YEAR}))?$",
        rf"^(?P<month>{_MONTH_NAMES})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?$",
        rf"^(?P<year>{_YEAR})$",
        rf"^(?P<day>\d{{1,2}}){_ORD}$",
    )
]
_LATER_YEAR = rf"(?:,?\s+(?P<year>{_YEAR})\b|\s+(?P<which>this|last)\s+year\b)?"
# "between June 9 and 16", "from May 17 to June 9", "from January to September this year".
_BETWEEN = (
    rf"\b(?:{_RANGE_OPENERS})\s+(?P<a>{_ENDPOINT})\s*(?:{_RANGE_JOINERS})\s*"
    rf"(?P<b>{_ENDPOINT}|{_BARE_DAY}){_LATER_YEAR}"
)
# "on May 17 and 23", "June 9-16"; "9 and 16 June".
_DAYS_OF_A_MONTH = (
    rf"\b(?:on\s+)?(?P<a>{_MONTH_NAMES}\s+\d{{1,2}}){_ORD}\s*(?:and|&|to|-|–)\s*"
    rf"(?P<b>{_BARE_DAY}){_LATER_YEAR}"
)
_DAYS_BEFORE_A_MONTH = (
    rf"\b(?:on\s+)?(?P<a>\d{{1,2}}){_ORD}\s*(?:and|&|to|-|–)\s*"
    rf"(?P<b>\d{{1,2}}{_ORD}\s+{_MONTH_NAMES}){_LATER_YEAR}"
)
# "over the past few months", "in recent weeks", "in the last two years".
_RECENT = (
    rf"\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:(?P<recent>recent)|(?:past|last)"
    rf"(?:\s+(?P<count>couple\s+of|{_COUNTS}|\d+))?)\s+(?P<unit>days?|weeks?|months?|years?)\b"
)
# What a pattern cannot match without, so that a text lacking it is not searched for it
# (a search costs as much where nothing matches; most texts lack most of these words): each
# need is words in lower case of which the text must hold one (anywhere, in any case:
# ``_folded``), or ``_MONTH_WORD``, which it must match (for patterns whose month name stands
# between non-word characters). ``tests/test_extraction_dates.py`` holds every pattern's
# matches against its needs.
_MONTH_STEMS = tuple(sorted({name[:3] for name in MONTHS}))  # every month name begins so
_TODAY_WORDS = ("today", "tonight", "morning", "afternoon", "evening")
_UNIT_WORDS = ("day", "week", "month", "year")
_EARLIER_OR_LATER = ("earlier", "later")
# (pattern, kind, needs): kinds are handled in ``_window``. Earlier patterns win where two
# overlap, so a stretch ("between June 9 and 16") is read before its first day ("June 9").
_DATE_PATTERNS = [
    (_BETWEEN, "range", (lexicon.RANGE_OPENERS,)),
    (_DAYS_OF_A_MONTH, "range", (_MONTH_WORD,)),
    (_DAYS_BEFORE_A_MONTH, "range", (_MONTH_STEMS,)),
    (rf"\bsince\s+(?P<a>{_ENDPOINT})", "since", (("since",),)),
    (
        rf"\b{_ON_WEEKDAY}(?P<day>\d{{1,2}}){_ORD}\s+(?P<month>{_MONTH_NAMES}),?\s+(?P<year>{_YEAR})\b",
        "absolute_day",
        (_MONTH_WORD,),
    ),
    (
        rf"\b{_ON_WEEKDAY}(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>{_YEAR})\b",
        "absolute_day",
        (_MONTH_WORD,),
    ),
    (rf"\b(?P<year>{_YEAR})-(?P<mnum>\d\d)-(?P<day>\d\d)\b", "iso_day", ()),
    # "2011-13", "2015/16": a span of years.
    (rf"\b(?P<y1>{_YEAR})\s*[-–/]\s*(?P<y2>(?:19|20)?\d\d)\b{_NOT_A_FIGURE}", "years", ()),
    (
        rf"\b(?P<month>{_MONTH_NAMES}),?\s+(?:of\s+)?(?P<year>{_YEAR})\b",
        "absolute_month",
        (_MONTH_WORD,),
    ),
    (
        rf"\b{_ON_WEEKDAY}(?:on\s+)?(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}}){_ORD}\b(?!\s*(?:,\s*)?{_YEAR})",
        "month_day",
        (_MONTH_WORD,),
    ),
    (
        rf"\b(?:on\s+(?:{_WEEKDAYS},?\s+)?|{_WEEKDAYS},?\s+)(?P<day>\d{{1,2}}){_ORD}\s+(?P<month>{_MONTH_NAMES})(?!\s*,?\s*{_YEAR})",
        "month_day",
        (_MONTH_STEMS,),
    ),
    (rf"\b(?:{_YEAR_LEADS})\s*-?\s*(?P<year>{_YEAR})\b{_NOT_A_FIGURE}", "year", ()),
    (rf"\b(?:{_MONTH_LEADS})\s+(?P<month>{_MONTH_NAMES})\b(?!\s*\d)", "bare_month", (_MONTH_WORD,)),
    (
        rf"\b(?:on\s+|last\s+|this\s+past\s+)?(?P<weekday>{_WEEKDAYS})\b",
        "weekday",
        (lexicon.WEEKDAYS,),
    ),
    (r"\b(?:yesterday|last\s+night)\b", "yesterday", (("yesterday", "night"),)),
    (
        r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b",
        "today",
        (_TODAY_WORDS,),
    ),
    (
        r"\b(?:(?P<which>last|this|the\s+past)\s+weekend|over\s+the\s+weekend)\b",
        "weekend",
        (("weekend",),),
    ),
    # "over the past few months", "in recent weeks", "in the last two years".
    (_RECENT, "recent", (("recent", "past", "last"), _UNIT_WORDS)),
    (
        r"\b(?:(?P<early>earlier|later)\s+)?(?P<which>last|this|the\s+past|the\s+previous)\s+week\b",
        "week",
        (("week",),),
    ),
    (
        r"\b(?:(?:at|by|towards?|in)\s+the\s+(?:end|beginning|start|middle)\s+of\s+)?(?P<which>last|this|the\s+same|the\s+previous|the\s+past)\s+month\b",
        "relative_month",
        (("month",),),
    ),
    (r"\b(?:earlier|later)\s+this\s+month\b", "this_month", (_EARLIER_OR_LATER, ("month",))),
    (
        r"\b(?P<which>last|this|the\s+previous|the\s+past|next)\s+year\b",
        "relative_year",
        (("year",),),
    ),
    (r"\b(?:earlier|later)\s+this\s+year\b", "this_year", (_EARLIER_OR_LATER, ("year",))),
    (
        rf"\b(?:less\s+than|about|around|nearly|almost|more\s+than|just|only)?\s*(?P<count>\d+|{_COUNTS})\s+(?P<unit>days?|weeks?)\s+(?:ago|earlier|before|after|later)\b",
        "interval",
        (("day", "week"), ("ago", "earlier", "before", "after", "later")),
    ),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), kind, needs) for p, kind, needs in _DATE_PATTERNS]
# Kinds whose words place the date by themselves; every other kind needs the paper's date.
_ABSOLUTE = {"absolute_day", "iso_day", "absolute_month", "year", "years"}
# Kinds a paper known only to its month (or year) can still resolve.
_COARSE = {"relative_year", "this_year", "years"}

Window = tuple[datetime.date, datetime.date]


@dataclass(frozen=True)
class DateMention:
    """Words in the text that place something in time: the stretch of days they cover
    (``first`` to ``last``, when known) and the date that stretch gives."""

    start: int
    end: int
    text: str
    date: PartialDate | None
    first: datetime.date | None = None
    last: datetime.date | None = None

    @property
    def window(self) -> Window | None:
        return (self.first, self.last) if self.first and self.last else None


def find_dates(text: str, published: PartialDate | None) -> list[DateMention]:
    """Date expressions in ``text``, longest first where they overlap, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    folded = _folded(text)
    has_month = _MONTH_WORD.search(text) is not None
    for pattern, kind, needs in _COMPILED:
        if not all(
            has_month if need is _MONTH_WORD else any(word in folded for word in need)
            for need in needs
        ):
            continue  # the text lacks a word every match holds
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if any(not word[:1].isupper() for word in _MONTH_WORD.findall(match.group(0))):
                continue  # "this may help" is not May
            if kind == "weekday" and _in_a_name(text, match):
                continue  # "Shrewsbury Sunday Market" is a market, not a Sunday
            try:
                window = _window(kind, match.groupdict(), published)
            except _NotADate:
                continue
            taken.append((match.start(), match.end()))
            first, last = window or (None, None)
            found.append(
                DateMention(
                    match.start(), match.end(), match.group(0), covering(window), first, last
                )
            )
    return sorted(found, key=lambda mention: mention.start)


# Characters a case-blind pattern takes for an ASCII letter that ``str.lower`` leaves alone
# (dotless i, long s) or makes two characters of ("İ" is "i" and a combining dot).
_FOLDS = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def _folded(text: str) -> str:
    """The text in lower case, where every character ``re.IGNORECASE`` matches with an ASCII
    letter is that letter: a word a case-blind pattern finds is in it as written here."""
    lower = text.lower()
    return lower if lower.isascii() else lower.translate(_FOLDS)


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’.-]*[ \t]+$")
_CAPITALISED_AFTER = re.compile(r"^[ \t]+[A-Z]\w")


def _in_a_name(text: str, match: re.Match) -> bool:
    """A bare weekday between capitalised words is part of a name ("Sunday Times")."""
    if not match.group(0)[:1].isupper() or " " in match.group(0).strip():
        return False  # "on Sunday", "last Monday"
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 3]
    starts_sentence = not before.strip() or before.rstrip()[-1:] in ".!?\n"
    return bool(_CAPITALISED_AFTER.match(after)) or (
        not starts_sentence and bool(_CAPITALISED_BEFORE.search(before))
    )


def covering(window: Window | None) -> PartialDate | None:
    """What every day of ``window`` shares: a day, a month, a year, or nothing."""
    if window is None:
        return None
    first, last = window
    if first == last:
        return PartialDate.from_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return None


def period(date: PartialDate) -> Window:
    """The first and last day of a date at its precision."""
    first = date.first_day()
    if date.precision == DAY:
        return first, first
    if date.precision == MONTH:
        following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return first, following - datetime.timedelta(days=1)
    return first, datetime.date(first.year, 12, 31)


class _NotADate(Exception):
    """The words matched a pattern but do not name a time ("2015-06" as a span of years)."""


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _count(word: str | None, default: int = 1) -> int:
    if not word:
        return default
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word == "couple of":
        return 2
    return lexicon.COUNT_WORDS.get(word, default)


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


def _endpoint(words: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of one end of a stretch, each None when the words leave it out."""
    words = " ".join(words.split())
    for form in _ENDPOINT_FORMS:
        match = form.match(words)
        if match:
            parts = match.groupdict()
            year = int(parts["year"]) if parts.get("year") else None
            month = _month_number(parts["month"]) if parts.get("month") else None
            day = int(parts["day"]) if parts.get("day") else None
            return year, month, day
    raise _NotADate(words)


def _range_window(parts: dict, published: PartialDate | None) -> Window | None:
    (y1, m1, d1), (y2, m2, d2) = _endpoint(parts["a"]), _endpoint(parts["b"])
    if m1 is None and d1 is not None:
        m1 = m2  # "9 and 16 June"
    if m2 is None and d2 is not None:
        m2 = m1  # "June 9 and 16"
    if m1 is None and d1 is not None or m2 is None and d2 is not None:
        raise _NotADate(parts["a"])  # "between 50 and 60"
    year = int(parts["year"]) if parts.get("year") else None
    if parts.get("which"):
        if published is None:
            return None
        year = published.year - (parts["which"].lower() == "last")
    in_order = m1 is None or m2 is None or m1 <= m2  # "December to January" turns the year
    y2 = y2 or year or (y1 if in_order else y1 + 1) if y1 else y2 or year
    if y2 is None:
        # No year at all: the latest such stretch that ended before the paper's day.
        if published is None or published.precision != DAY:
            return None
        today = published.first_day()
        y2 = today.year if (m2 or 12, d2 or 1) <= (today.month, today.day) else today.year - 1
    y1 = y1 or (y2 if in_order else y2 - 1)
    first = period(PartialDate(y1, m1, d1 if m1 else None))[0]
    last = period(PartialDate(y2, m2, d2 if m2 else None))[1]
    return (first, last) if first <= last else None


def _window(kind: str, parts: dict, published: PartialDate | None) -> Window | None:
    """The stretch of days a mention of ``kind`` covers, or None when it cannot be known."""
    try:
        if kind == "absolute_day":
            date = PartialDate(int(parts["year"]), _month_number(parts["month"]), int(parts["day"]))
            return period(date)
        if kind == "iso_day":
            return period(PartialDate(int(parts["year"]), int(parts["mnum"]), int(parts["day"])))
        if kind == "absolute_month":
            return period(PartialDate(int(parts["year"]), _month_number(parts["month"])))
        if kind == "year":
            return period(PartialDate(int(parts["year"])))
        if kind == "years":
            first, second = int(parts["y1"]), parts["y2"]
            last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            if last <= first:
                raise _NotADate(second)  # "2015-06" is a month, not a span of years
            return datetime.date(first, 1, 1), datetime.date(last, 12, 31)
        if kind == "range":
            return _range_window(parts, published)
    except ValueError:
        return None
    # Everything below is relative: it needs the paper's date to stand on.
    if published is None or published.precision != DAY and kind not in _COARSE:
        return None
    today = published.first_day()
    if kind == "since":
        year, month, day = _endpoint(parts["a"])
        if year is None:
            if month is None:
                return None
            year = today.year if month <= today.month else today.year - 1
        try:
            start = period(PartialDate(year, month, day if month else None))[0]
        except ValueError:
            return None
        return (start, today) if start <= today else None
    if kind == "month_day":
        when = _parse_relative(f"{parts['month']} {parts['day']}", published)
        return (when, when) if when else None
    if kind == "bare_month":
        month = _month_number(parts["month"])
        year = published.year if month <= (published.month or 12) else published.year - 1
        return period(PartialDate(year, month))
    if kind == "weekday":
        # News usage: "on Thursday" in a Thursday paper is that day, else the last one before.
        back = (today.weekday() - lexicon.WEEKDAYS.index(parts["weekday"].lower())) % 7
        day = today - datetime.timedelta(days=back)
        return day, day
    if kind == "yesterday":
        day = today - datetime.timedelta(days=1)
        return day, day
    if kind == "today":
        return today, today
    if kind == "recent":
        unit = parts["unit"].lower().rstrip("s")
        days = {"day": 1, "week": 7, "month": 31, "year": 365}[unit]
        count = 3 if parts.get("recent") else _count(parts.get("count"))
        return today - datetime.timedelta(days=days * count), today
    if kind == "weekend":
        # The latest Saturday and Sunday begun by the paper's day; "last weekend" in a
        # weekend paper is the one before.
        saturday = today - datetime.timedelta(days=(today.weekday() - 5) % 7)
        if (parts.get("which") or "").lower() == "last" and today.weekday() >= 5:
            saturday -= datetime.timedelta(days=7)
        return saturday, min(saturday + datetime.timedelta(days=1), today)
    if kind == "week":
        which = " ".join(parts["which"].lower().split())
        monday = today - datetime.timedelta(days=today.weekday())
        if which in ("last", "the previous"):
            return monday - datetime.timedelta(days=7), monday - datetime.timedelta(days=1)
        if which == "the past":
            return today - datetime.timedelta(days=7), today
        return monday, today  # "this week", "earlier this week"
    if kind == "relative_month":
        which = " ".join(parts["which"].lower().split())
        when = today
        if which in ("last", "the previous", "the past"):
            when = today.replace(day=1) - datetime.timedelta(days=1)
        return period(PartialDate(when.year, when.month))
    if kind == "this_month":
        return period(PartialDate(published.year, published.month))
    if kind == "relative_year":
        which = " ".join(parts["which"].lower().split())
        offset = {"last": -1, "the previous": -1, "the past": -1, "next": 1}.get(which, 0)
        return period(PartialDate(published.year + offset))
    if kind == "this_year":
        return period(PartialDate(published.year))
    if kind == "interval":
        number = _count(parts["count"])
        days = number * (7 if parts["unit"].lower().startswith("week") else 1)
        # The words give a window, not a day: "less than two weeks ago" is any day since.
        return today - datetime.timedelta(days=days), today
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
