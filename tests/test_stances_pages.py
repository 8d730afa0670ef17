"""Statements by stance: the filter, the chart, the badge, and commitments on entity pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from enforcement.models import Actor, Article, Origin, Statement


@pytest.fixture
def said(db):
    article = Article.objects.create(file_name="a.txt", text="x", content_hash="s" * 64)
    platform = Actor.objects.create(name="Shopfront", kind="platform", origin=Origin.EXTRACTED)
    brand = Actor.objects.create(name="Maison Luxe", kind="brand", origin=Origin.EXTRACTED)

    def statement(speaker, text, stance):
        return Statement.objects.create(
            article=article,
            speaker_actor=speaker,
            text=text,
            quote=text,
            stance=stance,
            origin=Origin.EXTRACTED,
        )

    return {
        "platform": platform,
        "brand": brand,
        "vow": statement(platform, "We will remove every fake listing within a day", "commitment"),
        "pledge": statement(platform, "We pledge to work with brands", "commitment"),
        "denial": statement(platform, "We never sold fakes", "denial"),
        "accusation": statement(brand, "The platform failed to act", "accusation"),
        "other": statement(brand, "The meeting was on Tuesday", "other"),
    }


def test_the_stance_filter_narrows_the_statement_list(client, said):
    url = reverse("enforcement:statement-list")
    response = client.get(url, {"stance": "commitment"})
    assert {s.pk for s in response.context["object_list"]} == {said["vow"].pk, said["pledge"].pk}
    assert client.get(url).context["paginator"].count == 5


def test_the_chart_counts_statements_by_stance_and_follows_the_filters(client, said):
    url = reverse("enforcement:statement-list")
    chart = client.get(url).context["charts"][0]
    bars = chart.figure["data"][0]
    assert chart.id == "statements-by-stance"
    assert list(zip(bars["y"], bars["x"], strict=True)) == [
        ("Accusation", 1),
        ("Commitment", 2),
        ("Denial", 1),
        ("Other", 1),
    ]
    assert bars["customdata"][1] == [f"{url}?stance=commitment"]
    brand_only = client.get(url, {"actor": said["brand"].pk}).context["charts"][0]
    assert brand_only.figure["data"][0]["y"] == ["Accusation", "Other"]


def test_a_statement_shows_its_stance_and_other_shows_none(client, said):
    html = client.get(reverse("enforcement:statement-list")).text
    assert ">Denial</a>" in html and ">Accusation</a>" in html
    assert 'class="badge stance stance-other"' not in html


def test_an_entity_page_lists_its_commitments(client, said):
    html = client.get(said["platform"].get_absolute_url()).text
    section = html[html.index('id="commitments-heading"') : html.index('id="figures-heading"')]
    assert "We will remove every fake listing within a day" in section
    assert "We pledge to work with brands" in section
    assert "We never sold fakes" not in section
    brand_page = client.get(said["brand"].get_absolute_url()).text
    assert "No commitments reported." in brand_page


def test_the_statement_list_with_a_stance_filter_runs_a_fixed_number_of_queries(
    client, said, django_assert_max_num_queries
):
    for i in range(40):
        Statement.objects.create(
            article=said["vow"].article,
            speaker_actor=said["platform"],
            text=f"We will do {i} things",
            quote=f"We will do {i} things",
            stance="commitment",
        )
    with django_assert_max_num_queries(11):
        response = client.get(reverse("enforcement:statement-list"), {"stance": "commitment"})
    assert response.context["paginator"].count == 42


def test_exports_carry_the_stance_and_the_measure(client, said):
    response = client.get(reverse("enforcement:statement-list"), {"format": "csv"})
    header = b"".join(response.streaming_content).decode().splitlines()[0].split(",")
    assert "stance" in header
    response = client.get(reverse("enforcement:statistic-list"), {"format": "csv"})
    assert "measure" in b"".join(response.streaming_content).decode().splitlines()[0]
