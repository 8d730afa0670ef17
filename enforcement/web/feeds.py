"""An RSS or Atom document read into the items it lists (feedparser).

feedparser fetches a URL, or opens a file, when handed a string that names one;
here it is only ever handed the bytes we fetched, wrapped in a stream, so it
does neither. It resolves relative links against the feed's own address, given
as the response's ``Content-Location``, and never follows external entities.

An item is known by its ``id`` (Atom ``<id>``, RSS ``<guid>``), or its link
when it has none: that key is what "already seen" is checked against.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import feedparser

from ..extraction.dates import PartialDate
from .fetching import FetchError, check_scheme


class FeedError(Exception):
    """A document that is no readable feed; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    key: str  # the item's id, or its link
    link: str
    title: str | None = None
    published: PartialDate | None = None


@dataclass
class FeedDocument:
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def read_feed(body: bytes, *, url: str, content_type: str | None = None) -> FeedDocument:
    """The feed's title and its items with an http(s) link, in the feed's order."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({_first_line(problem)})" if problem else ""
        raise FeedError(f"is not an RSS or Atom feed{detail}")
    document = FeedDocument(title=_one_line(parsed.feed.get("title")))
    seen: set[str] = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        try:
            check_scheme(link)
        except FetchError:
            continue  # an item without a web page to read
        key = (entry.get("id") or link).strip()
        if key in seen:
            continue
        seen.add(key)
        document.items.append(
            FeedItem(
                key=key[:1000],
                link=link,
                title=_one_line(entry.get("title")),
                published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            )
        )
    return document


def _date(value) -> PartialDate | None:
    """feedparser's ``time.struct_time`` (UTC) as a day."""
    if not value:
        return None
    try:
        return PartialDate(value.tm_year, value.tm_mon, value.tm_mday)
    except (ValueError, AttributeError):
        return None


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _first_line(problem) -> str:
    return str(problem).strip().splitlines()[0][:200] if str(problem).strip() else "unreadable"
