"""Where sources disagree: the rule on figures of our own, then on stored rows."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from enforcement.disagreements import (
    Figure,
    Period,
    agreements,
    disagreements,
    disagreements_among,
    figure_groups,
    find_disagreements,
    interval,
    places_named,
    same_scope,
)
from enforcement.models import Actor, Article, ReviewState, Statistic

MARCH_2017 = Period.of(datetime.date(2017, 3, 1), "month")
YEAR_2017 = Period.of(datetime.date(2017, 1, 1), "year")
YEAR_2013 = Period.of(datetime.date(2013, 1, 1), "year")


def figure(pk, value, qualifier=None, *, article=None, **changes) -> Figure:
    values = {
        "pk": pk,
        "article_id": pk if article is None else article,
        "measure": "prosecutions",
        "unit": "%",
        "value": Decimal(str(value)),
        "qualifier": qualifier,
        "period": MARCH_2017,
    }
    values.update(changes)
    return Figure(**values)


# Intervals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, second, meet",
    [
        ((10, "over"), (10, "under"), False),  # "just over 10%" and "fewer than 10 per cent"
        ((10, None), (10, "about"), True),  # "10 %" and "about 10 per cent"
        ((10, None), (10.4, None), True),  # 10 as rounded takes 10.4
        ((10, None), (12, None), False),
        ((10, "about"), (10.8, None), True),  # about 10 is 9 to 11
        ((10, "about"), (12, None), False),
        ((10, "over"), (40, None), True),
        ((10, "under"), (4, "about"), True),
        ((10, "exactly"), (10, None), True),
        ((10, "exactly"), (10.6, None), False),
    ],
)
def test_qualifiers_make_intervals_that_meet_or_not(first, second, meet):
    a = interval(Decimal(str(first[0])), first[1])
    b = interval(Decimal(str(second[0])), second[1])
    assert a.meets(b) is meet
    assert b.meets(a) is meet


def test_a_plain_figure_is_what_rounds_to_it():
    assert interval(Decimal(380_000_000), None).low == Decimal(375_000_000)
    assert interval(Decimal(10), None).low == Decimal("9.5")
    assert interval(Decimal("2.5"), None).high == Decimal("2.55")


# Scope -----------------------------------------------------------------------------------


def test_the_same_measure_subject_and_period_is_one_scope():
    assert same_scope(figure(1, 10, "over"), figure(2, 10, "under"))
    assert same_scope(figure(1, 10, period=MARCH_2017), figure(2, 8, period=YEAR_2017))


@pytest.mark.parametrize(
    "change",
    [
        {"measure": "convictions"},
        {"unit": "cases"},
        {"period": YEAR_2013},
        {"period": None},
        {"subject": "actor:2"},
        {"places": frozenset({"CN"})},
    ],
)
def test_a_different_scope_is_two_facts_not_a_disagreement(change):
    same = {"subject": "actor:1", "places": frozenset({"US"})}
    first = figure(1, 87, **same)
    second = figure(2, 63, **{**same, **change})
    assert not same_scope(first, second)
    assert find_disagreements([first, second]) == []


def test_a_subject_only_one_figure_names_is_not_a_difference():
    assert same_scope(figure(1, 10, subject="regulator:8"), figure(2, 12))


def test_the_places_a_figures_words_name_are_read_from_them():
    assert places_named("87 per cent of the fakes seized at US borders came from China") == {
        "US",
        "CN",
    }
    assert places_named("the platform removed 2 million listings") == frozenset()


def test_measures_of_other_say_nothing_to_disagree_with():
    first = figure(1, 20, measure="other", unit="countries")
    second = figure(2, 47, measure="other", unit="countries")
    assert find_disagreements([first, second]) == []


# Groups ----------------------------------------------------------------------------------


def test_figures_that_cannot_both_be_true_disagree_each_with_its_source():
    over, under = figure(1, 10, "over"), figure(2, 10, "under")
    (found,) = find_disagreements([over, under])
    assert found.measure == "prosecutions"
    assert [[f.pk for f in group.figures] for group in found.groups] in ([[2], [1]], [[1], [2]])
    assert found.figure_ids == {1, 2}


def test_figures_that_agree_are_one_group_with_their_sources():
    groups = figure_groups([figure(1, 10), figure(2, 10, "about"), figure(3, "10.2")])
    assert len(groups) == 1
    assert groups[0].article_ids == [1, 2, 3]
    assert find_disagreements([figure(1, 10), figure(2, 10, "about")]) == []


def test_two_values_in_one_article_are_two_facts():
    first, second = figure(1, 700, article=5), figure(2, 1300, article=5)
    assert len(figure_groups([first, second])) == 2
    assert find_disagreements([first, second]) == []


def test_a_third_source_joins_the_side_it_agrees_with():
    found = find_disagreements([figure(1, 10, "over"), figure(2, 10, "under"), figure(3, 12)])
    (disagreement,) = found
    sides = sorted(sorted(f.pk for f in group.figures) for group in disagreement.groups)
    assert sides == [[1, 3], [2]]


# On stored rows --------------------------------------------------------------------------


def _article(name, published=datetime.date(2017, 3, 1), precision="month"):
    return Article.objects.create(
        file_name=name,
        text=f"{name} text",
        content_hash=name * 8,
        published=published,
        published_precision=precision,
    )


def _statistic(article, value, qualifier="", measure="prosecutions", unit="%", **fields):
    return Statistic.objects.create(
        article=article,
        value=Decimal(str(value)),
        unit=unit,
        metric="share of leads prosecuted",
        measure=measure,
        qualifier=qualifier,
        quote=f"{value} per cent of leads",
        **fields,
    )


def _grouped_figure_by_figure(figures: list[Figure]) -> list[list[int]]:
    """The grouping as its rule states it, with nothing left out for speed: lowest value
    first, each figure joins the first group whose values all meet it and whose every
    figure is of its scope."""
    groups: list[list[Figure]] = []
    for new in sorted(
        figures, key=lambda f: (f.interval.low is not None, f.interval.low or 0, f.pk)
    ):
        home = next(
            (
                group
                for group in groups
                if all(new.interval.meets(other.interval) for other in group)
                and _common_meets(group, new)
                and all(same_scope(new, other) for other in group)
            ),
            None,
        )
        if home is None:
            groups.append(home := [])
        home.append(new)
    return [[f.pk for f in group] for group in groups]


def _common_meets(group: list[Figure], new: Figure) -> bool:
    common = group[0].interval
    for other in group[1:]:
        common = common.common(other.interval)
    return common.meets(new.interval)


def _random_figures(seed: int, count: int = 300) -> list[Figure]:
    """Figures crowded into few scopes: two measures, two years, a few days and months,
    subjects and places named or not, rounded and qualified values, thirty articles."""
    pick = random.Random(seed)
    figures = []
    for pk in range(1, count + 1):
        year = pick.choice([2015, 2016])
        precision = pick.choice(["day", "month", "year"])
        day = datetime.date(year, pick.choice([1, 2, 3]), pick.choice([1, 15]))
        figures.append(
            Figure(
                pk=pk,
                article_id=pick.randint(1, 30),
                measure=pick.choice(["seizures", "prosecutions"]),
                unit="items",
                value=Decimal(pick.choice(["8", "9", "10", "10.4", "11", "12", "40"])),
                qualifier=pick.choice([None, None, "about", "over", "under", "exactly"]),
                subject=pick.choice([None, None, "actor:1", "actor:2"]),
                period=Period.of(day, precision),
                places=pick.choice(
                    [frozenset(), frozenset(), frozenset({"US"}), frozenset({"CN"})]
                ),
            )
        )
    return figures


@pytest.mark.parametrize("seed", range(12))
def test_the_fast_grouping_makes_the_groups_the_rule_states_in_its_order(seed):
    figures = _random_figures(seed)
    groups = figure_groups(figures)
    assert [[f.pk for f in group.figures] for group in groups] == _grouped_figure_by_figure(figures)
    # ... and so the same disagreements: some, for the comparison to mean something.
    assert disagreements_among(groups)


def test_stored_figures_that_cannot_both_be_true_are_found(db):
    over = _statistic(_article("a.txt"), 10, "over")
    under = _statistic(_article("b.txt"), 10, "under")
    _statistic(_article("c.txt", datetime.date(2013, 1, 1), "year"), 40)  # another year

    (found,) = disagreements()
    assert found.figure_ids == {over.pk, under.pk}


def test_a_rejected_figure_disagrees_with_nobody(db):
    _statistic(_article("a.txt"), 10, "over")
    _statistic(_article("b.txt"), 10, "under", review_state=ReviewState.REJECTED)
    assert disagreements() == []


def test_a_figure_without_its_own_date_takes_its_articles(db):
    _statistic(_article("a.txt", datetime.date(2017, 3, 1)), 10, "over")
    _statistic(_article("b.txt", datetime.date(2016, 1, 1)), 10, "under")  # another month
    assert disagreements() == []
    _statistic(
        _article("c.txt", datetime.date(2016, 1, 1)),
        10,
        "under",
        date=datetime.date(2017, 3, 1),
        date_precision="month",
    )
    assert len(disagreements()) == 1


def test_different_subjects_are_different_scopes(db):
    one = Actor.objects.create(name="Shopee", kind="platform")
    two = Actor.objects.create(name="Lazada", kind="platform")
    _statistic(_article("a.txt"), 4000, measure="stores_closed", unit="stores", subject_actor=one)
    _statistic(_article("b.txt"), 9000, measure="stores_closed", unit="stores", subject_actor=two)
    assert disagreements() == []


def test_agreeing_stored_figures_are_one_figure_with_two_sources(db):
    first = _statistic(_article("a.txt"), 10)
    second = _statistic(_article("b.txt"), 10, "about")
    (group,) = agreements()
    assert {f.pk for f in group.figures} == {first.pk, second.pk}
    assert group.article_ids == sorted([first.article_id, second.article_id])


def test_reading_candidates_takes_two_queries(db, django_assert_num_queries):
    for name in "abcdef":
        _statistic(_article(f"{name}.txt"), 10, "over" if name < "d" else "under")
    with django_assert_num_queries(2):
        found = disagreements()
    assert len(found) == 1


def test_the_figure_list_names_the_other_sources_of_a_figure_told_alike(client, db):
    first = _statistic(_article("a.txt"), 10)
    first.article.title = "Trade Monitor: a tenth of leads"
    first.article.save()
    second = _statistic(_article("b.txt"), 10, "about")
    alone = _statistic(_article("c.txt", datetime.date(2013, 1, 1), "year"), 40)
    html = client.get(reverse("enforcement:statistic-list")).content.decode()

    def item(statistic):
        start = html.index(f'id="statistic-{statistic.pk}"')
        return html[start : html.index("</article>", start)]

    assert "Also given by" in item(second)
    assert first.article.get_absolute_url() in item(second)
    assert "Also given by" in item(first) and second.article.get_absolute_url() in item(first)
    assert "Also given by" not in item(alone)
