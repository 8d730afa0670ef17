"""Stage 8 on strings: what each figure measures, and how its unit reads.

Every sentence here is written for these tests; none comes from an article.
"""

from decimal import Decimal

import pytest

from enforcement.extraction.measures import MEASURES, format_figure, unit_class, unit_label
from enforcement.extraction.pipeline import extract_text


def measures(text):
    return {(float(s.value), s.measure) for s in extract_text(text).statistics}


@pytest.mark.parametrize(
    "text, value, measure",
    [
        ("Shopee removed 2 million fake listings last year.", 2e6, "listings_removed"),
        ("The platform deleted 36,000 product listings in May.", 36e3, "listings_removed"),
        ("Amazon closed 4,000 seller accounts over fakes.", 4e3, "stores_closed"),
        ("Regulators shut down 1,500 websites selling fake drugs.", 1500, "websites_shut"),
        ("The brand referred 900 leads to the police.", 900, "leads_referred"),
        ("The agency opened 420 investigations into fake toys.", 420, "investigations_opened"),
        ("Officers carried out 35 raids across the city.", 35, "raids"),
        ("Police arrested 12 suspects in the operation.", 12, "arrests"),
        ("The operation ended with 156 arrests in 20 countries.", 156, "arrests"),
        ("Prosecutors brought 80 prosecutions for selling fakes.", 80, "prosecutions"),
        ("The courts recorded 40 convictions for trademark crimes.", 40, "convictions"),
        ("Sentences were handed down in 33 cases.", 33, "prison_sentences"),
        ("The judge fined the shop owner £5,000 for selling fake perfume.", 5000, "fines"),
        ("The average fine was 8,000 yuan.", 8000, "fines"),
        ("A jury awarded Chanel $4 million in damages.", 4e6, "damages"),
        ("He must also pay $64,000 in restitution.", 64e3, "restitution"),
        ("Customs seized 3,000 fake watches at the port.", 3000, "goods_seized_count"),
        ("Officers seized fake goods worth $2 million at the airport.", 2e6, "goods_seized_value"),
        ("Police seized 80 tonnes of fake cigarettes.", 80, "goods_seized_weight"),
        (
            "China accounted for 80 per cent of the fake goods seized at the border.",
            80,
            "seizure_share_by_origin",
        ),
        ("Fake goods make up 3.3 per cent of world trade.", 3.3, "counterfeit_trade_share"),
        ("The office received 1,200 complaints about fake toys.", 1200, "complaints_received"),
    ],
)
def test_a_figure_gets_the_measure_its_words_say(text, value, measure):
    assert (value, measure) in measures(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Amazon operates in 20 countries.", 20),
        ("The site carries some 1.5 billion product listings.", 1.5e9),
    ],
)
def test_figures_that_measure_no_enforcement_are_other(text, value):
    assert (value, "other") in measures(text)


def test_cases_are_what_the_words_beside_them_make_them():
    assert (469.0, "prosecutions") in measures(
        "The leads resulted in the criminal prosecution of 469 cases."
    )
    assert (7746.0, "fines") in measures("In all, 7,746 cases were fined last year.")


def test_a_share_of_leads_that_led_to_prosecutions_is_a_prosecution_measure():
    found = measures("Fewer than 10 per cent of the leads led to a criminal prosecution.")
    assert found == {(10.0, "prosecutions")}


def test_goods_counted_in_a_seizure_story_are_goods_seized():
    text = (
        "Customs officers seized a container at the port on Monday. "
        "The container held 4,200 belts and 600 handbags valued at $1.2 million."
    )
    found = measures(text)
    assert (4200.0, "goods_seized_count") in found
    assert (1.2e6, "goods_seized_value") in found


def test_a_sum_valued_by_the_verbs_object_in_a_seizure_story_is_the_goods_value():
    text = (
        "Border officers seized 800 fake phones at the airport on Monday. "
        "Experts appraised the phones at $900,000 retail value."
    )
    assert (9e5, "goods_seized_value") in measures(text)


def test_a_sum_a_court_names_without_fine_or_restitution_is_damages():
    assert (8e4, "damages") in measures("On appeal, the court reduced the sum to $80,000.")


def test_the_same_count_outside_a_seizure_story_is_other():
    assert (4200.0, "other") in measures("The shop sold 4,200 belts in a year.")


def test_every_measure_has_a_label():
    assert all(MEASURES[key] for key in MEASURES)
    assert MEASURES["goods_seized_weight"] == "Goods seized (weight or volume)"


@pytest.mark.parametrize(
    "unit, kind, label",
    [
        ("USD", "currency", "US$"),
        ("GBP", "currency", "£"),
        ("HKD", "currency", "HK$"),
        ("KES", "currency", "KSh "),
        ("%", "percent", "%"),
        ("tonnes", "mass", "tonnes"),
        ("kgs", "mass", "kg"),
        ("litres", "volume", "litres"),
        ("liters", "volume", "litres"),
        ("items", "count", "items"),
        ("pieces", "count", "items"),
        ("months", "duration", "months"),
        ("listings", "count", "listings"),
    ],
)
def test_units_read_as_people_write_them(unit, kind, label):
    assert unit_class(unit) == kind
    assert unit_label(unit) == label


def test_a_figure_is_written_with_its_unit():
    assert format_figure(Decimal(3000000), "USD") == "US$3,000,000"
    assert format_figure(Decimal("87.0"), "%") == "87%"
    assert format_figure(Decimal(2500), "tons") == "2,500 tons"
    assert format_figure(Decimal(4213), "belts") == "4,213 belts"
