"""Dates known to a precision: "2015", "Jan 2015" or "9 Feb 2015".

A news article rarely gives a full date. ``PartialDate`` keeps what the words
support and nothing more, so "In Jan. 2015" never becomes 1 January 2015.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

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
