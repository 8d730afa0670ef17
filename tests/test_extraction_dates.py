"""Dates at the precision their words carry, resolved against publication."""

import pytest

from enforcement.extraction.dates import PartialDate, find_dates, format_partial_date

PUBLISHED = PartialDate(2015, 2, 11)  # a Wednesday


def dates_in(text, published=PUBLISHED):
    return [(m.text, m.date.isoformat() if m.date else None) for m in find_dates(text, published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In Jan. 2015, the SAIC released a white paper", [("Jan. 2015", "2015-01")]),
        ("the scheme was introduced in 2015.", [("in 2015", "2015")]),
        (
            "on 9 February 2015 and on March 3, 2016",
            [("9 February 2015", "2015-02-09"), ("March 3, 2016", "2016-03-03")],
        ),
        ("Ma said at the meeting on Monday", [("on Monday", "2015-02-09")]),
        ("a statement released yesterday", [("yesterday", "2015-02-10")]),
        ("at the end of last month", [("at the end of last month", "2015-01")]),
        ("was put on the list last year", [("last year", "2014")]),
        ("Back in July, Alibaba launched", [("Back in July", "2014-07")]),
        ("less than two weeks after they met", [("less than two weeks after", "2015")]),
    ],
)
def test_resolves_at_the_precision_of_the_words(text, expected):
    assert dates_in(text) == expected


@pytest.mark.parametrize(
    "text", ["on Monday", "last year", "Back in July", "yesterday", "the same month"]
)
def test_relative_words_stay_unknown_without_a_publication_date(text):
    assert [date for _, date in dates_in(text, published=None)] == [None]


def test_durations_and_verbs_are_not_dates():
    assert dates_in("For two years the agency has worked with platforms") == []
    assert dates_in("this may help brands") == []


def test_partial_dates_parse_and_display_at_their_precision():
    assert PartialDate.parse("2015-01") == PartialDate(2015, 1)
    assert PartialDate(2015, 1).display() == "Jan 2015"
    assert PartialDate(2015).display() == "2015"
    assert PartialDate(2015, 2, 9).display() == "9 Feb 2015"
    assert format_partial_date(None, None) == "Undated"
    with pytest.raises(ValueError):
        PartialDate.parse("Feb 2015")
    with pytest.raises(ValueError):
        PartialDate(2015, 2, 30)


def test_one_month_table_serves_datelines_and_running_text():
    from enforcement.extraction import cleaning, dates, metadata

    assert metadata.find_date is dates.find_date is cleaning.find_date
    assert dates.MONTHS["sept"] == dates.MONTHS["september"] == 9
    found = dates.find_date("Posted Sept. 9, 2015 by Jane Doe")
    assert found is not None and found[0] == PartialDate(2015, 9, 9)
    [mention] = find_dates("It began in Sept. 2015.", None)
    assert mention.date == PartialDate(2015, 9)


def test_a_lower_case_may_is_not_a_month():
    assert find_dates("This may help in 2015.", None)[0].text == "in 2015"
