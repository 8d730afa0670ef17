"""The Feed admin: the list shows what polling did, and a feed is added by its URL."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from enforcement.models import Article, Feed, FeedItem


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw-for-tests-only")
    client.force_login(user)
    return client


def test_the_feed_list_shows_polling_and_the_items_ingested(
    staff_client, django_assert_max_num_queries
):
    feed = Feed.objects.create(url="https://feeds.example.org/news.rss", title="Example News")
    Feed.objects.create(url="https://feeds.example.org/broken.rss", last_error="timed out")
    for number in range(3):
        article = Article.objects.create(
            file_name=f"a{number}", text="t", content_hash=f"{number}" * 64
        )
        FeedItem.objects.create(
            feed=feed, key=f"k{number}", link=f"https://x.example/{number}", article=article
        )
    with django_assert_max_num_queries(8):
        page = staff_client.get(reverse("admin:enforcement_feed_changelist"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Example News" in text and "timed out" in text
    assert '<td class="field-items_ingested">3</td>' in text


def test_a_feed_is_added_by_its_url_and_active_by_default(staff_client):
    page = staff_client.post(
        reverse("admin:enforcement_feed_add"),
        {"url": "https://feeds.example.org/crime.atom", "active": "on"},
    )
    assert page.status_code == 302
    feed = Feed.objects.get()
    assert feed.active and feed.last_fetched_at is None and feed.items.count() == 0


def test_pausing_feeds_keeps_their_articles(staff_client):
    feed = Feed.objects.create(url="https://feeds.example.org/news.rss")
    article = Article.objects.create(file_name="a", text="t", content_hash="a" * 64)
    FeedItem.objects.create(feed=feed, key="k", link="https://x.example/1", article=article)
    staff_client.post(
        reverse("admin:enforcement_feed_changelist"),
        {"action": "deactivate_feeds", "_selected_action": [feed.pk]},
    )
    feed.refresh_from_db()
    assert not feed.active and Article.objects.count() == 1
