"""Stage 5 on strings: figures, normalised."""

from decimal import Decimal

import pytest

from enforcement.extraction.pipeline import extract_text


def figures(text):
    return [(s.value, s.unit, s.qualifier) for s in extract_text(text).statistics]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Alibaba said it had removed 380 million product listings.",
            [(Decimal(380_000_000), "listings", None)],
        ),
        (
            "Its marketplaces have some 1.5 billion product listings.",
            [(Decimal(1_500_000_000), "listings", "about")],
        ),
        ("The average fine was RMB10,000.", [(Decimal(10_000), "CNY", None)]),
        (
            "Goods worth less than 50,000 yuan escape prosecution.",
            [(Decimal(50_000), "CNY", "under")],
        ),
        ("The haul was valued at $7,200.", [(Decimal(7_200), "USD", None)]),
        ("China accounts for 87 per cent of fakes seized.", [(Decimal(87), "%", None)]),
        ("Prosecutions followed in just over 10% of cases.", [(Decimal(10), "%", "over")]),
        ("Officers seized 4,213 belts at the port.", [(Decimal(4_213), "belts", None)]),
        ("Police arrested twenty suspects in the raid.", [(Decimal(20), "suspects", None)]),
        ("He proposed a seven-day prison sentence for sellers.", [(Decimal(7), "days", None)]),
        ("For two years, the agency has worked with platforms.", [(Decimal(2), "years", None)]),
        ("Europol seized goods worth €2.5 million.", [(Decimal(2_500_000), "EUR", None)]),
    ],
)
def test_values_units_and_qualifiers(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2015 the agency published its findings.",
        "The raid happened at 15:28 on 3 March 2016.",
        "Two men, aged 34, were arrested five years ago.",
        "The two parties eventually came to an agreement.",
        "No one company can do it alone.",
    ],
)
def test_dates_times_ages_and_small_word_numbers_are_not_figures(text):
    assert figures(text) == []


def test_a_figure_keeps_its_clause_as_provenance():
    result = extract_text(
        "It removed 380 million listings and closed around 180,000 stores last year."
    )
    texts = {s.unit: s.span.text for s in result.statistics}
    assert texts["listings"] == "It removed 380 million listings"
    assert texts["stores"].startswith("closed around 180,000 stores")
    for statistic in result.statistics:
        assert result.text[statistic.span.start : statistic.span.end] == statistic.span.text


def test_ages_are_not_figures_even_when_hyphenated():
    assert figures("A 41-year-old man was charged after police seized 2,000 kits.") == [
        (Decimal(2_000), "kits", None)
    ]
