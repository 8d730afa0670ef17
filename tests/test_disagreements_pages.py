"""Where sources disagree, on the pages: side by side with their sources, a marker and a filter."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from enforcement.models import Actor, Article, Event, EventSource, Origin, Statistic


def make_article(n: int, year: int, title: str, outlet: str) -> Article:
    return Article.objects.create(
        file_name=f"{n}.txt",
        title=title,
        source=outlet,
        published=datetime.date(year, 5, 1),
        text="x",
        content_hash=f"{n:064d}",
    )


def share(article, value, subject=None, measure="seizure_share_by_origin"):
    return Statistic.objects.create(
        article=article,
        value=value,
        unit="%",
        metric="share of seized fakes from China",
        measure=measure,
        quote=f"{value} per cent of seized fakes came from China",
        subject_actor=subject,
        origin=Origin.EXTRACTED,
    )


@pytest.fixture
def rivals(db):
    """Two articles of one year giving shares that cannot both be true, and a third that agrees
    with neither but is of another year (so it contradicts nothing)."""
    customs = Actor.objects.create(name="EU Customs", kind="other", origin=Origin.EXTRACTED)
    wire = make_article(1, 2017, "Most seized fakes come from China", "Wire Daily")
    paper = make_article(2, 2017, "Customs report on seizures", "Trade Gazette")
    later = make_article(3, 2019, "Seizures two years on", "Wire Daily")
    return {
        "customs": customs,
        "high": share(wire, 87, customs),
        "low": share(paper, 63, customs),
        "other_year": share(later, 40, customs),
        "unmeasured": share(later, 12, customs, measure="other"),
    }


def test_the_figure_list_shows_disagreeing_figures_side_by_side_with_their_sources(client, rivals):
    response = client.get(reverse("enforcement:statistic-list"))
    html = response.text
    (conflict,) = response.context["disagreements"]
    sides = [[figure.pk for figure in side] for side in conflict.sides]
    assert sorted(sides) == sorted([[rivals["low"].pk], [rivals["high"].pk]])
    section = html[html.index('id="where-sources-disagree"') : html.index('class="list-tools"')]
    for text in ("87%", "63%", "Most seized fakes come from China", "Wire Daily"):
        assert text in section
    assert "Customs report on seizures" in section and "Trade Gazette" in section
    assert "40%" not in section  # another year: no disagreement
    assert html.count(">Sources disagree</a>") == 2  # the marker on each of the two


def test_the_figure_list_links_to_every_figure_it_lists_that_sources_disagree_on(client, rivals):
    html = client.get(
        reverse("enforcement:statistic-list"), {"measure": "seizure_share_by_origin"}
    ).text
    start = html.index("Every figure here that sources disagree on")
    href = html[
        html.rindex('href="', 0, start) + 6 : html.index('"', html.rindex('href="', 0, start) + 6)
    ]
    assert "measure=seizure_share_by_origin" in href and "disagree=yes" in href
    listed = client.get(reverse("enforcement:statistic-list") + href.replace("&amp;", "&"))
    assert {figure.pk for figure in listed.context["object_list"]} == {
        rivals["high"].pk,
        rivals["low"].pk,
    }
    assert "Every figure here that sources disagree on" not in listed.text


def test_the_sources_disagree_filter_narrows_to_the_contradicted_figures(client, rivals):
    response = client.get(reverse("enforcement:statistic-list"), {"disagree": "yes"})
    shown = {figure.pk for figure in response.context["object_list"]}
    assert shown == {rivals["high"].pk, rivals["low"].pk}


def test_the_entity_page_shows_the_disagreement_on_its_figures(client, rivals):
    html = client.get(rivals["customs"].get_absolute_url()).text
    section = html[html.index('id="disagree-heading"') :]
    assert "Most seized fakes come from China" in section
    assert "Customs report on seizures" in section


def test_the_entity_page_links_to_every_figure_about_it_that_sources_disagree_on(client, rivals):
    html = client.get(rivals["customs"].get_absolute_url()).text
    start = html.index("Every figure about this entry that sources disagree on")
    href = html[
        html.rindex('href="', 0, start) + 6 : html.index('"', html.rindex('href="', 0, start) + 6)
    ]
    listed = client.get(href.replace("&amp;", "&")).context["object_list"]
    assert {figure.pk for figure in listed} == {rivals["high"].pk, rivals["low"].pk}


def test_an_entity_without_disagreements_says_so(client, rivals):
    quiet = Actor.objects.create(name="Quiet Brand", kind="brand", origin=Origin.EXTRACTED)
    html = client.get(quiet.get_absolute_url()).text
    assert "No sources disagree on the figures about this entry." in html


def test_the_overview_shows_where_sources_disagree(client, rivals):
    html = client.get(reverse("enforcement:overview")).text
    section = html[html.index('id="disagree-heading"') : html.index('id="recent-heading"')]
    assert "Share of seizures by origin" in section
    assert "87%" in section and "63%" in section
    assert "?disagree=yes" in section


def test_an_event_told_by_several_articles_says_how_many(client, rivals):
    event = Event.objects.create(kind="seizure", summary="Customs seized fakes")
    for article in Article.objects.all()[:2]:
        EventSource.objects.create(event=event, article=article, quote="seized", start=0, end=1)
    lone = Event.objects.create(kind="report", summary="A report nobody else told")
    EventSource.objects.create(event=lone, article=Article.objects.first(), quote="x")
    html = client.get(reverse("enforcement:event-list")).text
    assert html.count("Reported by 2 sources") == 1
    assert "Reported by 1 sources" not in html


@pytest.mark.parametrize("page", ["statistic-list", "overview", "entity"])
def test_disagreement_pages_run_a_fixed_number_of_queries(
    client, rivals, page, django_assert_max_num_queries
):
    # Many disagreements, one per year: the page's query count must not grow with them.
    for year in range(2000, 2012):
        first = make_article(100 + year, year, f"A {year}", "A")
        second = make_article(200 + year, year, f"B {year}", "B")
        share(first, 80, rivals["customs"])
        share(second, 20, rivals["customs"])
    url = (
        rivals["customs"].get_absolute_url() if page == "entity" else reverse(f"enforcement:{page}")
    )
    # The figure list also names the other sources of figures told alike (one query).
    # Inside the test's transaction nothing is cached, so the rule reads the figures (two
    # queries) for the conflicts and again for the marks on the figures shown.
    budget = {"overview": 26, "statistic-list": 17}.get(page, 16)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert len(response.context["disagreements"]) >= 4


def test_a_side_of_many_figures_shows_a_few_and_says_how_many_more(db):
    from django.template.loader import render_to_string

    from enforcement.queries import SIDE_FIGURES, Conflict

    shown = [Statistic(pk=n, value=10 + n, unit="items", quote=f"{n} items") for n in range(3)]
    conflict = Conflict("seizures", "items", [shown, shown[:1]], [SIDE_FIGURES + 40, 1])
    html = render_to_string(
        "enforcement/partials/disagreements.html", {"disagreements": [conflict]}
    )
    assert html.count('class="side-figure"') == SIDE_FIGURES + 1
    assert "and 40 more figures that agree with these" in html
    many = Conflict("seizures", "items", [shown[:1]] * 4, [1] * 4, more_sides=9)
    html = render_to_string("enforcement/partials/disagreements.html", {"disagreements": [many]})
    assert "and 9 other readings of the same figure" in html


def test_a_filter_naming_more_figures_than_the_database_takes_parameters_still_runs(rivals):
    from enforcement.queries import listed

    stored = set(Statistic.objects.values_list("pk", flat=True))
    keys = [*stored, *range(10**6, 10**6 + 70_000)]  # past SQLite's 32,766 and psycopg's 65,535
    assert set(Statistic.objects.filter(pk__in=listed(keys)).values_list("pk", flat=True)) == stored
