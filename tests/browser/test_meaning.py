"""The meaning layer in a real browser: report dates, summaries, measures, disagreements."""

import pytest
from playwright.sync_api import expect

from enforcement.models import Event

pytestmark = pytest.mark.browser


def test_the_timeline_shows_an_undated_event_at_its_report_date_marked(
    page, live_server, ingested, console_errors
):
    event = Event.objects.filter(date__isnull=True, sort_date_is_reported=True).first()
    assert event is not None, "the shipped articles tell events without a date of their own"
    reported = event.when_display
    assert reported.startswith("reported ")

    # From the years' counts to its year, then (known to the month or day) to its month.
    page.goto(live_server.url + "/timeline/")
    page.locator(".timeline-periods a", has_text=str(event.sort_date.year)).click()
    if event.sort_date_precision != "year":
        page.locator(".timeline-periods a", has_text=event.sort_date.strftime("%B %Y")).click()
    item = page.locator(f"#event-{event.pk}")
    expect(item.locator("time.reported-date")).to_have_text(reported)
    # In the year and month it was reported, not among the undated.
    year = item.locator("xpath=ancestor::section[contains(@class, 'timeline-year')]/h2")
    expect(year).to_have_text(str(event.sort_date.year))
    # Drawn on the chart as a hollow marker at its report date.
    expect(page.locator("#event-timeline .main-svg").first).to_be_attached()
    point = page.evaluate(
        """(url) => {
            for (const trace of document.getElementById('event-timeline').data) {
                const i = trace.customdata.findIndex(row => row[0] === url);
                if (i >= 0) return {x: trace.x[i], symbol: trace.marker.symbol[i]};
            }
            return null;
        }""",
        event.get_absolute_url(),
    )
    assert point is not None
    assert point["symbol"].endswith("-open")
    assert point["x"].startswith(event.sort_date.isoformat())
    assert console_errors == []


def test_the_two_shipped_conviction_rates_are_shown_disagreeing_on_the_overview_and_figure_list(
    page, live_server, ingested, console_errors
):
    # "just over 10%" and "fewer than 10 per cent" of leads led to prosecutions: two shipped
    # articles, one measure and period, values that cannot both be true.
    for path in ("/", "/statistics/"):
        page.goto(live_server.url + path)
        conflict = page.locator("article.disagreement").first
        expect(conflict).to_be_visible()
        sides = conflict.locator(".side-figure")
        expect(sides).to_have_count(2)
        text = " ".join(sides.all_inner_texts())
        assert "just over" in text and "fewer than" in text, text
    # On the figure list, each of the two carries the visible marker and its filter keeps them.
    page.goto(live_server.url + "/statistics/?disagree=yes")
    badges = page.locator("a.badge.disagree")
    expect(badges.first).to_be_visible()
    assert badges.count() >= 2
    assert console_errors == []
