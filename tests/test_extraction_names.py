"""One name normaliser for the extraction and the database."""

import pytest

from enforcement import models
from enforcement.extraction import names, references
from enforcement.extraction.entities import gazetteer


def test_the_models_and_the_extraction_share_one_normaliser():
    assert models.normalize_name is names.normalize_name
    assert references.normalize_name is names.normalize_name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Alibaba's", "Alibabas"),  # the two used to disagree: "alibaba s" and "alibabas"
        ("Macy’s", "Macys"),
        ("Hermès", "HERMES"),
        ("The U.S. Customs", "u s customs"),
        ("  Jack   Ma ", "jack ma"),
    ],
)
def test_spellings_of_one_name_have_one_normal_form(first, second):
    assert names.normalize_name(first) == names.normalize_name(second)


def test_a_possessive_keeps_its_s_so_it_matches_the_name_written_without_an_apostrophe():
    assert names.normalize_name("Alibaba's Taobao") == "alibabas taobao"


def test_different_names_stay_different():
    assert names.normalize_name("Customs") != names.normalize_name("Custom")
    assert names.normalize_name("the Hague Court") == "hague court"
    assert names.normalize_name("Theodore Ltd") == "theodore ltd"


def test_the_gazetteer_is_keyed_by_the_same_normal_form():
    gaz = gazetteer()
    assert gaz.by_key[names.normalize_name("the SAIC")] == gaz.by_key["saic"]
