"""Dates at the precision their words carry, resolved against publication."""

import datetime

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


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("officers searched warehouses between March 3 and 8", PartialDate(2021, 3, 20), "2021-03"),
        ("two lorries were stopped on April 4 and 11", PartialDate(2021, 4, 30), "2021-04"),
        ("checks ran from 12 to 14 October 2019", None, "2019-10"),
        ("the week of action, 5-11 July", PartialDate(2018, 7, 20), "2018-07"),
        ("from February to May this year", PartialDate(2021, 6, 1), "2021"),
        ("the campaign ran between November 28 and January 9", PartialDate(2022, 1, 20), None),
        ("seized between September 2019 and March 2020", None, None),
        ("cases registered between 2016 and 2018", None, None),
    ],
)
def test_a_stretch_of_days_gives_what_all_its_days_share(text, published, expected):
    [(_, date)] = dates_in(text, published)
    assert date == expected


def test_the_days_of_a_stretch_are_kept_with_the_date_they_give():
    [mention] = find_dates("between March 3 and 8", PartialDate(2021, 3, 20))
    assert mention.window == (datetime.date(2021, 3, 3), datetime.date(2021, 3, 8))


@pytest.mark.parametrize(
    "published, expected",
    [
        (PartialDate(2021, 3, 10), "2021-03"),  # 1 to 7 March
        (PartialDate(2021, 3, 3), "2021-02"),  # 22 to 28 February
        (PartialDate(2021, 4, 6), "2021"),  # 29 March to 4 April
        (PartialDate(2021, 1, 5), None),  # 28 December to 3 January
    ],
)
def test_last_week_is_the_month_only_when_the_whole_week_lies_in_it(published, expected):
    assert dates_in("Border officers last week stopped a van", published) == [
        ("last week", expected)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("earlier this week", "2015-02"),
        ("over the past few days", "2015-02"),
        ("in recent weeks", "2015"),
        ("in recent months", None),  # back into 2014
        ("since January", "2015"),
        ("since 2012", None),
    ],
)
def test_windows_up_to_the_paper_resolve_at_what_they_share(text, expected):
    assert [date for _, date in dates_in(text)] == [expected]


@pytest.mark.parametrize("text", ["last week", "earlier this week", "since March", "June 9-16"])
def test_windows_need_the_paper_to_be_dated(text):
    assert [date for _, date in dates_in(text, published=None)] == [None]


def test_a_span_of_years_is_no_single_year_but_a_list_for_a_year_is_that_year():
    assert dates_in("seizures over 2017-19 rose") == [("2017-19", None)]
    assert dates_in("the watch list for 2019 names") == [("for 2019", "2019")]
    assert dates_in("in 2015-06") == [("in 2015", "2015")]  # not a span: a month written oddly


def test_ages_and_amounts_between_two_numbers_are_not_dates():
    assert dates_in("two men aged between 30 and 45") == []
    assert dates_in("fines from 2,000 to 5,000 euros") == []


def test_a_weekday_before_a_date_only_decorates_it():
    published = PartialDate(2023, 4, 13)
    assert dates_in("On Wednesday 12 April, a trader was fined", published) == [
        ("On Wednesday 12 April", "2023-04-12")
    ]
    assert dates_in("on Tuesday, May 4, 2021 officers", published) == [
        ("on Tuesday, May 4, 2021", "2021-05-04")
    ]


def test_a_weekday_inside_a_name_is_no_date():
    assert dates_in("a stall at the Leeds Sunday Market") == []
    assert dates_in("told the Sunday Herald") == []
    assert dates_in("Police said on Sunday") == [("on Sunday", "2015-02-08")]


def test_during_two_times_is_the_stretch_between_them():
    assert dates_in("During March 2021 and May 2022, officers visited the shop") == [
        ("During March 2021 and May 2022", None)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("police said last night", "2015-02-10"),
        ("officers said this morning", "2015-02-11"),
        ("raids over the weekend", "2015-02"),  # 7 and 8 February
        ("seizures rose in fiscal 2014", "2014"),
    ],
)
def test_more_ways_news_places_a_day(text, expected):
    assert [date for _, date in dates_in(text)] == [expected]


def _texts_with_dates():
    """Every shipped and development article, and each test text of this module."""
    from pathlib import Path

    root = Path(__file__).resolve().parent
    folders = [root.parent / "articles", root / "fixtures" / "dev" / "articles"]
    texts = [
        path.read_text(encoding="utf-8") for folder in folders for path in folder.glob("*.txt")
    ]
    source = Path(__file__).read_text(encoding="utf-8")
    return [*texts, source, source.upper()]


def test_no_pattern_matches_a_text_without_the_words_it_needs():
    from enforcement.extraction import dates

    checked = set()
    for text in _texts_with_dates():
        months = [m.span() for m in dates._MONTH_WORD.finditer(text)]
        for pattern, kind, needs in dates._COMPILED:
            for match in pattern.finditer(text):
                for need in needs:
                    if need is dates._MONTH_WORD:  # a month name between non-word characters
                        start, end = match.span()
                        assert any(start <= a and b <= end for a, b in months), match.group(0)
                    else:
                        words = dates._folded(match.group(0))
                        assert any(word in words for word in need), (kind, match.group(0))
                checked.add(kind)
    assert checked >= {"range", "absolute_day", "month_day", "bare_month", "interval", "weekday"}


def test_the_folded_text_spells_every_letter_a_case_blind_pattern_reads_as_ascii():
    """ "İ", "ı" and "ſ" match "i" and "s" under re.IGNORECASE; the folding must agree, or a
    pattern would be skipped for a word it would have found."""
    import re

    from enforcement.extraction.dates import _folded

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for match in re.finditer(letter, every, re.IGNORECASE):
            assert _folded(match.group(0)) == letter, hex(ord(match.group(0)))
    assert _folded("EARLİER DAYS ago, ſince") == "earlier days ago, since"
