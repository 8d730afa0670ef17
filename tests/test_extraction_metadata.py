"""Stage 2 on strings: headline, dateline, outlet."""

from enforcement.extraction.dates import PartialDate
from enforcement.extraction.metadata import read_metadata


def test_iso_dateline_with_outlet_and_editor():
    text = "Ma vows deeper fight against fakes\n\n2015-02-11 15:28 Shanghai Daily Web Editor: Qin Dexing\n\nThere's still work to be done."
    meta = read_metadata(text)
    assert meta.title == "Ma vows deeper fight against fakes"
    assert meta.source == "Shanghai Daily"
    assert meta.published == PartialDate(2015, 2, 11)
    assert text[meta.body_start :].strip().startswith("There's still")


def test_published_label_and_byline_with_pipes():
    meta = read_metadata(
        "Customs seize fake belts\n\nPublished: 19 June 2015\n\nOfficers seized belts."
    )
    assert meta.published == PartialDate(2015, 6, 19)
    meta = read_metadata(
        "Police raid warehouses\n\nBy Maria Garcia | Reuters | March 3, 2016\n\nPolice said."
    )
    assert (meta.source, meta.published) == ("Reuters", PartialDate(2016, 3, 3))


def test_no_title_when_the_text_opens_with_a_sentence():
    meta = read_metadata(
        "Alibaba is at risk of being added to the list.\n\nA recent report said so."
    )
    assert meta.title is None and meta.published is None and meta.body_start == 0


def test_a_date_inside_the_story_is_not_a_dateline():
    meta = read_metadata("Raid in Yiwu\n\nOn 3 March 2016 police raided 12 shops, officials said.")
    assert meta.title == "Raid in Yiwu"
    assert meta.published is None


def test_wire_dateline_gives_the_outlet_and_is_cut_from_the_story():
    text = "Police shut fake shirt sites\n\nROME (AP) — Italy's Guardia di Finanza said Friday it shut 30 websites."
    meta = read_metadata(text)
    assert meta.source == "AP"
    assert text[meta.body_start :].startswith("Italy's Guardia di Finanza")


def test_press_release_date_and_a_dateline_glued_to_its_dash():
    text = (
        "CBP officers seize fake jewelry\n\nRelease Date: Thu, 08/04/2022\n\n"
        "LOUISVILLE, Ky.—U.S. Customs and Border Protection officers seized two shipments."
    )
    meta = read_metadata(text)
    assert meta.published == PartialDate(2022, 8, 4)
    assert text[meta.body_start :].startswith("U.S. Customs and Border Protection")


def test_a_hyphenated_phrase_at_the_start_is_not_a_dateline():
    text = "U.S.-China talks on fakes stalled.\n\nOfficials met twice."
    assert read_metadata(text).body_start == 0


def test_a_date_line_under_a_byline_is_the_publication_date():
    from enforcement.extraction.cleaning import clean

    text = clean(
        "Brands fight fakes\n\nBy Sarah Lee\nMarch 15, 2023\n\nLVMH said on Tuesday it sued."
    )
    meta = read_metadata(text)
    assert meta.published == PartialDate(2023, 3, 15)
    assert text[meta.body_start :].startswith("LVMH said")
