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
        "The men, aged 34, were arrested five years ago.",
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


# Number forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Inspectors seized 30 000 bottles of fake vodka.", (Decimal(30_000), "bottles")),
        ("Agents found 1,00,000 fake labels in the godown.", (Decimal(100_000), "labels")),
        ("Police seized fake cement worth Rs 2.5 crore.", (Decimal(25_000_000), "INR")),
        ("Officers recovered 3 lakh fake stickers.", (Decimal(300_000), "stickers")),
        ("The fine came to KES 1.2 million.", (Decimal(1_200_000), "KES")),
        ("Police seized fake bags worth P5 million.", (Decimal(5_000_000), "PHP")),
        ("Officers seized goods worth Sh2.4 million.", (Decimal(2_400_000), "KES")),
        ("Customs valued the haul at PKR 40 million.", (Decimal(40_000_000), "PKR")),
        ("The court awarded the brand 15,000 reais.", (Decimal(15_000), "BRL")),
        ("Losses reached EUR 12 million last year.", (Decimal(12_000_000), "EUR")),
        ("The raid netted goods worth £1.2m.", (Decimal(1_200_000), "GBP")),
        ("Fake spirits cost the industry €3bn a year.", (Decimal(3_000_000_000), "EUR")),
        ("The trade is worth half a trillion dollars.", (Decimal(500_000_000_000), "USD")),
        ("Police seized twenty-five pallets of fake toys.", (Decimal(25), "pallets")),
        ("Brazil accounted for eight per cent of the seizures.", (Decimal(8), "%")),
        ("The items were worth a quarter-million dollars.", (Decimal(250_000), "USD")),
        ("The trade is put at 2 lakh crore rupees a year.", (Decimal(2 * 10**12), "INR")),
        ("Agents seized 650 thousand liras in cash.", (Decimal(650_000), "TRY")),
        ("Officers seized a million fake cigarettes.", (Decimal(1_000_000), "cigarettes")),
        ("Police seized 2.5m fake cigarettes.", (Decimal(2_500_000), "cigarettes")),
        ("The losses came to Rs 50 cr last year.", (Decimal(500_000_000), "INR")),
        ("The trade costs $4.5 bln a year.", (Decimal(4_500_000_000), "USD")),
        ("Customs seized goods worth Dh250,000.", (Decimal(250_000), "AED")),
        ("Inspectors found three semi-automatic machines.", (Decimal(3), "machines")),
    ],
)
def test_numbers_in_every_written_form(text, expected):
    assert [(value, unit) for value, unit, _ in figures(text)] == [expected]


def test_a_share_glued_to_the_word_before_it_by_a_bad_copy_is_read():
    found = figures("Vietnam accounted for23.5 per centof the parcels,and Peru for4 per centeach.")
    assert [(value, unit) for value, unit, _ in found] == [
        (Decimal("23.5"), "%"),
        (Decimal(4), "%"),
    ]


def test_a_count_glued_to_a_word_is_not_read():
    assert figures("The clinic reported covid19 cases among the staff.") == []


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Officers seized nearly 900 fake airbags.", "under"),
        ("Inspectors checked almost 4,000 parcels.", "under"),
        ("As many as 60 stalls were raided.", "under"),
        ("Police seized some 700 fake jerseys.", "about"),
    ],
)
def test_a_figure_that_falls_short_of_its_number_is_under_it(text, qualifier):
    assert [q for _, _, q in figures(text)] == [qualifier]


# Inventories ----------------------------------------------------------------------------------


def test_each_count_of_an_inventory_keeps_its_own_noun_past_the_brands_in_quotes():
    text = (
        "Officers found three 'Prada' wallets; a 'Hublot' watch; eleven 'Nike' caps and one "
        "scarf; 40 'Ray-Ban' sunglasses, one bracelet and two 'Moncler' coats."
    )
    assert [(value, unit) for value, unit, _ in figures(text)] == [
        (Decimal(3), "wallets"),
        (Decimal(11), "caps"),
        (Decimal(1), "scarf"),
        (Decimal(40), "sunglasses"),
        (Decimal(1), "bracelet"),
        (Decimal(2), "coats"),
    ]


def test_each_item_of_a_listed_haul_keeps_its_own_words_as_provenance():
    result = extract_text(
        "Border officers seized 300 'Nike' trainers, 45 'Omega' watches and nine leather belts."
    )
    texts = {s.unit: s.span.text for s in result.statistics}
    assert texts["trainers"] == "Border officers seized 300 'Nike' trainers"
    assert texts["watches"] == "45 'Omega' watches"
    assert texts["belts"] == "nine leather belts"


def test_a_count_reads_past_brand_names_and_nationalities_to_its_noun():
    text = "Agents seized 250 Ralph Lauren polo shirts and detained 12 Vietnamese nationals."
    assert [(value, unit) for value, unit, _ in figures(text)] == [
        (Decimal(250), "shirts"),
        (Decimal(12), "nationals"),
    ]


def test_pairs_count_the_thing_they_pair():
    assert [unit for _, unit, _ in figures("Police seized 64 pairs of trainers.")] == [
        "pairs of trainers"
    ]


def test_units_are_spelled_as_the_keys_spell_them():
    assert [unit for _, unit, _ in figures("Officers recovered 800 kgs of fake tea.")] == ["kg"]


def test_pounds_that_weigh_are_a_weight_and_pounds_paid_are_sterling():
    assert [u for _, u, _ in figures("Agents opened a crate weighing 90 pounds.")] == ["lb"]
    assert [u for _, u, _ in figures("Police found 300 pounds of fake tobacco.")] == ["lb"]
    assert [u for _, u, _ in figures("The seller was fined 2,000 pounds.")] == ["GBP"]


def test_a_measure_glued_to_its_number_is_its_unit_only_before_of():
    assert figures("Officers seized 12kg of fake saffron.") == [(Decimal(12), "kg", None)]
    assert figures("Inspectors found more than 600 such 10ml bottles.") == [
        (Decimal(600), "bottles", "over")
    ]


def test_words_that_describe_the_counted_noun_are_read_past():
    text = "Inspectors seized 70,000 fake and unsafe chargers and 900 counterfeit designer watches."
    assert [(value, unit) for value, unit, _ in figures(text)] == [
        (Decimal(70_000), "chargers"),
        (Decimal(900), "watches"),
    ]


# Not figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "For two years, the agency has worked with platforms.",
        "The ministry ran a four-week campaign against fake toys.",
        "She was jailed for nine months for selling fake perfume.",
        "He was ordered to do 200 hours of community service.",
        "The task force spent 18 months on the case.",
        "The bureau adopted a two-pronged approach to online fakes.",
    ],
)
def test_durations_and_hyphenated_descriptions_are_not_figures(text):
    assert figures(text) == []


def test_a_sentence_under_if_is_not_a_figure():
    assert figures("If regulators fined sellers $10,000, the trade would stop.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The brand worked with 3M Company on the case.",
        "Sales of masks rose during the COVID-19 pandemic.",
        "The investigators took one two private cameras.",
        "The other three shops were closed on Monday.",
        "One trader said the goods came from abroad.",
        "It is one of the largest markets for fakes.",
        "One in ten medicines sold online is fake.",
        "Nine out of 10 shoppers could not tell the difference.",
    ],
)
def test_names_garbled_numbers_and_words_that_point_back_are_not_figures(text):
    assert figures(text) == []


def test_small_numbers_written_as_words_count_people_and_things():
    text = "Three women were charged after officers found nine sewing machines."
    assert [(value, unit) for value, unit, _ in figures(text)] == [
        (Decimal(3), "women"),
        (Decimal(9), "machines"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Shares of the retailer fell 8 percent in Hong Kong trading.",
        "The platform raised $900 million in its stock market debut.",
        "Investors valued the marketplace at $12 billion.",
        "The app has 80 million monthly users.",
        "Quarterly net profit rose to $3.4 billion, ahead of the $3.1 billion analysts expected.",
    ],
)
def test_capital_market_figures_are_not_figures_about_fakes(text):
    assert figures(text) == []


def test_the_whole_a_share_is_taken_of_is_not_a_figure():
    found = figures("Fakes made up 3 per cent of global trade of $20 trillion.")
    assert [(value, unit) for value, unit, _ in found] == [(Decimal(3), "%")]


def test_goods_valued_at_a_sum_are_still_a_figure():
    assert figures("Customs valued the seized handbags at $45,000.") == [
        (Decimal(45_000), "USD", None)
    ]
