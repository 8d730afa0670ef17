"""Figures grouped by what they measure: the filter, the chart, the headline figures, units."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from enforcement.models import Actor, Article, Origin, Statistic


@pytest.fixture
def measured(db):
    """Figures of three measures in two articles, one with a subject."""
    early = Article.objects.create(
        file_name="early.txt",
        title="Customs seize fake perfume",
        source="Port News",
        published=datetime.date(2019, 3, 4),
        text="x",
        content_hash="e" * 64,
    )
    late = Article.objects.create(
        file_name="late.txt",
        title="Police raid warehouse",
        source="City Paper",
        published=datetime.date(2021, 6, 1),
        text="y",
        content_hash="l" * 64,
    )
    acme = Actor.objects.create(name="Acme Trading", kind="company", origin=Origin.EXTRACTED)

    def figure(article, value, unit, measure, date=None, subject=None, qualifier=""):
        return Statistic.objects.create(
            article=article,
            value=value,
            unit=unit,
            metric=f"{measure} phrase",
            measure=measure,
            quote=f"{value} {unit}",
            date=date,
            qualifier=qualifier,
            subject_actor=subject,
            origin=Origin.EXTRACTED,
        )

    return {
        "tonnes": figure(early, 2500, "tonnes", "goods_seized_weight", datetime.date(2018, 1, 1)),
        "litres": figure(late, 1200, "l", "goods_seized_weight"),
        "dollars": figure(late, 3_000_000, "USD", "goods_seized_value", qualifier="about"),
        "items": figure(early, 4213, "items", "goods_seized_count", subject=acme),
        "acme": acme,
        "early": early,
        "late": late,
    }


def test_the_measure_filter_narrows_the_figure_list(client, measured):
    url = reverse("enforcement:statistic-list")
    everything = client.get(url).context["paginator"].count
    weights = client.get(url, {"measure": "goods_seized_weight"})
    shown = {figure.pk for figure in weights.context["object_list"]}
    assert everything == 4
    assert shown == {measured["tonnes"].pk, measured["litres"].pk}
    assert '<option value="goods_seized_weight" selected>' in weights.text


def test_units_read_as_a_reader_writes_them(client, measured):
    html = client.get(reverse("enforcement:statistic-list")).text
    for text in ("2,500 tonnes", "1,200 litres", "about US$3,000,000", "4,213 items"):
        assert text in html


def test_the_figure_chart_shows_the_measure_with_the_most_dated_points_unless_asked(
    client, measured
):
    url = reverse("enforcement:statistic-list")
    chart = client.get(url).context["charts"][0]
    assert chart.title == "Goods seized (weight or volume) over time"
    assert {trace["name"] for trace in chart.figure["data"]} == {"tonnes", "litres"}
    asked = client.get(url, {"measure": "goods_seized_value"}).context["charts"][0]
    assert asked.title == "Goods seized (value) over time"
    assert asked.figure["data"][0]["customdata"][0][3] == "US$3,000,000"


def test_the_overview_gives_the_latest_and_largest_figure_of_each_top_measure(client, measured):
    response = client.get(reverse("enforcement:overview"))
    headlines = response.context["headline_figures"]
    assert headlines[0].measure == "goods_seized_weight"
    # Figures of a measure are compared in the unit it is most often given in; of two units
    # given as often, the one of the latest figure (1,200 litres, reported in 2021).
    assert headlines[0].unit == "l" and headlines[0].latest.pk == measured["litres"].pk
    html = response.text
    assert 'id="headline-goods_seized_weight"' in html
    assert "Goods seized (count)" in html and "4,213 items" in html
    assert "Acme Trading" in html  # the subject
    assert "Customs seize fake perfume" in html and "(Port News)" in html  # the source
    assert "reported 4 Mar 2019" in html  # the period: its article's date


def test_the_overview_says_so_when_no_figure_has_a_measure(client, db):
    article = Article.objects.create(file_name="a.txt", text="x", content_hash="a" * 64)
    Statistic.objects.create(
        article=article, value=30, unit="countries", metric="countries", quote="30 countries"
    )
    html = client.get(reverse("enforcement:overview")).text
    assert "No figures of an enforcement measure for these filters." in html


def test_the_figure_list_with_a_measure_filter_runs_a_fixed_number_of_queries(
    client, measured, django_assert_max_num_queries
):
    for _ in range(30):
        Statistic.objects.create(
            article=measured["late"],
            value=7,
            unit="t",
            metric="m",
            measure="goods_seized_weight",
            quote="7 t",
            subject_actor=measured["acme"],
        )
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("enforcement:statistic-list"), {"measure": "goods_seized_weight"}
        )
    assert response.context["paginator"].count == 32
