"""Web pages as articles: a URL (or a feed's item) in, an ``ArticleInput`` out.

A page's canonical URL is the article's URL and its identity (``location``):
the same story reached through a feed's redirect or a tracking link is one
article. A page that names no canonical URL is known by the address its
redirects ended at, less the tracking parameters (``utm_*``, ``fbclid``,
``gclid``) that feeds and newsletters add. Where the page does not say its
title or date, the feed's item does; the host name is the outlet of last resort.

Like ``article_files``, nothing here raises for a bad input: each becomes one
``InputProblem`` naming the URL and what went wrong.
"""

from __future__ import annotations

import codecs
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..article_files import Collected, InputProblem, Overrides
from ..extraction.pipeline import ArticleInput
from .feeds import FeedItem
from .fetching import HTML, FetchError, Limits, check_scheme, fetch
from .pages import Page, host_name, read_page

# "ftp://host/x", "file:///etc/passwd", "https://…": anything with a scheme. One-letter
# schemes are Windows drive letters, which are paths.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def looks_like_url(argument: str) -> bool:
    """Whether a command-line argument is meant as a URL rather than a path."""
    return bool(_SCHEME.match(argument))


def read_url(url: str, *, limits: Limits, item: FeedItem | None = None) -> ArticleInput:
    """Fetch and read one page; raises ``FetchError`` with the reason it cannot be read."""
    check_scheme(url)
    fetched = fetch(url, limits=limits, wanted=HTML)
    page = read_page(_decoded(fetched.body, fetched.charset), url=fetched.final_url)
    if not page.text.strip():
        raise FetchError("holds no article text (no main text was found on the page)")
    return page_input(page, fallback_url=fetched.final_url, item=item)


def page_input(page: Page, *, fallback_url: str, item: FeedItem | None = None) -> ArticleInput:
    """The article a page carries, with a feed's item filling in what the page lacks."""
    url = page.url if page.url and page.url != fallback_url else without_tracking(fallback_url)
    return ArticleInput(
        file=url,
        raw_text=page.text,
        title=page.title or (item.title if item else None),
        source=page.source or host_name(url),
        url=url,
        published=page.published or (item.published if item else None),
        location=url,
    )


def collect_urls(
    urls,
    *,
    limits: Limits,
    collected: Collected,
    overrides: Overrides | None = None,
) -> None:
    """Read every URL into ``collected``: articles in order, one problem per bad URL."""
    overrides = overrides or Overrides()
    for url in urls:
        try:
            article = read_url(url, limits=limits)
        except FetchError as error:
            collected.problems.append(InputProblem(url, str(error)))
            continue
        collected.articles.append(overrides.apply(article))


# Query parameters that say how a reader arrived, not which page they read.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)


def without_tracking(url: str) -> str:
    """``url`` without its tracking parameters (and without a fragment)."""
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


def _decoded(body: bytes, charset: str | None) -> str | bytes:
    """The body as text when the server named a known charset; else bytes for trafilatura."""
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            return body
        return body.decode(charset, errors="replace")
    return body
