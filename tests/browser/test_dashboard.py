"""The dashboard in a real browser, on the shipped articles ingested by the real command."""

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from enforcement.models import Actor, Article, Event, Origin, Regulator, Statement

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/timeline/",
    "/charts/",
    "/events/",
    "/statements/",
    "/statistics/",
    "/actors/",
    "/regulators/",
    "/articles/",
]


def assert_charts_drawn(page):
    charts = page.locator("[data-chart]")
    for index in range(charts.count()):
        expect(charts.nth(index).locator(".main-svg").first).to_be_attached()


def test_every_page_loads_without_console_errors_and_draws_its_charts(
    page, live_server, ingested, console_errors
):
    busiest_actor = Actor.objects.order_by("-statements__pk").first()
    urls = [
        *PAGES,
        busiest_actor.get_absolute_url(),
        Regulator.objects.filter(events__isnull=False).first().get_absolute_url(),
        Article.objects.first().get_absolute_url(),
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.ok, url
        expect(page.locator("main h1")).to_be_visible()
        assert_charts_drawn(page)
        assert console_errors == [], url
    # Every chart of the overview has data on the shipped articles.
    page.goto(live_server.url + "/")
    expect(page.locator("[data-chart] .main-svg").first).to_be_attached()
    assert page.locator("[data-chart]").count() == 6
    assert_charts_drawn(page)


def test_a_filter_changes_the_list_the_chart_and_the_url(page, live_server, ingested):
    page.goto(live_server.url + "/events/")
    assert_charts_drawn(page)
    all_events = page.locator("article.event").count()

    page.get_by_label("Kind", exact=True).select_option("report")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]kind=report"))
    reports = Event.objects.filter(kind="report").count()
    expect(page.locator("article.event")).to_have_count(reports)
    assert 0 < reports < all_events
    expect(page.locator("article.event .badge").first).to_have_text("Report")
    assert_charts_drawn(page)
    trace_names = page.evaluate(
        "() => document.getElementById('events-per-quarter').data.map(t => t.name)"
    )
    assert set(trace_names) == {"Report"}  # dated bars and hatched (report-dated) bars


def test_csv_export_downloads_exactly_the_filtered_rows(page, live_server, ingested, tmp_path):
    page.goto(live_server.url + "/statements/")
    jack_ma = Actor.objects.get(aliases__name="Jack Ma")
    # The actor is chosen by searching (choosers): picking it applies the filters.
    page.get_by_role("searchbox", name="Find an actor").press_sequentially("Jack Ma")
    page.get_by_role("option", name=re.compile(r"^Jack Ma\b")).first.click()
    expect(page).to_have_url(re.compile(rf"[?&]actor={jack_ma.pk}"))

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / "statements.csv"
    download_info.value.save_as(path)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    expected = set(Statement.objects.filter(speaker_actor=jack_ma).values_list("pk", flat=True))
    assert expected and {int(row["id"]) for row in rows} == expected
    assert len(rows) == len(expected)
    assert {row["speaker"] for row in rows} == {jack_ma.name}


def test_the_article_page_highlights_a_statement_and_links_to_it(page, live_server, ingested):
    statement = Statement.objects.get(text__contains="We need to fight counterfeits")
    page.goto(live_server.url + statement.article.get_absolute_url())

    mark = page.locator(f"#in-text-statement-{statement.pk}")
    expect(mark).to_be_visible()
    expect(mark).to_have_class(re.compile(r"\bhl-statement\b"))
    expect(mark).to_contain_text("We need to fight counterfeits")
    expect(page.locator(".legend")).to_contain_text("Statement")

    mark.locator(":scope > a.hl-ref").click()
    expect(page).to_have_url(
        re.compile(rf"/statements/\?id={statement.pk}#statement-{statement.pk}$")
    )
    item = page.locator(f"#statement-{statement.pk}")
    expect(item).to_be_visible()
    expect(item).to_contain_text("We need to fight counterfeits")
    expect(page.locator("article.statement")).to_have_count(1)


def test_article_text_with_markup_is_shown_as_text_and_never_runs(page, live_server, ingested):
    hostile = '<script>alert(1)</script> and "><img src=x onerror=alert(2)>'
    text = f"Counterfeit handbags were seized. {hostile} The end."
    article = Article.objects.create(
        file_name="hostile.txt",
        title="<img src=x onerror=alert(3)>",
        text=text,
        content_hash="f" * 64,
    )
    start = text.index("<script>")
    Statement.objects.create(
        article=article,
        text=hostile,
        quote=hostile,
        start=start,
        end=start + len(hostile),
        origin=Origin.EXTRACTED,
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    for url in (article.get_absolute_url(), "/statements/", "/articles/", "/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator(".article-text")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".article-text")).to_contain_text('"><img src=x onerror=alert(2)>')
    expect(page.locator("h1")).to_contain_text("<img src=x onerror=alert(3)>")
    assert page.locator("main img").count() == 0
    assert page.locator('main script:not([type="application/json"])').count() == 0
    assert dialogs == []


def test_screenshots_of_the_overview_and_the_timeline(page, live_server, ingested, output_path):
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    for name, url in (("overview", "/"), ("timeline", "/timeline/")):
        page.goto(live_server.url + url)
        assert_charts_drawn(page)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        assert (folder / f"{name}.png").stat().st_size > 10_000
    # and the overview at a phone's width
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    assert_charts_drawn(page)
    page.screenshot(path=str(folder / "overview-phone.png"), full_page=True)
