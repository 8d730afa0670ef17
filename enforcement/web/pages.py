"""An HTML news page read into the article it carries: main text, title, outlet, date, URL.

trafilatura finds the main text (navigation, share buttons, related links,
cookie banners and footers are left out) and reads the page's metadata;
htmldate, which it calls, dates the page. Our choices on top of theirs:

- Dates come from the page's markup only (meta tags, ``<time>``, the URL):
  htmldate's "extensive" search of the body text is off, because it takes a
  footer's "© 2016" or a story's "since January" for the publication date. A
  dateline in the text is still read by the ``metadata`` stage. The original
  publication date is preferred to a "last updated" one.
- An outlet that trafilatura only guessed from the host name is left for the
  caller to fill in (``articles`` uses the host name, without "www.").
- The canonical URL (``<link rel="canonical">``, else ``og:url``) is the
  article's URL when it is an absolute http(s) URL once resolved against the
  page's own.
- Paragraphs are separated by a blank line, as in the text files the
  extraction stages read, and a first paragraph that repeats the title goes.

Nothing here fetches anything: trafilatura and htmldate only download when
handed a URL string in place of a document, and this module always hands them
the parsed page.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..extraction.dates import PartialDate
from .fetching import FetchError, check_scheme

# htmldate's options (see the module docstring); "max_date" is today, set per page.
DATE_OPTIONS = {"extensive_search": False, "original_date": True}


@dataclass
class Page:
    """What a page says about itself; ``None`` where it says nothing."""

    text: str
    title: str | None = None
    source: str | None = None
    published: PartialDate | None = None
    url: str | None = None  # canonical, else the address it was read from

    def metadata(self) -> dict:
        """What the page says besides its text, as ``ArticleInput`` fields."""
        return {
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
        }


def read_page(html: str | bytes, *, url: str | None = None) -> Page:
    """Read one page; ``url`` is where it came from (None for a file on disk)."""
    import trafilatura  # here: an ingest of text files never pays its import (~0.5 s)

    tree = _parse(html)
    if tree is None:
        return Page(text="")
    canonical = _canonical_url(tree, url)
    # trafilatura prunes the tree it is given; keep ours for the checks above.
    document = trafilatura.bare_extraction(
        copy.deepcopy(tree),
        url=canonical or url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
        date_extraction_params={**DATE_OPTIONS, "max_date": datetime.date.today().isoformat()},
    )
    if document is None:
        return Page(text="", url=canonical or url)
    title = _one_line(document.title)
    return Page(
        text=_paragraphs(document.text or "", title),
        title=title,
        source=_real_sitename(document.sitename, canonical or url),
        published=_date(document.date),
        url=canonical or url,
    )


def host_name(url: str | None) -> str | None:
    """The outlet of last resort: "news.example.org" for a page there."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _parse(html: str | bytes):
    """The page's tree, or None; bytes that are not UTF-8 are left to trafilatura's guess."""
    if isinstance(html, bytes) and _is_utf8(html):
        html = html.decode("utf-8")
    if not html.strip():
        return None
    import trafilatura

    return trafilatura.load_html(html)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # let trafilatura guess the encoding from the bytes
    return True


def _canonical_url(tree, base: str | None) -> str | None:
    for value in (
        *tree.xpath('//link[@rel="canonical"]/@href'),
        *tree.xpath('//meta[@property="og:url"]/@content'),
    ):
        candidate = urljoin(base, value.strip()) if base else value.strip()
        try:
            check_scheme(candidate)
        except FetchError:
            continue
        return candidate
    return None


def _real_sitename(sitename: str | None, url: str | None) -> str | None:
    """trafilatura falls back on the host name; that is not an outlet's name."""
    sitename = _one_line(sitename)
    if not sitename:
        return None
    if url:
        parts = urlsplit(url)
        guesses = {parts.hostname, parts.netloc.lower(), host_name(url)}
        if sitename.lower() in guesses or sitename.lower().removeprefix("www.") in guesses:
            return None
    return sitename


def _date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return PartialDate(day.year, day.month, day.day)


def _paragraphs(text: str, title: str | None) -> str:
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
