"""Reading RSS and Atom documents into their items."""

from __future__ import annotations

import pytest

from enforcement.extraction.dates import PartialDate
from enforcement.web.feeds import FeedError, read_feed
from tests.web.conftest import FIXTURES

BASE = "http://127.0.0.1:8000"


def feed(name: str, url: str):
    body = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", BASE).encode()
    return read_feed(body, url=url)


def test_an_rss_feed_lists_its_items_with_title_link_and_date():
    document = feed("news.rss", f"{BASE}/feeds/crime.rss")
    assert document.title == "Millbrook Evening Post: Crime"
    first, second = document.items  # the mailto: item has no page to read
    assert first.key == "millbrook-post-48213"
    assert first.link == f"{BASE}/crime/market-raid"
    assert first.title == "Fake football shirts seized in Millbrook market raid"
    assert first.published == PartialDate(2024, 3, 9)
    assert second.key == second.link == f"{BASE}/go/port-seizure"


def test_an_atom_feed_resolves_relative_links_against_its_own_address():
    document = feed("news.atom", "http://feeds.example.org/retail/ecommerce.atom")
    first, second = document.items
    assert first.key == "tag:retailwire.example,2023:article-7781"
    assert first.link == "http://feeds.example.org/ecommerce/marketplace-fake-cosmetics"
    assert first.published == PartialDate(2023, 11, 2)  # published, not updated
    assert second.link == f"{BASE}/crime/market-raid?utm_source=atom"


def test_an_item_listed_twice_is_one_item():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><guid>a</guid><link>http://x.example/1</link></item>"
        b"<item><guid>a</guid><link>http://x.example/1</link></item></channel></rss>"
    )
    assert len(read_feed(body, url="http://x.example/feed").items) == 1


@pytest.mark.parametrize(
    "body",
    [b"<html><body><p>A web page, not a feed.</p></body></html>", b"", b"\x00\x01binary"],
)
def test_a_document_that_is_no_feed_is_refused(body):
    with pytest.raises(FeedError, match="is not an RSS or Atom feed"):
        read_feed(body, url="http://x.example/feed")


def test_reading_a_feed_fetches_nothing(local_web):
    # feedparser downloads a string that names a URL (or opens one that names a file).
    with pytest.raises(FeedError):
        read_feed(local_web.url("/feeds/crime.rss").encode(), url=local_web.url("/x"))
    with pytest.raises(FeedError):
        read_feed(b"/etc/hostname", url=local_web.url("/x"))
    assert local_web.requests == []


def test_an_external_entity_is_not_fetched(local_web):
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e SYSTEM "{local_web.url("/secret")}">]>'
        '<rss version="2.0"><channel><title>&e;</title>'
        "<item><link>http://x.example/1</link></item></channel></rss>"
    ).encode()
    read_feed(body, url="http://x.example/feed")
    assert local_web.fetched("/secret") == 0
