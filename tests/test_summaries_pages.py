"""The event's one-line summary is its title on every page; its sources' words stay beside it."""

from __future__ import annotations

import re

from django.urls import reverse

from enforcement.models import Event
from tests.admin_forms import save_in_admin
from tests.test_ingest import changed, make_result, store

SUMMARY = "The SAIC released a white paper accusing Alibaba"
QUOTE = "the SAIC released a white paper accusing Alibaba"


def title_of(html: str, level: int) -> str | None:
    match = re.search(
        rf'<h{level} class="item-title summary"><a href="[^"]+">([^<]+)</a></h{level}>', html
    )
    return match.group(1) if match else None


def stored_event():
    result = make_result()
    result.events[0].summary = SUMMARY
    store(result, "h1")
    return Event.objects.get()


def test_the_summary_is_the_title_on_the_event_list_and_the_quote_stays_beside_it(client, db):
    stored_event()
    html = client.get(reverse("enforcement:event-list")).text
    assert title_of(html, 2) == SUMMARY
    assert f"“{QUOTE}”" in html


def test_the_summary_is_the_title_on_the_timeline_overview_entity_and_article_pages(client, db):
    event = stored_event()
    alibaba = event.actors.get(name="Alibaba")
    day = event.sort_date
    # The timeline lists events one month at a time (one year, for those known to the year).
    on_the_timeline = (
        f"/timeline/{day.year}/"
        if event.sort_date_precision == "year"
        else f"/timeline/{day.year}/{day.month:02d}/"
    )
    pages = {
        on_the_timeline: 4,
        reverse("enforcement:overview"): 3,
        alibaba.get_absolute_url(): 3,
        event.sources.get().article.get_absolute_url(): 3,
    }
    for url, level in pages.items():
        html = client.get(url).text
        assert title_of(html, level) == SUMMARY, url
        assert QUOTE in html, url


def test_a_summary_edited_in_the_admin_is_protected_from_the_next_ingest(admin_client):
    event = stored_event()
    save_in_admin(admin_client, Event, event.pk, summary="SAIC accused Alibaba of tolerating fakes")
    event.refresh_from_db()
    assert event.edited_by_hand is True

    again = changed(make_result())
    again.events[0].summary = "Something else the extractor reads now"
    store(again, "h2")

    assert Event.objects.get(pk=event.pk).summary == "SAIC accused Alibaba of tolerating fakes"
    assert not Event.objects.filter(summary="Something else the extractor reads now").exists()
    page = admin_client.get(reverse("enforcement:event-list")).text
    assert title_of(page, 2) == "SAIC accused Alibaba of tolerating fakes"
