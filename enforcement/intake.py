"""What the ingest reads from the web: pages by URL, and the items of feeds not yet seen.

``web`` fetches and reads (no Django); this module adds what needs the
database: a ``Feed`` row per feed, kept current on every read (last fetched,
last error, title), and a ``FeedItem`` per item once its article is stored, so
that an item is read once however often its feed is polled. An item whose page
could not be read is not remembered, and is tried again at the next poll.

A feed that cannot be read records why in ``Feed.last_error`` and is reported
as one problem; the other feeds, and the other inputs, go on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .article_files import Collected, InputProblem, Overrides
from .extraction.pipeline import ArticleInput
from .models import Article, Feed, FeedItem
from .web.articles import collect_urls, read_url
from .web.feeds import FeedError, read_feed
from .web.feeds import FeedItem as ListedItem
from .web.fetching import FEED, FetchError, Limits, check_scheme, fetch


def fetch_limits() -> Limits:
    """The fetching limits the settings give (see the README's settings table)."""
    return Limits(
        timeout=settings.INGEST_FETCH_TIMEOUT,
        max_bytes=settings.INGEST_MAX_BYTES,
        max_redirects=settings.INGEST_MAX_REDIRECTS,
        allow_private=settings.INGEST_ALLOW_PRIVATE_HOSTS,
    )


class FeedUnreadable(Exception):
    """The feed could not be fetched or is no feed; the message says why."""


@dataclass(frozen=True)
class FeedOrigin:
    """The feed an article was listed in, and its item there."""

    feed_id: int
    item: ListedItem


def new_items(
    feed_url: str, *, limits: Limits, record: bool = True
) -> tuple[Feed | None, list[ListedItem]]:
    """Read a feed and return the items not yet seen.

    With ``record`` (not on a dry run) the feed's row is made if it is new and kept
    current; without, a feed nobody has read before has no row, and all its items are new.
    """
    try:
        check_scheme(feed_url)
    except FetchError as error:
        raise FeedUnreadable(str(error)) from None  # no row for what can never be a feed
    if record:
        feed, _created = Feed.objects.get_or_create(url=feed_url)
    else:
        feed = Feed.objects.filter(url=feed_url).first()
    rows = Feed.objects.filter(pk=feed.pk) if record else Feed.objects.none()
    now = timezone.now()
    try:
        fetched = fetch(feed_url, limits=limits, wanted=FEED)
        document = read_feed(fetched.body, url=fetched.final_url, content_type=fetched.content_type)
    except (FetchError, FeedError) as error:
        rows.update(last_fetched_at=now, last_error=str(error))
        raise FeedUnreadable(str(error)) from None
    keys = [item.key for item in document.items]
    seen = set(FeedItem.objects.filter(feed=feed, key__in=keys).values_list("key", flat=True))
    title = document.title or (feed.title if feed else "")
    rows.update(last_fetched_at=now, last_error="", title=title[:500])
    return feed, [item for item in document.items if item.key not in seen]


def remember(origin: FeedOrigin, article_id: int | None) -> None:
    """The item's article is stored: the feed will not offer it again."""
    try:
        with transaction.atomic():
            _row, created = FeedItem.objects.get_or_create(
                feed_id=origin.feed_id,
                key=origin.item.key,
                defaults={"link": origin.item.link[:1000], "article_id": article_id},
            )
    except IntegrityError:
        return  # another process remembered it at the same moment
    if created:
        Feed.objects.filter(pk=origin.feed_id).update(last_new_item_at=timezone.now())


class WebIntake:
    """The web's share of one ingest run: pages by URL and feeds' new items."""

    def __init__(self, limits: Limits | None = None, *, dry_run: bool = False):
        self.limits = limits or fetch_limits()
        self.dry_run = dry_run
        self.origins: dict[int, FeedOrigin] = {}  # id(ArticleInput) -> where it was listed

    def collect(self, urls, feed_urls, collected: Collected, overrides: Overrides) -> None:
        """Read every URL and every feed's new items into ``collected``."""
        collect_urls(urls, limits=self.limits, collected=collected, overrides=overrides)
        for feed_url in feed_urls:
            try:
                feed, items = new_items(feed_url, limits=self.limits, record=not self.dry_run)
            except FeedUnreadable as error:
                collected.problems.append(InputProblem(feed_url, str(error)))
                continue
            for item in items:
                try:
                    article = read_url(item.link, limits=self.limits, item=item)
                except FetchError as error:
                    collected.problems.append(
                        InputProblem(item.link, f"{error} (an item of {feed_url})")
                    )
                    continue
                article = overrides.apply(article)
                if feed is not None and not self.dry_run:
                    self.origins[id(article)] = FeedOrigin(feed.pk, item)
                collected.articles.append(article)

    def stored(self, item: ArticleInput, content_hash: str) -> None:
        """Call once ``item`` is in the database (new, updated or unchanged)."""
        origin = self.origins.get(id(item))
        if origin is not None:
            article_id = (
                Article.objects.filter(content_hash=content_hash)
                .values_list("pk", flat=True)
                .first()
            )
            remember(origin, article_id)
