"""The article, actor and regulator choosers in a real browser: type, pick, the list filters."""

import datetime

import pytest
from playwright.sync_api import expect

from enforcement.models import Actor, Article, Event, EventSource, Origin

pytestmark = pytest.mark.browser


def told_by(article: Article, summary: str) -> Event:
    event = Event.objects.create(
        kind="seizure", summary=summary, origin=Origin.EXTRACTED, date=datetime.date(2016, 3, 1)
    )
    EventSource.objects.create(event=event, article=article, quote=summary, origin=Origin.EXTRACTED)
    return event


@pytest.fixture
def articles(transactional_db):
    stored = [
        Article.objects.create(
            file_name=f"a{n}.txt",
            title=f"Market report {n}",
            source="Example Daily",
            text="x",
            content_hash=f"{n:064d}",
        )
        for n in range(40)
    ]
    handbags = Article.objects.create(
        file_name="h.txt", title="Customs seize fake handbags", text="x", content_hash="h" * 64
    )
    told_by(handbags, "Customs seized 500 handbags")
    told_by(stored[0], "Police raided a market")
    return handbags


def test_a_user_types_part_of_a_title_picks_the_article_and_the_event_list_filters(
    page, live_server, articles, console_errors
):
    page.goto(live_server.url + "/events/")
    select = page.locator("select[name=article]")
    # The form holds no table of articles: "Any article" alone until one is chosen.
    expect(select.locator("option")).to_have_count(1)
    expect(page.locator("article.event")).to_have_count(2)

    search = page.get_by_role("searchbox", name="Find an article")
    search.press_sequentially("handb")
    suggestion = page.get_by_role("option", name="Customs seize fake handbags")
    expect(suggestion).to_be_visible()
    suggestion.click()

    page.wait_for_url(f"**/events/?*article={articles.pk}*")
    expect(page.get_by_text("Customs seized 500 handbags").first).to_be_visible()
    expect(page.get_by_text("Police raided a market")).to_have_count(0)
    # The chosen article is shown by its title, and still alone in the select.
    expect(select.locator("option:checked")).to_have_text("Customs seize fake handbags")
    expect(select.locator("option")).to_have_count(2)
    assert console_errors == []


def test_an_actor_is_chosen_by_the_start_of_its_name_and_without_a_match_the_box_says_so(
    page, live_server, transactional_db, console_errors
):
    Actor.objects.create(name="Alibaba Group", kind="platform", origin=Origin.EXTRACTED)
    page.goto(live_server.url + "/statements/")
    search = page.get_by_role("searchbox", name="Find an actor")
    search.press_sequentially("zzzz")
    expect(page.get_by_text("Nothing matches “zzzz”.")).to_be_visible()
    search.fill("")
    search.press_sequentially("aliba")
    page.get_by_role("option", name="Alibaba Group").click()
    page.wait_for_url("**/statements/?*actor=*")
    expect(page.locator("select[name=actor] option:checked")).to_have_text("Alibaba Group")
    assert console_errors == []
