"""``ingest URL``, ``ingest --feed URL`` and ``poll_feeds`` against the local news site.

Real pages over real HTTP on the loopback address, the real spaCy model, a real database.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from enforcement.extraction.dates import PartialDate
from enforcement.models import Article, Event, Feed, FeedItem, Statement, Statistic

PORT_STORY = "/news/2024/03/customs-seize-fake-watches"


def run(*args, command="ingest", expect_failure=False, **options) -> str:
    """Call the command; return its standard error."""
    err = StringIO()
    if expect_failure:
        with pytest.raises(CommandError):
            call_command(command, *args, stdout=StringIO(), stderr=err, **options)
    else:
        call_command(command, *args, stdout=StringIO(), stderr=err, **options)
    return err.getvalue()


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def test_a_page_is_stored_under_its_canonical_url_without_its_furniture(db, local_web):
    local_web.redirect("/go/port-seizure", PORT_STORY)
    run(local_web.url("/go/port-seizure"))
    article = Article.objects.get()
    assert article.url == article.location == local_web.url(PORT_STORY)
    assert article.title == "Customs seize 40,000 fake watches at Harbourton port"
    assert article.source == "The Coastal Ledger"
    assert article.published.isoformat() == "2024-03-14"
    assert article.text.startswith("Border officers at Harbourton port have seized")
    for furniture in ("cookies", "Share on", "Related stories", "newsletter", "rights reserved"):
        assert furniture not in article.text
    # The extraction ran on the story: its quote is a statement, its figures statistics.
    assert Statement.objects.filter(article=article, quote__contains="cheat consumers").exists()
    assert Statistic.objects.filter(article=article, value=40000).exists()


def test_the_same_url_is_never_stored_twice(db, local_web):
    local_web.redirect("/go/port-seizure", PORT_STORY)
    run(local_web.url(PORT_STORY))
    stderr = run(local_web.url("/go/port-seizure"), local_web.url(PORT_STORY + "?utm_medium=x"))
    assert Article.objects.count() == 1
    assert "Articles: 0 new, 0 updated, 2 unchanged, 0 failed" in stderr


def test_the_same_text_at_another_address_is_not_stored_again(db, local_web):
    local_web.fixture("/mirror/market-raid", "market-raid.html")
    run(local_web.url("/crime/market-raid"))
    stderr = run(local_web.url("/mirror/market-raid"))
    assert Article.objects.count() == 1
    assert "unchanged" in stderr


def test_a_changed_page_at_the_same_url_is_read_again(db, local_web):
    run(local_web.url("/crime/market-raid"))
    first = Article.objects.get()
    page = (local_web.routes["/crime/market-raid"].body).replace(
        b"Three traders were questioned", b"Four traders were questioned"
    )
    local_web.add("/crime/market-raid", page)
    stderr = run(local_web.url("/crime/market-raid"))
    assert "1 updated" in stderr
    article = Article.objects.get()
    assert article.pk == first.pk and "Four traders" in article.text


@pytest.mark.parametrize(
    "setup, path, words",
    [
        (lambda web: [web.redirect(f"/r{n}", f"/r{n + 1}") for n in range(8)], "/r0", "redirects"),
        (lambda web: None, "ftp://127.0.0.1/story.html", "only http and https URLs"),
        (lambda web: web.add("/huge", b"<p>x</p>" * 400_000), "/huge", "over the 2.0 MB limit"),
        (lambda web: web.add("/slow", b"<p>late</p>", delay=3), "/slow", "timed out"),
        (lambda web: web.add("/a.pdf", b"%PDF-1.4", "application/pdf"), "/a.pdf", "not an HTML"),
        (lambda web: web.add("/empty", b"<html><body></body></html>"), "/empty", "no article text"),
    ],
)
def test_a_bad_url_is_one_clear_line_a_failure_and_nothing_written(
    db, local_web, settings, setup, path, words
):
    settings.INGEST_FETCH_TIMEOUT = 1
    setup(local_web)
    url = path if "://" in path else local_web.url(path)
    stderr = run(url, expect_failure=True)
    (line,) = errors(stderr)
    assert line.startswith(f"error: {url}: ") and words in line
    assert Article.objects.count() == 0 and Event.objects.count() == 0


def test_a_bad_url_does_not_stop_the_others(db, local_web):
    stderr = run(
        local_web.url("/nowhere"), local_web.url("/crime/market-raid"), expect_failure=True
    )
    assert errors(stderr) == [
        f"error: {local_web.url('/nowhere')}: the server answered 404 Not Found"
    ]
    assert Article.objects.count() == 1


def test_an_rss_feed_is_read_item_by_item_and_remembered(db, local_web):
    local_web.redirect("/go/port-seizure", PORT_STORY)
    feed_url = local_web.url("/feeds/crime.rss")
    stderr = run(feed=[feed_url])
    assert "2 new" in stderr
    feed = Feed.objects.get()
    assert feed.url == feed_url and feed.title == "Millbrook Evening Post: Crime" and feed.active
    assert feed.last_fetched_at and feed.last_new_item_at and feed.last_error == ""
    assert sorted(FeedItem.objects.values_list("key", flat=True)) == [
        local_web.url("/go/port-seizure"),
        "millbrook-post-48213",
    ]
    # The raid's page names neither its title nor its date: the feed's item does.
    raid = Article.objects.get(location=local_web.url("/crime/market-raid"))
    assert raid.title == "Fake football shirts seized in Millbrook market raid"
    assert raid.published_display and raid.published.isoformat() == "2024-03-09"
    # The watch story says its own title, and its canonical URL is its identity.
    watches = Article.objects.get(location=local_web.url(PORT_STORY))
    assert watches.title == "Customs seize 40,000 fake watches at Harbourton port"

    local_web.requests.clear()
    stderr = run(feed=[feed_url])
    assert [path for path, _headers in local_web.requests] == ["/feeds/crime.rss"]  # no page again
    assert Article.objects.count() == 2


def test_an_atom_feed_is_read_and_a_story_seen_in_another_feed_is_not_stored_twice(db, local_web):
    run(feed=[local_web.url("/feeds/crime.rss")], expect_failure=True)  # its redirect is missing
    run(feed=[local_web.url("/feeds/ecommerce.atom")])
    takedown = Article.objects.get(
        location="https://retailwire.example/2023/11/marketplace-fake-cosmetics"
    )
    assert takedown.source == "Retail Wire Daily"
    assert takedown.published.isoformat() == "2023-11-02"
    # The Atom feed's second item is the raid again, behind a tracking parameter.
    assert Article.objects.filter(location=local_web.url("/crime/market-raid")).count() == 1
    assert Article.objects.count() == 2
    atom = Feed.objects.get(url=local_web.url("/feeds/ecommerce.atom"))
    assert atom.items.count() == 2  # both items seen, one of them stored through the RSS feed


def test_an_item_whose_page_fails_is_tried_again_at_the_next_poll(db, local_web):
    feed_url = local_web.url("/feeds/crime.rss")
    stderr = run(feed=[feed_url], expect_failure=True)  # /go/port-seizure is not there yet
    missing = local_web.url("/go/port-seizure")
    assert errors(stderr) == [
        f"error: {missing}: the server answered 404 Not Found (an item of {feed_url})"
    ]
    assert FeedItem.objects.count() == 1
    local_web.redirect("/go/port-seizure", PORT_STORY)
    run(feed=[feed_url])
    assert FeedItem.objects.count() == 2 and Article.objects.count() == 2


def test_poll_feeds_reads_the_active_feeds_and_a_failing_one_records_its_error(db, local_web):
    local_web.redirect("/go/port-seizure", PORT_STORY)
    Feed.objects.create(url=local_web.url("/feeds/crime.rss"))
    Feed.objects.create(url=local_web.url("/feeds/gone.rss"))
    Feed.objects.create(url=local_web.url("/crime/market-raid"))  # a page, not a feed
    Feed.objects.create(url=local_web.url("/feeds/ecommerce.atom"), active=False)
    stderr = run(command="poll_feeds", expect_failure=True)
    assert "Polling 3 feeds" in stderr
    assert len(errors(stderr)) == 2
    gone = Feed.objects.get(url=local_web.url("/feeds/gone.rss"))
    assert gone.last_error == "the server answered 404 Not Found" and gone.last_fetched_at
    page = Feed.objects.get(url=local_web.url("/crime/market-raid"))
    assert page.last_error == "is text/html, not an RSS or Atom feed"
    assert Feed.objects.get(url=local_web.url("/feeds/crime.rss")).items.count() == 2
    assert local_web.fetched("/feeds/ecommerce.atom") == 0  # inactive: not asked
    assert Article.objects.count() == 2


def test_a_feed_that_works_again_clears_its_error(db, local_web):
    feed = Feed.objects.create(url=local_web.url("/feeds/crime.rss"), last_error="timed out")
    local_web.redirect("/go/port-seizure", PORT_STORY)
    run(command="poll_feeds")
    feed.refresh_from_db()
    assert feed.last_error == ""


def test_poll_feeds_without_feeds_says_how_to_add_one(db):
    assert "Add one in the admin" in run(command="poll_feeds")


def test_a_feed_url_with_another_scheme_is_refused_without_a_row(db):
    stderr = run(feed=["file:///etc/passwd"], expect_failure=True)
    assert errors(stderr) == [
        "error: file:///etc/passwd: only http and https URLs can be read, not 'file:'"
    ]
    assert Feed.objects.count() == 0


def test_a_saved_html_file_goes_through_the_same_reading(db, tmp_path):
    from tests.web.conftest import FIXTURES

    (tmp_path / "takedown.html").write_bytes((FIXTURES / "platform-takedown.html").read_bytes())
    run(tmp_path)
    article = Article.objects.get()
    assert article.title == "Marketplace removes 90,000 listings for fake cosmetics"
    assert article.source == "Retail Wire Daily"
    assert article.url == "https://retailwire.example/2023/11/marketplace-fake-cosmetics"
    assert (article.published.year, article.published.month) == (2023, 11)
    assert "Most read" not in article.text and "Copy link" not in article.text
    assert PartialDate(2023, 11, 2).first_day() == article.published


def test_a_dry_run_of_a_feed_writes_nothing_not_even_the_feed(db, local_web):
    local_web.redirect("/go/port-seizure", PORT_STORY)
    stderr = run(feed=[local_web.url("/feeds/crime.rss")], dry_run=True)
    assert "Dry run: nothing was written. 0 failed." in stderr
    assert Feed.objects.count() == FeedItem.objects.count() == Article.objects.count() == 0


def test_a_page_on_the_own_network_is_refused_unless_allowed(db, local_web, settings):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = False
    url = local_web.url("/crime/market-raid")
    (line,) = errors(run(url, expect_failure=True))
    assert line == (
        f"error: {url}: 127.0.0.1 is a private or local address (127.0.0.1); "
        "set INGEST_ALLOW_PRIVATE_HOSTS=1 to read pages on your own network"
    )
    assert local_web.requests == [] and Article.objects.count() == 0


def test_the_admin_accepts_only_http_and_https_feeds(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Enter a valid URL"):
        Feed(url="ftp://feeds.example.org/news.rss").full_clean()
    Feed(url="https://feeds.example.org/news.rss").full_clean()
